package ai.kuraos.infra.k8s;

import ai.kuraos.infra.config.TextRule;

/** The CPU and memory amounts the slices that run on the cluster accept, as Kubernetes quantities. */
public final class KubernetesQuantities {

    public static final TextRule CPU = new TextRule(
            text -> text.matches("[1-9][0-9]{2,4}m") ? Integer.parseInt(text.substring(0, text.length() - 1)) >= 250
                    : text.matches("[1-9][0-9]?(\\.5)?"),
            "a CPU amount of at least 250m (Autopilot's minimum), such as 500m, 1, 1.5 or 2");
    public static final TextRule MEMORY = TextRule.matching("[1-9][0-9]{0,5}(Mi|Gi)", "a memory size such as 512Mi or 4Gi");

    private KubernetesQuantities() {
    }
}
