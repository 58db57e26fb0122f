package ai.kuraos.infra.plan.steps;

import ai.kuraos.infra.plan.steps.Step.Op;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Steps that let more callers reach a service than before: a public ingress, a public IAM member, a firewall or
 * control plane open to more addresses, a bucket that may turn public, an external load balancer in the cluster.
 * Each sentence begins with {@link #WIDENS}; a new stack's resources are compared with nothing, so a create counts.
 */
final class Exposure {

    /** How an exposure consequence begins; the review's headline looks for it. */
    static final String WIDENS = "widens exposure: ";

    private static final Set<String> PUBLIC_MEMBERS = Set.of("allUsers", "allAuthenticatedUsers");
    private static final Set<String> ANY_ADDRESS = Set.of("0.0.0.0/0", "::/0");
    private static final String PUBLIC_INGRESS = "INGRESS_TRAFFIC_ALL";

    private Exposure() {
    }

    static List<String> of(String type, Op op, JsonNode before, JsonNode after) {
        if (op == Op.DELETE || op == Op.IMPORT || after == null) {
            return List.of();
        }
        var old = before == null ? MissingNode.getInstance() : before.path("inputs");
        var inputs = after.path("inputs");
        var sentences = new ArrayList<String>();
        if (type.startsWith("gcp:cloudrunv2/service:") && op != Op.CREATE
                && PUBLIC_INGRESS.equals(inputs.path("ingress").asText()) && !PUBLIC_INGRESS.equals(old.path("ingress").asText())) {
            sentences.add(WIDENS + "ingress " + old.path("ingress").asText("(unset)") + " → " + PUBLIC_INGRESS
                    + ": the service's run.app URL answers the internet, past the load balancer and Cloud Armor");
        }
        if (type.contains("IAMMember") || type.contains("IamMember") || type.contains("IAMBinding")
                || type.contains("IamBinding")) {
            var members = gained(values(old, "member", "members"), values(inputs, "member", "members"));
            members.retainAll(PUBLIC_MEMBERS);
            if (!members.isEmpty()) {
                sentences.add(WIDENS + String.join(", ", members) + " gets " + inputs.path("role").asText("a role")
                        + ": anyone on the internet" + (members.contains("allUsers") ? "" : " with a Google account")
                        + " holds it");
            }
        }
        if (type.equals("gcp:compute/firewall:Firewall") && !"EGRESS".equals(inputs.path("direction").asText())) {
            var ranges = gained(values(old, "sourceRanges"), values(inputs, "sourceRanges"));
            ranges.retainAll(ANY_ADDRESS);
            if (!ranges.isEmpty()) {
                sentences.add(WIDENS + "the firewall rule " + inputs.path("name").asText() + " admits "
                        + String.join(", ", ranges) + ": any address");
            }
        }
        if (type.equals("gcp:container/cluster:Cluster")) {
            var blocks = gained(cidrBlocks(old), cidrBlocks(inputs));
            if (op != Op.CREATE && !blocks.isEmpty()) {
                sentences.add(WIDENS + "the control plane accepts " + String.join(", ", blocks) + " as well");
            }
            if (old.path("privateClusterConfig").path("enablePrivateEndpoint").asBoolean(false)
                    && !inputs.path("privateClusterConfig").path("enablePrivateEndpoint").asBoolean(false)) {
                sentences.add(WIDENS + "the control plane gets a public endpoint (enablePrivateEndpoint false)");
            }
        }
        if (type.equals("gcp:storage/bucket:Bucket") && "enforced".equals(old.path("publicAccessPrevention").asText())
                && !"enforced".equals(inputs.path("publicAccessPrevention").asText())) {
            sentences.add(WIDENS + "publicAccessPrevention is no longer enforced: a public grant on the bucket takes"
                    + " effect");
        }
        if (type.equals("kubernetes:core/v1:Service") && "LoadBalancer".equals(inputs.path("spec").path("type").asText())
                && !"LoadBalancer".equals(old.path("spec").path("type").asText())
                && !"Internal".equals(inputs.path("metadata").path("annotations")
                        .path("networking.gke.io/load-balancer-type").asText())) {
            sentences.add(WIDENS + "an external load balancer: the Service gets a public IP address");
        }
        return sentences;
    }

    /** The values of {@code after} that {@code before} lacks, in their order. */
    private static Set<String> gained(Set<String> before, Set<String> after) {
        var gained = new LinkedHashSet<>(after);
        gained.removeAll(before);
        return gained;
    }

    private static Set<String> values(JsonNode inputs, String... fields) {
        var values = new LinkedHashSet<String>();
        for (var field : fields) {
            var node = inputs.path(field);
            if (node.isArray()) {
                node.forEach(value -> values.add(value.asText()));
            } else if (node.isTextual()) {
                values.add(node.asText());
            }
        }
        return values;
    }

    private static Set<String> cidrBlocks(JsonNode inputs) {
        var blocks = new LinkedHashSet<String>();
        inputs.path("masterAuthorizedNetworksConfig").path("cidrBlocks")
                .forEach(block -> blocks.add(block.path("cidrBlock").asText()));
        return blocks;
    }
}
