package ai.kuraos.infra.messaging;

import ai.kuraos.infra.config.TextRule;

import java.util.Optional;

/** Whether a broker pod has memory enough for a Kafka broker to start and stay up. */
public final class KafkaMemory {

    /**
     * Without jvmOptions, Strimzi sizes the broker's heap from the container's memory limit, at half of it
     * (https://strimzi.io/docs/operators/latest/configuring.html#con-common-configuration-jvm-reference), and Kafka's
     * own start script runs a broker with a 1 GiB heap (bin/kafka-server-start.sh: -Xmx1G -Xms1G). A container of
     * 2 GiB is the least that gives the broker that heap and the page cache and off-heap memory beside it.
     */
    public static final int MIN_BROKER_MEMORY_MIB = 2048;

    private KafkaMemory() {
    }

    /** A broker's memory, as {@code memory} reads it, with the least a broker needs; the text names the limit. */
    public static TextRule brokerMemory(TextRule memory) {
        return new TextRule(memory.accepts().and(text -> problem(text).isEmpty()), memory.expected()
                + ", and at least 2Gi for a broker (Strimzi gives its JVM half, and Kafka's default heap is 1 GiB)");
    }

    /** A memory quantity (digits and Mi or Gi) too small for a broker, if it is. */
    public static Optional<String> problem(String memory) {
        var amount = Integer.parseInt(memory.substring(0, memory.length() - 2));
        var mebibytes = memory.endsWith("Gi") ? amount * 1024L : amount;
        return mebibytes < MIN_BROKER_MEMORY_MIB
                ? Optional.of("at least 2Gi: Strimzi gives the broker's JVM half the container's memory, and a Kafka"
                + " broker needs a heap of 1 GiB (Kafka's default) to start")
                : Optional.empty();
    }
}
