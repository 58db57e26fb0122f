package ai.kuraos.infra;

import ai.kuraos.infra.backend.BackendSettings;
import ai.kuraos.infra.component.LiveDescriptions;
import ai.kuraos.infra.config.ConfigError;
import ai.kuraos.infra.config.ConfigReader;
import ai.kuraos.infra.config.InvalidConfigException;
import ai.kuraos.infra.config.KeyDoc;
import ai.kuraos.infra.config.StackConfigValues;
import ai.kuraos.infra.config.Target;
import ai.kuraos.infra.data.BackupsSettings;
import ai.kuraos.infra.data.CacheSettings;
import ai.kuraos.infra.data.DatabaseSettings;
import ai.kuraos.infra.data.SecretsSettings;
import ai.kuraos.infra.edge.EdgeSettings;
import ai.kuraos.infra.inference.InferenceSettings;
import ai.kuraos.infra.k8s.ClusterSettings;
import ai.kuraos.infra.messaging.MessagingSettings;
import ai.kuraos.infra.messaging.TopicCatalogue;
import ai.kuraos.infra.observability.AlertCatalogue;
import ai.kuraos.infra.observability.MonitoringSettings;
import ai.kuraos.infra.platform.FoundationSettings;
import ai.kuraos.infra.platform.NetworkSettings;
import ai.kuraos.infra.platform.RegistrySettings;
import ai.kuraos.infra.usage.CostAssumptions;

import java.util.List;
import java.util.Optional;

/**
 * The whole typed configuration of one stack, validated. The program wires every component from it; no component
 * reads Pulumi config itself. {@code configWarnings} are legal but noteworthy choices the program reports.
 *
 * <p>Each slice reads its own section, with its defaults stated beside its keys; this only composes them, in the
 * order their values depend on each other, and gathers every error before anything is declared.
 */
public record StackSettings(
        Target target,
        FoundationSettings foundation,
        DatabaseSettings database,
        SecretsSettings secrets,
        CacheSettings cache,
        BackupsSettings backups,
        BackendSettings backend,
        MessagingSettings messaging,
        Optional<EdgeSettings> edge,
        Optional<ClusterSettings> cluster,
        Optional<InferenceSettings> inference,
        MonitoringSettings monitoring,
        CostAssumptions cost,
        List<String> configWarnings) {

    public StackSettings {
        configWarnings = List.copyOf(configWarnings);
    }

    /** What the stack runs, as far as its alerts are concerned. */
    public AlertCatalogue.Scope alertScope() {
        return new AlertCatalogue.Scope(target, backend, edge.isPresent(), messaging.kafka().isPresent(),
                inference.isPresent());
    }

    /**
     * The outcome of reading a stack: its settings (meaningful only without errors), and every key it read with its
     * documentation, from which the configuration reference is generated.
     */
    public record Result(StackSettings settings, List<ConfigError> errors, List<KeyDoc> keys) {
    }

    /** Reads and validates a stack's configuration, or throws with every error found. */
    public static StackSettings parse(String stack, StackConfigValues raw) {
        return parse(stack, raw, LiveDescriptions.NONE);
    }

    /** The same, with what the live project says about the resources the stack adopts. */
    public static StackSettings parse(String stack, StackConfigValues raw, LiveDescriptions live) {
        var result = read(stack, raw, TopicCatalogue.bundled(), live);
        if (!result.errors().isEmpty()) {
            throw new InvalidConfigException(stack, result.errors());
        }
        return result.settings();
    }

    public static Result read(String stack, StackConfigValues raw) {
        return read(stack, raw, TopicCatalogue.bundled());
    }

    public static Result read(String stack, StackConfigValues raw, TopicCatalogue topics) {
        return read(stack, raw, topics, LiveDescriptions.NONE);
    }

    public static Result read(String stack, StackConfigValues raw, LiveDescriptions live) {
        return read(stack, raw, TopicCatalogue.bundled(), live);
    }

    /**
     * @param live the descriptions of the adopted resources ({@code stacks/<stack>/adopted/}): each one's values are
     *             the defaults of its settings, so that the adoption update changes nothing it imports
     */
    public static Result read(String stack, StackConfigValues raw, TopicCatalogue topics, LiveDescriptions live) {
        var config = new ConfigReader(raw);
        var target = Target.read(stack, config, AdoptableResources.names());
        var environment = target.environment();
        var adopted = AdoptedResources.read(target, live, config);
        var network = NetworkSettings.read(config.section("network", "The VPC's subnet and private services access."),
                environment, config);
        var registry = RegistrySettings.read(config.section("artifactRegistry", "The Docker repository for images."),
                environment, adopted.repository(), config);
        var database = DatabaseSettings.read(config.section("database", "Cloud SQL for PostgreSQL 15, `kura-primary`."),
                environment, config, adopted.instance(), target.deletionProtection());
        var secrets = SecretsSettings.read(config.section("secrets", "Secret Manager: a value for each external secret,"
                + " encrypted (`pulumi config set --secret --path 'secrets.<NAME>' <value>`). The readers are the"
                + " identities granted `roles/secretmanager.secretAccessor` on that secret alone."), config, live);
        var cache = CacheSettings.read(config.section("cache", "Memorystore for Redis 7.0, `kura-cache`."), environment,
                config);
        var backups = BackupsSettings.read(config.section("backups", "The bucket `<project>-kura-backups` of the admin"
                + " panel's logical backups."), environment);
        var messaging = MessagingSettings.read(config.section("messaging", "How the backend publishes events, and the"
                + " Kafka cluster."), environment, topics, config);
        var edge = EdgeSettings.read(config.section("edge", "The load balancer, the CDN and Cloud Armor."),
                environment, config);
        var backend = BackendSettings.read(config.section("backend", "The Cloud Run service `kura-backend` and the"
                        + " migrator job `kura-migrator`."), environment, edge.isPresent(), adopted.service(), adopted.job(), config);
        var inference = InferenceSettings.read(config.section("inference", "The inference service `adeline` in"
                + " namespace `kura-inference`."), target.project(), config);
        var cluster = ClusterSettings.read(config.section("cluster", "GKE Autopilot `kura-gke`: it exists only in a stack"
                        + " that runs Kafka or the inference workload; its settings are checked in every stack."),
                environment, network, messaging.kafka().isPresent() || inference.isPresent(), config);
        var monitoring = MonitoringSettings.read(config.section("monitoring", "Alerts, uptime checks, the dashboard and"
                + " the budget (docs/operations.md)."), environment, config);
        var cost = CostAssumptions.read(config.section("cost", CostAssumptions.SECTION), environment);

        AdoptionSequence.check(target, live, database, backend, messaging, config);

        var foundation = new FoundationSettings(network, registry, cluster.map(ClusterSettings::ranges));
        var settings = new StackSettings(target, foundation, database, secrets, cache, backups, backend, messaging, edge,
                cluster, inference, monitoring, cost, config.warnings());
        return new Result(settings, config.errors(), config.documented());
    }
}
