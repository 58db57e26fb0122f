package ai.kuraos.infra.backend;

import ai.kuraos.infra.config.CommonRules;
import ai.kuraos.infra.config.Environment;
import ai.kuraos.infra.config.TextRule;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

/**
 * Names of the backend's Cloud Run resources, and what may be called what. Revision names derive from the release and
 * the whole serialized template ({@code kura-backend-<release>-<fingerprint>}), so that the rollout can tell a
 * release's revisions and any change of the template gets a revision of its own.
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
    /**
     * What a stack runs until its first release: the images of a new stack live in the Artifact Registry repository
     * the same first update creates, so none can exist yet. Google's public sample listens on {@code $PORT} and
     * answers every path (so {@code /health}) with 200 (GoogleCloudPlatform/cloud-run-hello, hello.go). The first
     * {@code deploy} stages the first real release against it.
     */
    public static final String PLACEHOLDER_IMAGE = "us-docker.pkg.dev/cloudrun/container/hello:latest";
    public static final String PLACEHOLDER_RELEASE = "placeholder";
    /** Environment variables the program itself sets or Cloud Run reserves; the stack's env may not use them. */
    public static final Set<String> RESERVED_ENV = Set.of(
            "PORT", "K_SERVICE", "K_REVISION", "K_CONFIGURATION",
            "ENVIRONMENT", "GCP_PROJECT_ID", "GCP_REGION", "RELEASE", "BACKUPS_BUCKET", "MESSAGING_BACKEND",
            "REDIS_HOST", "REDIS_PORT", "REDIS_CA_CERT", "CELERY_BROKER_HOST", "CELERY_BROKER_PORT", "CELERY_BROKER_CA_CERT",
            "KAFKA_BOOTSTRAP_SERVERS", "KAFKA_SECURITY_PROTOCOL", "KAFKA_SSL_CA_PEM", "KAFKA_GROUP_ID",
            "OTEL_SERVICE_NAME", "OTEL_RESOURCE_ATTRIBUTES", "OTEL_TRACES_SAMPLER", "OTEL_TRACES_SAMPLER_ARG");

    private BackendNames() {
    }

    /**
     * The revision that runs a release with a template: {@code kura-backend-<release>-<fingerprint>}, the fingerprint a
     * hash of the whole template as the engine receives it ({@code serializedTemplate}, the revision name left out):
     * image, environment, secret versions, probes, ports, resources, scaling, network, and the values other resources
     * feed in. Cloud Run refuses a changed template under a revision name it has seen (409), so whatever changes the
     * template, in the stack file or in the code, changes the name.
     */
    public static String revision(String release, String serializedTemplate) {
        return SERVICE + "-" + release + "-" + hash(serializedTemplate);
    }

    private static String hash(String text) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, FINGERPRINT_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    /** Whether {@code revision} is one of {@code release}'s revisions, whatever its template. */
    public static boolean isRevisionOf(String revision, String release) {
        return revision.startsWith(SERVICE + "-" + release + "-");
    }

    /** What is wrong with a release id, if anything. */
    public static Optional<String> releaseProblem(String text) {
        return RELEASE.accepts().test(text) ? Optional.empty() : Optional.of("expected " + RELEASE.expected());
    }

    /** What is wrong with an image reference, if anything. */
    public static Optional<String> imageProblem(String text) {
        return CommonRules.IMAGE.accepts().test(text) ? Optional.empty() : Optional.of("expected " + CommonRules.IMAGE.expected());
    }

    /**
     * What is wrong with an image to deploy to a stack, if anything: it must be in the stack's own registry
     * ({@code registryUrl}) and named by digest, so that every stack runs exactly the bytes the one before it tested
     * (a tag can be moved to another image between two stacks).
     */
    public static Optional<String> deployImageProblem(String image, String registryUrl) {
        if (!image.startsWith(registryUrl + "/")) {
            return Optional.of("not in the stack's registry " + registryUrl + "; copy the image there first");
        }
        if (!image.matches(".*@sha256:[a-f0-9]{64}")) {
            return Optional.of("names a tag, not a digest; use " + registryUrl + "/<image>@sha256:<digest>"
                    + " (gcloud artifacts docker images describe <image:tag> --format 'value(image_summary.digest)')");
        }
        return Optional.empty();
    }

    /** What is wrong with a revision name, if anything. */
    public static Optional<String> revisionProblem(String text) {
        return REVISION.accepts().test(text) ? Optional.empty() : Optional.of("expected " + REVISION.expected());
    }
}
