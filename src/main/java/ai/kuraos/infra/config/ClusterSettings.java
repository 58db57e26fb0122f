package ai.kuraos.infra.config;

import java.time.DayOfWeek;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The GKE Autopilot cluster that Kafka and the inference workload run on. It exists only when one of them is enabled.
 * Pods and services take the subnet's secondary ranges; the control plane keeps a /28 of its own.
 * {@code authorizedNetworks} are the outside networks (name to CIDR) that may reach the control plane; without any,
 * it answers only inside the VPC.
 */
public record ClusterSettings(
        String releaseChannel,
        String podsCidr,
        String servicesCidr,
        String controlPlaneCidr,
        Map<String, String> authorizedNetworks,
        Maintenance maintenance) {

    public static final List<String> RELEASE_CHANNELS = List.of("RAPID", "REGULAR", "STABLE");

    /** When GKE may upgrade the cluster: these days each week, from startTime (UTC) for durationHours. */
    public record Maintenance(List<DayOfWeek> days, String startTime, int durationHours) {

        public Maintenance {
            days = List.copyOf(days);
        }
    }

    public ClusterSettings {
        authorizedNetworks = Collections.unmodifiableSortedMap(new TreeMap<>(authorizedNetworks));
    }

    /** Without authorized networks the public endpoint takes no one, so clients use the private one. */
    public boolean privateEndpointOnly() {
        return authorizedNetworks.isEmpty();
    }
}
