package ai.kuraos.infra.cli;

import ai.kuraos.infra.testing.StackFileEdits;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A branch's change of one stack file: a key set as {@code pulumi config set --path} sets it (whether or not the file
 * states it yet), then the stack planned again.
 */
final class StackFileChange {

    private StackFileChange() {
    }

    static void apply(Path project, String stack, String path, Object value) throws IOException {
        StackFileEdits.set(project.resolve("Pulumi." + stack + ".yaml"), path, value);
        var plan = CliRun.in(project, Map.of(), "plan", "--stack", stack);
        assertThat(plan.exitCode()).as(plan.err()).isZero();
    }
}
