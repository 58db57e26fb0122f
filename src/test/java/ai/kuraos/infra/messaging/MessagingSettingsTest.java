package ai.kuraos.infra.messaging;

import ai.kuraos.infra.StackSettings;
import ai.kuraos.infra.config.ConfigError;
import ai.kuraos.infra.config.StackConfigValues;
import ai.kuraos.infra.k8s.ClusterSettings;
import ai.kuraos.infra.testing.MinimalConfig;
import org.junit.jupiter.api.Test;

import ai.kuraos.infra.config.MaintenanceWindow;

import java.time.DayOfWeek;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static ai.kuraos.infra.testing.MinimalConfig.onlyError;
import static ai.kuraos.infra.testing.MinimalConfig.read;
import static org.assertj.core.api.Assertions.assertThat;

class MessagingSettingsTest {

    private static final String ADELINE = "europe-southwest1-docker.pkg.dev/kura-os/kura/adeline:2.7";

    /** An enabled inference section with its image and MQTT host, plus the given fields (each after a comma). */
    private static String inference(String extraFields) {
        return "{\"enabled\":true,\"image\":\"" + ADELINE + "\",\"mqtt\":{\"host\":\"mqtt.kuraos.ai\"}" + extraFields
                + "}";
    }

    @Test
    void givesDevNoKafkaNoInferenceAndNoCluster() {
        var dev = read("dev");

        assertThat(dev.errors()).isEmpty();
        assertThat(dev.settings().messaging().backend()).isEqualTo(MessagingBackend.CELERY);
        assertThat(dev.settings().messaging().kafka()).isEmpty();
        assertThat(dev.settings().inference()).isEmpty();
        assertThat(dev.settings().cluster()).isEmpty();
        assertThat(dev.settings().foundation().cluster()).isEmpty();
        assertThat(dev.settings().configWarnings()).noneMatch(warning -> warning.contains("authorizedNetworks"));
    }

    @Test
    void givesStagingNoKafkaByDefault() {
        var staging = read("staging").settings();

        assertThat(staging.messaging().kafka()).isEmpty();
        assertThat(staging.cluster()).isEmpty();
    }

    @Test
    void givesProdKafkaOnThreeBrokersAndSoACluster() {
        var prod = read("prod");
        var kafka = prod.settings().messaging().kafka().orElseThrow();
        var cluster = prod.settings().cluster().orElseThrow();

        assertThat(prod.errors()).isEmpty();
        assertThat(prod.settings().messaging().backend()).isEqualTo(MessagingBackend.CELERY);
        assertThat(prod.settings().inference()).isEmpty();
        assertThat(kafka.brokers()).isEqualTo(3);
        assertThat(kafka.version()).isEqualTo("3.9.0");
        assertThat(kafka.storageGb()).isEqualTo(100);
        assertThat(kafka.storageClass()).isEqualTo("premium-rwo");
        assertThat(kafka.cpu()).isEqualTo("2");
        assertThat(kafka.memory()).isEqualTo("8Gi");
        assertThat(kafka.topics()).extracting(KafkaSettings.Topic::name)
                .contains("holistic.mood-entries.v1", "dlq.agents");
        assertThat(kafka.topics()).allSatisfy(topic -> assertThat(topic.replicas()).isEqualTo(3));
        assertThat(cluster.releaseChannel()).isEqualTo("STABLE");
        assertThat(cluster.podsCidr()).isEqualTo("10.11.0.0/17");
        assertThat(cluster.servicesCidr()).isEqualTo("10.11.128.0/22");
        assertThat(cluster.controlPlaneCidr()).isEqualTo("172.16.0.0/28");
        assertThat(cluster.maintenance()).isEqualTo(new ClusterSettings.Maintenance(
                List.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), "01:00", 6));
        assertThat(prod.settings().foundation().cluster()).contains(cluster.ranges());
    }

    @Test
    void givesEveryStackACeleryBrokerThatNeverEvictsHighlyAvailableInProd() {
        var prod = read("prod").settings().messaging().celery();
        var dev = read("dev").settings().messaging().celery();

        assertThat(prod).isEqualTo(new CeleryBrokerSettings("STANDARD_HA", 1,
                new MaintenanceWindow(DayOfWeek.SUNDAY, 6), Map.of("maxmemory-policy", "noeviction")));
        assertThat(dev.tier()).isEqualTo("BASIC");
        assertThat(dev.redisConfigs()).containsExactly(Map.entry("maxmemory-policy", "noeviction"));
    }

    @Test
    void keepsTheCeleryBrokerWhileTheBackendPublishesToKafka() {
        var prod = read("prod", "kura-infra:messaging", "{\"backend\":\"kafka\"}");

        assertThat(prod.errors()).isEmpty();
        assertThat(prod.settings().messaging().celery().redisConfigs()).containsEntry("maxmemory-policy", "noeviction");
    }

    @Test
    void failsWhenTheCeleryBrokerWouldEvictQueuedTasks() {
        var error = onlyError("prod", "kura-infra:messaging",
                "{\"celery\":{\"redisConfigs\":{\"maxmemory-policy\":\"allkeys-lru\"}}}");

        assertThat(error.key()).isEqualTo("kura-infra:messaging.celery.redisConfigs.maxmemory-policy");
        assertThat(error.problem()).startsWith("got \"allkeys-lru\": the Celery broker would evict queued tasks")
                .contains("Expected noeviction", "kura-infra:messaging.celery.memorySizeGb");
    }

    @Test
    void failsWhenTheCeleryBrokerLeavesItsEvictionPolicyToMemorystoresEvictingDefault() {
        var error = onlyError("staging", "kura-infra:messaging",
                "{\"celery\":{\"redisConfigs\":{\"notify-keyspace-events\":\"Ex\"}}}");

        assertThat(error.key()).isEqualTo("kura-infra:messaging.celery.redisConfigs");
        assertThat(error.problem()).contains("has no maxmemory-policy", "volatile-lru",
                "Set maxmemory-policy: noeviction");
    }

    @Test
    void failsOnceWhenTheCeleryBrokersEvictionPolicyIsNotOneRedisKnows() {
        var error = onlyError("dev", "kura-infra:messaging",
                "{\"celery\":{\"redisConfigs\":{\"maxmemory-policy\":\"forget-everything\"}}}");

        assertThat(error.key()).isEqualTo("kura-infra:messaging.celery.redisConfigs.maxmemory-policy");
        assertThat(error.problem()).startsWith("got \"forget-everything\"; expected one of").contains("noeviction");
    }

    @Test
    void failsWhenTheCeleryBrokerTierIsUnknown() {
        var error = onlyError("prod", "kura-infra:messaging", "{\"celery\":{\"tier\":\"PREMIUM\"}}");

        assertThat(error.key()).isEqualTo("kura-infra:messaging.celery.tier");
        assertThat(error.problem()).contains("got \"PREMIUM\"", "BASIC", "STANDARD_HA");
    }

    @Test
    void givesTheKafkaCaTenYearsAndTheListenerCertificateOne() {
        assertThat(read("prod").settings().messaging().kafkaCertificates())
                .isEqualTo(new KafkaCertificateSettings(3650, 365));
    }

    @Test
    void failsWhenTheListenerCertificateWouldOutliveItsCa() {
        var error = onlyError("prod", "kura-infra:messaging",
                "{\"kafka\":{\"tls\":{\"caValidityDays\":365,\"certificateValidityDays\":400}}}");

        assertThat(error.key()).isEqualTo("kura-infra:messaging.kafka.tls.certificateValidityDays");
        assertThat(error.problem()).isEqualTo("got 400, longer than the CA's 365 days"
                + " (kura-infra:messaging.kafka.tls.caValidityDays): the certificate would outlive the CA that signs it."
                + " Expected at most 365");
    }

    /** The drift job warns 30 days before the end: a shorter certificate would be due the day it is issued. */
    @Test
    void failsWhenTheListenerCertificateWouldBeDueTheDayItIsIssued() {
        var error = onlyError("staging", "kura-infra:messaging", "{\"kafka\":{\"tls\":{\"certificateValidityDays\":30}}}");

        assertThat(error.toString()).isEqualTo("kura-infra:messaging.kafka.tls.certificateValidityDays: got 30;"
                + " expected a whole number from 31 to 3650");
    }

    @Test
    void readsTheMessagingBackendCaseInsensitively() {
        var prod = read("prod", "kura-infra:messaging", "{\"backend\":\"KAFKA\"}");

        assertThat(prod.errors()).isEmpty();
        assertThat(prod.settings().messaging().backend()).isEqualTo(MessagingBackend.KAFKA);
    }

    @Test
    void letsDevPublishToItsOwnOneBrokerKafka() {
        var dev = read("dev", "kura-infra:messaging", "{\"backend\":\"kafka\",\"kafka\":{\"enabled\":true}}");
        var kafka = dev.settings().messaging().kafka().orElseThrow();

        assertThat(dev.errors()).isEmpty();
        assertThat(dev.settings().messaging().backend()).isEqualTo(MessagingBackend.KAFKA);
        assertThat(kafka.brokers()).isEqualTo(1);
        assertThat(kafka.storageClass()).isEqualTo("standard-rwo");
        assertThat(kafka.topics()).allSatisfy(topic -> {
            assertThat(topic.replicas()).isEqualTo(1);
            assertThat(topic.minInsyncReplicas()).isEqualTo(1);
        });
        assertThat(dev.settings().cluster().orElseThrow().podsCidr()).isEqualTo("10.31.0.0/17");
    }

    @Test
    void letsProdTurnKafkaOff() {
        var prod = read("prod", "kura-infra:messaging", "{\"backend\":\"disabled\",\"kafka\":{\"enabled\":false}}");

        assertThat(prod.errors()).isEmpty();
        assertThat(prod.settings().messaging().backend()).isEqualTo(MessagingBackend.DISABLED);
        assertThat(prod.settings().messaging().kafka()).isEmpty();
        assertThat(prod.settings().cluster()).isEmpty();
    }

    @Test
    void failsWhenTheMessagingBackendIsUnknown() {
        var error = onlyError("prod", "kura-infra:messaging", "{\"backend\":\"rabbitmq\"}");

        assertThat(error.toString()).isEqualTo("kura-infra:messaging.backend: got \"rabbitmq\"; expected one of kafka,"
                + " celery, disabled");
    }

    @Test
    void failsWhenTheBackendIsKafkaWithoutAKafkaCluster() {
        var error = onlyError("dev", "kura-infra:messaging", "{\"backend\":\"kafka\"}");

        assertThat(error.key()).isEqualTo("kura-infra:messaging.backend");
        assertThat(error.problem()).contains("got \"kafka\", but kura-infra:messaging.kafka.enabled is false",
                "choose celery or disabled");
    }

    @Test
    void failsWhenTheBackendIsKafkaWithKafkaTurnedOff() {
        var errors = read("prod", "kura-infra:messaging", "{\"backend\":\"kafka\",\"kafka\":{\"enabled\":false}}")
                .errors();

        assertThat(errors).filteredOn(error -> error.key().equals("kura-infra:messaging.backend"))
                .singleElement().satisfies(error -> assertThat(error.problem())
                        .contains("but kura-infra:messaging.kafka.enabled is false"));
    }

    @Test
    void failsWhenATopicNeedsMoreReplicasThanTheClusterHasBrokers() {
        var catalogue = TopicCatalogue.of("kafka/topics.yaml",
                "topics:\n  - name: orders.created.v1\n    replicas: 3\n    producers: [api]\n    consumers: [agents]\n");
        var config = MinimalConfig.with("kura-infra:messaging", "{\"kafka\":{\"enabled\":true,\"brokers\":1}}");

        var errors = StackSettings.read("staging", StackConfigValues.of(config), catalogue).errors();

        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).key()).isEqualTo("kafka/topics.yaml: topics[0] (orders.created.v1).replicas");
        assertThat(errors.get(0).problem()).contains("got 3, but the cluster has 1 broker(s)"
                + " (kura-infra:messaging.kafka.brokers)");
    }

    /**
     * Defect: three brokers in staging rewrote every KafkaTopic's replicas (1 to 3) and min.insync.replicas (1 to 2);
     * the topic operator applies the config but refuses the replication change without Cruise Control, so writes
     * with acks=all failed while `up` reported success. Brokers now add capacity only.
     */
    @Test
    void keepsEveryTopicsReplicationWhenStagingGrowsToThreeBrokers() {
        var staging = read("staging", "kura-infra:messaging", "{\"kafka\":{\"enabled\":true,\"brokers\":3}}");
        var kafka = staging.settings().messaging().kafka().orElseThrow();

        assertThat(staging.errors()).isEmpty();
        assertThat(kafka.brokers()).isEqualTo(3);
        assertThat(kafka.topics()).isNotEmpty().allSatisfy(topic -> {
            assertThat(topic.replicas()).isEqualTo(1);
            assertThat(topic.minInsyncReplicas()).isEqualTo(1);
        });
        assertThat(StrimziSpecs.brokerConfig(kafka.replication())).containsEntry("default.replication.factor", 1)
                .containsEntry("min.insync.replicas", 1).containsEntry("offsets.topic.replication.factor", 1);
    }

    @Test
    void failsWhenProdHasFewerBrokersThanItsTopicsReplicas() {
        var error = onlyError("prod", "kura-infra:messaging", "{\"kafka\":{\"brokers\":2}}");

        assertThat(error.key()).isEqualTo("kura-infra:messaging.kafka.brokers");
        assertThat(error.problem()).startsWith("got 2; this environment's topics keep 3 replicas")
                .contains("expected at least 3", "partition reassignment");
    }

    @Test
    void leavesTheCatalogueUncheckedWhileKafkaIsOff() {
        var catalogue = TopicCatalogue.of("kafka/topics.yaml", "topics: []\n");

        var dev = StackSettings.read("dev", StackConfigValues.of(MinimalConfig.with()), catalogue);

        assertThat(dev.errors()).isEmpty();
    }

    @Test
    void failsWhenTheKafkaVersionIsNotOneStrimziRuns() {
        var error = onlyError("prod", "kura-infra:messaging", "{\"kafka\":{\"version\":\"2.8.0\"}}");

        assertThat(error.key()).isEqualTo("kura-infra:messaging.kafka.version");
        assertThat(error.problem()).isEqualTo("got \"2.8.0\"; expected one of 3.8.0, 3.8.1, 3.9.0");
    }

    @Test
    void failsWhenKafkaHasTooManyBrokers() {
        var error = onlyError("prod", "kura-infra:messaging", "{\"kafka\":{\"brokers\":10}}");

        assertThat(error.toString()).isEqualTo("kura-infra:messaging.kafka.brokers: got 10; expected a whole number"
                + " from 1 to 9");
    }

    @Test
    void checksKafkaValuesEvenWhileKafkaIsOff() {
        var error = onlyError("dev", "kura-infra:messaging", "{\"kafka\":{\"storageClass\":\"ssd\"}}");

        assertThat(error.key()).isEqualTo("kura-infra:messaging.kafka.storageClass");
        assertThat(error.problem()).contains("one of standard-rwo, premium-rwo");
    }

    @Test
    void failsWhenTheKafkaCpuIsNotAnAutopilotAmount() {
        var error = onlyError("prod", "kura-infra:messaging", "{\"kafka\":{\"cpu\":\"0.25\"}}");

        assertThat(error.key()).isEqualTo("kura-infra:messaging.kafka.cpu");
        assertThat(error.problem()).contains("got \"0.25\"", "a CPU amount of at least 250m");
    }

    @Test
    void failsWhenTheKafkaCpuIsBelowAutopilotsMinimum() {
        var error = onlyError("prod", "kura-infra:messaging", "{\"kafka\":{\"cpu\":\"100m\"}}");

        assertThat(error.key()).isEqualTo("kura-infra:messaging.kafka.cpu");
        assertThat(error.problem()).contains("got \"100m\"", "at least 250m");
    }

    @Test
    void failsOnlyOnTheBackendWhenKafkaIsTurnedOffExplicitly() {
        var errors = read("prod", "kura-infra:messaging", "{\"backend\":\"kafka\",\"kafka\":{\"enabled\":false}}").errors();

        assertThat(errors).extracting(ConfigError::key).containsExactly("kura-infra:messaging.backend");
    }
}
