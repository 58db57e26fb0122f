package ai.kuraos.infra.cli;

import ai.kuraos.infra.rollout.Preflight;
import ai.kuraos.infra.testing.SynthesizedStack;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The deploy and rollback commands up to the point where they would touch the cloud. */
class RolloutCommandsTest {

    @TempDir
    Path project;

    private String stackFileBefore;

    @BeforeEach
    void copyTheProject() throws IOException {
        SynthesizedStack.copyProjectTo(project);
        stackFileBefore = Files.readString(project.resolve("Pulumi.prod.yaml"));
    }

    /** As on a machine with neither the Pulumi CLI nor Google Cloud credentials, whatever this one has. */
    private CliRun run(String... args) {
        var bare = new Preflight(project.resolve("no-bin").toString(),
                () -> Optional.of("no Google Cloud credentials: run `gcloud auth application-default login`"));
        return CliRun.in(project, Map.of(
                DeployCommand.class, () -> new DeployCommand(bare, Map.of()),
                RollbackCommand.class, () -> new RollbackCommand(bare)), args);
    }

    @Test
    void deployHelpDocumentsTheStepsAndWhatHappensOnFailure() {
        var help = run("deploy", "--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out().replaceAll("\\s+", " ")).contains("1. stage", "2. migrate", "3. smoke test", "4. promote", "alembic upgrade heads",
                "refuses, showing the real split", "three times in a row", "traffic stays on the revision that was serving",
                "Re-running after a fix or a kill is safe", "One rollout at a time per stack", "Without --image and --release",
                "--image=IMAGE", "--release=RELEASE", "Exit codes:");
    }

    @Test
    void rollbackHelpDocumentsTheTrafficOnlyUpdate() {
        var help = run("rollback", "--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out().replaceAll("\\s+", " ")).contains("one traffic change", "nothing is built or migrated", "--revision=REVISION",
                "keeps the serving revision", "refused before anything changes", "The database is not rolled back");
    }

    @Test
    void deployFailsFastWithoutThePulumiCliOrCredentialsAndChangesNothing() throws IOException {
        var run = run("deploy", "--stack", "prod", "--image", PROD_IMAGE, "--release", "v1-3-8");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("the program is not built", "the Pulumi CLI is not on PATH",
                "no Google Cloud credentials", "PULUMI_BACKEND_URL must be the gs:// URL of the Pulumi state bucket",
                "nothing was changed");
        assertThat(run.out()).doesNotContain("==> stage");
        assertThat(Files.readString(project.resolve("Pulumi.prod.yaml"))).isEqualTo(stackFileBefore);
    }

    @Test
    void rollbackFailsFastWithoutCredentialsButNeedsNoPulumiCli() throws IOException {
        var run = run("rollback", "--stack", "prod");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no Google Cloud credentials").doesNotContain("Pulumi CLI");
        assertThat(Files.readString(project.resolve("Pulumi.prod.yaml"))).isEqualTo(stackFileBefore);
    }

    @Test
    void deployRefusesAReleaseThatCannotNameARevisionAndAnImageWithoutATag() {
        var run = run("deploy", "--stack", "prod", "--image", "kura-backend", "--release", "V1.3.8");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--image kura-backend: expected a full image reference",
                "--release V1.3.8: expected a release id of lowercase letters");
    }

    private static final String PROD_IMAGE = "europe-southwest1-docker.pkg.dev/kura-os/cloud-run-source-deploy/kura-backend@sha256:"
            + "4f2a9c".repeat(10) + "4f2a";

    /** Defect: --image took any registry and a mutable tag, so prod could run another image than dev tested. */
    @Test
    void deployRefusesATagOrAnotherRegistrysImage() {
        var tagged = run("deploy", "--stack", "prod", "--image",
                "europe-southwest1-docker.pkg.dev/kura-os/cloud-run-source-deploy/kura-backend:v1-3-8", "--release", "v1-3-8");
        var elsewhere = run("deploy", "--stack", "prod", "--image",
                PROD_IMAGE.replace("/kura-os/", "/kura-os-dev/"), "--release", "v1-3-8");

        assertThat(tagged.exitCode()).isEqualTo(2);
        assertThat(tagged.err()).contains("names a tag, not a digest");
        assertThat(elsewhere.exitCode()).isEqualTo(2);
        assertThat(elsewhere.err()).contains("not in the stack's registry europe-southwest1-docker.pkg.dev/kura-os/cloud-run-source-deploy");
    }

    @Test
    void deployRefusesAnImageWithoutItsRelease() {
        var run = run("deploy", "--stack", "prod", "--image",
                "europe-southwest1-docker.pkg.dev/kura-os/kura/kura-backend:v1-3-8");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--image and --release go together");
    }

    @Test
    void deployRefusesAnUnknownStack() {
        var run = run("deploy", "--stack", "prd", "--image",
                "europe-southwest1-docker.pkg.dev/kura-os/kura/kura-backend:v1-3-8", "--release", "v1-3-8");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("unknown stack 'prd'. Did you mean 'prod'?");
    }

    @Test
    void rollbackRefusesARevisionOfAnotherService() {
        var run = run("rollback", "--stack", "prod", "--revision", "other-service-v1");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--revision other-service-v1: expected a revision name such as kura-backend-v1-3-7-4f2a9c");
    }

    /** The lease lives beside the Pulumi state; break-lock.yml finds it by the same rule. */
    @Test
    void findsEachStacksLeaseInThePulumiStateBucketWhereTheLockBreakerLooks() throws IOException {
        var state = RolloutCommands.StateBucket.from(Map.of("PULUMI_BACKEND_URL", "gs://kura-os-pulumi-state/platform/")).orElseThrow();
        var breaker = Files.readString(SynthesizedStack.PROJECT_ROOT.resolve(".github/workflows/break-lock.yml"));

        assertThat(state.bucket()).isEqualTo("kura-os-pulumi-state");
        assertThat(state.leaseObject("prod")).isEqualTo("platform/.kura-infra/rollout-lease/prod.json");
        assertThat(breaker).contains("lease=\"${PULUMI_BACKEND_URL%/}/.kura-infra/rollout-lease/${STACK}.json\"");
        assertThat(RolloutCommands.StateBucket.from(Map.of("PULUMI_BACKEND_URL", "file://~"))).isEmpty();
        assertThat(RolloutCommands.StateBucket.from(Map.of())).isEmpty();
    }
}
