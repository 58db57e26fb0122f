package ai.kuraos.infra.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A branch's change of one stack file: a piece of its text replaced, then the stack planned again. */
final class StackFileChange {

    private StackFileChange() {
    }

    static void apply(Path project, String stack, String from, String to) throws IOException {
        var file = project.resolve("Pulumi." + stack + ".yaml");
        var text = Files.readString(file);
        assertThat(text).contains(from);
        Files.writeString(file, text.replace(from, to));
        var plan = CliRun.in(project, Map.of(), "plan", "--stack", stack);
        assertThat(plan.exitCode()).as(plan.err()).isZero();
    }
}
