package ai.kuraos.infra.config;

import ai.kuraos.infra.edge.DnsNames;
import ai.kuraos.infra.k8s.AutopilotLimits;
import ai.kuraos.infra.messaging.KafkaMemory;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The sections of what runs on GKE: {@code messaging} (with its Kafka cluster), {@code inference}, and the
 * {@code cluster} they share, which exists only when one of them is enabled.
 */
final class KubernetesSettingsParser {

    static final TextRule CPU = new TextRule(
            text -> text.matches("[1-9][0-9]{2,4}m") ? Integer.parseInt(text.substring(0, text.length() - 1)) >= 250
                    : text.matches("[1-9][0-9]?(\\.5)?"),
            "a CPU amount of at least 250m (Autopilot's minimum), such as 500m, 1, 1.5 or 2");
    static final TextRule K8S_MEMORY = TextRule.matching("[1-9][0-9]{0,5}(Mi|Gi)", "a memory size such as 512Mi or 4Gi");
    static final TextRule HOST = TextRule.matching("([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?",
            "a host name such as mqtt.kuraos.ai");
    static final TextRule ANY_CIDR = new TextRule(text -> Ipv4Cidr.parse(text).isPresent(),
            "an IPv4 CIDR block without host bits, e.g. 203.0.113.0/24 (0.0.0.0/0 for anywhere)");
    static final TextRule NETWORK_NAME = TextRule.matching("[a-z][a-z0-9-]{0,62}", "a short name such as office-vpn");
    static final TextRule DAY = TextRule.oneOf(Arrays.stream(DayOfWeek.values()).map(day -> day.name().toLowerCase()).toList());
    /** Names the workload's ConfigMap sets itself. */
    static final Set<String> RESERVED_INFERENCE_SETTINGS = Set.of("HEALTH_PORT", "METRICS_PORT", "MQTT_HOST", "MQTT_PORT",
            "KAFKA_BOOTSTRAP_SERVERS", "KAFKA_SECURITY_PROTOCOL", "KAFKA_SSL_CA_LOCATION", "MODEL_CACHE_DIR", "ENVIRONMENT");
    /** GKE's rule for maintenance windows: 48 hours of them in any 32 days. */
    static final int REQUIRED_MAINTENANCE_HOURS_PER_32_DAYS = 48;

    private KubernetesSettingsParser() {
    }

    static MessagingSettings messaging(ConfigSection section, EnvironmentDefaults defaults, TopicCatalogue catalogue,
                                       ConfigReader config) {
        var backendValue = section.value("backend");
        var backend = backendValue.choice(MessagingBackend.CELERY, MessagingBackend.class);
        var kafkaSection = section.section("kafka");
        var kafka = kafka(kafkaSection, defaults, catalogue, config);
        if (backend == MessagingBackend.KAFKA && kafka.isEmpty()) {
            config.reject(backendValue.key(), "got \"kafka\", but " + kafkaSection.keyOf("enabled")
                    + " is false: there is no Kafka cluster to publish to. Enable it, or choose celery or disabled");
        }
        return new MessagingSettings(backend, kafka);
    }

    private static Optional<KafkaSettings> kafka(ConfigSection section, EnvironmentDefaults defaults,
                                                 TopicCatalogue catalogue, ConfigReader config) {
        var enabled = section.value("enabled").bool(defaults.kafka().enabled());
        var version = section.value("version").text("3.9.0", TextRule.oneOf(KafkaSettings.SUPPORTED_VERSIONS));
        var brokersValue = section.value("brokers");
        var brokers = brokersValue.integer(defaults.kafka().brokers(), 1, 9);
        var storageGb = section.value("storageGb").integer(defaults.kafka().storageGb(), 1, 16_384);
        var storageClass = section.value("storageClass").text(defaults.kafka().storageClass(),
                TextRule.oneOf(KafkaSettings.STORAGE_CLASSES));
        var cpu = section.value("cpu").text(defaults.kafka().cpu(), AutopilotLimits.podCpu(CPU));
        var memory = section.value("memory").text(defaults.kafka().memory(),
                KafkaMemory.brokerMemory(AutopilotLimits.podMemory(K8S_MEMORY)));
        if (!enabled) {
            return Optional.empty();
        }
        var topics = catalogue.resolve(brokers, brokersValue.key());
        topics.errors().forEach(error -> config.reject(error.key(), error.problem()));
        return Optional.of(new KafkaSettings(version, brokers, storageGb, storageClass, cpu, memory, topics.topics()));
    }

    static Optional<InferenceSettings> inference(ConfigSection section, ConfigReader config) {
        var enabled = section.value("enabled").bool(false);
        var imageValue = section.value("image");
        var image = imageValue.text("", BackendNames.IMAGE);
        if (enabled && !imageValue.isSet()) {
            config.reject(imageValue.key(), "missing; expected the service's image with a tag or digest, e.g."
                    + " europe-southwest1-docker.pkg.dev/kura-os/kura/adeline:2.7");
        }
        var minValue = section.value("minReplicas");
        var minReplicas = minValue.integer(3, 2, 50);
        var maxValue = section.value("maxReplicas");
        var maxReplicas = maxValue.integer(Math.max(6, minReplicas), 2, 100);
        if (maxReplicas < minReplicas) {
            config.reject(maxValue.key(), "got " + maxReplicas + "; expected at least minReplicas (" + minReplicas + ")");
        }
        var gpuSection = section.section("gpu");
        var gpuTypeValue = gpuSection.value("type");
        var gpuType = gpuTypeValue.text("", TextRule.oneOf(InferenceSettings.GPU_TYPES));
        var gpuCount = Integer.parseInt(gpuSection.value("count").text("1", TextRule.oneOf(InferenceSettings.GPU_COUNTS)));
        var mqttSection = section.section("mqtt");
        var mqttHostValue = mqttSection.value("host");
        var mqttHost = mqttHostValue.text("", DnsNames.host(HOST));
        if (enabled && !mqttHostValue.isSet()) {
            config.reject(mqttHostValue.key(), "missing; expected the MQTT broker the service publishes detections to,"
                    + " e.g. mqtt.kuraos.ai");
        }
        var mqtt = new InferenceSettings.Mqtt(mqttHost, mqttSection.value("port").integer(8883, 1, 65_535),
                mqttSection.value("cidr").text("0.0.0.0/0", ANY_CIDR));
        var appSettingsValue = section.value("settings");
        var appSettings = appSettingsValue.textMap(Map.of(), BackendNames.ENV_NAME, new TextRule(value -> true, "a text value"));
        appSettings.keySet().stream().filter(RESERVED_INFERENCE_SETTINGS::contains).forEach(name ->
                config.reject(appSettingsValue.key() + "." + name, "set by the program; choose another name"));
        // A GPU pod runs in Autopilot's accelerator class, whose limits depend on the GPU.
        var cpu = section.value("cpu").text("2", gpuType.isEmpty() ? AutopilotLimits.podCpu(CPU) : CPU);
        var memory = section.value("memory").text("4Gi", gpuType.isEmpty() ? AutopilotLimits.podMemory(K8S_MEMORY) : K8S_MEMORY);
        var modelCacheSize = section.value("modelCacheSize").text("2Gi", AutopilotLimits.podEphemeralStorage(K8S_MEMORY));
        var settings = new InferenceSettings(image, minReplicas, maxReplicas,
                section.value("targetCpuUtilization").integer(70, 10, 95),
                cpu,
                memory,
                gpuType.isEmpty() ? Optional.empty() : Optional.of(new InferenceSettings.Gpu(gpuType, gpuCount)),
                mqtt,
                modelCacheSize,
                appSettings);
        return enabled ? Optional.of(settings) : Optional.empty();
    }

    /** The cluster's settings, read whether or not a cluster is needed so that a mistake never waits to surface. */
    static Optional<ClusterSettings> cluster(ConfigSection section, EnvironmentDefaults defaults, NetworkSettings network,
                                             boolean needed, ConfigReader config, List<String> warnings) {
        var ranges = new LinkedHashMap<String, String>();
        ranges.put("kura-infra:network.subnetCidr", network.subnetCidr());
        network.privateServicesAddress().ifPresent(address -> ranges.put("kura-infra:network.privateServicesAddress",
                address + "/" + network.privateServicesPrefixLength()));
        var pods = range(section.value("podsCidr"), defaults.cluster().podsCidr(), 8, 21, ranges, config);
        var services = range(section.value("servicesCidr"), defaults.cluster().servicesCidr(), 8, 27, ranges, config);
        var controlPlane = range(section.value("controlPlaneCidr"), defaults.cluster().controlPlaneCidr(), 28, 28, ranges,
                config);
        var authorizedValue = section.value("authorizedNetworks");
        var authorized = authorizedValue.textMap(Map.of(), NETWORK_NAME, ANY_CIDR);
        AutopilotLimits.authorizedNetworksProblem(authorized.size()).ifPresent(problem -> config.reject(authorizedValue.key(), problem));
        var settings = new ClusterSettings(
                section.value("releaseChannel").text(defaults.cluster().releaseChannel(),
                        TextRule.oneOf(ClusterSettings.RELEASE_CHANNELS)),
                pods, services, controlPlane, authorized,
                maintenance(section.section("maintenance"), config));
        if (needed && authorized.isEmpty()) {
            warnings.add("the GKE control plane answers only inside the VPC (no kura-infra:cluster.authorizedNetworks):"
                    + " run pulumi from a machine in it, or authorize your CI's egress range");
        }
        return needed ? Optional.of(settings) : Optional.empty();
    }

    private static ClusterSettings.Maintenance maintenance(ConfigSection section, ConfigReader config) {
        var daysValue = section.value("days");
        var days = daysValue.textList(List.of("saturday", "sunday"), DAY).stream()
                .map(day -> DayOfWeek.valueOf(day.toUpperCase())).distinct().toList();
        if (days.isEmpty()) {
            config.reject(daysValue.key(), "got no day; expected at least one day a week, e.g. [saturday, sunday]");
        }
        var start = section.value("startTime").text("01:00", StackSettingsParser.HOUR_AND_MINUTE);
        var durationValue = section.value("durationHours");
        var duration = durationValue.integer(6, 4, 24);
        var worstHours = leastOccurrencesIn32Days(days.size()) * duration;
        if (!days.isEmpty() && worstHours < REQUIRED_MAINTENANCE_HOURS_PER_32_DAYS) {
            config.reject(durationValue.key(), "got " + duration + " hours on " + days.size() + " day(s) a week, which"
                    + " leaves some 32 days with only " + worstHours + " hours of window; GKE needs at least "
                    + REQUIRED_MAINTENANCE_HOURS_PER_32_DAYS + ", so lengthen the window or add days");
        }
        return new ClusterSettings.Maintenance(days, start, duration);
    }

    /**
     * The fewest times {@code weekdays} distinct days of the week occur in 32 consecutive days: four weeks bring each
     * four times, and the four days left over can avoid up to three of them.
     */
    static int leastOccurrencesIn32Days(int weekdays) {
        return 4 * weekdays + Math.max(0, weekdays - 3);
    }

    /** A private range that overlaps none of the network's others. */
    private static String range(ConfigValue value, String fallback, int minPrefix, int maxPrefix,
                                Map<String, String> taken, ConfigReader config) {
        var text = value.text(fallback, StackSettingsParser.PRIVATE_SUBNET);
        var cidr = Ipv4Cidr.parse(text);
        if (cidr.isEmpty()) {
            return text;
        }
        if (cidr.get().prefixLength() < minPrefix || cidr.get().prefixLength() > maxPrefix) {
            config.reject(value.key(), "got \"" + text + "\"; expected a prefix from /" + minPrefix + " to /" + maxPrefix);
        }
        var clashes = new ArrayList<String>();
        taken.forEach((key, other) -> Ipv4Cidr.parse(other).filter(cidr.get()::overlaps)
                .ifPresent(overlap -> clashes.add(key + " (" + other + ")")));
        if (!clashes.isEmpty()) {
            config.reject(value.key(), "got \"" + text + "\", which overlaps " + String.join(" and ", clashes)
                    + "; expected a private range of its own");
        }
        taken.put(value.key(), text);
        return text;
    }
}
