package ai.kuraos.infra.docs;

import ai.kuraos.infra.bootstrap.BootstrapSettingsParser;
import ai.kuraos.infra.config.StackConfigValues;
import ai.kuraos.infra.config.StackSettingsParser;
import ai.kuraos.infra.testing.SynthesizedStack;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

/** The README is part of the product: its commands must be the ones CI runs and its reference must be complete. */
class ReadmeTest {

    private static String read(String path) throws IOException {
        return Files.readString(SynthesizedStack.PROJECT_ROOT.resolve(path));
    }

    @Test
    void documentsEveryConfigurationKeyTheProgramReads() throws IOException {
        var readme = read("README.md");
        var prod = StackConfigValues.fromStackFile(SynthesizedStack.PROJECT.stackConfigFile("prod"));

        var known = StackSettingsParser.read("prod", prod).knownKeys();

        assertThat(known).isNotEmpty().allSatisfy(key ->
                assertThat(readme).as("README documents %s", key).contains("| `" + key + "` |"));
    }

    @Test
    void documentsEveryBootstrapConfigurationKey() throws IOException {
        var readme = read("README.md");
        var ops = StackConfigValues.fromStackFile(SynthesizedStack.BOOTSTRAP.stackConfigFile("ops"));

        var known = BootstrapSettingsParser.knownKeys("ops", ops);

        assertThat(known).contains("kura-bootstrap:github.repository").allSatisfy(key ->
                assertThat(readme).as("README documents %s", key).contains("| `" + key + "` |"));
    }

    @Test
    void givesTheTwoSetUpCommandsThatCiRuns() throws IOException {
        var readme = read("README.md");
        var ci = read(".ci/run");
        var workflow = read(".github/workflows/ci.yml");

        assertThat(readme).contains("mvn -B -q package -DskipTests && ./kura-infra plan --all\n")
                .contains("# 2. Run the tests\nmvn -B verify\n");
        assertThat(ci).contains("\nmvn -B verify\n").contains("\njava -jar target/kura-infra.jar plan --all --check\n")
                .doesNotContain("postgresql", "redis-server");
        assertThat(workflow).contains("run: .ci/run");
        assertThat(SynthesizedStack.PROJECT_ROOT.resolve("kura-infra")).as("the launcher the run command names")
                .isExecutable();
    }

    @Test
    void pointsThePulumiCliAtTheJarMavenBuilds() throws IOException {
        var project = read("Pulumi.yaml");

        assertThat(project).contains("name: kura-infra").contains("name: java").contains("binary: target/kura-infra.jar");
    }
}
