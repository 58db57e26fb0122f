/**
 * The cluster slice: {@code kura:k8s:Cluster}, GKE Autopilot {@code kura-gke} and the Kubernetes provider that every
 * object goes through; Kubernetes bindings and labels shared by what runs on it. Owns the {@code cluster} settings and
 * the Kubernetes quantities the other cluster workloads accept.
 */
package ai.kuraos.infra.k8s;
