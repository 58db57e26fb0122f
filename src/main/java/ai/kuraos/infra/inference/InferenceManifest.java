package ai.kuraos.infra.inference;

import ai.kuraos.infra.config.Target;
import ai.kuraos.infra.messaging.KafkaNames;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/** The decisions behind the inference workload's objects: its settings, its size, when its pods must restart. */
public final class InferenceManifest {

    public static final String GPU_RESOURCE = "nvidia.com/gpu";
    public static final String ACCELERATOR_LABEL = "cloud.google.com/gke-accelerator";
    private static final ObjectMapper JSON = new ObjectMapper();

    private InferenceManifest() {
    }

    /**
     * The service's environment (the ConfigMap): ports, the MQTT broker, where the model is and its cache, Kafka when
     * the stack runs it, and the stack's model settings.
     */
    public static Map<String, String> settings(Target target, InferenceSettings settings, boolean kafka) {
        var data = new TreeMap<>(settings.appSettings());
        data.put("ENVIRONMENT", target.environment().id());
        data.put("HEALTH_PORT", String.valueOf(InferenceNames.HEALTH_PORT));
        data.put("METRICS_PORT", String.valueOf(InferenceNames.METRICS_PORT));
        data.put("MQTT_HOST", settings.mqtt().host());
        data.put("MQTT_PORT", String.valueOf(settings.mqtt().port()));
        data.put("MODEL_CACHE_DIR", InferenceNames.MODEL_CACHE_DIR);
        data.put("MODEL_URI", settings.modelUri());
        if (kafka) {
            data.put("KAFKA_BOOTSTRAP_SERVERS", KafkaNames.internalBootstrap());
            data.put("KAFKA_SECURITY_PROTOCOL", "SSL");
            data.put("KAFKA_SSL_CA_LOCATION", InferenceNames.KAFKA_CA_DIR + "/ca.crt");
            data.put("KAFKA_SSL_CERTIFICATE_LOCATION", InferenceNames.KAFKA_CLIENT_DIR + "/"
                    + InferenceNames.KAFKA_CLIENT_CERTIFICATE);
            data.put("KAFKA_SSL_KEY_LOCATION", InferenceNames.KAFKA_CLIENT_DIR + "/" + InferenceNames.KAFKA_CLIENT_KEY);
        }
        return data;
    }

    /**
     * Pods read their settings once, at start: a pod-template annotation with the settings' hash makes a change of
     * settings roll the pods, as a change of image does.
     */
    public static String checksum(Map<String, String> settings) {
        try {
            // JSON, not Map.toString: {A="x, B=y"} and {A=x, B=y} must differ.
            var digest = MessageDigest.getInstance("SHA-256").digest(JSON.writeValueAsBytes(new TreeMap<>(settings)));
            return HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode the settings", e);
        }
    }

    /**
     * Requests equal limits (Autopilot bills requests); a GPU pod asks for its GPUs in both. Ephemeral storage is
     * stated too: without it Autopilot requests 1 GiB for the pod, and the kubelet evicts a pod whose emptyDir
     * volumes, logs and writable layer outgrow its request (GKE, "Resource requests in Autopilot",
     * https://cloud.google.com/kubernetes-engine/docs/concepts/autopilot-resource-requests).
     */
    public static Map<String, String> resources(InferenceSettings settings) {
        var amounts = new TreeMap<String, String>();
        amounts.put("cpu", settings.cpu());
        amounts.put("memory", settings.memory());
        amounts.put("ephemeral-storage", ephemeralStorage(settings));
        settings.gpu().ifPresent(gpu -> amounts.put(GPU_RESOURCE, String.valueOf(gpu.count())));
        return amounts;
    }

    /**
     * What the pod writes to the node's disk: the model cache and {@code /tmp} (emptyDir volumes, each capped at its
     * size limit) plus {@value #WRITABLE_LAYER_AND_LOGS_MIB} MiB for container logs and the image's writable layer.
     */
    public static String ephemeralStorage(InferenceSettings settings) {
        return (mebibytes(settings.modelCacheSize()) + mebibytes(InferenceNames.TMP_SIZE) + WRITABLE_LAYER_AND_LOGS_MIB)
                + "Mi";
    }

    static final int WRITABLE_LAYER_AND_LOGS_MIB = 512;

    /** {@code 2Gi} is 2048, {@code 256Mi} 256: the two units the settings accept. */
    static long mebibytes(String quantity) {
        var amount = Long.parseLong(quantity.substring(0, quantity.length() - 2));
        return switch (quantity.substring(quantity.length() - 2)) {
            case "Gi" -> amount * 1024;
            case "Mi" -> amount;
            default -> throw new IllegalArgumentException("not a Mi or Gi quantity: " + quantity);
        };
    }

    /** On Autopilot, a pod lands on a GPU node by naming the accelerator it needs. */
    public static Map<String, String> nodeSelector(InferenceSettings settings) {
        return settings.gpu().map(gpu -> Map.of(ACCELERATOR_LABEL, gpu.type())).orElse(Map.of());
    }
}
