package ai.kuraos.infra.rollout;

import java.util.List;
import java.util.Map;

/**
 * The JVM settings for this program's runs, which are short: a plan takes seconds, and under the Pulumi CLI the program
 * declares its resources and then mostly waits on the engine. The optimising JIT compiler (C2) would spend more CPU
 * compiling the SDKs' code than it saves, so only C1 compiles; the serial collector suits a small, short-lived heap.
 * {@code ./kura-infra}, the test JVMs (pom.xml {@code test.jvm.options}) and the workflows use the same list;
 * bench/plan-wall-time.sh and bench/test-wall-time.sh measure what it gains.
 */
public final class ShortRunJvm {

    public static final List<String> FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    /**
     * Read by the {@code java} launcher only (not by javac or other JDK tools, unlike JAVA_TOOL_OPTIONS), which is what
     * the Pulumi Java language host starts: {@code java -jar target/kura-infra.jar} with the CLI's environment
     * (pulumi-java, pkg/cmd/pulumi-language-java: executor_jar.go and constructEnv in main.go).
     */
    public static final String OPTIONS_VARIABLE = "JDK_JAVA_OPTIONS";

    public static final String OPTIONS = String.join(" ", FLAGS);

    private ShortRunJvm() {
    }

    /**
     * The variables to add to the environment of a Pulumi CLI that this process starts (the Automation API), so that
     * the program it runs starts with {@link #FLAGS}; nothing when the environment already sets the options, since
     * whoever set them chose.
     */
    public static Map<String, String> forPulumiCli(Map<String, String> environment) {
        return environment.containsKey(OPTIONS_VARIABLE) ? Map.of() : Map.of(OPTIONS_VARIABLE, OPTIONS);
    }
}
