package ai.kuraos.infra.docs;

import ai.kuraos.infra.testing.SynthesizedStack;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The README is part of the product: short, its commands the ones CI runs, its links to documents that exist. */
class ReadmeTest {

    private static final Pattern LOCAL_LINK = Pattern.compile("\\]\\(((?:docs/)[^)#]+)(?:#[^)]*)?\\)");

    private static String read(String path) throws IOException {
        return Files.readString(SynthesizedStack.PROJECT_ROOT.resolve(path));
    }

    @Test
    void staysShortEnoughToHold() throws IOException {
        assertThat(read("README.md").getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(15 * 1024);
    }

    @Test
    void linksOnlyToDocumentsThatExist() throws IOException {
        var links = LOCAL_LINK.matcher(read("README.md")).results().map(match -> match.group(1)).toList();

        assertThat(links).contains("docs/setup.md", "docs/operations.md", "docs/reviewing.md",
                "docs/reference/configuration.md", "docs/reference/alerts.md");
        assertThat(links).allSatisfy(link -> assertThat(SynthesizedStack.PROJECT_ROOT.resolve(link)).as(link).isRegularFile());
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
