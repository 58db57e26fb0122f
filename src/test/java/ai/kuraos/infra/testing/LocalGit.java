package ai.kuraos.infra.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The git CLI in a test's own repository, with a fixed identity and no signing, whatever the machine's git says. */
public final class LocalGit {

    private LocalGit() {
    }

    public static void run(Path directory, String... arguments) {
        var command = new ArrayList<>(List.of("git", "-c", "user.name=Plan Test", "-c", "user.email=plan@test.invalid",
                "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"));
        command.addAll(List.of(arguments));
        try {
            var process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
            var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor()).as("%s: %s", command, output).isZero();
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + command, e);
        }
    }

    /** Commits everything in the work tree. */
    public static void commitAll(Path repository, String message) {
        run(repository, "add", "--all");
        run(repository, "commit", "--quiet", "--message", message);
    }
}
