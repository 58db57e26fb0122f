package ai.kuraos.infra.bootstrap;

import ai.kuraos.infra.config.Environment;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How GitHub Actions' OIDC tokens map to Google identities. A job's token names its repository and owner (by numeric
 * id and by name), its git ref, its event, the workflow file it runs ({@code job_workflow_ref}) and, when the job runs
 * in a GitHub environment, that environment. Three kinds of job may get a Google identity, each from its own GitHub
 * environment, workflow files and events:
 * <ul>
 *   <li>deployments ({@code <stack>}): deploy.yml, release.yml and rollback.yml on the deployment branch;</li>
 *   <li>drift checks ({@code <stack>-drift}): drift.yml on the deployment branch, scheduled or dispatched;</li>
 *   <li>live previews ({@code <stack>-preview}): pull-request.yml for a pull request, of the stacks with
 *   {@link #livePreview}.</li>
 * </ul>
 */
public final class GithubClaims {

    public static final String ISSUER = "https://token.actions.githubusercontent.com";
    public static final String PREVIEW_SUFFIX = "-preview";
    public static final String DRIFT_SUFFIX = "-drift";

    /** The workflow files that run {@code pulumi up}, deploy or roll back, and the events that start them. */
    public static final List<String> DEPLOY_WORKFLOWS = List.of("deploy.yml", "release.yml", "rollback.yml");
    public static final List<String> DEPLOY_EVENTS = List.of("workflow_run", "workflow_dispatch");
    public static final String DRIFT_WORKFLOW = "drift.yml";
    public static final List<String> DRIFT_EVENTS = List.of("schedule", "workflow_dispatch");
    public static final String PREVIEW_WORKFLOW = "pull-request.yml";
    public static final String PREVIEW_EVENT = "pull_request";

    private GithubClaims() {
    }

    /**
     * Whether a pull request gets a live {@code pulumi preview} of the stack. Not prod: a preview decrypts the stack's
     * state (prod's holds the database and Redis passwords, SECRET_KEY and the Kafka CA key), and a pull request runs
     * code from any branch. The offline plan diff covers prod's changes.
     */
    public static boolean livePreview(String environment) {
        return !environment.equals(Environment.PROD.id());
    }

    /** The token's claims the pool keeps; a job outside any GitHub environment gets an empty environment. */
    public static Map<String, String> attributeMapping() {
        return Map.of(
                "google.subject", "assertion.sub",
                "attribute.repository_id", "assertion.repository_id",
                "attribute.repository_owner_id", "assertion.repository_owner_id",
                "attribute.ref", "assertion.ref",
                "attribute.environment", "has(assertion.environment) ? assertion.environment : ''");
    }

    /**
     * Only this repository's tokens (by its and its owner's numeric ids), and only from a deployment, drift or preview
     * environment, each with its workflow files and events (the class comment). Everything else (other repositories,
     * forks, another workflow file, jobs outside an environment) is refused before any service account is considered.
     */
    public static String attributeCondition(BootstrapSettings.Github github, List<String> environments) {
        var branch = quoted("refs/heads/" + github.branch());
        var previewed = environments.stream().filter(GithubClaims::livePreview).toList();
        var preview = previewed.isEmpty() ? "" : " || (assertion.environment in "
                + list(previewed.stream().map(GithubClaims::previewEnvironment).toList())
                + " && assertion.event_name == " + quoted(PREVIEW_EVENT)
                + " && assertion.job_workflow_ref.startsWith(" + quoted(workflowRef(github, PREVIEW_WORKFLOW, "refs/pull/"))
                + "))";
        return "assertion.repository_id == " + quoted(github.repositoryId())
                + " && assertion.repository_owner_id == " + quoted(github.ownerId())
                + " && has(assertion.environment)"
                + " && ((assertion.environment in " + list(environments) + " && assertion.ref == " + branch
                + " && assertion.event_name in " + list(DEPLOY_EVENTS)
                + " && assertion.job_workflow_ref in " + list(DEPLOY_WORKFLOWS.stream()
                .map(workflow -> workflowRef(github, workflow, "refs/heads/" + github.branch())).toList()) + ")"
                + " || (assertion.environment in " + list(environments.stream().map(GithubClaims::driftEnvironment).toList())
                + " && assertion.ref == " + branch
                + " && assertion.event_name in " + list(DRIFT_EVENTS)
                + " && assertion.job_workflow_ref == " + quoted(workflowRef(github, DRIFT_WORKFLOW, "refs/heads/" + github.branch()))
                + ")" + preview + ")";
    }

    /** {@code kura-os/kura-infra/.github/workflows/deploy.yml@refs/heads/main}, as a token's job_workflow_ref says it. */
    static String workflowRef(BootstrapSettings.Github github, String workflow, String ref) {
        return github.repository() + "/.github/workflows/" + workflow + "@" + ref;
    }

    public static String previewEnvironment(String environment) {
        return environment + PREVIEW_SUFFIX;
    }

    public static String driftEnvironment(String environment) {
        return environment + DRIFT_SUFFIX;
    }

    /** Every token of jobs in one GitHub environment, as an IAM member. */
    public static String environmentMembers(String poolName, String githubEnvironment) {
        return "principalSet://iam.googleapis.com/" + poolName + "/attribute.environment/" + githubEnvironment;
    }

    private static String list(List<String> values) {
        return values.stream().map(GithubClaims::quoted).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String quoted(String value) {
        return "'" + value + "'";
    }
}
