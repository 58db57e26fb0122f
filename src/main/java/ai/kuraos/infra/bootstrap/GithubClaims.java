package ai.kuraos.infra.bootstrap;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How GitHub Actions' OIDC tokens map to Google identities. A job's token names its repository, its git ref and, when
 * the job runs in a GitHub environment, that environment. Deployments run in the environment named after the stack
 * ({@code prod}) from the deployment branch; pull-request previews run in {@code <stack>-preview}.
 */
public final class GithubClaims {

    public static final String ISSUER = "https://token.actions.githubusercontent.com";
    public static final String PREVIEW_SUFFIX = "-preview";

    private GithubClaims() {
    }

    /** The token's claims the pool keeps; a job outside any GitHub environment gets an empty environment. */
    public static Map<String, String> attributeMapping() {
        return Map.of(
                "google.subject", "assertion.sub",
                "attribute.repository", "assertion.repository",
                "attribute.ref", "assertion.ref",
                "attribute.environment", "has(assertion.environment) ? assertion.environment : ''");
    }

    /**
     * Only this repository's tokens, and only from a deployment environment on the deployment branch, or from a
     * preview environment. Everything else (other repositories, forks, jobs outside an environment) is refused
     * before any service account is considered.
     */
    public static String attributeCondition(BootstrapSettings.Github github, List<String> environments) {
        return "assertion.repository == " + quoted(github.repository())
                + " && has(assertion.environment)"
                + " && ((assertion.environment in " + list(environments) + " && assertion.ref == "
                + quoted("refs/heads/" + github.branch()) + ")"
                + " || assertion.environment in " + list(environments.stream().map(GithubClaims::previewEnvironment).toList())
                + ")";
    }

    public static String previewEnvironment(String environment) {
        return environment + PREVIEW_SUFFIX;
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
