package ai.kuraos.infra.inference;

import ai.kuraos.infra.config.CommonRules;
import ai.kuraos.infra.config.ConfigReader;
import ai.kuraos.infra.config.ConfigSection;
import ai.kuraos.infra.config.Ipv4Cidr;
import ai.kuraos.infra.config.TextRule;
import ai.kuraos.infra.edge.DnsNames;
import ai.kuraos.infra.k8s.AutopilotLimits;
import ai.kuraos.infra.k8s.KubernetesQuantities;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

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
        String modelUri,
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

    static final TextRule HOST = TextRule.matching("([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?",
            "a host name such as mqtt.kuraos.ai");
    static final TextRule ANY_CIDR = new TextRule(text -> Ipv4Cidr.parse(text).isPresent(),
            "an IPv4 CIDR block without host bits, e.g. 203.0.113.0/24 (0.0.0.0/0 for anywhere)");
    /** Names the workload's ConfigMap sets itself. */
    static final Set<String> RESERVED_SETTINGS = Set.of("HEALTH_PORT", "METRICS_PORT", "MQTT_HOST", "MQTT_PORT",
            "KAFKA_BOOTSTRAP_SERVERS", "KAFKA_SECURITY_PROTOCOL", "KAFKA_SSL_CA_LOCATION", "MODEL_CACHE_DIR", "MODEL_URI",
            "ENVIRONMENT");
    static final TextRule GCS_URI = TextRule.matching("gs://[a-z0-9][a-z0-9._-]{1,61}[a-z0-9]/\\S*",
            "a Cloud Storage location gs://<bucket>/<path>, e.g. gs://kura-os-adeline-models/adeline/2.7/");

    public InferenceSettings {
        appSettings = Collections.unmodifiableSortedMap(new TreeMap<>(appSettings));
    }

    /** The bucket of {@link #modelUri}: the only one the pods' Google account may read. */
    public String modelBucket() {
        var path = modelUri.substring("gs://".length());
        return path.substring(0, path.indexOf('/'));
    }

    /** The bucket Adeline reads its model from unless the stack names another. */
    public static String defaultModelBucket(String project) {
        return project + "-adeline-models";
    }

    /** The {@code inference} section: empty when the stack does not run it, though every key is checked. */
    public static Optional<InferenceSettings> read(ConfigSection section, String project, ConfigReader config) {
        var enabled = section.value("enabled", "Whether the stack runs it (and so a GKE cluster).").bool(false);
        var imageValue = section.value("image", "What it runs; the tag becomes its `app.kubernetes.io/version`. Required"
                + " when enabled.");
        var image = imageValue.text("", CommonRules.IMAGE);
        if (enabled && !imageValue.isSet()) {
            config.reject(imageValue.key(), "missing; expected the service's image with a tag or digest, e.g."
                    + " europe-southwest1-docker.pkg.dev/kura-os/kura/adeline:2.7");
        }
        var minValue = section.value("minReplicas", "The autoscaler's floor: the seeds' three replicas.");
        var minReplicas = minValue.integer(3, 2, 50);
        var maxValue = section.value("maxReplicas", "The autoscaler's ceiling; at least `minReplicas`.");
        var maxReplicas = maxValue.integer(Math.max(6, minReplicas), 2, 100);
        if (maxReplicas < minReplicas) {
            config.reject(maxValue.key(), "got " + maxReplicas + "; expected at least minReplicas (" + minReplicas + ")");
        }
        var targetCpu = section.value("targetCpuUtilization", "The average CPU use the autoscaler aims at, in percent.")
                .integer(70, 10, 95);
        var gpu = gpu(section.section("gpu", "Optional accelerators."));
        // A GPU pod runs in Autopilot's accelerator class, whose limits depend on the GPU.
        var cpu = section.value("cpu", "Each pod's CPU (request = limit).")
                .text("2", gpu.isEmpty() ? AutopilotLimits.podCpu(KubernetesQuantities.CPU) : KubernetesQuantities.CPU);
        var memory = section.value("memory", "Each pod's memory.")
                .text("4Gi", gpu.isEmpty() ? AutopilotLimits.podMemory(KubernetesQuantities.MEMORY) : KubernetesQuantities.MEMORY);
        var mqtt = mqtt(section.section("mqtt", "The MQTT broker the service publishes detections to."), enabled, config);
        var modelCacheSize = section.value("modelCacheSize", "The writable model cache (`/var/cache/adeline`; the root"
                + " filesystem is read-only).").text("2Gi", AutopilotLimits.podEphemeralStorage(KubernetesQuantities.MEMORY));
        var modelUri = section.value("modelUri", "Where Adeline reads its model at start (`MODEL_URI`). The pods'"
                + " Google account `kura-inference` may read the objects of this bucket, and of no other; the bucket"
                + " belongs to the stack's project, and the model must be in it before the update that starts the pods.")
                .defaultShown("`gs://<project>-adeline-models/`")
                .text("gs://" + defaultModelBucket(project) + "/", GCS_URI);
        var appSettingsValue = section.value("settings", "The service's own environment, in ConfigMap"
                + " `adeline-settings`. Names the program sets are refused: "
                + String.join(", ", new TreeSet<>(RESERVED_SETTINGS)) + ". A change restarts the pods one by one.");
        var appSettings = appSettingsValue.plaintextMap(CommonRules.ENV_NAME, CommonRules.ANY_TEXT);
        appSettings.keySet().stream().filter(RESERVED_SETTINGS::contains).forEach(name ->
                config.reject(appSettingsValue.key() + "." + name, "set by the program; choose another name"));
        var settings = new InferenceSettings(image, minReplicas, maxReplicas, targetCpu, cpu, memory, gpu, mqtt,
                modelCacheSize, modelUri, appSettings);
        return enabled ? Optional.of(settings) : Optional.empty();
    }

    private static Optional<Gpu> gpu(ConfigSection section) {
        var type = section.value("type", "With a type, pods ask for GPUs and land on nodes with that accelerator.")
                .text("", TextRule.oneOf(GPU_TYPES));
        var count = Integer.parseInt(section.value("count", "GPUs per pod.").text("1", TextRule.oneOf(GPU_COUNTS)));
        return type.isEmpty() ? Optional.empty() : Optional.of(new Gpu(type, count));
    }

    private static Mqtt mqtt(ConfigSection section, boolean enabled, ConfigReader config) {
        var hostValue = section.value("host", "`MQTT_HOST`; required when enabled.");
        var host = hostValue.text("", DnsNames.host(HOST));
        if (enabled && !hostValue.isSet()) {
            config.reject(hostValue.key(), "missing; expected the MQTT broker the service publishes detections to,"
                    + " e.g. mqtt.kuraos.ai");
        }
        return new Mqtt(host,
                section.value("port", "`MQTT_PORT`, and the only port the network policy opens to it.").integer(8883, 1, 65_535),
                section.value("cidr", "The addresses the network policy lets the pods reach the broker at. Narrow it to"
                        + " the broker's.").text("0.0.0.0/0", ANY_CIDR));
    }
}
