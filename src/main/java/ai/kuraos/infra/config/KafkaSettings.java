package ai.kuraos.infra.config;

import java.util.List;
import java.util.Optional;

/**
 * The Kafka cluster under the Strimzi operator: KRaft nodes that are both controller and broker, their size and
 * storage, and the topics of the catalogue resolved for this broker count.
 */
public record KafkaSettings(
        String version,
        int brokers,
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
     * A retention of -1 keeps messages forever.
     */
    public record Topic(String name, String description, int partitions, int replicas, int minInsyncReplicas,
                        long retentionMs, String cleanupPolicy, Optional<String> deadLetterFor) {
    }

    public KafkaSettings {
        topics = List.copyOf(topics);
    }

    /** The replication of Kafka's own topics and of topics that do not say: three copies, or one per broker. */
    public static int defaultReplicas(int brokers) {
        return Math.min(3, brokers);
    }

    /** Writes need all but one replica: with three, a broker can be down without stopping producers. */
    public static int defaultMinInsyncReplicas(int replicas) {
        return Math.max(1, replicas - 1);
    }
}
