package ai.kuraos.infra.ci;

import ai.kuraos.infra.plan.steps.Dangers;
import ai.kuraos.infra.rollout.ShortRunJvm;
import ai.kuraos.infra.testing.SynthesizedStack;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the GitHub workflows promise beyond their syntax (which the validators in .ci/run check): no long-lived
 * credential anywhere, keyless Google auth only through the pool, one update per stack at a time, dev before staging
 * before prod.
 */
class WorkflowsTest {

    private static final String COMMENT_STEP = "Comment on the pull request (one comment, updated in place) and label it";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path WORKFLOWS = SynthesizedStack.PROJECT_ROOT.resolve(".github/workflows");
    // deploy drives the Pulumi CLI through the Automation API (rollback only calls Cloud Run).
    private static final Pattern PROGRAM_THROUGH_AUTOMATION_API = Pattern.compile("kura-infra\\.jar deploy ");
    private static final Pattern SECRET_REFERENCE = Pattern.compile("secrets\\.([A-Za-z_][A-Za-z0-9_]*)");

    private static Map<String, String> texts() throws IOException {
        var texts = new TreeMap<String, String>();
        try (Stream<Path> files = Files.list(WORKFLOWS)) {
            for (var file : files.filter(path -> path.toString().endsWith(".yml")).toList()) {
                texts.put(file.getFileName().toString(), Files.readString(file));
            }
        }
        return texts;
    }

    private static JsonNode workflow(String name) throws IOException {
        return YAML.readTree(WORKFLOWS.resolve(name).toFile());
    }

    private static List<JsonNode> steps(JsonNode workflow) {
        var steps = new ArrayList<JsonNode>();
        workflow.path("jobs").forEach(job -> job.path("steps").forEach(steps::add));
        return steps;
    }

    /**
     * Defect: every pulumi/actions step installed whatever CLI was newest. An adopted resource whose inputs differ is
     * imported and then updated only by CLI 3.174.0 and later (pulumi/pulumi#19339); an older one refuses the whole
     * import. Every step that installs the CLI pins a version at least that.
     */
    @Test
    void everyStepThatInstallsThePulumiCliPinsAVersionThatImportsThenUpdates() throws IOException {
        var pinned = 0;
        for (var name : texts().keySet()) {
            for (var step : steps(workflow(name))) {
                if (step.path("uses").asText().startsWith("pulumi/actions@")) {
                    var version = step.path("with").path("pulumi-version").asText("");
                    assertThat(version).as("%s: %s", name, step.path("name").asText(step.path("uses").asText()))
                            .matches("3\\.\\d+\\.\\d+");
                    assertThat(Integer.parseInt(version.split("\\.")[1])).as("%s pulumi-version", name)
                            .isGreaterThanOrEqualTo(174);
                    pinned++;
                }
            }
        }
        assertThat(pinned).isGreaterThan(0);
    }

    @Test
    void holdsNoLongLivedCredential() throws IOException {
        texts().forEach((file, text) -> {
            assertThat(text).as(file).doesNotContain("credentials_json", "GOOGLE_CREDENTIALS", "GOOGLE_APPLICATION_CREDENTIALS",
                    "PULUMI_ACCESS_TOKEN", "PULUMI_CONFIG_PASSPHRASE");
            var secrets = SECRET_REFERENCE.matcher(text).results().map(match -> match.group(1)).distinct().toList();
            assertThat(secrets).as(file + " secrets").allMatch("GITHUB_TOKEN"::equals);
        });
    }

    @Test
    void authenticatesToGoogleOnlyThroughTheWorkloadIdentityPoolWithAShortLivedToken() throws IOException {
        var googleAuthSteps = 0;
        for (var file : texts().keySet()) {
            var workflow = workflow(file);
            for (var job : iterable(workflow.path("jobs"))) {
                for (var step : iterable(job.path("steps"))) {
                    if (step.path("uses").asText().startsWith("google-github-actions/auth@")) {
                        googleAuthSteps++;
                        assertThat(step.path("with").path("workload_identity_provider").asText()).as(file)
                                .isEqualTo("${{ vars.GCP_WORKLOAD_IDENTITY_PROVIDER }}");
                        assertThat(step.path("with").path("service_account").asText()).as(file)
                                .isEqualTo("${{ vars.GCP_SERVICE_ACCOUNT }}");
                        assertThat(job.path("permissions").path("id-token").asText()).as(file).isEqualTo("write");
                        assertThat(job.path("environment").asText()).as(file + ": the environment decides the account")
                                .isNotEmpty();
                    }
                }
            }
            // Defect: every job inherited the workflow's contents: read; now each asks for what it uses.
            assertThat(workflow.path("permissions").isObject() && workflow.path("permissions").isEmpty())
                    .as(file + " starts from permissions: {}").isTrue();
            for (var job : iterable(workflow.path("jobs"))) {
                assertThat(job.has("permissions")).as(file + ": every job states its permissions").isTrue();
            }
        }
        assertThat(googleAuthSteps).isEqualTo(6);
    }

    /**
     * Defect (review 5): release and deploy shared one group, and GitHub keeps one pending job per group, cancelling
     * the older: a queued release was dropped when a merge queued a deploy. Each workflow queues in its own group
     * (one update of its kind per stack at a time); across them the rollout lease and the Pulumi state lock decide.
     */
    @Test
    void aPendingReleaseIsNeverCancelledByADeployOfTheSameStack() throws IOException {
        var groups = new java.util.HashMap<String, String>();
        for (var file : List.of("deploy.yml", "release.yml")) {
            var workflow = workflow(file);
            var updating = new ArrayList<JsonNode>();
            workflow.path("jobs").forEach(job -> {
                if (job.path("permissions").path("id-token").asText().equals("write")) {
                    updating.add(job);
                }
            });
            assertThat(updating).as(file).isNotEmpty().allSatisfy(job -> {
                assertThat(job.path("concurrency").path("group").asText()).contains("${{ matrix.stack }}");
                assertThat(job.path("concurrency").path("cancel-in-progress").asBoolean(true)).isFalse();
                groups.put(file, job.path("concurrency").path("group").asText());
            });
        }
        assertThat(groups.get("release.yml")).as("release's group").isNotEqualTo(groups.get("deploy.yml"));
    }

    /**
     * Defect: rollback shared the deploys' concurrency group, and GitHub keeps one pending run per group, cancelling
     * the older: a queued rollback was dropped when a merge queued a deploy. Neither rollback nor the lock breaker
     * waits in a slot (Cloud Run's etag and the rollout lease keep the changes apart).
     */
    @Test
    void rollbackAndTheLockBreakerNeverWaitInASlotADeployCanCancel() throws IOException {
        for (var file : List.of("rollback.yml", "break-lock.yml")) {
            assertThat(workflow(file).has("concurrency")).as(file).isFalse();
            workflow(file).path("jobs").forEach(job -> assertThat(job.has("concurrency")).as(file).isFalse());
        }
    }

    /**
     * Defect: release and rollback pushed the stack file to main with GITHUB_TOKEN, so main had to let Actions bypass
     * its protection, or the push failed and the file diverged from what ran. No workflow writes to the repository.
     */
    @Test
    void noWorkflowPushesCommitsToMain() throws IOException {
        texts().forEach((file, text) -> assertThat(text).as(file).doesNotContain("git push", "git commit",
                "contents: write"));
    }

    /** Defect: a deploy queued behind a newer one applied its older commit last, over the newer one. */
    @Test
    void deployAppliesNothingOlderThanMainsTip() throws IOException {
        var steps = steps(workflow("deploy.yml"));
        var names = steps.stream().map(step -> step.path("name").asText()).toList();
        var tip = steps.get(names.indexOf("Apply nothing older than main's tip"));
        var deploy = steps.get(names.indexOf("Deploy main's tip (pulumi up, then smoke-test any new revision before it serves)"));

        assertThat(names.indexOf("Apply nothing older than main's tip")).isLessThan(names.indexOf(deploy.path("name").asText()));
        assertThat(tip.path("run").asText()).contains("git fetch --quiet --depth=1 origin main",
                "if [ \"$tip\" = \"$HEAD_SHA\" ]");
        assertThat(tip.path("env").path("HEAD_SHA").asText()).isEqualTo("${{ github.event.workflow_run.head_sha }}");
        assertThat(deploy.path("if").asText()).isEqualTo("steps.tip.outputs.current == 'true'");
        assertThat(deploy.path("run").asText()).isEqualTo("java -jar target/kura-infra.jar deploy --stack \"$STACK\"");
        assertThat(deploy.path("env").path("PULUMI_BACKEND_URL").asText()).isEqualTo("${{ vars.PULUMI_BACKEND_URL }}");
    }

    @Test
    void breaksAStaleLockOnlyInTheStacksEnvironment() throws IOException {
        var job = workflow("break-lock.yml").path("jobs").path("break-lock");
        var text = texts().get("break-lock.yml");

        assertThat(workflow("break-lock.yml").path("on").has("workflow_dispatch")).isTrue();
        assertThat(job.path("environment").asText()).isEqualTo("${{ inputs.stack }}");
        assertThat(text).contains("pulumi cancel --stack \"$STACK\" --yes",
                "${PULUMI_BACKEND_URL%/}/.kura-infra/rollout-lease/${STACK}.json");
    }

    @Test
    void deploysDevThenStagingThenProdStoppingAtTheFirstFailure() throws IOException {
        var up = workflow("deploy.yml").path("jobs").path("up");

        assertThat(up.path("strategy").path("max-parallel").asInt()).isEqualTo(1);
        assertThat(up.path("strategy").path("fail-fast").asBoolean()).isTrue();
        assertThat(up.path("strategy").path("matrix").path("stack").toString()).isEqualTo("[\"dev\",\"staging\",\"prod\"]");
        assertThat(up.path("if").asText()).contains("github.event.workflow_run.conclusion == 'success'");
        assertThat(steps(workflow("deploy.yml"))).anySatisfy(step ->
                assertThat(step.path("run").asText()).startsWith("java -jar target/kura-infra.jar deploy --stack"));
    }

    @Test
    void postsTheOfflineDiffAsOneCommentAndPreviewsEachStackWhenConfigured() throws IOException {
        var pullRequest = workflow("pull-request.yml");
        var text = texts().get("pull-request.yml");

        assertThat(text).contains("plan --diff --base \"origin/${GITHUB_BASE_REF}\" --format markdown",
                "updateComment", "createComment", "body.split('\\n')[0]");
        assertThat(pullRequest.path("jobs").path("preview").path("if").asText())
                .contains("vars.GCP_WORKLOAD_IDENTITY_PROVIDER != ''");
        assertThat(pullRequest.path("jobs").path("preview").path("environment").asText())
                .isEqualTo("${{ matrix.stack }}-preview");
        // Defect: prod's live preview decrypted prod's state for any branch; the offline plan diff covers prod.
        assertThat(pullRequest.path("jobs").path("preview").path("strategy").path("matrix").path("stack").toString())
                .isEqualTo("[\"dev\",\"staging\"]");
        assertThat(pullRequest.path("jobs").path("preview-skipped").path("if").asText())
                .contains("vars.GCP_WORKLOAD_IDENTITY_PROVIDER == ''");
    }

    @Test
    void checksEveryDeployedStackForDriftAsItsReadOnlyDriftCheckerOnly() throws IOException {
        var drift = workflow("drift.yml");
        var job = drift.path("jobs").path("drift");
        var text = texts().get("drift.yml");

        assertThat(drift.path("on").path("schedule").get(0).path("cron").asText()).isNotBlank();
        assertThat(job.path("strategy").path("matrix").path("stack").toString()).isEqualTo("[\"dev\",\"staging\",\"prod\"]");
        assertThat(job.path("environment").asText()).as("the drift checker's environment, never the deployer's"
                        + " nor the previewer's (whose approvals a daily run would wear out)")
                .isEqualTo("${{ matrix.stack }}-drift");
        assertThat(job.path("permissions").path("contents").asText()).isEqualTo("read");
        assertThat(job.path("permissions").path("issues").asText()).isEqualTo("write");
        assertThat(job.path("permissions").path("id-token").asText()).isEqualTo("write");
        assertThat(job.has("concurrency")).as("it takes no deploy slot: it changes nothing").isFalse();
        assertThat(text).contains("pulumi preview --stack \"$STACK\" --refresh --expect-no-changes")
                .contains("gh issue create", "gh issue edit", "gh issue close")
                .doesNotContain("pulumi up", "command: up", "pulumi refresh --yes", "command:");
        assertThat(steps(drift)).filteredOn(step -> step.path("uses").asText().startsWith("pulumi/actions@"))
                .as("the action only installs the CLI").allSatisfy(step ->
                        assertThat(step.path("with").has("command")).isFalse());
    }

    /**
     * The tls provider's early renewal does not run under Pulumi (pulumi/pulumi-tls#39): the drift job reads when the
     * Kafka certificates end from the stack's outputs, whatever its preview found, and keeps one issue open per stack
     * from 30 days before an end.
     */
    @Test
    void warnsThirtyDaysBeforeAKafkaCertificateEndsThroughTheDriftJob() throws IOException {
        var drift = workflow("drift.yml");
        var check = steps(drift).stream().filter(step -> step.path("id").asText().equals("certificates")).findFirst()
                .orElseThrow();

        assertThat(check.path("if").asText()).isEqualTo("${{ !cancelled() }}");
        assertThat(check.path("run").asText()).contains("pulumi stack output --stack \"$STACK\" --json > outputs.json",
                "java -jar target/kura-infra.jar certificates --outputs outputs.json");
        assertThat(texts().get("drift.yml")).contains("--label certificates", "gh issue close \"$number\"");
    }

    /**
     * Defect: the GKE control plane answered only inside the VPC, so every job needed one shared self-hosted runner,
     * and pull-request previews ran on the machine that later deployed prod. Every job now runs on a GitHub-hosted,
     * ephemeral runner and reaches the cluster through the Connect Gateway, checked right after Google auth.
     */
    @Test
    void runsEveryJobOnAGitHubHostedRunnerAndChecksTheGatewayBeforePulumi() throws IOException {
        for (var file : texts().keySet()) {
            assertThat(texts().get(file)).as(file).doesNotContain("DEPLOY_RUNNER", "self-hosted");
            for (var job : iterable(workflow(file).path("jobs"))) {
                assertThat(job.path("runs-on").asText()).as(file).isEqualTo("ubuntu-latest");
                var steps = new ArrayList<String>();
                job.path("steps").forEach(step -> steps.add(step.path("run").asText(step.path("uses").asText())));
                // A job that runs the program (a preview, an update) reaches the cluster: it checks the gateway as
                // soon as gcloud is set up, before the Pulumi CLI. Breaking a lock or moving traffic needs no cluster.
                var gcloud = firstStartingWith(steps, "google-github-actions/setup-gcloud@");
                var pulumi = firstStartingWith(steps, "pulumi/actions@");
                var runsTheProgram = java.util.stream.StreamSupport.stream(iterable(job.path("steps")).spliterator(), false)
                        .anyMatch(step ->
                        step.path("with").has("command") || step.path("run").asText().matches(
                                "(?s).*(^|\\n)\\s*(pulumi preview|java -jar target/kura-infra\\.jar deploy).*"));
                if (runsTheProgram) {
                    assertThat(gcloud).as(file).isPositive().isLessThan(pulumi);
                    assertThat(steps.get(gcloud + 1)).as(file).isEqualTo(".ci/require-gke-access \"$STACK\"");
                }
            }
        }
    }

    private static int firstStartingWith(List<String> steps, String prefix) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void passesTheGatewayCheckForAStackWithoutACluster() throws IOException {
        assertThat(requireGkeAccess("dev", Map.of())).startsWith("0:").contains("no GKE cluster");
    }

    @Test
    void passesTheGatewayCheckBeforeTheFirstUpdateRegistersTheCluster() throws IOException {
        assertThat(requireGkeAccess("prod", Map.of("gcloud", "exit 1"))).startsWith("0:")
                .contains("not in the fleet yet");
    }

    @Test
    void failsTheGatewayCheckWhenTheGatewayRefusesTheJobsIdentity() throws IOException {
        var result = requireGkeAccess("prod", Map.of(
                "gcloud", "case \"$1\" in container) echo projects/123456789012/locations/global/memberships/kura-gke;;"
                        + " auth) echo token;; esac",
                "curl", "echo \"$@\" >> \"$(dirname \"$0\")/curl.args\"; printf 403"));

        assertThat(result).startsWith("1:").contains("HTTP 403", "roles/gkehub.gatewayEditor",
                "https://connectgateway.googleapis.com/v1/projects/123456789012/locations/global/gkeMemberships/kura-gke"
                        + "/version");
    }

    @Test
    void passesTheGatewayCheckWhenTheClustersApiServerAnswers() throws IOException {
        var result = requireGkeAccess("staging", Map.of(
                "gcloud", "case \"$1\" in container) echo projects/1/locations/global/memberships/kura-gke;;"
                        + " auth) echo token;; esac",
                "curl", "printf 200"));

        assertThat(result).startsWith("0:").contains("answers through the Connect Gateway");
    }

    /** Runs the check as CI does, with {@code commands} (name to shell body) first on PATH; {@code <exit>:<output>}. */
    private static String requireGkeAccess(String stack, Map<String, String> commands) throws IOException {
        return runWithFakes(List.of("bash", ".ci/require-gke-access", stack), Map.of(), commands);
    }

    /**
     * Runs {@code command} from the project root with {@code fakes} (command name to shell body) first on PATH and
     * {@code env} added; {@code <exit>:<output>}.
     */
    private static String runWithFakes(List<String> command, Map<String, String> env, Map<String, String> fakes)
            throws IOException {
        var bin = Files.createDirectories(Files.createTempDirectory("fakes").resolve("bin"));
        for (var fake : fakes.entrySet()) {
            var script = bin.resolve(fake.getKey());
            Files.writeString(script, "#!/usr/bin/env bash\n" + fake.getValue() + "\n");
            script.toFile().setExecutable(true);
        }
        var builder = new ProcessBuilder(command).directory(SynthesizedStack.PROJECT_ROOT.toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(env);
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        var process = builder.start();
        var output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        try {
            return process.waitFor() + ":" + output;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static final String DIGEST = "sha256:" + "a".repeat(64);
    private static final String DEV_IMAGE = "europe-southwest1-docker.pkg.dev/kura-os-dev/kura/kura-backend@" + DIGEST;

    @Test
    void releasesToProdTheBytesStagingTestedCopiedFromStagingsRegistryIntoProdsByDigest() throws IOException {
        var run = releaseCopy("prod", Map.of());

        assertThat(run.result()).startsWith("0:");
        assertThat(run.read("copies")).isEqualTo("europe-southwest1-docker.pkg.dev/kura-os-staging/kura/kura-backend@"
                + DIGEST + " europe-southwest1-docker.pkg.dev/kura-os/cloud-run-source-deploy/kura-backend:v1-3-8\n");
        assertThat(run.read("github-output")).isEqualTo(
                "image=europe-southwest1-docker.pkg.dev/kura-os/cloud-run-source-deploy/kura-backend@" + DIGEST + "\n");
    }

    @Test
    void releasesToStagingFromDevsRegistry() throws IOException {
        var run = releaseCopy("staging", Map.of());

        assertThat(run.result()).startsWith("0:");
        assertThat(run.read("copies")).startsWith("europe-southwest1-docker.pkg.dev/kura-os-dev/kura/kura-backend@" + DIGEST
                + " europe-southwest1-docker.pkg.dev/kura-os-staging/kura/kura-backend:v1-3-8");
    }

    @Test
    void aReRunOfTheReleaseFindsItsOwnCopyAndCopiesNothing() throws IOException {
        var run = releaseCopy("prod", Map.of("copied", DIGEST));

        assertThat(run.result()).startsWith("0:");
        assertThat(run.read("copies")).isEmpty();
    }

    @Test
    void failsWhenTheReleaseIdAlreadyTagsOtherBytesInTheStacksRegistry() throws IOException {
        var run = releaseCopy("prod", Map.of("copied", "sha256:" + "b".repeat(64)));

        assertThat(run.result()).startsWith("1:").contains("already tags sha256:bbbb", "new release id");
        assertThat(run.read("copies")).isEmpty();
    }

    @Test
    void refusesAReleaseOfAnImageThatIsNotInDevsRegistry() throws IOException {
        var run = runStep("release.yml", "stacks", "The image is dev's, named by digest (a tag can move between two stacks)",
                Map.of("IMAGE", "europe-southwest1-docker.pkg.dev/kura-os/cloud-run-source-deploy/kura-backend@" + DIGEST),
                Map.of());

        assertThat(run.result()).startsWith("1:").contains("is not in dev's registry europe-southwest1-docker.pkg.dev/kura-os-dev/kura");
    }

    @Test
    void refusesAReleaseOfAnImageNamedByTag() throws IOException {
        var run = runStep("release.yml", "stacks", "The image is dev's, named by digest (a tag can move between two stacks)",
                Map.of("IMAGE", "europe-southwest1-docker.pkg.dev/kura-os-dev/kura/kura-backend:v1-3-8"), Map.of());

        assertThat(run.result()).startsWith("1:").contains("is not <registry>/<path>@sha256:<digest>");
    }

    /** The copy step of release.yml for {@code stack}, with a registry that holds {@code files} ("copied": a digest). */
    private static StepRun releaseCopy(String stack, Map<String, String> files) throws IOException {
        return runStep("release.yml", "deploy", "Copy the image into the stack's registry, by digest",
                Map.of("IMAGE", DEV_IMAGE, "RELEASE", "v1-3-8", "STACK", stack), files);
    }

    private record StepRun(String result, Path directory) {
        String read(String file) throws IOException {
            var path = directory.resolve(file);
            return Files.exists(path) ? Files.readString(path) : "";
        }
    }

    /**
     * Runs one step's script from the project root as the runner would (bash -e), with fakes of crane, gcloud and go
     * that record into a scratch directory holding {@code files}; crane's {@code digest} answers the "copied" file.
     */
    private static StepRun runStep(String file, String job, String stepName, Map<String, String> env,
                                   Map<String, String> files) throws IOException {
        var script = StreamSupport.stream(workflow(file).path("jobs").path(job).path("steps").spliterator(), false)
                .filter(step -> step.path("name").asText().equals(stepName)).findFirst().orElseThrow()
                .path("run").asText();
        var scratch = Files.createTempDirectory("step");
        for (var entry : files.entrySet()) {
            Files.writeString(scratch.resolve(entry.getKey()), entry.getValue());
        }
        var fakes = Map.of(
                // A GOPATH whose bin/ holds the fakes, where `go install` would have put crane.
                "go", "dirname \"$(dirname \"$0\")\"",
                "gcloud", "exit 0",
                "crane", "case \"$1\" in digest) cat '" + scratch + "/copied' 2>/dev/null || exit 1;;"
                        + " copy) echo \"$2 $3\" >> '" + scratch + "/copies'; echo -n \"${2##*@}\" > '" + scratch
                        + "/copied';; esac");
        var stepEnv = new TreeMap<>(env);
        stepEnv.put("GITHUB_OUTPUT", scratch.resolve("github-output").toString());
        return new StepRun(runWithFakes(List.of("bash", "-e", "-c", script), stepEnv, fakes), scratch);
    }

    @Test
    void commentsAndThenFailsThePullRequestWhenPulumiUpWouldRefuseAStep() throws IOException {
        var text = texts().get("pull-request.yml");
        var steps = steps(workflow("pull-request.yml"));
        var names = steps.stream().map(step -> step.path("name").asText()).toList();

        assertThat(text).contains("> plan-diff.txt || status=$?", "echo \"status=${status}\" >> \"$GITHUB_OUTPUT\"");
        assertThat(names).containsSubsequence("Diff the committed plans against the base branch",
                COMMENT_STEP, "Fail when pulumi up would refuse a step");
        assertThat(steps.get(names.indexOf("Fail when pulumi up would refuse a step")).path("if").asText())
                .isEqualTo("steps.diff.outputs.status != '0'");
    }

    @Test
    void labelsThePullRequestDestroyOrReplaceAsTheReviewSaysAndTakesAStaleLabelOff() throws IOException {
        var steps = steps(workflow("pull-request.yml"));
        var names = steps.stream().map(step -> step.path("name").asText()).toList();
        var diff = steps.get(names.indexOf("Diff the committed plans against the base branch")).path("run").asText();
        var script = steps.get(names.indexOf(COMMENT_STEP)).path("with").path("script").asText();

        assertThat(diff).contains("--format json > plan-diff.json");
        assertThat(script).contains("JSON.parse(fs.readFileSync('plan-diff.json', 'utf8')).steps.labels",
                "for (const name of ['" + Dangers.DESTROY_LABEL + "', '" + Dangers.REPLACE_LABEL + "'])",
                "github.rest.issues.addLabels(", "github.rest.issues.removeLabel(");
    }

    @Test
    void everyStepThatRunsTheProgramUnderThePulumiCliStartsItsJvmWithTheShortRunOptions() throws IOException {
        var runs = new ArrayList<String>();
        for (var file : texts().keySet()) {
            for (var job : iterable(workflow(file).path("jobs"))) {
                for (var step : iterable(job.path("steps"))) {
                    var pulumiCommand = step.path("uses").asText().startsWith("pulumi/actions@")
                            && step.path("with").has("command");
                    var automationApi = PROGRAM_THROUGH_AUTOMATION_API.matcher(step.path("run").asText()).find();
                    if (pulumiCommand || automationApi) {
                        runs.add(file + ": " + step.path("name").asText(step.path("uses").asText()));
                        var options = step.path("env").path("JDK_JAVA_OPTIONS").asText(
                                job.path("env").path("JDK_JAVA_OPTIONS").asText());
                        assertThat(options).as("%s: JDK_JAVA_OPTIONS of %s", file, step).isEqualTo(ShortRunJvm.OPTIONS);
                    }
                }
            }
        }
        assertThat(runs).as("steps that run the program under the Pulumi CLI").hasSize(3);
    }

    private static Iterable<JsonNode> iterable(JsonNode node) {
        var children = new ArrayList<JsonNode>();
        node.forEach(children::add);
        return children;
    }
}
