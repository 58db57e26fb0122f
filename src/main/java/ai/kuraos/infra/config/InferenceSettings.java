package ai.kuraos.infra.config;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Adeline, the inference service, on the cluster: its image, how many replicas the autoscaler keeps between, each
 * pod's size and optional GPUs, the MQTT broker it publishes detections to, and the service's own settings
 * (its environment, e.g. log format and circuit breaker thresholds).
 */
public record InferenceSettings(
        String image,
        int minReplicas,
        int maxReplicas,
        int targetCpuUtilization,
        String cpu,
        String memory,
        Optional<Gpu> gpu,
        Mqtt mqtt,
        String modelCacheSize,
        Map<String, String> appSettings) {

    /** The accelerators GKE Autopilot schedules pods on, by their {@code cloud.google.com/gke-accelerator} name. */
    public static final List<String> GPU_TYPES = List.of(
            "nvidia-l4", "nvidia-tesla-t4", "nvidia-tesla-a100", "nvidia-a100-80gb", "nvidia-h100-80gb");
    public static final List<String> GPU_COUNTS = List.of("1", "2", "4", "8");

    public record Gpu(String type, int count) {
    }

    /** {@code cidr} bounds the addresses the pods may open MQTT connections to. */
    public record Mqtt(String host, int port, String cidr) {
    }

    public InferenceSettings {
        appSettings = Collections.unmodifiableSortedMap(new TreeMap<>(appSettings));
    }
}
