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
 * A PostgreSQL 15 server binary (Maven's, see {@link MavenEngines}; KURA_POSTGRES15_BIN names another), used as the
 * authority on parameters: its catalogue, and its own validation of values. No database is started.
 */
public final class LocalPostgres {

    private static final String BINARY_OVERRIDE = "KURA_POSTGRES15_BIN";
    private static Path binary;

    public record Result(int exitCode, String output) {
    }

    private LocalPostgres() {
    }

    /** {@code postgres --describe-config}: one tab-separated line per parameter. */
    public static List<String> describeConfig() {
        var result = run(List.of(binary().toString(), "--describe-config"));
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
        var command = new ArrayList<>(List.of(binary().toString(), "-D", configDirectory.toString(), "-C", "server_version"));
        settings.forEach(setting -> command.addAll(List.of("-c", setting)));
        return run(command);
    }

    private static synchronized Path binary() {
        if (binary == null) {
            var override = System.getenv(BINARY_OVERRIDE);
            binary = override == null ? MavenEngines.postgres15() : Path.of(override);
        }
        return binary;
    }

    private static Result run(List<String> command) {
        if (!Files.isExecutable(binary())) {
            fail("no PostgreSQL 15 server at %s (%s)", binary(), BINARY_OVERRIDE);
        }
        var full = new ArrayList<String>();
        // PostgreSQL refuses to run as root, and CI machines run as root: there it runs as nobody, which every
        // Debian and Ubuntu machine has (a "postgres" user exists only where a PostgreSQL package was installed).
        if ("root".equals(System.getProperty("user.name"))) {
            full.addAll(List.of("runuser", "-u", "nobody", "--"));
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
