package ai.kuraos.infra.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a stack's raw configuration into {@link StackSettings}: per-environment defaults for what is left out, every
 * error gathered before any resource is declared, and the production guards.
 */
public final class StackSettingsParser {

    /** The named override that lets a prod stack run without deletion protection, e.g. to decommission it. */
    public static final String ALLOW_UNPROTECTED_PROD = "allow-unprotected-prod";

    static final TextRule PROJECT_ID = TextRule.matching("[a-z][a-z0-9-]{4,28}[a-z0-9]",
            "a Google Cloud project id: 6 to 30 lowercase letters, digits or hyphens, starting with a letter, e.g. kura-os");
    static final TextRule REGION = TextRule.matching("[a-z]+-[a-z]+[1-9][0-9]?",
            "a Google Cloud region such as europe-southwest1");
    static final TextRule PRIVATE_SUBNET = new TextRule(
            text -> Ipv4Cidr.parse(text).filter(Ipv4Cidr::isPrivate)
                    .filter(cidr -> cidr.prefixLength() >= 8 && cidr.prefixLength() <= 29).isPresent(),
            "an IPv4 CIDR block without host bits, inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16,"
                    + " with a prefix from /8 to /29, e.g. 10.10.0.0/20");
    static final TextRule IPV4_ADDRESS = new TextRule(
            text -> Ipv4Cidr.parse(text + "/32").isPresent(), "an IPv4 address such as 10.100.0.0");
    static final TextRule REPOSITORY_ID = TextRule.matching("[a-z]([a-z0-9-]{0,61}[a-z0-9])?",
            "an Artifact Registry repository id: lowercase letters, digits and hyphens, starting with a letter");
    static final TextRule OVERRIDE_NAME = TextRule.oneOf(List.of(ALLOW_UNPROTECTED_PROD));
    static final TextRule OVERRIDE_REASON = TextRule.nonBlank("why the guard is overridden, e.g. a change ticket");

    private StackSettingsParser() {
    }

    /** The outcome of reading a stack: its settings (meaningful only without errors) and every key it knows. */
    public record Result(StackSettings settings, List<ConfigError> errors, Set<String> knownKeys) {
    }

    /** Reads and validates a stack's configuration, or throws with every error found. */
    public static StackSettings parse(String stack, StackConfigValues raw) {
        var result = read(stack, raw);
        if (!result.errors().isEmpty()) {
            throw new InvalidConfigException(stack, result.errors());
        }
        return result.settings();
    }

    public static Result read(String stack, StackConfigValues raw) {
        var config = new ConfigReader(raw);
        var warnings = new ArrayList<String>();

        var project = config.providerSetting("gcp:project").requiredText(PROJECT_ID);
        var region = config.providerSetting("gcp:region").requiredText(REGION);
        var environment = environment(stack, config);
        var defaults = EnvironmentDefaults.of(environment);
        var labels = labels(config.setting("labels"), config);
        var deletionProtection = deletionProtection(environment, defaults, config, warnings);
        var network = network(config.section("network"), defaults, config);
        var registry = registry(config.section("artifactRegistry"), defaults);

        var target = new Target(stack, environment, project, region, Labels.forStack(environment, labels));
        var settings = new StackSettings(target, new FoundationSettings(network, registry, deletionProtection), warnings);
        return new Result(settings, config.errors(), config.knownKeys());
    }

    private static Environment environment(String stack, ConfigReader config) {
        var value = config.setting("environment");
        var namedAfterStack = Environment.byId(stack);
        if (!value.isSet() && namedAfterStack.isEmpty()) {
            config.reject(value.key(), "missing; stack '" + stack + "' is not named after an environment, so set it to one of "
                    + String.join(", ", Environment.ids()));
            return Environment.DEV;
        }
        var id = value.text(namedAfterStack.map(Environment::id).orElse(""), TextRule.oneOf(Environment.ids()));
        return Environment.byId(id).orElse(Environment.DEV);
    }

    private static Map<String, String> labels(ConfigValue value, ConfigReader config) {
        var labels = value.textMap(Map.of(), Labels.KEY, Labels.VALUE);
        labels.keySet().stream().filter(Labels.RESERVED::contains).sorted().forEach(reserved ->
                config.reject(value.key() + "." + reserved, "reserved label; the program sets app, environment and"
                        + " managed-by itself, so choose another key"));
        return labels;
    }

    private static boolean deletionProtection(
            Environment environment, EnvironmentDefaults defaults, ConfigReader config, List<String> warnings) {
        var value = config.setting("deletionProtection");
        var protect = value.bool(defaults.deletionProtection());
        var overrides = config.setting("overrides").textMap(Map.of(), OVERRIDE_NAME, OVERRIDE_REASON);
        var unprotectedProdReason = Optional.ofNullable(overrides.get(ALLOW_UNPROTECTED_PROD));
        var guarded = environment == Environment.PROD && !protect;
        if (guarded && unprotectedProdReason.isEmpty()) {
            config.reject(value.key(), "got false; deletion protection cannot be turned off in a prod stack. To do it"
                    + " deliberately, also set kura-infra:overrides." + ALLOW_UNPROTECTED_PROD + " to the reason");
        } else if (guarded) {
            warnings.add("deletion protection is OFF in this prod stack (" + ALLOW_UNPROTECTED_PROD + ": "
                    + unprotectedProdReason.get() + ")");
        } else if (unprotectedProdReason.isPresent()) {
            warnings.add("kura-infra:overrides." + ALLOW_UNPROTECTED_PROD + " has no effect here: it only applies to a"
                    + " prod stack with kura-infra:deletionProtection set to false");
        }
        return protect;
    }

    private static NetworkSettings network(ConfigSection section, EnvironmentDefaults defaults, ConfigReader config) {
        var subnet = section.value("subnetCidr").text(defaults.subnetCidr(), PRIVATE_SUBNET);
        var addressValue = section.value("privateServicesAddress");
        var address = Optional.of(addressValue.text("", IPV4_ADDRESS)).filter(text -> !text.isEmpty());
        var prefixLength = section.value("privateServicesPrefixLength").integer(16, 8, 24);
        var sampling = section.value("flowLogSampling").decimal(defaults.flowLogSampling(), 0.01, 1.0);
        address.ifPresent(start -> {
            var block = start + "/" + prefixLength;
            var range = Ipv4Cidr.parse(block);
            var subnetRange = Ipv4Cidr.parse(subnet);
            if (range.isEmpty() || !range.get().isPrivate()) {
                config.reject(addressValue.key(), "got \"" + start + "\", which with prefix /" + prefixLength + " is not a"
                        + " private CIDR block; expected the first address of a private block of that size");
            } else if (subnetRange.isPresent() && range.get().overlaps(subnetRange.get())) {
                config.reject(addressValue.key(), "got \"" + start + "\": " + block + " overlaps the subnet " + subnet
                        + "; expected a private block that does not overlap kura-infra:network.subnetCidr");
            }
        });
        return new NetworkSettings(subnet, address, prefixLength, sampling);
    }

    private static RegistrySettings registry(ConfigSection section, EnvironmentDefaults defaults) {
        return new RegistrySettings(
                section.value("repositoryId").text("kura", REPOSITORY_ID),
                section.value("keepRecentImages").integer(defaults.keepRecentImages(), 1, 500),
                section.value("deleteUntaggedImagesAfterDays").integer(defaults.deleteUntaggedImagesAfterDays(), 1, 365),
                section.value("immutableTags").bool(true));
    }
}
