package ai.kuraos.infra.config;

import ai.kuraos.infra.testing.MinimalConfig;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class KubernetesSettingsTest {

    private static final String ADELINE = "europe-southwest1-docker.pkg.dev/kura-os/kura/adeline:2.7";
    private static final String OFFICE = "\"authorizedNetworks\":{\"office-vpn\":\"203.0.113.0/24\"}";

    private static StackSettingsParser.Result read(String stack, String... keysAndValues) {
        return StackSettingsParser.read(stack, StackConfigValues.of(MinimalConfig.with(keysAndValues)));
    }

    private static ConfigError onlyError(String stack, String... keysAndValues) {
        var errors = read(stack, keysAndValues).errors();
        assertThat(errors).as("errors").hasSize(1);
        return errors.get(0);
    }

    /** An enabled inference section with its image and MQTT host, plus the given fields (each after a comma). */
    private static String inference(String extraFields) {
        return "{\"enabled\":true,\"image\":\"" + ADELINE + "\",\"mqtt\":{\"host\":\"mqtt.kuraos.ai\"}" + extraFields
                + "}";
    }

    @Test
    void givesDevNoKafkaNoInferenceAndNoCluster() {
        var dev = read("dev");

        assertThat(dev.errors()).isEmpty();
        assertThat(dev.settings().messaging())
                .isEqualTo(new MessagingSettings(MessagingBackend.CELERY, Optional.empty()));
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
        assertThat(prod.settings().foundation().cluster()).contains(cluster);
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
        assertThat(prod.settings().messaging()).isEqualTo(new MessagingSettings(MessagingBackend.DISABLED,
                Optional.empty()));
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
                "topics:\n  - name: orders.created.v1\n    replicas: 3\n    consumers: [agents]\n");
        var config = MinimalConfig.with("kura-infra:messaging", "{\"kafka\":{\"enabled\":true,\"brokers\":1}}");

        var errors = StackSettingsParser.read("prod", StackConfigValues.of(config), catalogue).errors();

        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).key()).isEqualTo("kafka/topics.yaml: topics[0] (orders.created.v1).replicas");
        assertThat(errors.get(0).problem()).contains("got 3, but the cluster has 1 broker(s)"
                + " (kura-infra:messaging.kafka.brokers)");
    }

    @Test
    void leavesTheCatalogueUncheckedWhileKafkaIsOff() {
        var catalogue = TopicCatalogue.of("kafka/topics.yaml", "topics: []\n");

        var dev = StackSettingsParser.read("dev", StackConfigValues.of(MinimalConfig.with()), catalogue);

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

    @Test
    void readsAnEnabledInferenceService() {
        var dev = read("dev", "kura-infra:inference", inference(",\"settings\":{\"LOG_FORMAT\":\"json\"}"));
        var settings = dev.settings().inference().orElseThrow();

        assertThat(dev.errors()).isEmpty();
        assertThat(settings.image()).isEqualTo(ADELINE);
        assertThat(settings.minReplicas()).isEqualTo(3);
        assertThat(settings.maxReplicas()).isEqualTo(6);
        assertThat(settings.targetCpuUtilization()).isEqualTo(70);
        assertThat(settings.cpu()).isEqualTo("2");
        assertThat(settings.memory()).isEqualTo("4Gi");
        assertThat(settings.gpu()).isEmpty();
        assertThat(settings.mqtt()).isEqualTo(new InferenceSettings.Mqtt("mqtt.kuraos.ai", 8883, "0.0.0.0/0"));
        assertThat(settings.modelCacheSize()).isEqualTo("2Gi");
        assertThat(settings.appSettings()).isEqualTo(Map.of("LOG_FORMAT", "json"));
        assertThat(dev.settings().messaging().kafka()).isEmpty();
        assertThat(dev.settings().cluster()).isPresent();
    }

    @Test
    void readsTheInferenceGpus() {
        var gpu = read("dev", "kura-infra:inference", inference(",\"gpu\":{\"type\":\"nvidia-l4\",\"count\":2}"))
                .settings().inference().orElseThrow().gpu();

        assertThat(gpu).contains(new InferenceSettings.Gpu("nvidia-l4", 2));
    }

    @Test
    void givesOneGpuOfATypeWithoutACount() {
        var gpu = read("dev", "kura-infra:inference", inference(",\"gpu\":{\"type\":\"nvidia-tesla-t4\"}"))
                .settings().inference().orElseThrow().gpu();

        assertThat(gpu).contains(new InferenceSettings.Gpu("nvidia-tesla-t4", 1));
    }

    @Test
    void failsWhenTheGpuTypeIsUnknown() {
        var error = onlyError("dev", "kura-infra:inference", inference(",\"gpu\":{\"type\":\"nvidia-rtx-4090\"}"));

        assertThat(error.key()).isEqualTo("kura-infra:inference.gpu.type");
        assertThat(error.problem()).isEqualTo("got \"nvidia-rtx-4090\"; expected one of nvidia-l4, nvidia-tesla-t4,"
                + " nvidia-tesla-a100, nvidia-a100-80gb, nvidia-h100-80gb");
    }

    @Test
    void failsWhenTheGpuCountIsNotOneGkeSchedules() {
        var error = onlyError("dev", "kura-infra:inference",
                inference(",\"gpu\":{\"type\":\"nvidia-l4\",\"count\":3}"));

        assertThat(error.toString()).isEqualTo("kura-infra:inference.gpu.count: got 3; expected one of 1, 2, 4, 8");
    }

    @Test
    void failsWhenInferenceIsEnabledWithoutAnImage() {
        var error = onlyError("dev", "kura-infra:inference",
                "{\"enabled\":true,\"mqtt\":{\"host\":\"mqtt.kuraos.ai\"}}");

        assertThat(error.key()).isEqualTo("kura-infra:inference.image");
        assertThat(error.problem()).startsWith("missing; expected the service's image with a tag or digest");
    }

    @Test
    void failsWhenInferenceIsEnabledWithoutAnMqttHost() {
        var error = onlyError("dev", "kura-infra:inference", "{\"enabled\":true,\"image\":\"" + ADELINE + "\"}");

        assertThat(error.key()).isEqualTo("kura-infra:inference.mqtt.host");
        assertThat(error.problem()).startsWith("missing; expected the MQTT broker the service publishes detections to");
    }

    @Test
    void asksNothingOfDisabledInference() {
        var dev = read("dev", "kura-infra:inference", "{\"enabled\":false}");

        assertThat(dev.errors()).isEmpty();
        assertThat(dev.settings().inference()).isEmpty();
    }

    @Test
    void failsWhenMaxReplicasIsBelowMinReplicas() {
        var error = onlyError("dev", "kura-infra:inference", inference(",\"minReplicas\":8,\"maxReplicas\":4"));

        assertThat(error.toString()).isEqualTo("kura-infra:inference.maxReplicas: got 4; expected at least"
                + " minReplicas (8)");
    }

    @Test
    void raisesTheDefaultMaxReplicasToTheMinimum() {
        var settings = read("dev", "kura-infra:inference", inference(",\"minReplicas\":10")).settings();

        assertThat(settings.inference().orElseThrow().maxReplicas()).isEqualTo(10);
    }

    @Test
    void failsWhenAnInferenceSettingIsOneTheProgramSets() {
        var error = onlyError("dev", "kura-infra:inference",
                inference(",\"settings\":{\"MQTT_HOST\":\"other.example\",\"LOG_FORMAT\":\"json\"}"));

        assertThat(error.key()).isEqualTo("kura-infra:inference.settings.MQTT_HOST");
        assertThat(error.problem()).isEqualTo("set by the program; choose another name");
    }

    @Test
    void failsWhenTheMqttHostIsAUrl() {
        var error = onlyError("dev", "kura-infra:inference",
                "{\"enabled\":true,\"image\":\"" + ADELINE + "\",\"mqtt\":{\"host\":\"mqtts://mqtt.kuraos.ai\"}}");

        assertThat(error.key()).isEqualTo("kura-infra:inference.mqtt.host");
        assertThat(error.problem()).contains("got \"mqtts://mqtt.kuraos.ai\"", "a host name such as mqtt.kuraos.ai");
    }

    @Test
    void failsWhenThePodsRangeOverlapsTheSubnet() {
        var error = onlyError("prod", "kura-infra:cluster", "{\"podsCidr\":\"10.10.0.0/16\"," + OFFICE + "}");

        assertThat(error.key()).isEqualTo("kura-infra:cluster.podsCidr");
        assertThat(error.problem()).isEqualTo("got \"10.10.0.0/16\", which overlaps kura-infra:network.subnetCidr"
                + " (10.10.0.0/20); expected a private range of its own");
    }

    @Test
    void failsWhenTheServicesRangeOverlapsThePodsRange() {
        var error = onlyError("prod", "kura-infra:cluster", "{\"servicesCidr\":\"10.11.4.0/22\"}");

        assertThat(error.key()).isEqualTo("kura-infra:cluster.servicesCidr");
        assertThat(error.problem()).contains("overlaps kura-infra:cluster.podsCidr (10.11.0.0/17)");
    }

    @Test
    void failsWhenAClusterRangeOverlapsThePrivateServicesRange() {
        var error = onlyError("prod",
                "kura-infra:network", "{\"privateServicesAddress\":\"10.100.0.0\"}",
                "kura-infra:cluster", "{\"podsCidr\":\"10.100.0.0/17\"}");

        assertThat(error.key()).isEqualTo("kura-infra:cluster.podsCidr");
        assertThat(error.problem()).contains("overlaps kura-infra:network.privateServicesAddress (10.100.0.0/16)");
    }

    @Test
    void failsWhenTheControlPlaneRangeIsNotASlash28() {
        var error = onlyError("prod", "kura-infra:cluster", "{\"controlPlaneCidr\":\"172.16.0.0/24\"}");

        assertThat(error.toString()).isEqualTo("kura-infra:cluster.controlPlaneCidr: got \"172.16.0.0/24\"; expected a"
                + " prefix from /28 to /28");
    }

    @Test
    void failsWhenAClusterRangeIsPublic() {
        var error = onlyError("prod", "kura-infra:cluster", "{\"podsCidr\":\"100.64.0.0/16\"}");

        assertThat(error.key()).isEqualTo("kura-infra:cluster.podsCidr");
        assertThat(error.problem()).contains("got \"100.64.0.0/16\"", "inside 10.0.0.0/8, 172.16.0.0/12");
    }

    @Test
    void failsWhenTheMaintenanceWindowIsTooShortForGke() {
        var error = onlyError("prod", "kura-infra:cluster",
                "{\"maintenance\":{\"days\":[\"sunday\"],\"durationHours\":4}}");

        assertThat(error.key()).isEqualTo("kura-infra:cluster.maintenance.durationHours");
        assertThat(error.problem()).isEqualTo("got 4 hours on 1 day(s) a week, which leaves some 32 days with only"
                + " 16 hours of window; GKE needs at least 48, so lengthen the window or add days");
    }

    @Test
    void failsWhenOneDayAWeekFallsShortInSome32Days() {
        var error = onlyError("prod", "kura-infra:cluster", "{\"maintenance\":{\"days\":[\"sunday\"],\"durationHours\":11}}");

        assertThat(error.key()).isEqualTo("kura-infra:cluster.maintenance.durationHours");
        assertThat(error.problem()).contains("only 44 hours");
    }

    @Test
    void failsWhenTheMaintenanceWindowHasNoDays() {
        var error = onlyError("prod", "kura-infra:cluster", "{\"maintenance\":{\"days\":[]}}");

        assertThat(error.key()).isEqualTo("kura-infra:cluster.maintenance.days");
        assertThat(error.problem()).contains("at least one day a week");
    }

    @Test
    void countsTheFewestOccurrencesOfWeekdaysIn32Days() {
        assertThat(KubernetesSettingsParser.leastOccurrencesIn32Days(1)).isEqualTo(4);
        assertThat(KubernetesSettingsParser.leastOccurrencesIn32Days(2)).isEqualTo(8);
        assertThat(KubernetesSettingsParser.leastOccurrencesIn32Days(3)).isEqualTo(12);
        assertThat(KubernetesSettingsParser.leastOccurrencesIn32Days(5)).isEqualTo(22);
        assertThat(KubernetesSettingsParser.leastOccurrencesIn32Days(7)).isEqualTo(32);
    }

    @Test
    void acceptsAMaintenanceWindowOfFourHoursOnWeekdays() {
        var prod = read("prod", "kura-infra:cluster", "{\"maintenance\":{\"days\":[\"monday\",\"tuesday\","
                + "\"wednesday\",\"thursday\",\"friday\"],\"startTime\":\"22:30\",\"durationHours\":4}}");

        assertThat(prod.errors()).isEmpty();
        assertThat(prod.settings().cluster().orElseThrow().maintenance()).isEqualTo(new ClusterSettings.Maintenance(
                List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                        DayOfWeek.FRIDAY), "22:30", 4));
    }

    @Test
    void failsWhenAMaintenanceDayIsNotADay() {
        var error = onlyError("prod", "kura-infra:cluster", "{\"maintenance\":{\"days\":[\"saturday\",\"sat\"],"
                + "\"durationHours\":12}}");

        assertThat(error.key()).isEqualTo("kura-infra:cluster.maintenance.days[1]");
        assertThat(error.problem()).contains("got \"sat\"", "one of monday, tuesday");
    }

    @Test
    void warnsWhenTheControlPlaneHasNoAuthorizedNetworks() {
        var prod = read("prod");

        assertThat(prod.errors()).isEmpty();
        assertThat(prod.settings().cluster().orElseThrow().privateEndpointOnly()).isTrue();
        assertThat(prod.settings().configWarnings()).filteredOn(warning -> warning.contains("authorizedNetworks"))
                .singleElement().satisfies(warning -> assertThat(warning)
                        .contains("kura-infra:cluster.authorizedNetworks", "answers only inside the VPC"));
    }

    @Test
    void doesNotWarnWhenTheControlPlaneHasAuthorizedNetworks() {
        var prod = read("prod", "kura-infra:cluster", "{" + OFFICE + "}");
        var cluster = prod.settings().cluster().orElseThrow();

        assertThat(prod.errors()).isEmpty();
        assertThat(cluster.authorizedNetworks()).isEqualTo(Map.of("office-vpn", "203.0.113.0/24"));
        assertThat(cluster.privateEndpointOnly()).isFalse();
        assertThat(prod.settings().configWarnings()).noneMatch(warning -> warning.contains("authorizedNetworks"));
    }

    @Test
    void failsWhenAnAuthorizedNetworkIsNotACidr() {
        var error = onlyError("prod", "kura-infra:cluster",
                "{\"authorizedNetworks\":{\"office-vpn\":\"203.0.113.7\"}}");

        assertThat(error.key()).isEqualTo("kura-infra:cluster.authorizedNetworks.office-vpn");
        assertThat(error.problem()).contains("got \"203.0.113.7\"", "an IPv4 CIDR block without host bits");
    }

    @Test
    void checksTheClusterSectionEvenWhenNoClusterIsNeeded() {
        var dev = read("dev", "kura-infra:cluster", "{\"releaseChannel\":\"BETA\"}");

        assertThat(dev.settings().cluster()).isEmpty();
        assertThat(dev.errors()).containsExactly(new ConfigError("kura-infra:cluster.releaseChannel",
                "got \"BETA\"; expected one of RAPID, REGULAR, STABLE"));
    }

    @Test
    void checksTheClusterRangesEvenWhenNoClusterIsNeeded() {
        var error = onlyError("dev", "kura-infra:cluster", "{\"podsCidr\":\"10.30.0.0/17\"}");

        assertThat(error.key()).isEqualTo("kura-infra:cluster.podsCidr");
        assertThat(error.problem()).contains("overlaps kura-infra:network.subnetCidr (10.30.0.0/20)");
    }

    @Test
    void failsWhenTheClusterSectionHasAnUnknownKey() {
        var error = onlyError("prod", "kura-infra:cluster", "{\"releaseChanel\":\"RAPID\"}");

        assertThat(error.key()).isEqualTo("kura-infra:cluster.releaseChanel");
        assertThat(error.problem()).contains("did you mean kura-infra:cluster.releaseChannel?");
    }

    @Test
    void reportsKnownKeysOfTheKubernetesSections() {
        var known = read("dev").knownKeys();

        assertThat(known).contains("kura-infra:messaging.backend", "kura-infra:messaging.kafka.brokers",
                "kura-infra:inference.gpu.type", "kura-infra:inference.mqtt.host",
                "kura-infra:cluster.maintenance.durationHours", "kura-infra:cluster.authorizedNetworks");
    }
}
