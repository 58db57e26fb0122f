package ai.kuraos.infra.policy;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static ai.kuraos.infra.policy.GcpRules.GKE;
import static ai.kuraos.infra.policy.GcpRules.when;
import static ai.kuraos.infra.policy.Severity.HIGH;
import static ai.kuraos.infra.policy.Severity.MEDIUM;

/**
 * GKE cluster rules (CIS GKE Benchmark 1.5, section 5). Each reads what the plan says; where the plan says nothing, an
 * Autopilot cluster has what Autopilot enforces, which no setting can turn off
 * (https://cloud.google.com/kubernetes-engine/docs/concepts/autopilot-security,
 * https://cloud.google.com/kubernetes-engine/docs/resources/autopilot-standard-feature-comparison): Workload Identity,
 * Shielded GKE nodes with secure boot, a release channel (REGULAR unless chosen), GKE Dataplane V2 with network policy
 * enforcement, no legacy ABAC, no basic authentication or client certificates. Private nodes and the control plane's
 * exposure are choices on Autopilot too, so those rules always read the plan.
 */
final class GkeRules {

    private GkeRules() {
    }

    static List<Rule> rules() {
        return List.of(privateNodes(), privateControlPlane(), workloadIdentity(), shieldedNodes(), releaseChannel(),
                networkPolicy(), legacyAbac(), legacyAuthentication());
    }

    static boolean autopilot(PlanResource cluster) {
        return Json.isTrue(cluster.inputs().path("enableAutopilot"));
    }

    static ResourceRule privateNodes() {
        return ResourceRule.on(GKE, "KURA-GKE-001", HIGH, "GKE nodes have no public IP addresses",
                "CIS GKE 5.6.5; Checkov CKV_GCP_64", (cluster, plan) -> when(!Json.isTrue(cluster.inputs()
                        .path("privateClusterConfig").path("enablePrivateNodes")),
                        "privateClusterConfig.enablePrivateNodes", "is not true: every node gets an internet address"
                                + " (Autopilot too); set it to true and give the nodes Cloud NAT"));
    }

    static ResourceRule privateControlPlane() {
        return ResourceRule.on(GKE, "KURA-GKE-002", HIGH,
                "The GKE control plane is private or limited to authorized networks",
                "CIS GKE 5.6.3, 5.6.4; Checkov CKV_GCP_18, CKV_GCP_20", (cluster, plan) -> {
                    var inputs = cluster.inputs();
                    var violations = new ArrayList<Violation>();
                    var blocks = inputs.path("masterAuthorizedNetworksConfig").path("cidrBlocks");
                    for (int i = 0; i < blocks.size(); i++) {
                        var cidr = Json.text(blocks.get(i).path("cidrBlock"));
                        if (cidr.equals("0.0.0.0/0")) {
                            violations.add(new Violation("masterAuthorizedNetworksConfig.cidrBlocks[" + i + "].cidrBlock",
                                    "is 0.0.0.0/0: the Kubernetes API answers the whole internet; list the networks"
                                            + " that administer the cluster"));
                        }
                    }
                    var cidrs = new ArrayList<String>();
                    blocks.forEach(block -> cidrs.add(Json.text(block.path("cidrBlock"))));
                    if (violations.isEmpty() && Cidrs.coverTheInternet(cidrs)) {
                        violations.add(new Violation("masterAuthorizedNetworksConfig.cidrBlocks", "adds up to the"
                                + " whole internet (" + String.join(", ", cidrs) + "): list the networks that"
                                + " administer the cluster"));
                    }
                    if (Json.isTrue(inputs.path("masterAuthorizedNetworksConfig").path("gcpPublicCidrsAccessEnabled"))) {
                        violations.add(new Violation("masterAuthorizedNetworksConfig.gcpPublicCidrsAccessEnabled",
                                "is true: every Google Cloud public address (any customer's VM or Cloud Run service)"
                                        + " reaches the Kubernetes API; set it to false"));
                    }
                    var privateEndpoint = Json.isTrue(inputs.path("privateClusterConfig").path("enablePrivateEndpoint"));
                    if (!privateEndpoint && !inputs.has("masterAuthorizedNetworksConfig")) {
                        violations.add(new Violation("masterAuthorizedNetworksConfig", "is unset and the endpoint is"
                                + " public: the Kubernetes API answers the whole internet; enable the private endpoint"
                                + " or authorized networks"));
                    }
                    return violations;
                });
    }

    static ResourceRule workloadIdentity() {
        return ResourceRule.on(GKE, "KURA-GKE-003", HIGH, "Pods reach Google APIs through Workload Identity",
                "CIS GKE 5.2.2, 5.4.2; Checkov CKV_GCP_69", (cluster, plan) -> when(!autopilot(cluster)
                        && Json.text(cluster.inputs().path("workloadIdentityConfig").path("workloadPool")).isEmpty(),
                        "workloadIdentityConfig.workloadPool", "is unset on a Standard cluster: pods can read the"
                                + " node's credentials from the metadata server; set it to <project>.svc.id.goog"));
    }

    static ResourceRule shieldedNodes() {
        return ResourceRule.on(GKE, "KURA-GKE-004", MEDIUM, "GKE nodes are Shielded GKE nodes",
                "CIS GKE 5.5.5; Checkov CKV_GCP_71", (cluster, plan) -> when(
                        Json.isFalse(cluster.inputs().path("enableShieldedNodes")), "enableShieldedNodes",
                        "is false: a node's boot chain is not verified; remove it (GKE's default is true, Autopilot"
                                + " enforces it)"));
    }

    static ResourceRule releaseChannel() {
        return ResourceRule.on(GKE, "KURA-GKE-005", MEDIUM, "GKE clusters follow a release channel",
                "CIS GKE 5.5.4; Checkov CKV_GCP_70", (cluster, plan) -> {
                    var channel = Json.text(cluster.inputs().path("releaseChannel").path("channel"));
                    var enrolled = Set.of("RAPID", "REGULAR", "STABLE").contains(channel)
                            || (channel.isEmpty() && autopilot(cluster));
                    return when(!enrolled, "releaseChannel.channel", "is " + (channel.isEmpty() ? "unset" : "'"
                            + channel + "'") + ": security patches wait for manual upgrades; choose REGULAR or STABLE");
                });
    }

    static ResourceRule networkPolicy() {
        return ResourceRule.on(GKE, "KURA-GKE-006", MEDIUM, "GKE enforces Kubernetes NetworkPolicies",
                "CIS GKE 5.6.7; Checkov CKV_GCP_12", (cluster, plan) -> {
                    JsonNode inputs = cluster.inputs();
                    var enforced = autopilot(cluster) || Json.isTrue(inputs.path("networkPolicy").path("enabled"))
                            || Json.text(inputs.path("datapathProvider")).equals("ADVANCED_DATAPATH");
                    return when(!enforced, "networkPolicy.enabled", "is not true on a Standard cluster without"
                            + " Dataplane V2: NetworkPolicies are accepted but not enforced; set datapathProvider"
                            + " ADVANCED_DATAPATH");
                });
    }

    static ResourceRule legacyAbac() {
        return ResourceRule.on(GKE, "KURA-GKE-007", HIGH, "Legacy ABAC authorization is off",
                "CIS GKE 5.8.4; Checkov CKV_GCP_7", (cluster, plan) -> when(
                        Json.isTrue(cluster.inputs().path("enableLegacyAbac")), "enableLegacyAbac",
                        "is true: ABAC grants bypass RBAC; remove it"));
    }

    static ResourceRule legacyAuthentication() {
        return ResourceRule.on(GKE, "KURA-GKE-008", HIGH, "No basic authentication or client certificates",
                "CIS GKE 5.8.1, 5.8.2; Checkov CKV_GCP_19, CKV_GCP_13", (cluster, plan) -> {
                    var auth = cluster.inputs().path("masterAuth");
                    var violations = new ArrayList<Violation>();
                    if (!Json.text(auth.path("username")).isEmpty() || !Json.text(auth.path("password")).isEmpty()) {
                        violations.add(new Violation("masterAuth.username", "is set: static passwords authenticate to"
                                + " the control plane; remove them and use Google identities"));
                    }
                    if (Json.isTrue(auth.path("clientCertificateConfig").path("issueClientCertificate"))) {
                        violations.add(new Violation("masterAuth.clientCertificateConfig.issueClientCertificate",
                                "is true: a long-lived client certificate cannot be revoked; set it to false"));
                    }
                    return violations;
                });
    }
}
