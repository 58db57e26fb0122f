package ai.kuraos.infra.cli;

import ai.kuraos.infra.plan.PlanReview;
import ai.kuraos.infra.testing.LocalGit;
import ai.kuraos.infra.testing.StackFileEdits;
import ai.kuraos.infra.testing.SynthesizedStack;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * `plan --diff` in a git repository holding the project: main, then a branch that changes the configuration (or, for a
 * rename in the program, the rendered plan) and plans again. The scenarios are the acceptance of the offline preview.
 */
class PlanDiffCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path project;

    @BeforeEach
    void commitTheProjectOnMainAndBranchOff() throws IOException {
        SynthesizedStack.copyProjectTo(project);
        assertThat(CliRun.in(project, Map.of(), "plan", "--all").exitCode()).isZero();
        LocalGit.run(project, "init", "--quiet");
        LocalGit.commitAll(project, "the project, planned");
        LocalGit.run(project, "checkout", "--quiet", "-b", "change");
    }

    private void change(String stack, String path, Object value) throws IOException {
        StackFileChange.apply(project, stack, path, value);
    }

    private static JsonNode resourcesOf(JsonNode json, String stack) {
        return StreamSupport.stream(json.path("steps").path("stacks").spliterator(), false)
                .filter(entry -> entry.path("stack").asText().equals(stack)).findFirst().orElseThrow().path("resources");
    }

    @Test
    void aLargerDatabaseTierIsOneInPlaceUpdateOfKuraPrimaryThatRestartsTheInstance() throws IOException {
        change("prod", "kura-infra:database.tier", "db-custom-2-7680");

        var text = CliRun.in(project, Map.of(), "plan", "--diff", "--base", "main");
        var json = CliRun.in(project, Map.of(), "plan", "--diff", "--base", "main", "--format", "json");

        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("~ update gcp:sql/databaseInstance:DatabaseInstance kura-primary\n",
                "inputs.settings.tier: \"db-custom-1-3840\" → \"db-custom-2-7680\"\n", "restarts the instance",
                "prod: 1 to update\n", "dev: no changes", "bootstrap/ops: no changes").doesNotContain("REFUSED", "replace");
        assertThat(json.exitCode()).isZero();
        var steps = resourcesOf(JSON.readTree(json.out()), "prod");
        assertThat(steps).hasSize(1);
        assertThat(steps.get(0).path("name").asText()).isEqualTo("kura-primary");
        assertThat(steps.get(0).path("op").asText()).isEqualTo("update");
        assertThat(steps.get(0).has("refused")).isFalse();
        assertThat(steps.get(0).path("changes").get(0).path("forcesReplacement").asBoolean()).isFalse();
        assertThat(JSON.readTree(json.out()).path("steps").path("refused").asInt()).isZero();
    }

    @Test
    void aRaisedRequestsPerMonthIsItsOwnCostDeltaLineNamingTheAssumption() throws IOException {
        change("prod", "kura-infra:cost.requestsPerMonth", 20_000_000);

        var markdown = CliRun.in(project, Map.of(), "plan", "--diff", "--base", "main", "--format", "markdown");

        assertThat(markdown.exitCode()).as(markdown.err()).isZero();
        assertThat(markdown.out()).containsPattern("- assumptions: prod \\+\\$[0-9.]+/month: requestsPerMonth 10M → 20M")
                .doesNotContain("prod ±0");
    }

    @Test
    void thePullRequestCommentOfALargerProdTierShowsTheRestartFirstThenItsCostDeltaTheStepsThePolicyAndThePicture()
            throws IOException {
        change("prod", "kura-infra:database.tier", "db-custom-2-7680");

        var markdown = CliRun.in(project, Map.of(), "plan", "--diff", "--base", "main", "--format", "markdown");
        var json = CliRun.in(project, Map.of(), "plan", "--diff", "--base", "main", "--format", "json");

        assertThat(markdown.exitCode()).as(markdown.err()).isZero();
        var comment = markdown.out();
        // One more vCPU and 3.75 GB of a REGIONAL (HA) instance: 730 h × (0.097468 + 3.75 × 0.01652), the sheet's Madrid
        // rates (Iowa's 0.0826 and 0.014 with the sheet's 1.18 uplift).
        assertThat(comment.lines().skip(2).filter(line -> !line.isBlank()).limit(2))
                .containsExactly("**Danger**, most severe first:", "- **prod restart** prod: update"
                        + " `gcp:sql/databaseInstance:DatabaseInstance kura-primary`: restarts the instance: a machine type"
                        + " change (settings.tier \"db-custom-1-3840\" → \"db-custom-2-7680\") takes it offline for a few"
                        + " minutes; a REGIONAL instance fails over first (cloud.google.com/sql/docs/postgres/instance-settings)");
        assertThat(comment).contains("**Monthly cost:** dev ±0, prod +$116.38/month, staging ±0");
        assertThat(comment).contains("| `kura-primary` | `gcp:sql/databaseInstance:DatabaseInstance` | $141.16 | $257.53 |")
                .contains("### Policy\n\n`policy --all` passes. This change introduces 0 findings, fixes 0")
                .contains("<summary>Architecture of prod")
                .contains("```mermaid\nflowchart");
        assertThat(comment.indexOf("**Monthly cost:**")).isLessThan(comment.indexOf("| Stack | Create |"));
        assertThat(comment.indexOf("| Stack | Create |")).isLessThan(comment.indexOf("### Policy"));
        var review = JSON.readTree(json.out());
        assertThat(review.path("cost").path("summary").asText()).isEqualTo("dev ±0, prod +$116.38/month, staging ±0");
        assertThat(review.path("policy").path("passes").asBoolean()).isTrue();
        assertThat(review.path("architecture").path("changed").toString()).isEqualTo("[\"prod\"]");
    }

    @Test
    void aNewIdForTheProtectedImageRepositoryIsRefusedNamingThePathAndTheProtectionAndFailsThePullRequest()
            throws IOException {
        // In staging: prod's adopted repository refuses another id in its settings already (RegistrySettings).
        change("staging", "kura-infra:artifactRegistry.repositoryId", "kura-releases");

        var markdown = CliRun.in(project, Map.of(), "plan", "--diff", "--base", "main", "--format", "markdown");
        var text = CliRun.in(project, Map.of(), "plan", "--diff", "--base", "main");

        assertThat(markdown.exitCode()).isEqualTo(1);
        assertThat(text.exitCode()).isEqualTo(1);
        assertThat(text.out()).contains("+- replace gcp:artifactregistry/repository:Repository kura-images"
                + " (create-before-delete) REFUSED", "inputs.repositoryId: \"kura\" → \"kura-releases\" (forces replacement)",
                "marked for protection (protect)");
        var out = markdown.out();
        assertThat(out).startsWith(PlanReview.MARKER + "\n").contains("**Danger**",
                "- **refused** staging: replace `gcp:artifactregistry/repository:Repository kura-images`: unable to"
                        + " replace resource kura-images as it is currently marked for protection (protect), and"
                        + " inputs.repositoryId forces a replacement");
        assertThat(out.indexOf("**Danger**")).isLessThan(out.indexOf("| Stack | Create |"));
    }

    @Test
    void aStagingCacheTierChangeReplacesTheCacheDeletingFirstAndLosesItsData() throws IOException {
        change("staging", "kura-infra:cache.tier", "STANDARD_HA");

        var run = CliRun.in(project, Map.of(), "plan", "--diff", "--base", "main", "--stack", "staging");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("-+ replace gcp:redis/instance:Instance kura-cache (delete-before-replace)",
                "data loss: the old one is deleted and the new one starts empty: every key (the cache's entries, or the"
                        + " Celery broker's queued tasks) is lost",
                "inputs.tier: \"BASIC\" → \"STANDARD_HA\" (forces replacement)")
                .doesNotContain("already exists");
    }

    /**
     * The rollback of docs/operations.md ("Switching the messaging backend"), from a stack that publishes to Kafka:
     * the broker and its AUTH secret are already there, so the switch is one update of kura-backend.
     */
    @Test
    void switchingStagingFromKafkaToCeleryUpdatesOnlyKuraBackendsMessagingBackendAndLeavesTheBrokerAsItIs()
            throws IOException {
        change("staging", "kura-infra:messaging.backend", "kafka");
        LocalGit.commitAll(project, "staging publishes to Kafka");
        LocalGit.run(project, "checkout", "--quiet", "-b", "rollback");
        change("staging", "kura-infra:messaging.backend", "celery");

        var text = CliRun.in(project, Map.of(), "plan", "--diff", "--base", "change", "--stack", "staging");
        var json = CliRun.in(project, Map.of(), "plan", "--diff", "--base", "change", "--stack", "staging",
                "--format", "json");

        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("~ update gcp:cloudrunv2/service:Service kura-backend\n",
                        "deploys a new revision", "value: \"kafka\" → \"celery\"\n",
                        "outputs.messagingBackend: \"kafka\" → \"celery\"",
                        "staging: 1 to update, 1 output to change\n", "monthly cost: staging ±0")
                .doesNotContain("kura-celery-broker", "celery-broker-auth", "replace", "REFUSED");
        var steps = resourcesOf(JSON.readTree(json.out()), "staging");
        assertThat(steps).singleElement().satisfies(step -> assertThat(step.path("name").asText()).isEqualTo("kura-backend"));
    }

    /**
     * Renewal tested by rendering with a short validity: the tls provider's early renewal does not run under Pulumi
     * (pulumi/pulumi-tls#39), so a new listener certificate is a change of its validity, which replaces it, signed by
     * the same CA (clients keep trusting it). The backend's client certificate renews with it, so its secret version
     * and revision follow; the listener's Kubernetes Secret is replaced delete-first (pulumi-kubernetes 4.5.5 replaces a
     * Secret whose data changes, and deletes first when its name stays). CertificateExpiryTest shows the warning for
     * the same rendering.
     */
    @Test
    void aShortListenerCertificateValidityIssuesANewCertificateFromTheSameCa() throws IOException {
        change("staging", "kura-infra:messaging.kafka.tls.certificateValidityDays", 45);

        var text = CliRun.in(project, Map.of(), "plan", "--diff", "--base", "main", "--stack", "staging");

        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("+- replace tls:index/locallySignedCert:LocallySignedCert kafka-listener-certificate",
                        "inputs.validityPeriodHours: 8760 → 1080 (forces replacement)",
                        "+- replace tls:index/locallySignedCert:LocallySignedCert kafka-client-api-certificate",
                        "-+ replace kubernetes:core/v1:Secret kafka-listener-tls (delete-before-replace)",
                        "+- replace gcp:secretmanager/secretVersion:SecretVersion kafka-ssl-cert-pem-version",
                        "staging: 1 to update, 4 to replace\n")
                .doesNotContain("replace tls:index/selfSignedCert:SelfSignedCert kafka-ca", "REFUSED");
    }

    @Test
    void renamingAResourceInTheProgramWhileItsCloudNameStaysCollidesAndIsRefused() throws IOException {
        var planFile = project.resolve("stacks/prod/plan.json");
        var plan = (ObjectNode) JSON.readTree(Files.readString(planFile).replace("${kura-armor.", "${kura-waf."));
        plan.path("resources").forEach(resource -> {
            if (resource.path("name").asText().equals("kura-armor")) {
                ((ObjectNode) resource).put("name", "kura-waf");
            }
        });
        Files.writeString(planFile, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(plan));

        var run = CliRun.in(project, Map.of(), "plan", "--diff", "--base", "main", "--stack", "prod");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("+ create gcp:compute/securityPolicy:SecurityPolicy kura-waf REFUSED",
                "kura-waf is created with name \"kura-armor\", which kura-armor holds until it is deleted",
                "- delete gcp:compute/securityPolicy:SecurityPolicy kura-armor",
                "~ update gcp:compute/backendService:BackendService");
    }

    @Test
    void checkReportsAStaleTreeAsStepsToo() throws IOException {
        StackFileEdits.set(project.resolve("Pulumi.prod.yaml"), "kura-infra:database.retainedBackups", 14);

        var run = CliRun.in(project, Map.of(), "plan", "--all", "--check");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("What `pulumi up` would do beyond the committed plans:",
                "~ update gcp:sql/databaseInstance:DatabaseInstance kura-primary",
                "inputs.settings.backupConfiguration.backupRetentionSettings.retainedBackups: 30 → 14", "prod: 1 to update");
    }

    @Test
    void aStackFileEditWithoutReRenderingIsRefusedAsStale() throws IOException {
        StackFileEdits.set(project.resolve("Pulumi.staging.yaml"), "kura-infra:cache.tier", "STANDARD_HA");

        var run = CliRun.in(project, Map.of(), "plan", "--diff", "--base", "main");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("stale plans: stacks/staging/ was rendered before the last change of"
                + " Pulumi.staging.yaml", "plan --all").doesNotContain("stacks/dev/", "stacks/prod/");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aProgramChangeWithoutReRenderingIsRefusedAsStaleForEveryStack() throws IOException {
        var source = project.resolve("src/main/java/Program.java");
        Files.createDirectories(source.getParent());
        Files.writeString(project.resolve("pom.xml"), "<project/>\n");
        Files.writeString(source, "final class Program {}\n");
        assertThat(CliRun.in(project, Map.of(), "plan", "--all").exitCode()).isZero();
        LocalGit.commitAll(project, "the program's sources, planned");
        Files.writeString(source, "final class Program { int changed; }\n");

        var run = CliRun.in(project, Map.of(), "plan", "--diff", "--base", "main");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("stale plans: stacks/dev/ was rendered before the last change of the program",
                "stale plans: stacks/prod/", "stale plans: bootstrap/stacks/ops/");
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
