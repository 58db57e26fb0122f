package ai.kuraos.infra.cli;

import ai.kuraos.infra.StackSettings;
import ai.kuraos.infra.config.InvalidConfigException;
import ai.kuraos.infra.config.Suggestions;
import ai.kuraos.infra.plan.ProjectLayout;
import ai.kuraos.infra.plan.StackPlanner;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The {@code --stack} and {@code --project-dir} options of the commands that act on one stack. */
final class StackOptions {

    @Option(names = "--stack", required = true, paramLabel = "NAME", description = "The stack (dev, staging, prod, ...).")
    String stack;

    @Option(names = "--project-dir", paramLabel = "DIR", defaultValue = ".",
            description = "The Pulumi project directory (default: the current one).")
    Path projectDir;

    ProjectLayout layout() {
        return new ProjectLayout(projectDir);
    }

    /** The stack's validated settings, or empty after printing why there are none. */
    Optional<StackSettings> settings(PrintWriter err) {
        var layout = layout();
        if (!Files.isRegularFile(projectDir.resolve("Pulumi.yaml"))) {
            err.println("error: " + projectDir.toAbsolutePath().normalize() + " is not a Pulumi project (no Pulumi.yaml)");
            return Optional.empty();
        }
        var stacks = layout.stacks();
        if (!stacks.contains(stack)) {
            var hint = Suggestions.closest(stack, stacks).map(match -> " Did you mean '" + match + "'?").orElse("");
            err.println("error: unknown stack '" + stack + "'." + hint + " Stacks in this project: " + String.join(", ", stacks));
            return Optional.empty();
        }
        try {
            return Optional.of(StackPlanner.settings(layout, stack));
        } catch (InvalidConfigException invalid) {
            err.println("error: " + invalid.getMessage());
            return Optional.empty();
        }
    }
}
