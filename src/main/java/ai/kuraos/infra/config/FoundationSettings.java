package ai.kuraos.infra.config;

/** Everything {@code kura:platform:Foundation} needs besides the target. */
public record FoundationSettings(NetworkSettings network, RegistrySettings registry) {
}
