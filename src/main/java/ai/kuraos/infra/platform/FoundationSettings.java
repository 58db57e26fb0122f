package ai.kuraos.infra.platform;

import java.util.Optional;

/**
 * Everything {@code kura:platform:Foundation} needs besides the target; with a cluster, the subnet also carries its
 * pods' and services' ranges.
 */
public record FoundationSettings(NetworkSettings network, RegistrySettings registry, Optional<ClusterRanges> cluster) {
}
