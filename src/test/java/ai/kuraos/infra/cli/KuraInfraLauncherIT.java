package ai.kuraos.infra.cli;

import ai.kuraos.infra.testing.SynthesizedStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./kura-infra}, the README's way to run the command line: the same bytes on stdout as
 * {@code java -jar target/kura-infra.jar}, with or without a usable class-data archive. It runs in a copy of the
 * repository root whose target/ links to the real build, so that the archive it keeps is this test's own.
 */
class KuraInfraLauncherIT {

    private static final Path ROOT = SynthesizedStack.PROJECT_ROOT;

    @TempDir
    static Path sandbox;

    private static Path archive;
    private static Run reference;
    private static Run help;
    private static Run first;

    record Run(int exitCode, String stdout, String stderr) {
    }

    @BeforeAll
    static void buildTheSandbox() throws Exception {
        Files.copy(ROOT.resolve("kura-infra"), sandbox.resolve("kura-infra"), StandardCopyOption.COPY_ATTRIBUTES);
        var target = Files.createDirectories(sandbox.resolve("target"));
        Files.createSymbolicLink(target.resolve("kura-infra-thin.jar"), ROOT.resolve("target/kura-infra-thin.jar"));
        var lib = Files.createDirectories(target.resolve("lib"));
        try (Stream<Path> files = Files.list(ROOT.resolve("target/lib"))) {
            for (var file : files.toList()) {
                Files.createSymbolicLink(lib.resolve(file.getFileName()), file);
            }
        }
        archive = target.resolve("cds/dependencies.jsa");
        reference = run(jar(planArguments()), Map.of());
        // The first run has no archive: it runs without one, then trains and builds one (the sandbox has no stacks,
        // so its training run is short).
        help = run(jar("--help"), Map.of());
        first = run(launcher("--help"), Map.of());
    }

    @Test
    void printsTheSameBytesAsTheJarWithoutAnArchiveAndKeepsOneForTheNextRuns() {
        assertThat(first.exitCode()).as(first.stderr()).isZero();
        assertThat(first.stdout()).contains("Usage: kura-infra").isEqualTo(help.stdout());
        assertThat(first.stderr()).contains("building the class-data archive");
        assertThat(archive).isRegularFile();
    }

    @Test
    void printsTheSameBytesAsTheJarWithTheArchive() throws Exception {
        assertThat(archive).as("built by the first run").isRegularFile();

        // -Xshare:on turns a refused archive into a failed start: this run maps it.
        var run = run(launcher(planArguments()), Map.of("JDK_JAVA_OPTIONS", "-Xshare:on"));

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).contains("dev: ").isEqualTo(reference.stdout());
    }

    @Test
    void printsTheSameBytesWhenTheJvmRefusesTheArchive() throws Exception {
        assertThat(archive).as("built by the first run").isRegularFile();
        var built = Files.readAllBytes(archive);
        var refused = built.clone();
        refused[0] ^= 0x55;
        Files.delete(archive);
        Files.write(archive, refused);

        Run run;
        try {
            run = run(launcher(planArguments()), Map.of());
        } finally {
            Files.delete(archive);
            Files.write(archive, built);
        }

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).isEqualTo(reference.stdout());
    }

    @Test
    void saysSoWhenASourceIsNewerThanTheJar() throws Exception {
        var source = Files.createDirectories(sandbox.resolve("src/main/java")).resolve("Edited.java");
        Files.writeString(source, "final class Edited {}\n");
        Files.setLastModifiedTime(source, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 60_000));

        Run run;
        try {
            run = run(launcher("--help"), Map.of());
        } finally {
            Files.delete(source);
        }

        assertThat(run.exitCode()).isZero();
        assertThat(run.stderr()).contains("the sources are newer than the jar (src/main/java/Edited.java changed after",
                "rebuild with mvn -B -q package -DskipTests");
        assertThat(run.stdout()).isEqualTo(help.stdout());
    }

    /** Plans dev into its own new directory each time, so that every run writes and prints the same. */
    private static String[] planArguments() throws IOException {
        var copy = Files.createTempDirectory(sandbox, "project");
        SynthesizedStack.copyProjectTo(copy);
        return new String[]{"plan", "--stack", "dev", "--project-dir", copy.toString()};
    }

    private static List<String> jar(String... arguments) {
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", ROOT.resolve("target/kura-infra.jar").toString()));
        command.addAll(List.of(arguments));
        return command;
    }

    private static List<String> launcher(String... arguments) {
        var command = new ArrayList<>(List.of(sandbox.resolve("kura-infra").toString()));
        command.addAll(List.of(arguments));
        return command;
    }

    private static Run run(List<String> command, Map<String, String> environment) throws IOException, InterruptedException {
        var stderr = Files.createTempFile(sandbox, "stderr", ".txt");
        var builder = new ProcessBuilder(command).redirectError(stderr.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(environment);
        var process = builder.start();
        var stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        return new Run(process.exitValue(), stdout, Files.readString(stderr));
    }
}
