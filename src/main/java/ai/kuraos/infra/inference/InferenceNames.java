package ai.kuraos.infra.inference;

/** Names, ports and paths of the inference workload (Adeline), and the seeds' probe timings. */
public final class InferenceNames {

    public static final String APP = "adeline";
    public static final String NAMESPACE = "kura-inference";
    public static final String SERVICE_ACCOUNT = APP;
    /** The dedicated Google service account the pods act as through Workload Identity. */
    public static final String GOOGLE_ACCOUNT_ID = "kura-inference";
    public static final String SETTINGS_CONFIG_MAP = "adeline-settings";
    public static final String KAFKA_CA_CONFIG_MAP = "kafka-ca";
    public static final int HEALTH_PORT = 8080;
    public static final int METRICS_PORT = 8000;
    public static final String LIVENESS_PATH = "/health";
    public static final String READINESS_PATH = "/health/detailed";
    public static final String MODEL_CACHE_DIR = "/var/cache/adeline";
    public static final String KAFKA_CA_DIR = "/etc/kafka-ca";
    /** The workload's Kafka client certificate and key, named as Strimzi names a KafkaUser's. */
    public static final String KAFKA_CLIENT_SECRET = "kafka-client";
    public static final String KAFKA_CLIENT_DIR = "/etc/kafka-client";
    public static final String KAFKA_CLIENT_CERTIFICATE = "user.crt";
    public static final String KAFKA_CLIENT_KEY = "user.key";
    /**
     * Managed Prometheus' collectors run in this namespace; they scrape the metrics port. On Autopilot (and on
     * Standard clusters with managed collection enabled by GKE) it is {@code gke-gmp-system}; {@code gmp-system} is
     * only the self-deployed operator's (GKE, "Managed Service for Prometheus: set up managed collection" and its
     * NetworkPolicy troubleshooting, https://cloud.google.com/stackdriver/docs/managed-prometheus/setup-managed).
     */
    public static final String PROMETHEUS_NAMESPACE = "gke-gmp-system";
    /** The size limit of the pod's {@code /tmp} emptyDir. */
    public static final String TMP_SIZE = "256Mi";
    public static final int RUN_AS_USER = 10001;
    private static final int LABEL_VALUE_LIMIT = 63;

    /** The seeds' Kubernetes manifest (k8s/deployment.yaml) and Dockerfile HEALTHCHECK. */
    public record ProbeTiming(int initialDelaySeconds, int periodSeconds, int timeoutSeconds, int failureThreshold) {
    }

    public static final ProbeTiming LIVENESS = new ProbeTiming(30, 10, 10, 3);
    public static final ProbeTiming READINESS = new ProbeTiming(10, 5, 5, 3);

    private InferenceNames() {
    }

    /** The Kubernetes identity Workload Identity maps to the Google account: {@code <project>.svc.id.goog[ns/sa]}. */
    public static String workloadIdentityMember(String project) {
        return "serviceAccount:" + project + ".svc.id.goog[" + NAMESPACE + "/" + SERVICE_ACCOUNT + "]";
    }

    /** The image's tag or digest, for the version label. */
    public static String version(String image) {
        var digest = image.indexOf('@');
        var version = digest >= 0 ? image.substring(digest + 1).replace(':', '-') : image.substring(image.lastIndexOf(':') + 1);
        return version.substring(0, Math.min(LABEL_VALUE_LIMIT, version.length()));
    }
}
