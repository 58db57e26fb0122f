package ai.kuraos.infra.platform;

/** The subnet's secondary ranges of a GKE cluster: its pods' ({@code kura-pods}) and its services' ({@code kura-services}). */
public record ClusterRanges(String podsCidr, String servicesCidr) {
}
