package ai.kuraos.infra.messaging;

import ai.kuraos.infra.config.ConfigReader;
import ai.kuraos.infra.config.ConfigSection;
import ai.kuraos.infra.config.Environment;
import ai.kuraos.infra.config.TextRule;
import ai.kuraos.infra.k8s.AutopilotLimits;
import ai.kuraos.infra.k8s.KubernetesQuantities;

import java.util.List;
import java.util.Optional;

/**
 * The Kafka cluster under the Strimzi operator: KRaft nodes that are both controller and broker, their size and
 * storage, and the topics of the catalogue resolved for the environment's replication. {@code replication} is what
 * Kafka's own topics and the topics that do not say get; it belongs to the environment, not to the broker count,
 * because a change of it on existing topics is one the topic operator refuses without Cruise Control (it applies
 * {@code min.insync.replicas} and keeps the replication factor, so writes with acks=all fail while {@code up} reports
 * success). Adding brokers adds capacity and leaves every topic's replication as it is.
 */
public record KafkaSettings(
        String version,
        int brokers,
        int replication,
        int storageGb,
        String storageClass,
        String cpu,
        String memory,
        List<Topic> topics) {

    /** The Kafka versions the pinned Strimzi operator runs. */
    public static final List<String> SUPPORTED_VERSIONS = List.of("3.8.0", "3.8.1", "3.9.0");
    public static final List<String> STORAGE_CLASSES = List.of("standard-rwo", "premium-rwo");

    /**
     * One topic as the cluster gets it. {@code deadLetterFor} names the consumer whose failed messages it keeps.
     * A retention of -1 keeps messages forever. {@code producers} and {@code consumers} are the services that may
     * write and read it.
     */
    public record Topic(String name, String description, int partitions, int replicas, int minInsyncReplicas,
                        long retentionMs, String cleanupPolicy, Optional<String> deadLetterFor, List<String> producers,
                        List<String> consumers) {

        public Topic {
            producers = List.copyOf(producers);
            consumers = List.copyOf(consumers);
        }

        Topic withServices(List<String> producers, List<String> consumers) {
            return new Topic(name, description, partitions, replicas, minInsyncReplicas, retentionMs, cleanupPolicy,
                    deadLetterFor, producers, consumers);
        }
    }

    public KafkaSettings {
        topics = List.copyOf(topics);
    }

    /** The {@code messaging.kafka} section: empty when the stack runs no Kafka, though every key is checked. */
    static Optional<KafkaSettings> read(ConfigSection section, Environment environment, TopicCatalogue catalogue,
                                        ConfigReader config) {
        var enabled = section.value("enabled", "Whether the stack runs Kafka (and so a GKE cluster).")
                .bool(environment.pick(false, false, true));
        var version = section.value("version", "The Kafka version (one the pinned operator runs); its metadata version"
                + " follows.").text("3.9.0", TextRule.oneOf(SUPPORTED_VERSIONS));
        var brokersValue = section.value("brokers", "Nodes that are both KRaft controller and broker, spread over zones."
                + " Kafka's own topics, and topics that do not say, keep the environment's replication (dev and"
                + " staging 1, prod 3) and `min.insync.replicas` one less (at least 1), whatever the broker count: a"
                + " change of brokers never changes an existing topic's replication. At least the replication.");
        var brokers = brokersValue.integer(environment.pick(1, 1, 3), 1, 9);
        var replication = topicReplication(environment);
        if (brokers < replication) {
            config.reject(brokersValue.key(), "got " + brokers + "; this environment's topics keep " + replication
                    + " replicas, and a topic cannot have more replicas than brokers; expected at least " + replication
                    + " (lowering a topic's replication needs a partition reassignment first, docs/operations.md)");
        }
        var storageGb = section.value("storageGb", "Each node's persistent volume. Volumes are kept when the Kafka"
                + " resource is deleted.").integer(environment.pick(10, 20, 100), 1, 16_384);
        var storageClass = section.value("storageClass", "Balanced or SSD persistent disk.")
                .text(environment.pick("standard-rwo", "standard-rwo", "premium-rwo"), TextRule.oneOf(STORAGE_CLASSES));
        var cpu = section.value("cpu", "Each node's CPU (request = limit, as Autopilot bills).")
                .text(environment.pick("500m", "500m", "2"), AutopilotLimits.podCpu(KubernetesQuantities.CPU));
        var memory = section.value("memory", "Each node's memory; Strimzi sizes the JVM heap from it.")
                .text(environment.pick("2Gi", "2Gi", "8Gi"),
                        KafkaMemory.brokerMemory(AutopilotLimits.podMemory(KubernetesQuantities.MEMORY)));
        if (!enabled) {
            return Optional.empty();
        }
        // Capped so that every topic does not repeat the refusal above.
        var topics = catalogue.resolve(Math.min(replication, brokers), brokers, brokersValue.key());
        topics.errors().forEach(error -> config.reject(error.key(), error.problem()));
        return Optional.of(new KafkaSettings(version, brokers, replication, storageGb, storageClass, cpu, memory,
                topics.topics()));
    }

    /**
     * The replication of Kafka's own topics and of topics that do not say, as each environment's cluster was first
     * created with: one copy in dev and staging (one broker), three in prod.
     */
    public static int topicReplication(Environment environment) {
        return environment.pick(1, 1, 3);
    }

    /** Writes need all but one replica: with three, a broker can be down without stopping producers. */
    public static int defaultMinInsyncReplicas(int replicas) {
        return Math.max(1, replicas - 1);
    }
}
