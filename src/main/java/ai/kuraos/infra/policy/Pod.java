package ai.kuraos.infra.policy;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A pod the stack will run, as a Kubernetes pod spec: declared by a workload object of the plan, rendered by a Helm
 * chart from its values, or created by an operator from a custom resource.
 *
 * @param owner          the plan resource that decides the pod (where a fix goes)
 * @param shown          how messages name it, e.g. {@code Deployment adeline}
 * @param spec           the pod spec; for charts and operators, what they render from the owner's inputs
 * @param locate         the owner's input path that decides a path of {@code spec}
 * @param usesApi        the pod talks to the Kubernetes API (an operator), so it needs its service account token
 * @param operatorManaged an operator picks the pod's image and probes from its own release
 */
record Pod(PlanResource owner, String namespace, String shown, JsonNode spec, UnaryOperator<String> locate,
           boolean usesApi, boolean operatorManaged) {

    /** A container of the pod and its path in the spec ({@code containers[0]}, {@code initContainers[1]}). */
    record Container(String path, String name, JsonNode spec) {
    }

    List<Container> containers() {
        var containers = new ArrayList<Container>();
        for (var list : List.of("containers", "initContainers")) {
            var items = spec.path(list);
            for (int i = 0; i < items.size(); i++) {
                containers.add(new Container(list + "[" + i + "]", Json.text(items.get(i).path("name")), items.get(i)));
            }
        }
        return containers;
    }

    /** True for regular containers; init containers run to completion and take no probes. */
    static boolean isLongRunning(Container container) {
        return container.path().startsWith("containers[");
    }
}
