package ai.kuraos.infra.plan;

import ai.kuraos.infra.testing.LocalGit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GitPlansTest {

    private static final String DEV_COMMITTED = "{\"stack\": \"dev\", \"outputs\": {\"apiUrl\": \"https://dev.example\"}}\n";
    private static final String DEV_EDITED = "{\"stack\": \"dev\", \"outputs\": {\"apiUrl\": \"https://dev2.example\"}}\n";
    private static final String PROD = "{\"stack\": \"prod\", \"outputs\": {}}\n";

    @TempDir
    private Path repository;

    @BeforeEach
    void commitThePlansOfDevAndProd() throws IOException {
        LocalGit.run(repository, "init", "--quiet");
        write(repository, "stacks/dev/plan.json", DEV_COMMITTED);
        write(repository, "stacks/dev/k8s/kura/deployment-api.yaml", "kind: Deployment\n");
        write(repository, "stacks/prod/plan.json", PROD);
        write(repository, "stacks/README.md", "not a stack\n");
        write(repository, "Pulumi.yaml", "name: kura-infra\n");
        LocalGit.commitAll(repository, "plans");
    }

    @Test
    void readsThePlansCommittedAtARefRatherThanThoseInTheWorkingTree() throws IOException {
        write(repository, "stacks/dev/plan.json", DEV_EDITED);
        write(repository, "stacks/staging/plan.json", "{}\n");

        assertThat(GitPlans.atRef(repository, "HEAD")).isEqualTo(Map.of("dev", DEV_COMMITTED, "prod", PROD));
        assertThat(GitPlans.inWorkingTree(repository))
                .isEqualTo(Map.of("dev", DEV_EDITED, "prod", PROD, "staging", "{}\n"));
    }

    @Test
    void readsAnOlderCommitByItsRelativeName() throws IOException {
        write(repository, "stacks/dev/plan.json", DEV_EDITED);
        Files.delete(repository.resolve("stacks/prod/plan.json"));
        LocalGit.commitAll(repository, "edit dev, remove prod");

        assertThat(GitPlans.atRef(repository, "HEAD")).isEqualTo(Map.of("dev", DEV_EDITED));
        assertThat(GitPlans.atRef(repository, "HEAD~1")).isEqualTo(Map.of("dev", DEV_COMMITTED, "prod", PROD));
    }

    @Test
    void readsOneFileAsCommittedAndNothingWhenTheCommitLacksIt() throws IOException {
        write(repository, "policy/waivers.yaml", "waivers: []\n");
        LocalGit.commitAll(repository, "waivers");
        write(repository, "policy/waivers.yaml", "waivers: [edited]\n");

        assertThat(GitPlans.fileAtRef(repository, "HEAD", "policy/waivers.yaml")).contains("waivers: []\n");
        assertThat(GitPlans.fileAtRef(repository, "HEAD~1", "policy/waivers.yaml")).isEmpty();
    }

    @Test
    void readsAProjectInASubdirectoryOfTheRepository() throws IOException {
        var project = repository.resolve("infra");
        write(project, "stacks/dev/plan.json", DEV_EDITED);
        LocalGit.commitAll(repository, "a project in infra/");

        assertThat(GitPlans.atRef(project, "HEAD")).isEqualTo(Map.of("dev", DEV_EDITED));
        assertThat(GitPlans.atRef(repository, "HEAD")).isEqualTo(Map.of("dev", DEV_COMMITTED, "prod", PROD));
    }

    @Test
    void findsNoPlansAtACommitWithoutStacks() throws IOException {
        var project = repository.resolve("empty");
        write(project, "Pulumi.yaml", "name: empty\n");
        LocalGit.commitAll(repository, "an empty project");

        assertThat(GitPlans.atRef(project, "HEAD")).isEmpty();
        assertThat(GitPlans.inWorkingTree(project)).isEmpty();
    }

    @Test
    void failsOnAnUnknownRefNamingItAndWhatGitSaid() {
        assertThatThrownBy(() -> GitPlans.atRef(repository, "origin/no-such-branch"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown git ref 'origin/no-such-branch' in " + repository)
                .hasMessageContaining("git said: fatal:");
    }

    @Test
    void failsOutsideAGitWorkTreeNamingTheRefAndWhatGitSaid(@TempDir Path notARepository) {
        assertThatThrownBy(() -> GitPlans.atRef(notARepository, "main"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot read the plans at git ref 'main': " + notARepository
                        + " is not in a git work tree")
                .hasMessageContaining("git said: fatal: not a git repository");
    }

    @Test
    void failsInsideTheGitDirectoryBecauseItIsNoWorkTree() {
        var gitDirectory = repository.resolve(".git");

        assertThatThrownBy(() -> GitPlans.atRef(gitDirectory, "HEAD"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot read the plans at git ref 'HEAD': " + gitDirectory + " is not in a git work tree"
                        + " (git said: false)");
    }

    @Test
    void failsOnAMissingProjectDirectory() {
        var missing = repository.resolve("missing");

        assertThatThrownBy(() -> GitPlans.atRef(missing, "HEAD"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot read the plans at git ref 'HEAD': there is no directory " + missing);
    }

    @Test
    void failsOnARefThatWouldPassForAGitOption() {
        assertThatThrownBy(() -> GitPlans.atRef(repository, "--output=/tmp/x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'--output=/tmp/x' is not a git ref");
    }

    private static void write(Path root, String relative, String text) throws IOException {
        var file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
