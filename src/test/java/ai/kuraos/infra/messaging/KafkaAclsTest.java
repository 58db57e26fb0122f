package ai.kuraos.infra.messaging;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaAclsTest {

    private static KafkaSettings.Topic topic(String name, List<String> producers, List<String> consumers) {
        return new KafkaSettings.Topic(name, "", 3, 1, 1, 3_600_000L, "delete", Optional.empty(), producers, consumers);
    }

    private static final List<KafkaSettings.Topic> TOPICS = List.of(
            topic("holistic.mood-entries.v1", List.of("api"), List.of("agents", "vectordb-api")),
            topic("agents.recommendations.v1", List.of("agents"), List.of("api")),
            topic("inference.detections.v1", List.of("adeline"), List.of("api")),
            topic("dlq.agents", List.of("agents"), List.of()),
            topic("dlq.api", List.of("api"), List.of()));

    private static Map<String, Object> topicRule(String topic, String... operations) {
        return Map.of("resource", Map.of("type", "topic", "name", topic, "patternType", "literal"),
                "operations", List.of(operations));
    }

    private static Map<String, Object> groupRule(String group) {
        return Map.of("resource", Map.of("type", "group", "name", group, "patternType", "literal"),
                "operations", List.of("Read"));
    }

    @Test
    void givesEveryServiceOfTheCatalogueAUserOnce() {
        assertThat(KafkaAcls.services(TOPICS)).containsExactly("adeline", "agents", "api", "vectordb-api");
    }

    @Test
    void aProducerThatConsumesWritesItsTopicsReadsOthersInItsOwnGroupAndWritesItsDeadLetters() {
        assertThat(KafkaAcls.of("api", TOPICS)).containsExactly(
                topicRule("holistic.mood-entries.v1", "Write"),
                topicRule("agents.recommendations.v1", "Read"),
                topicRule("inference.detections.v1", "Read"),
                topicRule("dlq.api", "Write"),
                groupRule("api"));
    }

    @Test
    void aProducerThatConsumesNothingGetsNoGroup() {
        assertThat(KafkaAcls.of("adeline", TOPICS)).containsExactly(topicRule("inference.detections.v1", "Write"));
    }

    @Test
    void aServiceThatReadsAndWritesOneTopicGetsBothOnOneRule() {
        var topics = List.of(topic("orders.v1", List.of("agents"), List.of("agents")));

        assertThat(KafkaAcls.of("agents", topics)).containsExactly(topicRule("orders.v1", "Read", "Write"),
                groupRule("agents"));
    }

    @Test
    void aConsumerGetsNothingOnTopicsItDoesNotUse() {
        assertThat(KafkaAcls.of("vectordb-api", TOPICS)).containsExactly(
                topicRule("holistic.mood-entries.v1", "Read"),
                groupRule("vectordb-api"));
    }

    @Test
    void aServiceTheCatalogueDoesNotNameMayDoNothing() {
        assertThat(KafkaAcls.of("billing", TOPICS)).isEmpty();
    }
}
