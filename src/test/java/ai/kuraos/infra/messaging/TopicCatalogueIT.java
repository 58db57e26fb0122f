package ai.kuraos.infra.messaging;

import ai.kuraos.infra.StackSettings;
import ai.kuraos.infra.config.StackConfigValues;
import ai.kuraos.infra.testing.LocalKafkaBroker;
import ai.kuraos.infra.testing.SynthesizedStack;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The topic catalogue against a real Kafka broker (KRaft, the version the stacks run): every topic prod declares is
 * created through the AdminClient with the configuration its KafkaTopic carries, so Kafka itself accepts each name,
 * partition count, retention and cleanup policy. One broker cannot hold three replicas, so topics are created with
 * one; the pure rules in TopicCatalogueTest cover replicas against brokers.
 */
class TopicCatalogueIT {

    @TempDir
    static Path data;
    private static LocalKafkaBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = LocalKafkaBroker.start(data);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }

    private static KafkaSettings prodKafka() {
        return StackSettings.parse("prod", StackConfigValues.fromStackFile(SynthesizedStack.PROJECT.stackConfigFile("prod")))
                .messaging().kafka().orElseThrow();
    }

    @Test
    void kafkaAcceptsEveryTopicOfTheCatalogueWithItsConfiguration() throws Exception {
        var topics = prodKafka().topics();
        try (var admin = broker.admin()) {
            admin.createTopics(topics.stream().map(TopicCatalogueIT::onOneBroker).toList()).all().get();

            var described = admin.describeTopics(topics.stream().map(KafkaSettings.Topic::name).toList()).allTopicNames().get();
            var configs = admin.describeConfigs(topics.stream()
                    .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic.name())).toList()).all().get();
            for (var topic : topics) {
                assertThat(described.get(topic.name()).partitions()).as(topic.name()).hasSize(topic.partitions());
                var config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()));
                assertThat(value(config, "retention.ms")).as(topic.name()).isEqualTo(String.valueOf(topic.retentionMs()));
                assertThat(value(config, "cleanup.policy")).as(topic.name()).isEqualTo(topic.cleanupPolicy());
                assertThat(value(config, "min.insync.replicas")).as(topic.name())
                        .isEqualTo(String.valueOf(topic.minInsyncReplicas()));
            }
        }
    }

    @Test
    void kafkaRefusesWhatTheCatalogueRulesAlsoRefuse() throws Exception {
        var broken = new KafkaSettings.Topic("broken.retention.v1", "", 1, 1, 1, 604_800_000L, "shred", Optional.empty(),
                java.util.List.of(), java.util.List.of());
        try (var admin = broker.admin()) {
            assertThatThrownBy(() -> admin.createTopics(java.util.List.of(onOneBroker(broken))).all().get())
                    .hasMessageContaining("cleanup.policy");
        }
    }

    private static NewTopic onOneBroker(KafkaSettings.Topic topic) {
        @SuppressWarnings("unchecked")
        var config = ((Map<String, Object>) StrimziSpecs.topic(topic).get("config")).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> String.valueOf(entry.getValue())));
        return new NewTopic(topic.name(), topic.partitions(), (short) 1).configs(config);
    }

    private static String value(Config config, String name) {
        return config.get(name).value();
    }
}
