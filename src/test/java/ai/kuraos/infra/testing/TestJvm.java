package ai.kuraos.infra.testing;

import java.util.List;

/**
 * The options of the test JVMs (pom.xml {@code test.jvm.options}, the short-run settings), for the JVMs the tests
 * fork, which are short runs too. {@code -Dtest.jvm.options=} runs every one of them with the JVM's defaults
 * (bench/test-wall-time.sh measures the difference).
 */
public final class TestJvm {

    private TestJvm() {
    }

    public static List<String> options() {
        var options = System.getProperty("kura.test.jvm.options", "").trim();
        return options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
    }
}
