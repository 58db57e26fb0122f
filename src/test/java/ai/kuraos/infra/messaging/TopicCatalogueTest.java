package ai.kuraos.infra.messaging;

import ai.kuraos.infra.config.ConfigError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class TopicCatalogueTest {

    private static final String BROKERS_KEY = "kura-infra:messaging.kafka.brokers";
    private static final String SOURCE = "topics.yaml";

    private static TopicCatalogue.Resolved resolve(String yaml, int brokers) {
        return TopicCatalogue.of(SOURCE, yaml).resolve(Math.min(3, brokers), brokers, BROKERS_KEY);
    }

    /** A catalogue of one topic read by agents, with the given extra lines of the topic's entry. */
    private static String oneTopic(String... extraLines) {
        var entry = new StringBuilder("topics:\n  - name: orders.created.v1\n    producers: [api]\n    consumers: [agents]\n");
        for (var line : extraLines) {
            entry.append("    ").append(line).append('\n');
        }
        return entry.toString();
    }

    private static ConfigError onlyError(String yaml, int brokers) {
        var errors = resolve(yaml, brokers).errors();
        assertThat(errors).as("errors").hasSize(1);
        return errors.get(0);
    }

    private static KafkaSettings.Topic topic(TopicCatalogue.Resolved resolved, String name) {
        return resolved.topics().stream().filter(topic -> topic.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void resolvesTheBundledCatalogueForOneAndForThreeBrokers() {
        var single = TopicCatalogue.bundled().resolve(1, 1, BROKERS_KEY);
        var three = TopicCatalogue.bundled().resolve(3, 3, BROKERS_KEY);

        assertThat(single.errors()).isEmpty();
        assertThat(three.errors()).isEmpty();
        assertThat(single.topics()).extracting(KafkaSettings.Topic::name).containsExactly(
                "holistic.mood-entries.v1", "holistic.journal-entries.v1", "users.profiles.v1",
                "agents.recommendations.v1", "inference.detections.v1", "dlq.agents", "dlq.vectordb-api", "dlq.api");
        assertThat(three.topics()).extracting(KafkaSettings.Topic::name)
                .containsExactlyElementsOf(single.topics().stream().map(KafkaSettings.Topic::name).toList());
    }

    @Test
    void givesTopicsThreeReplicasAndTwoInSyncOnThreeBrokers() {
        var topics = TopicCatalogue.bundled().resolve(3, 3, BROKERS_KEY).topics();

        assertThat(topics).isNotEmpty().allSatisfy(topic -> {
            assertThat(topic.replicas()).as(topic.name()).isEqualTo(3);
            assertThat(topic.minInsyncReplicas()).as(topic.name()).isEqualTo(2);
        });
    }

    @Test
    void givesTopicsOneReplicaAndOneInSyncOnOneBroker() {
        var topics = TopicCatalogue.bundled().resolve(1, 1, BROKERS_KEY).topics();

        assertThat(topics).isNotEmpty().allSatisfy(topic -> {
            assertThat(topic.replicas()).as(topic.name()).isEqualTo(1);
            assertThat(topic.minInsyncReplicas()).as(topic.name()).isEqualTo(1);
        });
    }

    @Test
    void givesEveryConsumerOfTheBundledCatalogueADeadLetterTopic() {
        var resolved = TopicCatalogue.bundled().resolve(3, 3, BROKERS_KEY);
        var deadLetters = resolved.topics().stream().filter(topic -> topic.deadLetterFor().isPresent())
                .collect(Collectors.toMap(KafkaSettings.Topic::name, topic -> topic.deadLetterFor().get()));

        assertThat(deadLetters).containsOnly(
                entry("dlq.agents", "agents"), entry("dlq.vectordb-api", "vectordb-api"), entry("dlq.api", "api"));
        var dlqAgents = topic(resolved, "dlq.agents");
        assertThat(dlqAgents.partitions()).isEqualTo(3);
        assertThat(dlqAgents.retentionMs()).isEqualTo(720L * 60 * 60 * 1000);
        assertThat(dlqAgents.cleanupPolicy()).isEqualTo("delete");
        assertThat(dlqAgents.description()).contains("agents could not process");
        assertThat(topic(resolved, "holistic.mood-entries.v1").deadLetterFor()).isEmpty();
    }

    @Test
    void givesEachConsumerOneDeadLetterTopicHoweverManyTopicsItReads() {
        var resolved = resolve("topics:\n"
                + "  - name: a.one.v1\n    producers: [api]\n    consumers: [agents, api]\n"
                + "  - name: a.two.v1\n    producers: [api]\n    consumers: [api, agents]\n", 3);

        assertThat(resolved.errors()).isEmpty();
        assertThat(resolved.topics()).extracting(KafkaSettings.Topic::name)
                .containsExactly("a.one.v1", "a.two.v1", "dlq.agents", "dlq.api");
        assertThat(topic(resolved, "dlq.api").deadLetterFor()).isEqualTo(Optional.of("api"));
    }

    @Test
    void keepsMessagesForeverWithRetentionHoursMinusOne() {
        var resolved = TopicCatalogue.bundled().resolve(3, 3, BROKERS_KEY);

        assertThat(topic(resolved, "users.profiles.v1").retentionMs()).isEqualTo(-1L);
        assertThat(topic(resolved, "users.profiles.v1").cleanupPolicy()).isEqualTo("compact");
    }

    @Test
    void turnsRetentionHoursIntoMilliseconds() {
        var resolved = TopicCatalogue.bundled().resolve(3, 3, BROKERS_KEY);

        assertThat(topic(resolved, "holistic.mood-entries.v1").retentionMs()).isEqualTo(604_800_000L);
        assertThat(topic(resolved, "agents.recommendations.v1").retentionMs()).isEqualTo(259_200_000L);
        assertThat(topic(resolved, "inference.detections.v1").partitions()).isEqualTo(12);
    }

    @Test
    void readsATopicsOwnReplicationAndDefaultsTheRest() {
        var resolved = resolve(oneTopic("replicas: 2", "retentionHours: 1", "cleanupPolicy: compact,delete"), 3);
        var topic = topic(resolved, "orders.created.v1");

        assertThat(resolved.errors()).isEmpty();
        assertThat(topic).isEqualTo(new KafkaSettings.Topic("orders.created.v1", "", 3, 2, 1, 3_600_000L,
                "compact,delete", Optional.empty(), List.of("api"), List.of("agents")));
    }

    @Test
    void failsWhenATopicAsksForMoreReplicasThanBrokers() {
        var error = onlyError(oneTopic("replicas: 3"), 1);

        assertThat(error.key()).isEqualTo("topics.yaml: topics[0] (orders.created.v1).replicas");
        assertThat(error.problem()).contains("got 3, but the cluster has 1 broker(s) (" + BROKERS_KEY + ")",
                "a topic cannot have more replicas than brokers");
    }

    @Test
    void namesTheBrokersKeyItIsGivenWhenReplicasExceedBrokers() {
        var errors = TopicCatalogue.of(SOURCE, oneTopic("replicas: 4")).resolve(2, 2, "brokers-of-test").errors();

        assertThat(errors).extracting(ConfigError::key)
                .containsExactly("topics.yaml: topics[0] (orders.created.v1).replicas");
        assertThat(errors.get(0).problem()).contains("(brokers-of-test)", "Leave replicas out to get 2");
    }

    @Test
    void failsWhenMinInsyncReplicasEqualsReplicas() {
        var error = onlyError(oneTopic("replicas: 3", "minInsyncReplicas: 3"), 3);

        assertThat(error.key()).isEqualTo("topics.yaml: topics[0] (orders.created.v1).minInsyncReplicas");
        assertThat(error.problem()).contains("got 3 with 3 replicas", "at most 2",
                "every write fails as soon as one broker is down");
    }

    @Test
    void failsWhenMinInsyncReplicasExceedsReplicas() {
        var error = onlyError(oneTopic("replicas: 2", "minInsyncReplicas: 3"), 3);

        assertThat(error.key()).isEqualTo("topics.yaml: topics[0] (orders.created.v1).minInsyncReplicas");
        assertThat(error.problem()).contains("got 3 with 2 replicas", "at most 1");
    }

    @Test
    void allowsOneInSyncReplicaOfOne() {
        var resolved = resolve(oneTopic("replicas: 1", "minInsyncReplicas: 1"), 3);

        assertThat(resolved.errors()).isEmpty();
        assertThat(topic(resolved, "orders.created.v1").replicas()).isEqualTo(1);
    }

    @Test
    void failsWhenATopicHasAnUnknownField() {
        var error = onlyError(oneTopic("retentionDays: 7"), 3);

        assertThat(error.key()).isEqualTo("topics.yaml: topics[0] (orders.created.v1).retentionDays");
        assertThat(error.problem()).isEqualTo("unknown field; expected one of cleanupPolicy, consumers, description,"
                + " minInsyncReplicas, name, partitions, producers, replicas, retentionHours");
    }

    @Test
    void failsWhenTheDeadLetterSettingsHaveAnUnknownField() {
        var error = onlyError(oneTopic() + "deadLetters:\n  replicas: 3\n", 3);

        assertThat(error).isEqualTo(new ConfigError("topics.yaml: deadLetters.replicas",
                "unknown field; expected one of partitions, retentionHours"));
    }

    @Test
    void failsWhenTheCatalogueHasAnUnknownField() {
        var error = onlyError(oneTopic() + "schemas: []\n", 3);

        assertThat(error.key()).isEqualTo("topics.yaml: schemas");
        assertThat(error.problem()).isEqualTo("unknown field; expected one of deadLetters, topics");
    }

    @Test
    void failsWhenATopicIsInTheCatalogueTwice() {
        var error = onlyError("topics:\n"
                + "  - name: orders.created.v1\n    producers: [api]\n    consumers: [agents]\n"
                + "  - name: orders.created.v1\n    producers: [api]\n    consumers: [api]\n", 3);

        assertThat(error.key()).isEqualTo("topics.yaml: topics[1] (orders.created.v1).name");
        assertThat(error.problem()).isEqualTo("\"orders.created.v1\" is in the catalogue twice");
    }

    @Test
    void failsWhenATopicNameHasCapitalsOrUnderscores() {
        var error = onlyError("topics:\n  - name: Orders_Created\n    producers: [api]\n    consumers: [agents]\n", 3);

        assertThat(error.key()).isEqualTo("topics.yaml: topics[0] (Orders_Created).name");
        assertThat(error.problem()).contains("got \"Orders_Created\"",
                "a topic name of lowercase words (letters, digits, inner hyphens) joined by dots");
    }

    @ParameterizedTest
    @ValueSource(strings = {"orders.", "a..b", "c-", "-c", ".orders"})
    void failsWhenATopicNameWouldNotBeAKubernetesName(String name) {
        var error = onlyError("topics:\n  - name: \"" + name + "\"\n    producers: [api]\n    consumers: [agents]\n", 3);

        assertThat(error.key()).endsWith(".name");
        assertThat(error.problem()).contains("got \"" + name + "\"");
    }

    @Test
    void failsWhenAConsumerNameEndsWithAHyphen() {
        var error = onlyError("topics:\n  - name: orders.created.v1\n    producers: [api]\n    consumers: [agents-]\n", 3);

        assertThat(error.key()).isEqualTo("topics.yaml: topics[0] (orders.created.v1).consumers");
        assertThat(error.problem()).contains("got \"agents-\"");
    }

    @Test
    void reportsAWrongDeadLetterSettingOnceWhateverTheNumberOfConsumers() {
        var errors = resolve("topics:\n  - name: a.v1\n    producers: [api]\n    consumers: [agents, api, vectordb-api]\n"
                + "deadLetters:\n  partitions: 0\n", 3).errors();

        assertThat(errors).containsExactly(new ConfigError("topics.yaml: deadLetters.partitions",
                "got 0; expected a whole number from 1 to 1000"));
    }

    @Test
    void failsWhenATopicHasNoName() {
        var error = onlyError("topics:\n  - producers: [api]\n    consumers: [agents]\n", 3);

        assertThat(error.key()).isEqualTo("topics.yaml: topics[0].name");
        assertThat(error.problem()).startsWith("got \"\"; expected a topic name");
    }

    @Test
    void failsWhenATopicNameStartsWithTheDeadLetterPrefix() {
        var error = onlyError("topics:\n  - name: dlq.orders\n    producers: [api]\n    consumers: [agents]\n", 3);

        assertThat(error.key()).isEqualTo("topics.yaml: topics[0] (dlq.orders).name");
        assertThat(error.problem()).contains("got \"dlq.orders\"",
                "not starting with dlq. (kept for dead-letter topics)");
    }

    @Test
    void failsWhenATopicHasNoConsumers() {
        var error = onlyError("topics:\n  - name: orders.created.v1\n    producers: [api]\n", 3);

        assertThat(error.key()).isEqualTo("topics.yaml: topics[0] (orders.created.v1).consumers");
        assertThat(error.problem()).contains("missing; expected the services that read the topic",
                "each gets a dead-letter topic");
    }

    @Test
    void failsWhenATopicHasNoProducers() {
        var error = onlyError("topics:\n  - name: orders.created.v1\n    consumers: [agents]\n", 3);

        assertThat(error).isEqualTo(new ConfigError("topics.yaml: topics[0] (orders.created.v1).producers",
                "missing; expected the services that write the topic, e.g. [api]"));
    }

    @Test
    void failsWhenAProducerIsNotAServiceName() {
        var error = onlyError("topics:\n  - name: orders.created.v1\n    producers: [The API]\n    consumers: [agents]\n", 3);

        assertThat(error.key()).isEqualTo("topics.yaml: topics[0] (orders.created.v1).producers");
        assertThat(error.problem()).startsWith("got \"The API\"; expected a service name");
    }

    @Test
    void givesEachTopicItsProducersAndConsumersAndEachDeadLetterTopicItsConsumerAsOnlyProducer() {
        var resolved = resolve("topics:\n  - name: orders.created.v1\n    producers: [api, agents]\n"
                + "    consumers: [vectordb-api]\n", 3);

        assertThat(topic(resolved, "orders.created.v1").producers()).containsExactly("api", "agents");
        assertThat(topic(resolved, "orders.created.v1").consumers()).containsExactly("vectordb-api");
        assertThat(topic(resolved, "dlq.vectordb-api").producers()).containsExactly("vectordb-api");
        assertThat(topic(resolved, "dlq.vectordb-api").consumers()).isEmpty();
    }

    @Test
    void failsWhenATopicHasAnEmptyListOfConsumers() {
        var error = onlyError("topics:\n  - name: orders.created.v1\n    producers: [api]\n    consumers: []\n", 3);

        assertThat(error.key()).isEqualTo("topics.yaml: topics[0] (orders.created.v1).consumers");
        assertThat(error.problem()).startsWith("missing;");
    }

    @Test
    void failsWhenAConsumerIsNotAServiceName() {
        var resolved = resolve("topics:\n  - name: orders.created.v1\n    producers: [api]\n    consumers: [agents, Vector_DB]\n", 3);

        assertThat(resolved.errors()).containsExactly(new ConfigError(
                "topics.yaml: topics[0] (orders.created.v1).consumers", "got \"Vector_DB\"; expected a service"
                + " name of lowercase letters, digits and inner hyphens, e.g. vectordb-api"));
        assertThat(resolved.topics()).extracting(KafkaSettings.Topic::name)
                .containsExactly("orders.created.v1", "dlq.agents");
    }

    @Test
    void failsWhenRetentionHoursIsZero() {
        var error = onlyError(oneTopic("retentionHours: 0"), 3);

        assertThat(error.key()).isEqualTo("topics.yaml: topics[0] (orders.created.v1).retentionHours");
        assertThat(error.problem()).isEqualTo("got 0; expected 1 to 87600 hours, or -1 to keep messages forever");
    }

    @Test
    void failsWhenRetentionHoursIsBelowMinusOne() {
        var error = onlyError(oneTopic("retentionHours: -2"), 3);

        assertThat(error.key()).isEqualTo("topics.yaml: topics[0] (orders.created.v1).retentionHours");
        assertThat(error.problem()).isEqualTo("got -2; expected a whole number from -1 to 87600");
    }

    @Test
    void failsWhenTheCleanupPolicyIsNotOneKafkaKnows() {
        var error = onlyError(oneTopic("cleanupPolicy: archive"), 3);

        assertThat(error.key()).isEqualTo("topics.yaml: topics[0] (orders.created.v1).cleanupPolicy");
        assertThat(error.problem()).isEqualTo("got \"archive\"; expected one of delete, compact, compact,delete");
    }

    @Test
    void failsWhenPartitionsIsNotAWholeNumber() {
        var error = onlyError(oneTopic("partitions: 2.5"), 3);

        assertThat(error.key()).isEqualTo("topics.yaml: topics[0] (orders.created.v1).partitions");
        assertThat(error.problem()).isEqualTo("got 2.5; expected a whole number from 1 to 1000");
    }

    @Test
    void failsWhenPartitionsIsText() {
        var error = onlyError(oneTopic("partitions: six"), 3);

        assertThat(error.key()).isEqualTo("topics.yaml: topics[0] (orders.created.v1).partitions");
        assertThat(error.problem()).isEqualTo("got \"six\"; expected a whole number from 1 to 1000");
    }

    @Test
    void failsWhenPartitionsIsOutOfRange() {
        var error = onlyError(oneTopic("partitions: 0"), 3);

        assertThat(error.key()).isEqualTo("topics.yaml: topics[0] (orders.created.v1).partitions");
        assertThat(error.problem()).isEqualTo("got 0; expected a whole number from 1 to 1000");
    }

    @Test
    void failsWhenTheTopicsListIsMissing() {
        var resolved = resolve("deadLetters:\n  partitions: 3\n", 3);

        assertThat(resolved.topics()).isEmpty();
        assertThat(resolved.errors()).containsExactly(
                new ConfigError("topics.yaml: topics", "missing; expected a list of topics"));
    }

    @Test
    void failsWhenTheTopicsListIsEmpty() {
        var resolved = resolve("topics: []\n", 3);

        assertThat(resolved.topics()).isEmpty();
        assertThat(resolved.errors()).containsExactly(
                new ConfigError("topics.yaml: topics", "missing; expected a list of topics"));
    }

    @Test
    void failsWhenTopicsIsNotAList() {
        var error = onlyError("topics:\n  name: orders.created.v1\n", 3);

        assertThat(error.key()).isEqualTo("topics.yaml: topics");
    }

    @Test
    void failsWhenTheCatalogueIsEmpty() {
        var error = onlyError("", 3);

        assertThat(error).isEqualTo(new ConfigError("topics.yaml: topics", "missing; expected a list of topics"));
    }

    @Test
    void refusesTextThatIsNotYaml() {
        assertThatThrownBy(() -> TopicCatalogue.of(SOURCE, "topics: [unclosed"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("topics.yaml is not valid YAML");
    }

    @Test
    void reportsEveryProblemOfACatalogueAtOnce() {
        var errors = resolve("topics:\n"
                + "  - name: Bad\n    partitions: 0\n    producers: [api]\n    consumers: [agents]\n"
                + "  - name: ok.v1\n    retentionHours: 0\n", 3).errors();

        assertThat(errors).extracting(ConfigError::key).containsExactlyInAnyOrder(
                "topics.yaml: topics[0] (Bad).name",
                "topics.yaml: topics[0] (Bad).partitions",
                "topics.yaml: topics[1] (ok.v1).producers",
                "topics.yaml: topics[1] (ok.v1).consumers",
                "topics.yaml: topics[1] (ok.v1).retentionHours");
    }

    @Test
    void namesTheDeadLetterSettingsWhenTheyAreWrong() {
        var errors = resolve(oneTopic() + "deadLetters:\n  partitions: 0\n", 3).errors();

        assertThat(errors).containsExactly(new ConfigError("topics.yaml: deadLetters.partitions",
                "got 0; expected a whole number from 1 to 1000"));
    }

    @Test
    void resolvesTheBundledCatalogueWithoutDuplicateNames() {
        var names = TopicCatalogue.bundled().resolve(3, 3, BROKERS_KEY).topics().stream()
                .map(KafkaSettings.Topic::name).toList();

        assertThat(new TreeSet<>(names)).hasSameSizeAs(names);
    }
}
