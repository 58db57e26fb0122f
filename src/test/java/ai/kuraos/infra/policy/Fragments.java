package ai.kuraos.infra.policy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Plan fragments for rule tests: resources written as JSON with single quotes, and a well-behaved pod to break. */
final class Fragments {

    static final ObjectMapper JSON = new ObjectMapper();
    /** The day the rule tests judge on: fixed, so that time-bounded conditions mean the same every year. */
    static final LocalDate TODAY = LocalDate.of(2026, 12, 1);

    private Fragments() {
    }

    /** A resource of a plan; {@code inputs} is JSON with ' for ". */
    static PlanResource resource(String type, String name, String inputs) {
        return resource(type, name, inputs, true);
    }

    static PlanResource resource(String type, String name, String inputs, boolean protect) {
        try {
            return new PlanResource("test", type, name, protect, JSON.readTree(inputs.replace('\'', '"')));
        } catch (Exception e) {
            throw new IllegalArgumentException("bad fragment " + inputs, e);
        }
    }

    static StackPlan plan(PlanResource... resources) {
        return new StackPlan("test", List.of(resources));
    }

    static StackPlan plan(List<PlanResource> resources) {
        return new StackPlan("test", resources);
    }

    /** The findings of rule {@code id} alone on {@code plan}. */
    static List<Finding> findings(String id, StackPlan plan) {
        var rule = Rules.all().stream().filter(candidate -> candidate.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no rule " + id));
        return rule.check(plan, TODAY);
    }

    /** A pod that every pod rule accepts: restricted security, resources, probes, a digest, no token. */
    static ObjectNode goodPodSpec() {
        var spec = JSON.createObjectNode();
        spec.put("automountServiceAccountToken", false);
        spec.putObject("securityContext").put("runAsNonRoot", true).putObject("seccompProfile").put("type", "RuntimeDefault");
        var container = spec.putArray("containers").addObject();
        container.put("name", "app");
        container.put("image", "europe-southwest1-docker.pkg.dev/p/kura/app@sha256:0123456789abcdef");
        var context = container.putObject("securityContext");
        context.put("allowPrivilegeEscalation", false);
        context.put("readOnlyRootFilesystem", true);
        context.put("runAsNonRoot", true);
        context.putObject("capabilities").putArray("drop").add("ALL");
        var resources = container.putObject("resources");
        for (var bound : List.of("requests", "limits")) {
            resources.putObject(bound).put("cpu", "1").put("memory", "1Gi").put("ephemeral-storage", "1Gi");
        }
        container.putObject("livenessProbe").putObject("httpGet").put("path", "/health");
        container.putObject("readinessProbe").putObject("httpGet").put("path", "/ready");
        return spec;
    }

    static ObjectNode container(ObjectNode podSpec) {
        return (ObjectNode) podSpec.path("containers").get(0);
    }

    /** A Deployment in namespace {@code apps} (declared, restricted, with a default-deny policy) running {@code spec}. */
    static List<PlanResource> deployment(Consumer<ObjectNode> change) {
        var spec = goodPodSpec();
        change.accept(spec);
        var inputs = JSON.createObjectNode();
        inputs.put("apiVersion", "apps/v1").put("kind", "Deployment");
        inputs.putObject("metadata").put("name", "app").put("namespace", "apps");
        inputs.putObject("spec").putObject("template").set("spec", spec);
        var resources = new ArrayList<PlanResource>();
        resources.add(new PlanResource("test", "kubernetes:apps/v1:Deployment", "app-deployment", true, inputs));
        resources.add(namespace("apps", "restricted"));
        resources.add(resource("kubernetes:networking.k8s.io/v1:NetworkPolicy", "apps-default-deny",
                "{'kind':'NetworkPolicy','metadata':{'name':'default-deny','namespace':'apps'},"
                        + "'spec':{'podSelector':{},'policyTypes':['Ingress','Egress']}}"));
        return resources;
    }

    static PlanResource namespace(String name, String enforce) {
        return resource("kubernetes:core/v1:Namespace", name + "-namespace", "{'kind':'Namespace','metadata':{'name':'"
                + name + "','labels':{'pod-security.kubernetes.io/enforce':'" + enforce + "'}}}");
    }
}
