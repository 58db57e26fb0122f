package ai.kuraos.infra.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.fail;

/**
 * The PostgreSQL 15 server binary installed on this machine (`.ci/run` installs it), used as the authority on
 * parameters: its catalogue, and its own validation of values. No database is started.
 */
public final class LocalPostgres {

    private static final Path BINARY = Path.of(System.getenv().getOrDefault(
            "KURA_POSTGRES15_BIN", "/usr/lib/postgresql/15/bin/postgres"));

    public record Result(int exitCode, String output) {
    }

    private LocalPostgres() {
    }

    /** {@code postgres --describe-config}: one tab-separated line per parameter. */
    public static List<String> describeConfig() {
        var result = run(List.of(BINARY.toString(), "--describe-config"));
        if (result.exitCode() != 0) {
            fail("postgres --describe-config failed: %s", result.output());
        }
        return result.output().lines().toList();
    }

    /**
     * Asks the server to parse {@code name=value} settings as it would at start-up ({@code postgres -C}): it exits
     * non-zero with the reason when a name is unknown or a value invalid for its type, range or enum.
     */
    public static Result validate(List<String> settings, Path scratch) throws IOException {
        var configDirectory = Files.createDirectories(scratch.resolve("pgconf"));
        Files.setPosixFilePermissions(configDirectory, PosixFilePermissions.fromString("rwxr-xr-x"));
        var configFile = Files.writeString(configDirectory.resolve("postgresql.conf"), "");
        Files.setPosixFilePermissions(configFile, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(scratch, PosixFilePermissions.fromString("rwxr-xr-x"));
        var command = new ArrayList<>(List.of(BINARY.toString(), "-D", configDirectory.toString(), "-C", "server_version"));
        settings.forEach(setting -> command.addAll(List.of("-c", setting)));
        return run(command);
    }

    private static Result run(List<String> command) {
        if (!Files.isExecutable(BINARY)) {
            fail("PostgreSQL 15 is not installed at %s: .ci/run installs it (apt-get install postgresql-15),"
                    + " or set KURA_POSTGRES15_BIN", BINARY);
        }
        var full = new ArrayList<String>();
        // PostgreSQL refuses to run as root; CI machines run as root.
        if ("root".equals(System.getProperty("user.name"))) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        try {
            var process = new ProcessBuilder(full).directory(Path.of("/tmp").toFile()).redirectErrorStream(true).start();
            var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("postgres did not answer within 60 s: %s", command);
            }
            return new Result(process.exitValue(), output);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("cannot run " + full, e);
        }
    }
}
