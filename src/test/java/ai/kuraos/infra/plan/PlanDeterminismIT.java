package ai.kuraos.infra.plan;

import ai.kuraos.infra.testing.SynthesizedStack;
import ai.kuraos.infra.testing.TestJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plan is the same bytes in every JVM. Each JVM salts the iteration order of the JDK's immutable maps and sets
 * differently, so an order leaking into a plan shows up only across processes, never within one.
 */
class PlanDeterminismIT {

    private static final Path JAR = SynthesizedStack.PROJECT_ROOT.resolve("target/kura-infra.jar");

    @TempDir
    Path project;

    private String plan(String... args) throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(TestJvm.options());
        command.addAll(List.of("-jar", JAR.toString(), "plan", "--project-dir", project.toString()));
        command.addAll(List.of(args));
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("plan %s:%n%s", List.of(args), output).isZero();
        return output;
    }

    @Test
    void everyFreshJvmRendersTheSameBytes() throws Exception {
        SynthesizedStack.copyProjectTo(project);
        plan("--all");

        for (int run = 0; run < 3; run++) {
            assertThat(plan("--all", "--check")).contains("up to date: ").contains("bootstrap/stacks/ops");
        }
    }
}
