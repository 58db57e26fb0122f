package ai.kuraos.infra.config;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns a stack's raw configuration into {@link StackSettings}: per-environment defaults for what is left out, every
 * error gathered before any resource is declared, and the production guards.
 */
public final class StackSettingsParser {

    /** The named override that lets a prod stack run without deletion protection, e.g. to decommission it. */
    public static final String ALLOW_UNPROTECTED_PROD = "allow-unprotected-prod";

    public static final TextRule PROJECT_ID = TextRule.matching("[a-z][a-z0-9-]{4,28}[a-z0-9]",
            "a Google Cloud project id: 6 to 30 lowercase letters, digits or hyphens, starting with a letter, e.g. kura-os");
    public static final TextRule BILLING_ACCOUNT = TextRule.matching("[0-9A-F]{6}-[0-9A-F]{6}-[0-9A-F]{6}",
            "a billing account id such as 01A2B3-C4D5E6-F7A8B9");
    public static final TextRule REGION = TextRule.matching("[a-z]+-[a-z]+[1-9][0-9]?",
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
    static final TextRule DATABASE_TIER = new TextRule(CloudSqlTiers::isValid, CloudSqlTiers.EXPECTED);
    static final TextRule HOUR_AND_MINUTE = TextRule.matching("([01][0-9]|2[0-3]):[0-5][0-9]",
            "a time of day as HH:MM (24-hour clock, UTC), e.g. 03:00");
    static final TextRule FLAG_NAME = TextRule.matching("[a-z][a-z0-9_.]*", "a PostgreSQL parameter name such as log_temp_files");
    static final TextRule FLAG_VALUE = TextRule.nonBlank("the flag's value");
    static final TextRule REDIS_CONFIG = TextRule.oneOf(RedisConfigs.SUPPORTED);
    static final TextRule DOMAIN = TextRule.matching("([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}",
            "a DNS domain such as kuraos.ai or staging.kuraos.ai");
    static final TextRule HTTPS_ORIGIN = TextRule.matching("https://[a-z0-9.-]+(:[0-9]{1,5})?",
            "an https origin such as https://app.kuraos.ai (no path)");
    /** The windows Cloud Armor counts requests over. */
    static final TextRule RATE_LIMIT_INTERVAL = TextRule.oneOf(List.of(
            "10", "30", "60", "120", "180", "240", "300", "600", "900", "1200", "1800", "2700", "3600"));
    static final TextRule OBJECT_NAME = TextRule.matching("[A-Za-z0-9._/-]{1,256}", "an object name such as index.html");
    static final TextRule MEMORY = new TextRule(
            text -> text.matches("[1-9][0-9]{0,5}(Mi|Gi)") && memoryMebibytes(text) >= 512 && memoryMebibytes(text) <= 32 * 1024,
            "a memory size from 512Mi to 32Gi, e.g. 1Gi");
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
        return read(stack, raw, TopicCatalogue.bundled());
    }

    public static Result read(String stack, StackConfigValues raw, TopicCatalogue topics) {
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
        var database = database(config.section("database"), defaults, config, environment, warnings);
        var secrets = secrets(config.section("secrets"), config, warnings);
        var cache = cache(config.section("cache"), defaults);
        var backups = backups(config.section("backups"), defaults);
        var messaging = KubernetesSettingsParser.messaging(config.section("messaging"), defaults, topics, config);
        var backend = backend(config.section("backend"), defaults, environment, messaging, config);
        var edge = edge(config.section("edge"), defaults, environment, config);
        var inference = KubernetesSettingsParser.inference(config.section("inference"), config);
        var cluster = KubernetesSettingsParser.cluster(config.section("cluster"), defaults, network,
                messaging.kafka().isPresent() || inference.isPresent(), config, warnings);
        var monitoring = MonitoringSettingsParser.monitoring(config.section("monitoring"), defaults, config);

        var target = new Target(stack, environment, project, region, Labels.forStack(environment, labels), deletionProtection,
                AdoptionSettingsParser.read(config.setting("adopt")));
        var settings = new StackSettings(target, new FoundationSettings(network, registry, cluster), database, secrets,
                cache, backups, backend, messaging, edge, cluster, inference, monitoring, warnings);
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
        var subnet = section.value("subnetCidr").text(defaults.network().subnetCidr(), PRIVATE_SUBNET);
        var addressValue = section.value("privateServicesAddress");
        var address = Optional.of(addressValue.text("", IPV4_ADDRESS)).filter(text -> !text.isEmpty());
        var prefixLength = section.value("privateServicesPrefixLength").integer(16, 8, 24);
        var sampling = section.value("flowLogSampling").decimal(defaults.network().flowLogSampling(), 0.01, 1.0);
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

    private static DatabaseSettings database(ConfigSection section, EnvironmentDefaults defaults, ConfigReader config,
                                             Environment environment, List<String> warnings) {
        var tier = section.value("tier").text(defaults.database().tier(), DATABASE_TIER);
        var diskSize = section.value("diskSizeGb").integer(10, 10, 65_536);
        var autoresizeLimitValue = section.value("diskAutoresizeLimitGb");
        var autoresizeLimit = autoresizeLimitValue.integer(Math.max(diskSize, defaults.database().diskAutoresizeLimitGb()), 10, 65_536);
        if (autoresizeLimit < diskSize) {
            config.reject(autoresizeLimitValue.key(), "got " + autoresizeLimit + "; expected at least the disk size ("
                    + diskSize + " GB, kura-infra:database.diskSizeGb): the disk can only grow");
        }
        var flagsValue = section.value("flags");
        var stackFlags = flagsValue.textMap(Map.of(), FLAG_NAME, FLAG_VALUE);
        stackFlags.forEach((name, value) -> PostgresParameters.problem(name, value).ifPresent(problem ->
                config.reject(flagsValue.key() + "." + name, "got \"" + value + "\"; " + problem)));
        if (environment == Environment.PROD && CloudSqlTiers.SHARED_CORE.contains(tier)) {
            warnings.add("the database tier " + tier + " is shared-core: Cloud SQL's SLA does not cover it, even with"
                    + " REGIONAL availability; use a db-custom tier in prod");
        }
        return new DatabaseSettings(
                tier,
                section.value("availability").text(defaults.database().availability(), TextRule.oneOf(List.of("ZONAL", "REGIONAL"))),
                diskSize,
                autoresizeLimit,
                section.value("backupStartTime").text("03:00", HOUR_AND_MINUTE),
                section.value("retainedBackups").integer(defaults.database().retainedBackups(), 1, 365),
                section.value("pointInTimeRecovery").bool(defaults.database().pointInTimeRecovery()),
                section.value("transactionLogRetentionDays").integer(7, 1, 7),
                maintenanceWindow(section.section("maintenanceWindow"), new MaintenanceWindow(DayOfWeek.SUNDAY, 4)),
                section.value("queryInsights").bool(true),
                DatabaseFlags.withStackFlags(stackFlags));
    }

    private static SecretsSettings secrets(ConfigSection section, ConfigReader config, List<String> warnings) {
        for (var generated : SecretCatalogue.bySource(SecretCatalogue.Source.GENERATED)) {
            var value = section.value(generated.name());
            if (value.isSet()) {
                config.reject(value.key(), "this secret is generated by the program (" + generated.purpose()
                        + "); remove it from the stack config");
            }
        }
        var values = new TreeMap<String, SecretText>();
        var missing = new ArrayList<String>();
        for (var external : SecretCatalogue.bySource(SecretCatalogue.Source.EXTERNAL)) {
            var value = section.value(external.name());
            if (!value.isSet()) {
                missing.add(external.name());
            } else {
                Optional.ofNullable(value.secret()).ifPresent(secret -> values.put(external.name(), secret));
            }
        }
        if (!missing.isEmpty()) {
            warnings.add("secrets without a value in the stack config are created without a version: "
                    + String.join(", ", missing) + ". kura-backend mounts them only once each has one (pulumi config"
                    + " set --secret --path 'secrets.<NAME>' <value>); a secret the stack adopts keeps its own versions"
                    + " (docs/adoption.md)");
        }
        return new SecretsSettings(values);
    }

    private static CacheSettings cache(ConfigSection section, EnvironmentDefaults defaults) {
        return new CacheSettings(
                section.value("tier").text(defaults.cache().tier(), TextRule.oneOf(List.of("BASIC", "STANDARD_HA"))),
                section.value("memorySizeGb").integer(defaults.cache().memorySizeGb(), 1, 300),
                maintenanceWindow(section.section("maintenanceWindow"), new MaintenanceWindow(DayOfWeek.SUNDAY, 5)),
                section.value("redisConfigs").textMap(Map.of("maxmemory-policy", "allkeys-lru"), REDIS_CONFIG, FLAG_VALUE));
    }

    private static BackupsSettings backups(ConfigSection section, EnvironmentDefaults defaults) {
        return new BackupsSettings(
                section.value("retentionDays").integer(defaults.backups().retentionDays(), 1, 3650),
                section.value("deletedRetentionDays").integer(7, 1, 365));
    }

    private static BackendSettings backend(ConfigSection section, EnvironmentDefaults defaults, Environment environment,
                                           MessagingSettings messaging, ConfigReader config) {
        var imageValue = section.value("image");
        var image = imageValue.text(BackendNames.PLACEHOLDER_IMAGE, BackendNames.IMAGE);
        var releaseValue = section.value("release");
        var release = imageValue.isSet() ? releaseValue.requiredText(BackendNames.RELEASE)
                : releaseValue.text(BackendNames.PLACEHOLDER_RELEASE, BackendNames.RELEASE);
        var previousRevision = Optional.of(section.value("previousRevision").text("", BackendNames.REVISION))
                .filter(text -> !text.isEmpty());
        var cpu = section.value("cpu").text("1", TextRule.oneOf(List.of("1", "2", "4", "6", "8")));
        var memoryValue = section.value("memory");
        var memory = memoryValue.text(defaults.backend().memory(), MEMORY);
        if (memoryMebibytes(memory) < minimumMemoryMebibytes(cpu)) {
            config.reject(memoryValue.key(), "got \"" + memory + "\"; " + cpu + " CPUs need at least "
                    + minimumMemoryMebibytes(cpu) / 1024 + "Gi on Cloud Run");
        }
        var minInstancesValue = section.value("minInstances");
        var minInstances = minInstancesValue.integer(defaults.backend().minInstances(), 0, 100);
        if (environment == Environment.PROD && minInstances < 1) {
            config.reject(minInstancesValue.key(), "got " + minInstances + "; a prod stack keeps at least 1 instance warm,"
                    + " so that no request waits for a cold start");
        }
        var maxInstancesValue = section.value("maxInstances");
        var maxInstances = maxInstancesValue.integer(Math.max(defaults.backend().maxInstances(), minInstances), 1, 1000);
        if (maxInstances < minInstances) {
            config.reject(maxInstancesValue.key(), "got " + maxInstances + "; expected at least minInstances ("
                    + minInstances + ")");
        }
        var envValue = section.value("env");
        var env = envValue.textMap(Map.of(), BackendNames.ENV_NAME, new TextRule(value -> true, "a text value"));
        env.keySet().stream().filter(name -> BackendNames.RESERVED_ENV.contains(name)
                        || SecretCatalogue.byName(name).isPresent())
                .forEach(name -> config.reject(envValue.key() + "." + name, "set by the program (or a secret from Secret"
                        + " Manager); choose another name"));
        var startupCpuBoost = section.value("startupCpuBoost").bool(true);
        var requestTimeout = section.value("requestTimeoutSeconds").integer(300, 1, 3600);
        var concurrency = section.value("concurrency").integer(80, 1, 1000);
        var traceSampleRatio = section.value("traceSampleRatio").decimal(defaults.backend().traceSampleRatio(), 0.0, 1.0);
        var fingerprint = BackendNames.templateFingerprint(List.of(cpu, memory, startupCpuBoost, requestTimeout,
                concurrency, minInstances, maxInstances, env, messaging.backend().id(), messaging.kafka().isPresent(),
                traceSampleRatio));
        return new BackendSettings(image, release, previousRevision, cpu, memory, startupCpuBoost, requestTimeout,
                concurrency, minInstances, maxInstances,
                section.value("migrationTimeoutSeconds").integer(600, 60, 86_400),
                env,
                traceSampleRatio,
                fingerprint,
                rollout(section.section("rollout"), release, config));
    }

    /** @param release the release the stack runs */
    private static RolloutSettings rollout(ConfigSection section, String release, ConfigReader config) {
        var mode = section.value("mode").choice(RolloutMode.NORMAL, RolloutMode.class);
        var servingValue = section.value("servingRevision");
        var serving = Optional.of(servingValue.text("", BackendNames.REVISION)).filter(text -> !text.isEmpty());
        if (mode != RolloutMode.NORMAL && serving.isEmpty() && !servingValue.isSet()) {
            config.reject(servingValue.key(), "missing; the " + mode.name().toLowerCase() + " rollout mode keeps all"
                    + " traffic on a named revision such as " + BackendNames.SERVICE + "-v1-3-7-4f2a9c");
        }
        if (mode == RolloutMode.STAGED && serving.filter(name -> BackendNames.isRevisionOf(name, release)).isPresent()) {
            config.reject(servingValue.key(), "got \"" + serving.get() + "\", the revision of the release being staged;"
                    + " expected the revision serving before it");
        }
        return new RolloutSettings(mode, mode == RolloutMode.NORMAL ? Optional.empty() : serving);
    }

    private static Optional<EdgeSettings> edge(ConfigSection section, EnvironmentDefaults defaults, Environment environment,
                                               ConfigReader config) {
        var enabled = section.value("enabled").bool(defaults.edge().enabled());
        var domainValue = section.value("domain");
        var domain = domainValue.text("", DOMAIN);
        if (enabled && !domainValue.isSet()) {
            config.reject(domainValue.key(), "missing; the edge serves api.<domain> and app.<domain>, so name the domain,"
                    + " e.g. kuraos.ai");
        }
        var corsOrigins = section.value("corsOrigins").textList(List.of("https://app." + domain), HTTPS_ORIGIN);
        var notFoundPage = section.value("notFoundPage").text("index.html", OBJECT_NAME);
        var cdnSection = section.section("cdn");
        var maxTtl = cdnSection.value("maxTtlSeconds").integer(86_400, 0, 31_536_000);
        var cdn = new EdgeSettings.Cdn(
                cdnSection.value("defaultTtlSeconds").integer(Math.min(3600, maxTtl), 0, maxTtl),
                maxTtl,
                cdnSection.value("clientTtlSeconds").integer(Math.min(3600, maxTtl), 0, maxTtl),
                cdnSection.value("negativeCachingTtlSeconds").integer(60, 0, 1800),
                cdnSection.value("serveWhileStaleSeconds").integer(86_400, 0, 31_536_000),
                cdnSection.value("htmlMaxAgeSeconds").integer(60, 0, 3600),
                cdnSection.value("otherMaxAgeSeconds").integer(300, 0, 86_400));
        var armorSection = section.section("armor");
        var wafValue = armorSection.value("wafMode");
        var wafMode = wafValue.text(defaults.edge().wafPreview() ? "preview" : "enforce",
                TextRule.oneOf(List.of("enforce", "preview")));
        if (environment == Environment.PROD && wafMode.equals("preview")) {
            config.reject(wafValue.key(), "got \"preview\"; a prod stack enforces the WAF rules (preview only logs what"
                    + " they would block)");
        }
        var armor = new EdgeSettings.Armor(
                armorSection.value("rateLimitRequests").integer(300, 1, 100_000),
                Integer.parseInt(armorSection.value("rateLimitIntervalSeconds").text("60", RATE_LIMIT_INTERVAL)),
                wafMode.equals("preview"),
                armorSection.value("adaptiveProtection").bool(defaults.edge().adaptiveProtection()),
                armorSection.value("methodEnforcement").bool(false));
        var sampleRate = section.value("requestLogSampleRate").decimal(1.0, 0.0, 1.0);
        return enabled ? Optional.of(new EdgeSettings(domain, corsOrigins, notFoundPage, cdn, armor, sampleRate))
                : EdgeSettings.disabled();
    }

    private static int memoryMebibytes(String memory) {
        var amount = Integer.parseInt(memory.substring(0, memory.length() - 2));
        return memory.endsWith("Gi") ? amount * 1024 : amount;
    }

    /** Cloud Run's floor: 4 CPUs need 2 GiB, 6 or 8 CPUs need 4 GiB. */
    private static int minimumMemoryMebibytes(String cpu) {
        return switch (cpu) {
            case "4" -> 2048;
            case "6", "8" -> 4096;
            default -> 512;
        };
    }

    private static MaintenanceWindow maintenanceWindow(ConfigSection section, MaintenanceWindow fallback) {
        return new MaintenanceWindow(
                section.value("day").choice(fallback.day(), DayOfWeek.class),
                section.value("hour").integer(fallback.hour(), 0, 23));
    }

    private static RegistrySettings registry(ConfigSection section, EnvironmentDefaults defaults) {
        return new RegistrySettings(
                section.value("repositoryId").text("kura", REPOSITORY_ID),
                section.value("keepRecentImages").integer(defaults.registry().keepRecentImages(), 1, 500),
                section.value("deleteUntaggedImagesAfterDays").integer(defaults.registry().deleteUntaggedImagesAfterDays(), 1, 365),
                section.value("immutableTags").bool(true));
    }
}
