package ai.kuraos.infra.cli;

import ai.kuraos.infra.testing.SynthesizedStack;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AdoptCommandTest {

    @TempDir
    Path project;

    private Path described;

    @BeforeEach
    void copyTheProject() throws IOException {
        SynthesizedStack.copyProjectTo(project);
        described = project.resolve("stacks/prod/adopted/kura-images.json");
    }

    @Test
    void savesADescriptionTheStacksSettingsAccept() throws IOException {
        var output = project.resolve("describe.json");
        Files.writeString(output, Files.readString(described).replace("Cloud Run Source Deployments", "Kura images"));

        var run = CliRun.in(project, Map.of(), "adopt", "--stack", "prod", "kura-images", output.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("saved stacks/prod/adopted/kura-images.json");
        assertThat(Files.readString(described)).contains("\"description\" : \"Kura images\"");
    }

    @Test
    void refusesTheDescriptionOfAnotherRepositoryThanTheOneTheStackImportsAndSavesNothing() throws IOException {
        var before = Files.readString(described);
        var output = project.resolve("describe.json");
        Files.writeString(output, before.replace("repositories/cloud-run-source-deploy", "repositories/other"));

        var run = CliRun.in(project, Map.of(), "adopt", "--stack", "prod", "kura-images", output.toString());

        assertThat(run.exitCode()).isEqualTo(KuraCli.FAILED);
        assertThat(run.err()).contains("refuses the description of kura-images",
                "describes projects/kura-os/locations/europe-southwest1/repositories/other, but kura-infra:adopt.kura-images"
                        + " imports projects/kura-os/locations/europe-southwest1/repositories/cloud-run-source-deploy");
        assertThat(Files.readString(described)).isEqualTo(before);
    }

    @Test
    void refusesInputThatIsNotJson() throws IOException {
        var output = project.resolve("describe.txt");
        Files.writeString(output, "Encryption: Google-managed key\n");

        var run = CliRun.in(project, Map.of(), "adopt", "--stack", "prod", "kura-images", output.toString());

        assertThat(run.exitCode()).isEqualTo(KuraCli.USAGE);
        assertThat(run.err()).contains("as JSON");
    }
}
