package ai.kuraos.infra.k8s;

import ai.kuraos.infra.config.TextRule;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * What GKE Autopilot refuses about a pod's resources and what GKE refuses about the control plane's access, checked
 * before the API server or the cluster does.
 */
public final class AutopilotLimits {

    /**
     * Autopilot's per-pod maximums for the default (general-purpose) compute class: 30 vCPU, 110 GiB of memory and
     * 10 GiB of ephemeral storage (https://cloud.google.com/kubernetes-engine/docs/concepts/autopilot-resource-requests,
     * "Minimum and maximum resource requests").
     */
    public static final BigDecimal MAX_POD_CPU = BigDecimal.valueOf(30);
    public static final long MAX_POD_MEMORY_MIB = 110L * 1024;
    public static final long MAX_POD_EPHEMERAL_STORAGE_MIB = 10L * 1024;
    /**
     * A cluster takes at most 50 authorized networks for its control plane's public endpoint
     * (https://cloud.google.com/kubernetes-engine/docs/how-to/authorized-networks, "Limitations").
     */
    public static final int MAX_AUTHORIZED_NETWORKS = 50;

    private AutopilotLimits() {
    }

    /** A pod's CPU, as {@code cpu} reads it, within Autopilot's maximum; the text names the limit. */
    public static TextRule podCpu(TextRule cpu) {
        return new TextRule(cpu.accepts().and(text -> cpuProblem(text).isEmpty()), cpu.expected() + ", and at most "
                + MAX_POD_CPU + " vCPU per pod (GKE Autopilot's maximum for the general-purpose compute class)");
    }

    /** A pod's memory, as {@code memory} reads it, within Autopilot's maximum; the text names the limit. */
    public static TextRule podMemory(TextRule memory) {
        return new TextRule(memory.accepts().and(text -> memoryProblem(text).isEmpty()), memory.expected() + ", and at"
                + " most " + MAX_POD_MEMORY_MIB / 1024 + "Gi per pod (GKE Autopilot's maximum for the general-purpose compute class)");
    }

    /** An emptyDir's size, as {@code size} reads it, within Autopilot's ephemeral storage per pod. */
    public static TextRule podEphemeralStorage(TextRule size) {
        return new TextRule(size.accepts().and(text -> ephemeralStorageProblem(text).isEmpty()), size.expected()
                + ", and at most " + MAX_POD_EPHEMERAL_STORAGE_MIB / 1024 + "Gi of ephemeral storage per pod (GKE"
                + " Autopilot's maximum for the general-purpose compute class)");
    }

    /** {@code cpu} as Kubernetes writes it (500m, 2, 1.5) above Autopilot's per-pod maximum, if it is. */
    public static Optional<String> cpuProblem(String cpu) {
        var cores = cpu.endsWith("m") ? new BigDecimal(cpu.substring(0, cpu.length() - 1)).movePointLeft(3) : new BigDecimal(cpu);
        return cores.compareTo(MAX_POD_CPU) > 0
                ? Optional.of("at most " + MAX_POD_CPU + " vCPU per pod on GKE Autopilot (general-purpose compute class)")
                : Optional.empty();
    }

    /** A memory quantity (512Mi, 4Gi) above Autopilot's per-pod maximum, if it is. */
    public static Optional<String> memoryProblem(String memory) {
        return mebibytes(memory) > MAX_POD_MEMORY_MIB
                ? Optional.of("at most " + MAX_POD_MEMORY_MIB / 1024 + "Gi per pod on GKE Autopilot (general-purpose compute class)")
                : Optional.empty();
    }

    /** An emptyDir size (it counts as ephemeral storage) above Autopilot's per-pod maximum, if it is. */
    public static Optional<String> ephemeralStorageProblem(String size) {
        return mebibytes(size) > MAX_POD_EPHEMERAL_STORAGE_MIB
                ? Optional.of("at most " + MAX_POD_EPHEMERAL_STORAGE_MIB / 1024 + "Gi of ephemeral storage per pod on GKE"
                + " Autopilot (general-purpose compute class)")
                : Optional.empty();
    }

    public static Optional<String> authorizedNetworksProblem(int count) {
        return count > MAX_AUTHORIZED_NETWORKS
                ? Optional.of("got " + count + " networks; GKE takes at most " + MAX_AUTHORIZED_NETWORKS)
                : Optional.empty();
    }

    /** A quantity written as digits and Mi or Gi, as the settings accept them. */
    static long mebibytes(String quantity) {
        var amount = Long.parseLong(quantity.substring(0, quantity.length() - 2));
        return quantity.endsWith("Gi") ? amount * 1024 : amount;
    }
}
