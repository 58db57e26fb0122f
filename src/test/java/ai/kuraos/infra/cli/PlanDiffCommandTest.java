package ai.kuraos.infra.cli;

import ai.kuraos.infra.plan.PlanDiffMarkdown;
import ai.kuraos.infra.testing.LocalGit;
import ai.kuraos.infra.testing.StackFileEdits;
import ai.kuraos.infra.testing.SynthesizedStack;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** `plan --diff` in a git repository holding the project: main, then a branch that changes one config value. */
class PlanDiffCommandTest {

    @TempDir
    Path project;

    @BeforeEach
    void commitTheProjectOnMainAndBranchOff() throws IOException {
        SynthesizedStack.copyProjectTo(project);
        assertThat(CliRun.in(project, Map.of(), "plan", "--all").exitCode()).isZero();
        LocalGit.run(project, "init", "--quiet");
        LocalGit.commitAll(project, "the project, planned");
        LocalGit.run(project, "checkout", "--quiet", "-b", "keep-fewer-backups");
    }

    private void changeProdRetainedBackupsTo14AndPlan() throws IOException {
        StackFileEdits.set(project.resolve("Pulumi.prod.yaml"), "kura-infra:database.retainedBackups", 14);
        assertThat(CliRun.in(project, Map.of(), "plan", "--all").exitCode()).isZero();
    }

    @Test
    void showsExactlyTheOneChangedValueInTheMarkdownComment() throws IOException {
        changeProdRetainedBackupsTo14AndPlan();

        var run = CliRun.in(project, Map.of(), "plan", "--diff", "--base", "main", "--format", "markdown");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith(PlanDiffMarkdown.MARKER + "\n")
                .contains("| prod | 0 | 0 | 1 |", "| dev | 0 | 0 | 0 |", "| staging | 0 | 0 | 0 |",
                        "| bootstrap/ops | 0 | 0 | 0 |",
                        "- inputs.settings.backupConfiguration.backupRetentionSettings.retainedBackups: 30",
                        "+ inputs.settings.backupConfiguration.backupRetentionSettings.retainedBackups: 14");
        assertThat(run.out().lines().filter(line -> line.startsWith("- inputs.") || line.startsWith("+ inputs."))).hasSize(2);
    }

    @Test
    void printsAConciseTextDiffByDefault() throws IOException {
        changeProdRetainedBackupsTo14AndPlan();

        var run = CliRun.in(project, Map.of(), "plan", "--diff", "--base", "main", "--stack", "prod");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("~ gcp:sql/databaseInstance:DatabaseInstance kura-primary",
                "inputs.settings.backupConfiguration.backupRetentionSettings.retainedBackups: 30 → 14",
                "prod: 0 to add, 0 to remove, 1 to change").doesNotContain("dev", "staging");
    }

    @Test
    void saysSoWhenNothingChanged() {
        var run = CliRun.in(project, Map.of(), "plan", "--diff", "--base", "main");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("dev: no changes", "prod: no changes", "bootstrap/ops: no changes");
    }

    @Test
    void failsOnAnUnknownBaseRefNamingIt() {
        var run = CliRun.in(project, Map.of(), "plan", "--diff", "--base", "origin/nowhere");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("origin/nowhere");
    }

    @Test
    void refusesToCombineDiffWithCheck() {
        var run = CliRun.in(project, Map.of(), "plan", "--diff", "--check");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--diff", "drop --check");
    }
}
