package ai.kuraos.infra.config;

import java.util.Optional;
import java.util.Set;

/**
 * Names of the backend's Cloud Run resources, and what may be called what. Revision names derive from the release so
 * that the rollout can address a release's revision ({@code kura-backend-<release>}).
 */
public final class BackendNames {

    public static final String SERVICE = "kura-backend";
    public static final String MIGRATOR_JOB = "kura-migrator";
    public static final String CANDIDATE_TAG = "candidate";

    static final TextRule RELEASE = TextRule.matching("[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?",
            "a release id of lowercase letters, digits and hyphens (at most 40), e.g. v1-3-7 or a git short sha");
    static final TextRule REVISION = TextRule.matching(SERVICE + "-[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?",
            "a revision name such as " + SERVICE + "-v1-3-7");
    static final TextRule IMAGE = TextRule.matching(
            "[a-z0-9.-]+(:[0-9]+)?/[a-z0-9._/-]+(:[A-Za-z0-9._-]{1,128}|@sha256:[a-f0-9]{64})",
            "a full image reference with a tag or digest, e.g."
                    + " europe-southwest1-docker.pkg.dev/kura-os/kura/kura-backend:v1-3-7");
    static final TextRule ENV_NAME = TextRule.matching("[A-Z_][A-Z0-9_]*",
            "an environment variable name in upper case, e.g. FRONTEND_URL");

    /** Environment variables the program itself sets or Cloud Run reserves; the stack's env may not use them. */
    public static final Set<String> RESERVED_ENV = Set.of(
            "PORT", "K_SERVICE", "K_REVISION", "K_CONFIGURATION",
            "ENVIRONMENT", "GCP_PROJECT_ID", "GCP_REGION", "RELEASE", "BACKUPS_BUCKET", "MESSAGING_BACKEND",
            "REDIS_HOST", "REDIS_PORT", "REDIS_CA_CERT");

    private BackendNames() {
    }

    /** The revision that serves a release: {@code kura-backend-<release>}. */
    public static String revision(String release) {
        return SERVICE + "-" + release;
    }

    /** What is wrong with a release id, if anything. */
    public static Optional<String> releaseProblem(String text) {
        return RELEASE.accepts().test(text) ? Optional.empty() : Optional.of("expected " + RELEASE.expected());
    }

    /** What is wrong with an image reference, if anything. */
    public static Optional<String> imageProblem(String text) {
        return IMAGE.accepts().test(text) ? Optional.empty() : Optional.of("expected " + IMAGE.expected());
    }

    /** What is wrong with a revision name, if anything. */
    public static Optional<String> revisionProblem(String text) {
        return REVISION.accepts().test(text) ? Optional.empty() : Optional.of("expected " + REVISION.expected());
    }
}
