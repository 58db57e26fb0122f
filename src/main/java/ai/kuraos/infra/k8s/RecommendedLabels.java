package ai.kuraos.infra.k8s;

import java.util.Map;
import java.util.TreeMap;

/**
 * Kubernetes' recommended labels ({@code app.kubernetes.io/*}), the same on every object the program declares, so
 * that {@code kubectl get -l app.kubernetes.io/part-of=kura} finds them all.
 */
public final class RecommendedLabels {

    public static final String PART_OF = "kura";
    public static final String MANAGED_BY = "pulumi";

    private RecommendedLabels() {
    }

    /**
     * @param name      the application, e.g. adeline
     * @param instance  this installation of it, e.g. adeline-prod
     * @param component its role in the architecture, e.g. inference
     * @param version   the version it runs, e.g. an image tag
     */
    public static Map<String, String> of(String name, String instance, String component, String version) {
        var labels = new TreeMap<String, String>();
        labels.putAll(selector(name, instance));
        labels.put("app.kubernetes.io/component", component);
        labels.put("app.kubernetes.io/part-of", PART_OF);
        labels.put("app.kubernetes.io/managed-by", MANAGED_BY);
        labels.put("app.kubernetes.io/version", version);
        return labels;
    }

    /** The labels that never change for a workload, so a Deployment's selector may use them. */
    public static Map<String, String> selector(String name, String instance) {
        return Map.of("app.kubernetes.io/name", name, "app.kubernetes.io/instance", instance);
    }
}
