package ai.kuraos.infra.k8s;

import ai.kuraos.infra.config.CommonRules;
import ai.kuraos.infra.config.ConfigReader;
import ai.kuraos.infra.config.ConfigSection;
import ai.kuraos.infra.config.ConfigValue;
import ai.kuraos.infra.config.Environment;
import ai.kuraos.infra.config.Ipv4Cidr;
import ai.kuraos.infra.config.TextRule;
import ai.kuraos.infra.platform.ClusterRanges;
import ai.kuraos.infra.platform.NetworkSettings;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The GKE Autopilot cluster that Kafka and the inference workload run on. It exists only when one of them is enabled.
 * Pods and services take the subnet's secondary ranges; the control plane keeps a /28 of its own.
 * {@code authorizedNetworks} are the outside networks (name to CIDR) that may reach the control plane's own endpoint;
 * without any, that endpoint answers only inside the VPC. Pulumi and CI never need them: they reach the cluster through
 * the Connect Gateway.
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

    /** What the foundation's subnet carries for the cluster. */
    public ClusterRanges ranges() {
        return new ClusterRanges(podsCidr, servicesCidr);
    }

    static final TextRule ANY_CIDR = new TextRule(text -> Ipv4Cidr.parse(text).isPresent(),
            "an IPv4 CIDR block without host bits, e.g. 203.0.113.0/24 (0.0.0.0/0 for anywhere)");
    static final TextRule NETWORK_NAME = TextRule.matching("[a-z][a-z0-9-]{0,62}", "a short name such as office-vpn");
    static final TextRule DAY = TextRule.oneOf(Arrays.stream(DayOfWeek.values()).map(day -> day.name().toLowerCase()).toList());
    /** GKE's rule for maintenance windows: 48 hours of them in any 32 days. */
    static final int REQUIRED_MAINTENANCE_HOURS_PER_32_DAYS = 48;

    /**
     * The {@code cluster} section, read whether or not a cluster is needed so that a mistake never waits to surface.
     * Its ranges may overlap none of the network's.
     *
     * @param needed whether the stack runs anything on GKE
     */
    public static Optional<ClusterSettings> read(ConfigSection section, Environment environment, NetworkSettings network,
                                                 boolean needed, ConfigReader config) {
        var ranges = new LinkedHashMap<String, String>();
        ranges.put("kura-infra:network.subnetCidr", network.subnetCidr());
        network.privateServicesAddress().ifPresent(address -> ranges.put("kura-infra:network.privateServicesAddress",
                address + "/" + network.privateServicesPrefixLength()));
        var releaseChannel = section.value("releaseChannel", "How soon GKE upgrades it.")
                .text(environment.pick("REGULAR", "REGULAR", "STABLE"), TextRule.oneOf(RELEASE_CHANNELS));
        var pods = range(section.value("podsCidr", "The subnet's secondary range `kura-pods`, a /8 to /21. No range of"
                + " the network may overlap another."), environment.pick("10.31.0.0/17", "10.21.0.0/17", "10.11.0.0/17"),
                8, 21, ranges, config);
        var services = range(section.value("servicesCidr", "The secondary range `kura-services`, a /8 to /27."),
                environment.pick("10.31.128.0/22", "10.21.128.0/22", "10.11.128.0/22"), 8, 27, ranges, config);
        var controlPlane = range(section.value("controlPlaneCidr", "The control plane's own range, a /28."),
                environment.pick("172.16.0.32/28", "172.16.0.16/28", "172.16.0.0/28"), 28, 28, ranges, config);
        var authorizedValue = section.value("authorizedNetworks", "The outside networks that may reach the control"
                + " plane's endpoint directly, at most " + AutopilotLimits.MAX_AUTHORIZED_NETWORKS + " (GKE's limit)."
                + " Without any, it answers only inside the VPC; Pulumi and CI go through the Connect Gateway either way.");
        var authorized = authorizedValue.textMap(Map.of(), NETWORK_NAME, ANY_CIDR);
        AutopilotLimits.authorizedNetworksProblem(authorized.size())
                .ifPresent(problem -> config.reject(authorizedValue.key(), problem));
        var settings = new ClusterSettings(releaseChannel, pods, services, controlPlane, authorized,
                maintenance(section.section("maintenance", "When GKE may upgrade it."), config));
        return needed ? Optional.of(settings) : Optional.empty();
    }

    private static Maintenance maintenance(ConfigSection section, ConfigReader config) {
        var daysValue = section.value("days", "The days, UTC.");
        var days = daysValue.textList(List.of("saturday", "sunday"), DAY).stream()
                .map(day -> DayOfWeek.valueOf(day.toUpperCase())).distinct().toList();
        if (days.isEmpty()) {
            config.reject(daysValue.key(), "got no day; expected at least one day a week, e.g. [saturday, sunday]");
        }
        var start = section.value("startTime", "When the window opens (quote it in YAML).")
                .text("01:00", CommonRules.HOUR_AND_MINUTE);
        var durationValue = section.value("durationHours", "How long it stays open. GKE needs "
                + REQUIRED_MAINTENANCE_HOURS_PER_32_DAYS + " hours of windows in any 32 days.");
        var duration = durationValue.integer(6, 4, 24);
        var worstHours = leastOccurrencesIn32Days(days.size()) * duration;
        if (!days.isEmpty() && worstHours < REQUIRED_MAINTENANCE_HOURS_PER_32_DAYS) {
            config.reject(durationValue.key(), "got " + duration + " hours on " + days.size() + " day(s) a week, which"
                    + " leaves some 32 days with only " + worstHours + " hours of window; GKE needs at least "
                    + REQUIRED_MAINTENANCE_HOURS_PER_32_DAYS + ", so lengthen the window or add days");
        }
        return new Maintenance(days, start, duration);
    }

    /**
     * The fewest times {@code weekdays} distinct days of the week occur in 32 consecutive days: four weeks bring each
     * four times, and the four days left over can avoid up to three of them.
     */
    static int leastOccurrencesIn32Days(int weekdays) {
        return 4 * weekdays + Math.max(0, weekdays - 3);
    }

    /** A private range that overlaps none of the network's others. */
    private static String range(ConfigValue value, String fallback, int minPrefix, int maxPrefix,
                                Map<String, String> taken, ConfigReader config) {
        var text = value.text(fallback, CommonRules.PRIVATE_SUBNET);
        var cidr = Ipv4Cidr.parse(text);
        if (cidr.isEmpty()) {
            return text;
        }
        if (cidr.get().prefixLength() < minPrefix || cidr.get().prefixLength() > maxPrefix) {
            config.reject(value.key(), "got \"" + text + "\"; expected a prefix from /" + minPrefix + " to /" + maxPrefix);
        }
        var clashes = new ArrayList<String>();
        taken.forEach((key, other) -> Ipv4Cidr.parse(other).filter(cidr.get()::overlaps)
                .ifPresent(overlap -> clashes.add(key + " (" + other + ")")));
        if (!clashes.isEmpty()) {
            config.reject(value.key(), "got \"" + text + "\", which overlaps " + String.join(" and ", clashes)
                    + "; expected a private range of its own");
        }
        taken.put(value.key(), text);
        return text;
    }

    /** Without authorized networks the public endpoint takes no one, so clients use the private one. */
    public boolean privateEndpointOnly() {
        return authorizedNetworks.isEmpty();
    }
}
