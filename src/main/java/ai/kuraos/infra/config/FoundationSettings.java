package ai.kuraos.infra.config;

/** Everything {@code kura:platform:Foundation} needs besides the target; {@code protect} guards its resources. */
public record FoundationSettings(NetworkSettings network, RegistrySettings registry, boolean protect) {
}
