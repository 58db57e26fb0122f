/**
 * The inference slice: {@code kura:inference:Workload}, Adeline on the cluster with its security, scaling and
 * scraping. Owns the {@code inference} settings and the workload's decisions.
 */
package ai.kuraos.infra.inference;
