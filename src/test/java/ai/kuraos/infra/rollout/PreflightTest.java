package ai.kuraos.infra.rollout;

import ai.kuraos.infra.plan.ProjectLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class PreflightTest {

    @TempDir
    Path directory;

    private Path fakePulumiOnPath() throws IOException {
        var bin = Files.createDirectories(directory.resolve("bin"));
        var pulumi = Files.writeString(bin.resolve("pulumi"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(pulumi, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    private ProjectLayout builtProject() throws IOException {
        var project = Files.createDirectories(directory.resolve("project"));
        Files.createDirectories(project.resolve("target"));
        Files.writeString(project.resolve("target/kura-infra.jar"), "");
        return new ProjectLayout(project);
    }

    @Test
    void findsNothingMissingWhenEverythingIsThere() throws IOException {
        var preflight = new Preflight(fakePulumiOnPath().toString(), Optional::empty);

        assertThat(preflight.problems(builtProject())).isEmpty();
    }

    @Test
    void reportsEveryMissingPrerequisiteAtOnce() {
        var preflight = new Preflight(directory.resolve("nothing-here").toString(),
                () -> Optional.of("no Google Cloud credentials: run `gcloud auth application-default login`"));

        var problems = preflight.problems(new ProjectLayout(directory));

        assertThat(problems).hasSize(3);
        assertThat(problems.get(0)).startsWith("the program is not built").contains("mvn -B -q package -DskipTests");
        assertThat(problems.get(1)).startsWith("the Pulumi CLI is not on PATH");
        assertThat(problems.get(2)).startsWith("no Google Cloud credentials");
    }
}
