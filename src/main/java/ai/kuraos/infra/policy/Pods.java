package ai.kuraos.infra.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Every pod of a stack: workload objects (their pod templates), Helm releases of the charts modelled here (their
 * values), and the operands the Strimzi operator creates from Kafka and KafkaNodePool resources.
 */
final class Pods {

    static final String HELM_RELEASE = "kubernetes:helm.sh/v3:Release";
    static final String STRIMZI_CHART = "strimzi-kafka-operator";

    /** Where each workload kind keeps its pod template's spec. */
    private static final Map<String, String> POD_SPEC = Map.of(
            "Pod", "spec",
            "Deployment", "spec.template.spec",
            "StatefulSet", "spec.template.spec",
            "DaemonSet", "spec.template.spec",
            "ReplicaSet", "spec.template.spec",
            "Job", "spec.template.spec",
            "CronJob", "spec.jobTemplate.spec.template.spec");

    /** The Helm charts whose pods this policy can see, by chart name. */
    static final Set<String> MODELLED_CHARTS = Set.of(STRIMZI_CHART);

    private static final ObjectMapper JSON = new ObjectMapper();

    private Pods() {
    }

    static List<Pod> of(StackPlan plan) {
        var pods = new ArrayList<Pod>();
        for (var resource : plan.resources()) {
            var kind = Json.text(resource.inputs().path("kind"));
            if (resource.type().startsWith("kubernetes:") && POD_SPEC.containsKey(kind)) {
                pods.add(workload(resource, kind));
            }
        }
        for (var release : plan.ofType(HELM_RELEASE)) {
            if (Json.text(release.inputs().path("chart")).equals(STRIMZI_CHART)) {
                pods.add(strimziOperator(release));
            }
        }
        var restricted = plan.ofType(HELM_RELEASE).stream().anyMatch(Pods::runsOperandsRestricted);
        for (var resource : plan.resources()) {
            if (resource.type().startsWith("kubernetes:kafka.strimzi.io/")) {
                pods.addAll(strimziOperands(resource, restricted));
            }
        }
        return pods;
    }

    static String namespace(PlanResource resource) {
        var namespace = Json.text(resource.inputs().path("metadata").path("namespace"));
        return namespace.isEmpty() ? "default" : namespace;
    }

    private static Pod workload(PlanResource resource, String kind) {
        var specPath = POD_SPEC.get(kind);
        return new Pod(resource, namespace(resource), kind + " " + Json.text(resource.inputs().path("metadata").path("name")),
                Json.at(resource.inputs(), specPath), path -> Json.join(specPath, path), false, false);
    }

    /**
     * The cluster operator's Deployment as chart 0.45's {@code 060-Deployment-strimzi-cluster-operator.yaml} renders
     * it: {@code podSecurityContext} and {@code securityContext} values become the pod's and the container's security
     * contexts, {@code resources} its resources; liveness and readiness probes are always there; the image is
     * {@code quay.io/strimzi/operator:<chart version>}; /tmp is a memory-backed emptyDir.
     */
    private static Pod strimziOperator(PlanResource release) {
        var values = release.inputs().path("values");
        var container = JSON.createObjectNode();
        container.put("name", "strimzi-cluster-operator");
        container.put("image", "quay.io/strimzi/operator:" + Json.text(release.inputs().path("version")));
        copy(values, "securityContext", container, "securityContext");
        copy(values, "resources", container, "resources");
        container.putObject("livenessProbe").putObject("httpGet").put("path", "/healthy");
        container.putObject("readinessProbe").putObject("httpGet").put("path", "/ready");
        var spec = JSON.createObjectNode();
        copy(values, "podSecurityContext", spec, "securityContext");
        spec.putArray("containers").add(container);
        spec.putArray("volumes").addObject().put("name", "strimzi-tmp").putObject("emptyDir").put("medium", "Memory");
        UnaryOperator<String> locate = path -> {
            if (path.startsWith("securityContext")) {
                return "values.podSecurityContext" + path.substring("securityContext".length());
            }
            if (path.startsWith("containers[0].securityContext")) {
                return "values.securityContext" + path.substring("containers[0].securityContext".length());
            }
            if (path.startsWith("containers[0].resources")) {
                return "values.resources" + path.substring("containers[0].resources".length());
            }
            return "values";
        };
        return new Pod(release, Json.text(release.inputs().path("namespace")),
                "Deployment strimzi-cluster-operator (Helm chart " + STRIMZI_CHART + ")", spec, locate, true, false);
    }

    private static boolean runsOperandsRestricted(PlanResource release) {
        for (var env : release.inputs().path("values").path("extraEnvs")) {
            if (Json.text(env.path("name")).equals("STRIMZI_POD_SECURITY_PROVIDER_CLASS")
                    && Json.text(env.path("value")).equals("restricted")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The pods Strimzi creates from a Kafka (entity operator, Kafka Exporter, Cruise Control) or a KafkaNodePool (the
     * brokers): their resources come from the custom resource; their security contexts from the operator's pod security
     * provider (with {@code restricted}: non-root, RuntimeDefault seccomp, no privilege escalation, ALL capabilities
     * dropped; the root filesystem stays writable); images and probes from the operator's release.
     */
    private static List<Pod> strimziOperands(PlanResource resource, boolean restricted) {
        var kind = Json.text(resource.inputs().path("kind"));
        var name = Json.text(resource.inputs().path("metadata").path("name"));
        var pods = new ArrayList<Pod>();
        if (kind.equals("KafkaNodePool")) {
            pods.add(operand(resource, "Kafka brokers of KafkaNodePool " + name, restricted,
                    Map.of("kafka", "spec.resources")));
        }
        if (kind.equals("Kafka")) {
            var spec = resource.inputs().path("spec");
            if (spec.has("entityOperator")) {
                var containers = new java.util.LinkedHashMap<String, String>();
                for (var operator : List.of("topicOperator", "userOperator")) {
                    if (spec.path("entityOperator").has(operator)) {
                        containers.put(operator, "spec.entityOperator." + operator + ".resources");
                    }
                }
                pods.add(operand(resource, "entity operator of Kafka " + name, restricted, containers));
            }
            for (var component : List.of("kafkaExporter", "cruiseControl")) {
                if (spec.has(component)) {
                    pods.add(operand(resource, component + " of Kafka " + name, restricted,
                            Map.of(component, "spec." + component + ".resources")));
                }
            }
        }
        return pods;
    }

    private static Pod operand(PlanResource resource, String shown, boolean restricted, Map<String, String> resources) {
        var spec = JSON.createObjectNode();
        var containers = spec.putArray("containers");
        var paths = new ArrayList<String>();
        if (restricted) {
            spec.putObject("securityContext").put("runAsNonRoot", true).putObject("seccompProfile")
                    .put("type", "RuntimeDefault");
        }
        for (var entry : resources.entrySet()) {
            var container = containers.addObject();
            container.put("name", entry.getKey());
            copy(Json.at(resource.inputs(), entry.getValue()), null, container, "resources");
            if (restricted) {
                var context = container.putObject("securityContext");
                context.put("allowPrivilegeEscalation", false);
                context.putObject("capabilities").putArray("drop").add("ALL");
            }
            container.putObject("livenessProbe");
            container.putObject("readinessProbe");
            paths.add(entry.getValue());
        }
        UnaryOperator<String> locate = path -> {
            var container = path.matches("containers\\[\\d+].*")
                    ? Integer.parseInt(path.substring("containers[".length(), path.indexOf(']'))) : -1;
            if (container >= 0 && path.contains("].resources")) {
                return paths.get(container) + path.substring(path.indexOf("].resources") + "].resources".length());
            }
            return "spec.template (pod security: the operator's STRIMZI_POD_SECURITY_PROVIDER_CLASS)";
        };
        return new Pod(resource, namespace(resource), shown, spec, locate, true, true);
    }

    /** Copies {@code from.field} (or {@code from} itself when field is null) to {@code to.as}, when present. */
    private static void copy(JsonNode from, String field, ObjectNode to, String as) {
        var value = field == null ? from : from.path(field);
        if (!value.isMissingNode() && !value.isNull()) {
            to.set(as, value.deepCopy());
        }
    }
}
