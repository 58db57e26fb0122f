package ai.kuraos.infra.cli;

import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** The {@code --project-dir} option of every command that reads the repository's Pulumi project. */
final class ProjectDirOption {

    @Option(names = "--project-dir", paramLabel = "DIR", defaultValue = ".",
            description = "The Pulumi project directory (default: the current one).")
    Path projectDir;

    /** Whether the directory holds a Pulumi project; says why not when it does not. */
    boolean isProject(PrintWriter err) {
        if (Files.isRegularFile(projectDir.resolve("Pulumi.yaml"))) {
            return true;
        }
        err.println("error: " + projectDir.toAbsolutePath().normalize() + " is not a Pulumi project (no Pulumi.yaml);"
                + " run from the repository root or pass --project-dir");
        return false;
    }
}
