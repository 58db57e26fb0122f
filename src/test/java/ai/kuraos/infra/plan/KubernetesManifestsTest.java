package ai.kuraos.infra.plan;

import ai.kuraos.infra.testing.SynthesizedStack;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.pulumi.kubernetes.core.v1.ConfigMap;
import com.pulumi.kubernetes.core.v1.ConfigMapArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KubernetesManifestsTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RELEASE = "kubernetes:helm.sh/v3:Release";

    private static SortedMap<String, String> prod() {
        return KubernetesManifests.render(SynthesizedStack.of("prod").plan());
    }

    private static List<String> topLevelFields(String yaml) {
        var fields = new ArrayList<String>();
        yaml.lines().filter(line -> !line.isEmpty() && !Character.isWhitespace(line.charAt(0))
                        && !line.startsWith("-"))
                .forEach(line -> fields.add(line.substring(0, line.indexOf(':'))));
        return fields;
    }

    private static String configMapWith(Map<String, String> data) {
        var plan = SynthesizedStack.ofProgram("quoting", ctx -> new ConfigMap("values", ConfigMapArgs.builder()
                .metadata(ObjectMetaArgs.builder().name("values").namespace("quoting").build())
                .data(data)
                .build())).plan();
        return KubernetesManifests.render(plan).get("k8s/quoting/configmap-values.yaml");
    }

    @Test
    void filesEachObjectUnderItsNamespaceAsKindDashName() {
        assertThat(prod().keySet()).containsExactly(
                "k8s/_cluster/namespace-kura-inference.yaml",
                "k8s/_cluster/namespace-kura-kafka.yaml",
                "k8s/_cluster/namespace-strimzi.yaml",
                "k8s/kura-inference/configmap-adeline-settings.yaml",
                "k8s/kura-inference/configmap-kafka-ca.yaml",
                "k8s/kura-inference/deployment-adeline.yaml",
                "k8s/kura-inference/horizontalpodautoscaler-adeline.yaml",
                "k8s/kura-inference/networkpolicy-adeline.yaml",
                "k8s/kura-inference/networkpolicy-default-deny.yaml",
                "k8s/kura-inference/poddisruptionbudget-adeline.yaml",
                "k8s/kura-inference/podmonitoring-adeline.yaml",
                "k8s/kura-inference/secret-kafka-client.yaml",
                "k8s/kura-inference/service-adeline.yaml",
                "k8s/kura-inference/serviceaccount-adeline.yaml",
                "k8s/kura-kafka/kafka-kura-kafka.yaml",
                "k8s/kura-kafka/kafkanodepool-dual-role.yaml",
                "k8s/kura-kafka/kafkatopic-agents.recommendations.v1.yaml",
                "k8s/kura-kafka/kafkatopic-dlq.agents.yaml",
                "k8s/kura-kafka/kafkatopic-dlq.api.yaml",
                "k8s/kura-kafka/kafkatopic-dlq.vectordb-api.yaml",
                "k8s/kura-kafka/kafkatopic-holistic.journal-entries.v1.yaml",
                "k8s/kura-kafka/kafkatopic-holistic.mood-entries.v1.yaml",
                "k8s/kura-kafka/kafkatopic-inference.detections.v1.yaml",
                "k8s/kura-kafka/kafkatopic-users.profiles.v1.yaml",
                "k8s/kura-kafka/kafkauser-adeline.yaml",
                "k8s/kura-kafka/kafkauser-agents.yaml",
                "k8s/kura-kafka/kafkauser-api.yaml",
                "k8s/kura-kafka/kafkauser-vectordb-api.yaml",
                "k8s/kura-kafka/podmonitoring-kafka-exporter.yaml",
                "k8s/kura-kafka/secret-kura-kafka-clients-ca-cert.yaml",
                "k8s/kura-kafka/secret-kura-kafka-clients-ca.yaml",
                "k8s/kura-kafka/secret-kura-kafka-listener-tls.yaml");
    }

    @Test
    void filesOnlyClusterScopedObjectsUnderTheClusterDirectory() throws Exception {
        for (var manifest : prod().entrySet()) {
            var object = YAML.readTree(manifest.getValue());
            var namespace = object.path("metadata").path("namespace");
            var expected = KubernetesManifests.DIRECTORY + "/"
                    + (namespace.isMissingNode() ? KubernetesManifests.CLUSTER_SCOPED : namespace.asText()) + "/"
                    + object.path("kind").asText().toLowerCase(Locale.ROOT) + "-"
                    + object.path("metadata").path("name").asText() + ".yaml";
            assertThat(manifest.getKey()).isEqualTo(expected);
            assertThat(manifest.getKey().startsWith("k8s/_cluster/")).as(manifest.getKey())
                    .isEqualTo(object.path("kind").asText().equals("Namespace"));
        }
    }

    @Test
    void writesApiVersionKindAndMetadataFirstAndTheRestInSortedOrder() {
        var manifests = prod();

        assertThat(manifests.values()).allSatisfy(yaml -> assertThat(topLevelFields(yaml).subList(0, 3))
                .containsExactly("apiVersion", "kind", "metadata"));
        assertThat(topLevelFields(manifests.get("k8s/kura-kafka/secret-kura-kafka-listener-tls.yaml")))
                .containsExactly("apiVersion", "kind", "metadata", "stringData", "type");
        assertThat(topLevelFields(manifests.get("k8s/kura-inference/serviceaccount-adeline.yaml")))
                .containsExactly("apiVersion", "kind", "metadata", "automountServiceAccountToken");
        assertThat(manifests.get("k8s/_cluster/namespace-strimzi.yaml"))
                .startsWith("apiVersion: v1\nkind: Namespace\nmetadata:\n");
    }

    @Test
    void quotesStringsThatLookLikeNumbersOrBooleansAndLeavesRealNumbersBare() {
        var manifests = prod();
        var deployment = manifests.get("k8s/kura-inference/deployment-adeline.yaml");

        assertThat(deployment).contains("app.kubernetes.io/version: \"2.7\"", "cpu: \"2\"",
                "containerPort: 8080\n", "maxUnavailable: 0\n", "automountServiceAccountToken: false\n");
        assertThat(manifests.get("k8s/kura-inference/configmap-adeline-settings.yaml"))
                .contains("MQTT_PORT: \"8883\"", "CIRCUIT_BREAKER_FAILURE_THRESHOLD: \"5\"", "LOG_FORMAT: json\n");
        assertThat(manifests.get("k8s/_cluster/namespace-kura-inference.yaml"))
                .contains("kura.ai/kafka-client: \"true\"");
        assertThat(manifests.get("k8s/kura-kafka/kafkatopic-dlq.api.yaml"))
                .contains("retention.ms: \"2592000000\"", "min.insync.replicas: \"2\"", "partitions: 3\n");
        assertThat(manifests.get("k8s/kura-kafka/secret-kura-kafka-listener-tls.yaml"))
                .contains("stringData: \"[secret ← kafka-ca.certPem, kafka-listener-certificate.certPem,"
                        + " kafka-listener-key.privateKeyPemPkcs8]\"", "type: kubernetes.io/tls");
    }

    @Test
    void keepsTextsThatYamlWouldReadAsNumbersInOtherNotationsTexts() throws Exception {
        var yaml = configMapWith(new TreeMap<>(Map.of("sha", "1234e56", "exponent", "1e+3", "hex", "0x1F",
                "octal", "0o17", "grouped", "1_000", "infinity", ".inf", "sexagesimal", "1:20", "word", "on")));

        var data = YAML.readTree(yaml).path("data");
        assertThat(data.size()).isEqualTo(8);
        data.fields().forEachRemaining(field -> assertThat(field.getValue().isTextual()).as(field.getKey()).isTrue());
        assertThat(yaml).contains("sha: \"1234e56\"", "hex: \"0x1F\"", "word: \"on\"");
    }

    @Test
    void keepsEveryTextValueATextWhenReadBack() throws Exception {
        var yaml = configMapWith(new TreeMap<>(Map.of("version", "2.7", "port", "8883", "enabled", "true",
                "nothing", "null", "answer", "yes", "negative", "-3", "plain", "json")));

        assertThat(yaml).contains("version: \"2.7\"", "port: \"8883\"", "enabled: \"true\"", "nothing: \"null\"",
                "answer: \"yes\"", "negative: \"-3\"", "plain: json");
        var data = YAML.readTree(yaml).path("data");
        assertThat(data.size()).isEqualTo(7);
        data.fields().forEachRemaining(field -> assertThat(field.getValue().isTextual()).as(field.getKey()).isTrue());
    }

    @Test
    void readsBackAsExactlyTheObjectsInputs() throws Exception {
        var plan = SynthesizedStack.of("prod").plan();
        var manifests = KubernetesManifests.render(plan);
        var objects = plan.resources().stream().filter(KubernetesManifests::isObject).toList();

        assertThat(objects).hasSize(manifests.size());
        for (var object : objects) {
            var inputs = object.inputs();
            var namespace = inputs.path("metadata").path("namespace").asText(KubernetesManifests.CLUSTER_SCOPED);
            var path = "k8s/" + namespace + "/" + inputs.path("kind").asText().toLowerCase(Locale.ROOT) + "-"
                    + inputs.path("metadata").path("name").asText() + ".yaml";
            // Through JSON text, so that numbers compare by value whatever node class each reader picked.
            JsonNode readBack = JSON.readTree(JSON.writeValueAsString(YAML.readTree(manifests.get(path))));
            assertThat(readBack).as(path).isEqualTo(JSON.readTree(inputs.toString()));
        }
    }

    @Test
    void rendersNoManifestForTheHelmRelease() {
        var plan = SynthesizedStack.of("prod").plan();
        var release = plan.resources().stream().filter(resource -> resource.type().equals(RELEASE)).toList();
        var kubernetes = plan.resources().stream().filter(resource -> resource.type().startsWith("kubernetes:"));

        assertThat(release).singleElement().satisfies(resource ->
                assertThat(KubernetesManifests.isObject(resource)).isFalse());
        assertThat(KubernetesManifests.render(plan)).hasSize((int) kubernetes.count() - 1)
                .allSatisfy((path, yaml) -> assertThat(yaml).doesNotContain("chart:", "strimzi-kafka-operator"));
    }

    @Test
    void rendersNothingForAStackWithoutACluster() {
        assertThat(KubernetesManifests.render(SynthesizedStack.of("dev").plan())).isEmpty();
    }

    @Test
    void rendersOnlyKafkaObjectsForStaging() {
        var staging = KubernetesManifests.render(SynthesizedStack.of("staging").plan());

        assertThat(staging).hasSize(2 + 18)
                .containsKeys("k8s/_cluster/namespace-strimzi.yaml", "k8s/_cluster/namespace-kura-kafka.yaml",
                        "k8s/kura-kafka/kafka-kura-kafka.yaml");
        assertThat(staging.keySet()).noneMatch(path -> path.contains("kura-inference"));
        assertThat(staging.get("k8s/kura-kafka/kafkanodepool-dual-role.yaml")).contains("replicas: 1\n");
    }

    @Test
    void rendersTheSameFilesEveryTime() {
        var first = KubernetesManifests.render(SynthesizedStack.withConfig("prod", Map.of()).plan());
        var second = KubernetesManifests.render(SynthesizedStack.withConfig("prod", Map.of()).plan());

        assertThat(second).isEqualTo(first);
        assertThat(second).isEqualTo(prod());
    }

    @Test
    void failsWhenTwoObjectsWouldRenderToTheSameFile() {
        var plan = SynthesizedStack.ofProgram("clash", ctx -> {
            for (var logicalName : List.of("first", "second")) {
                new ConfigMap(logicalName, ConfigMapArgs.builder()
                        .metadata(ObjectMetaArgs.builder().name("settings").namespace("apps").build())
                        .data(Map.of("owner", logicalName))
                        .build());
            }
        }).plan();

        assertThatThrownBy(() -> KubernetesManifests.render(plan))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("two Kubernetes objects of stack clash render to k8s/apps/configmap-settings.yaml");
    }
}
