/**
 * The policy gate: security and hygiene rules (CIS Google Cloud and GKE benchmarks, Checkov's and kube-score's checks)
 * evaluated over the rendered plans, with reviewed waivers in {@code policy/waivers.yaml}. Needs no credentials: it
 * reads only {@code stacks/<stack>/plan.json}, as committed or as in the working tree.
 */
package ai.kuraos.infra.policy;
