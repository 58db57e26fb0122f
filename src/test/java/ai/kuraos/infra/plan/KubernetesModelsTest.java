package ai.kuraos.infra.plan;

import ai.kuraos.infra.testing.SynthesizedStack;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Kubernetes object a stack renders, read into the Kubernetes object model (fabric8) or Strimzi's API model,
 * with unknown fields refused: a misspelt field, a wrong type or a wrong apiVersion fails the build. Both models keep
 * unknown fields aside instead of failing, so the check walks the read object for any it kept.
 */
class KubernetesModelsTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final Map<String, Class<?>> MODELS = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("kafka.strimzi.io/v1beta2/Kafka", Kafka.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaNodePool", KafkaNodePool.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaTopic", KafkaTopic.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaUser", KafkaUser.class));
    /** Managed Prometheus publishes no Java model; WorkloadTest asserts this object field by field. */
    private static final Set<String> WITHOUT_MODEL = Set.of("monitoring.googleapis.com/v1/PodMonitoring");

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void everyRenderedObjectIsValidForItsModel(String stack) throws Exception {
        var manifests = KubernetesManifests.render(SynthesizedStack.of(stack).plan());
        assertThat(manifests).as("objects to check").isNotEmpty();
        var problems = new ArrayList<String>();
        for (var manifest : manifests.entrySet()) {
            problems.addAll(problems(manifest.getKey(), YAML.readTree(manifest.getValue())));
        }

        assertThat(problems).isEmpty();
        assertThat(manifests.keySet()).allMatch(path -> path.startsWith(KubernetesManifests.DIRECTORY + "/"));
    }

    @Test
    void prodRendersTheClusterOperatorKafkaTopicsAndInferenceObjects() {
        var manifests = KubernetesManifests.render(SynthesizedStack.of("prod").plan()).keySet();

        assertThat(manifests).contains("k8s/_cluster/namespace-strimzi.yaml", "k8s/kura-kafka/kafka-kura-kafka.yaml",
                "k8s/kura-kafka/kafkanodepool-dual-role.yaml", "k8s/kura-kafka/kafkatopic-holistic.mood-entries.v1.yaml",
                "k8s/kura-kafka/kafkatopic-dlq.agents.yaml", "k8s/kura-inference/deployment-adeline.yaml",
                "k8s/kura-inference/podmonitoring-adeline.yaml");
    }

    @Test
    void failsOnAMisspeltField() throws Exception {
        var deployment = (ObjectNode) YAML.readTree(KubernetesManifests.render(SynthesizedStack.of("prod").plan())
                .get("k8s/kura-inference/deployment-adeline.yaml"));
        ((ObjectNode) deployment.path("spec")).put("replica", 3);

        assertThat(problems("deployment-adeline.yaml", deployment)).singleElement().asString()
                .contains("deployment-adeline.yaml", "spec", "replica");
    }

    @Test
    void failsOnAStrimziFieldOfTheWrongType() throws Exception {
        var topic = (ObjectNode) YAML.readTree(KubernetesManifests.render(SynthesizedStack.of("prod").plan())
                .get("k8s/kura-kafka/kafkatopic-dlq.api.yaml"));
        ((ObjectNode) topic.path("spec")).put("partitions", "many");

        assertThat(problems("kafkatopic-dlq.api.yaml", topic)).singleElement().asString()
                .contains("kafkatopic-dlq.api.yaml", "partitions");
    }

    private static List<String> problems(String path, JsonNode manifest) {
        var apiVersion = manifest.path("apiVersion").asText();
        var kind = manifest.path("kind").asText();
        var key = apiVersion + "/" + kind;
        if (WITHOUT_MODEL.contains(key)) {
            return List.of();
        }
        var model = MODELS.get(key);
        if (model == null) {
            return List.of(path + ": no model for " + key);
        }
        var readable = manifest.deepCopy();
        if (kind.equals("Secret") && readable instanceof ObjectNode secret) {
            if (!PlanValues.isSecret(secret.path("stringData").asText())) {
                return List.of(path + ": a Secret's data must show as " + PlanValues.SECRET + " or the outputs it is made of");
            }
            secret.remove("stringData");
        }
        try {
            var object = YAML.treeToValue(readable, model);
            var unknown = new ArrayList<String>();
            collectUnknownFields(object, "", unknown, new IdentityHashMap<>());
            return unknown.stream().map(field -> path + ": unknown field " + field).toList();
        } catch (JsonMappingException invalid) {
            var field = invalid.getPath().stream()
                    .map(reference -> reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                    .collect(Collectors.joining("."));
            return List.of(path + ": " + field + ": " + invalid.getOriginalMessage());
        } catch (JsonProcessingException | ReflectiveOperationException | IllegalArgumentException unreadable) {
            return List.of(path + ": " + unreadable);
        }
    }

    /** The fields a model kept aside as unknown, anywhere in the object. */
    private static void collectUnknownFields(Object node, String path, List<String> unknown, Map<Object, Boolean> seen)
            throws ReflectiveOperationException {
        if (node == null || node instanceof String || node instanceof Number || node instanceof Boolean
                || node instanceof Enum<?> || seen.put(node, true) != null) {
            return;
        }
        if (node instanceof Map<?, ?> map) {
            for (var entry : map.entrySet()) {
                collectUnknownFields(entry.getValue(), path + "." + entry.getKey(), unknown, seen);
            }
            return;
        }
        if (node instanceof Collection<?> collection) {
            int index = 0;
            for (var element : collection) {
                collectUnknownFields(element, path + "[" + index++ + "]", unknown, seen);
            }
            return;
        }
        var type = node.getClass().getName();
        if (!type.startsWith("io.fabric8.") && !type.startsWith("io.strimzi.")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || getter.getDeclaringClass() == Object.class || !getter.getName().startsWith("get")) {
                continue;
            }
            var value = getter.invoke(node);
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(field -> unknown.add((path.isEmpty() ? "" : path.substring(1) + ".") + field));
                }
            } else {
                collectUnknownFields(value, path + "." + decapitalise(getter.getName().substring(3)), unknown, seen);
            }
        }
    }

    private static String decapitalise(String name) {
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
