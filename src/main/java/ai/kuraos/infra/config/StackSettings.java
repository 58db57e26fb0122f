package ai.kuraos.infra.config;

import java.util.List;
import java.util.Optional;

/**
 * The whole typed configuration of one stack, validated. The program wires every component from it; no component
 * reads Pulumi config itself. {@code configWarnings} are legal but noteworthy choices the program reports.
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
        ai.kuraos.infra.cost.CostAssumptions cost,
        List<String> configWarnings) {

    public StackSettings {
        configWarnings = List.copyOf(configWarnings);
    }
}
