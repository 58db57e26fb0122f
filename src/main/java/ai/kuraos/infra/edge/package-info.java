/**
 * The edge slice: {@code kura:edge:Edge}, the global HTTPS load balancer, Cloud CDN for the assets bucket, Cloud Armor.
 * Owns the {@code edge} settings, the routing table, the Armor rules and the edge's names.
 */
package ai.kuraos.infra.edge;
