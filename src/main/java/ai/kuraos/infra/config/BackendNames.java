package ai.kuraos.infra.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Names of the backend's Cloud Run resources, and what may be called what. Revision names derive from the release and
 * the rest of the revision's configuration ({@code kura-backend-<release>-<fingerprint>}), so that the rollout can
 * address a release's revision and a configuration change gets a revision of its own.
 */
public final class BackendNames {

    public static final String SERVICE = "kura-backend";
    public static final String MIGRATOR_JOB = "kura-migrator";
    public static final String CANDIDATE_TAG = "candidate";

    static final TextRule RELEASE = TextRule.matching("[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?",
            "a release id of lowercase letters, digits and hyphens (at most 40), e.g. v1-3-7 or a git short sha");
    static final TextRule REVISION = TextRule.matching(SERVICE + "-[a-z0-9]([a-z0-9-]{0,46}[a-z0-9])?",
            "a revision name such as " + SERVICE + "-v1-3-7-4f2a9c");
    private static final int FINGERPRINT_LENGTH = 6;
    static final TextRule IMAGE = TextRule.matching(
            "[a-z0-9.-]+(:[0-9]+)?/[a-z0-9._/-]+(:[A-Za-z0-9._-]{1,128}|@sha256:[a-f0-9]{64})",
            "a full image reference with a tag or digest, e.g."
                    + " europe-southwest1-docker.pkg.dev/kura-os/kura/kura-backend:v1-3-7");
    /**
     * What a stack runs until its first release: the images of a new stack live in the Artifact Registry repository
     * the same first update creates, so none can exist yet. Google's public sample listens on {@code $PORT} and
     * answers every path (so {@code /health}) with 200 (GoogleCloudPlatform/cloud-run-hello, hello.go). The first
     * {@code deploy} stages the first real release against it.
     */
    public static final String PLACEHOLDER_IMAGE = "us-docker.pkg.dev/cloudrun/container/hello:latest";
    public static final String PLACEHOLDER_RELEASE = "placeholder";
    static final TextRule ENV_NAME = TextRule.matching("[A-Z_][A-Z0-9_]*",
            "an environment variable name in upper case, e.g. FRONTEND_URL");

    /** Environment variables the program itself sets or Cloud Run reserves; the stack's env may not use them. */
    public static final Set<String> RESERVED_ENV = Set.of(
            "PORT", "K_SERVICE", "K_REVISION", "K_CONFIGURATION",
            "ENVIRONMENT", "GCP_PROJECT_ID", "GCP_REGION", "RELEASE", "BACKUPS_BUCKET", "MESSAGING_BACKEND",
            "REDIS_HOST", "REDIS_PORT", "REDIS_CA_CERT",
            "KAFKA_BOOTSTRAP_SERVERS", "KAFKA_SECURITY_PROTOCOL", "KAFKA_SSL_CA_PEM",
            "OTEL_SERVICE_NAME", "OTEL_RESOURCE_ATTRIBUTES", "OTEL_TRACES_SAMPLER", "OTEL_TRACES_SAMPLER_ARG");

    private BackendNames() {
    }

    /** The revision that runs a release with a configuration: {@code kura-backend-<release>-<fingerprint>}. */
    public static String revision(String release, String templateFingerprint) {
        return SERVICE + "-" + release + "-" + templateFingerprint;
    }

    /**
     * A short hash of the settings that shape a revision besides its image: Cloud Run refuses a changed template under
     * a revision name it has seen, so a change of size, scaling or environment must change the name. Values other
     * resources produce (the Redis host, say) are not in it: a change of those needs a new release.
     */
    public static String templateFingerprint(List<Object> settings) {
        try {
            var digest = MessageDigest.getInstance("SHA-256")
                    .digest(settings.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, FINGERPRINT_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
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
