package ai.kuraos.infra.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import static ai.kuraos.infra.policy.Severity.HIGH;

/**
 * Rules from the review of the CI identities and the edge (issue 24): a federation trusted by repository name and open
 * to any workflow file, and a Cloud Armor throttle that let requests past the WAF. The workflow files' own checks
 * (actions pinned to commit SHAs, {@code permissions: {}}) run in {@code .ci/check-action-pins}, which reads the
 * workflows rather than a plan.
 */
final class HardeningRules {

    static final String POOL_PROVIDER = "gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider";
    static final String SECURITY_POLICY = "gcp:compute/securityPolicy:SecurityPolicy";

    private HardeningRules() {
    }

    static List<Rule> rules() {
        return List.of(federationByRepositoryIds(), wafBeforeThrottle());
    }

    static ResourceRule federationByRepositoryIds() {
        return ResourceRule.on(POOL_PROVIDER, "KURA-IAM-024", HIGH,
                "GitHub federation trusts repository and owner ids and names the workflows or events allowed",
                "google-github-actions/auth, Security considerations; GitHub OIDC (job_workflow_ref, event_name)",
                (provider, plan) -> {
                    var condition = Json.text(provider.inputs().path("attributeCondition"));
                    var violations = new ArrayList<Violation>();
                    if (!condition.contains("assertion.repository_id ==")
                            || !condition.contains("assertion.repository_owner_id ==")) {
                        violations.add(new Violation("attributeCondition", "does not compare assertion.repository_id"
                                + " and assertion.repository_owner_id: a name can be taken by a repository created"
                                + " after a rename or deletion; require both numeric ids (bootstrap github.repositoryId,"
                                + " github.ownerId)"));
                    }
                    if (!condition.contains("assertion.job_workflow_ref") && !condition.contains("assertion.event_name")) {
                        violations.add(new Violation("attributeCondition", "names neither assertion.job_workflow_ref"
                                + " nor assertion.event_name: any workflow file of the repository, on any event, may"
                                + " exchange its token; allow only the workflows that deploy and their events"));
                    }
                    return violations;
                });
    }

    static ResourceRule wafBeforeThrottle() {
        return ResourceRule.on(SECURITY_POLICY, "KURA-NET-024", HIGH,
                "Cloud Armor evaluates its WAF rules before a rate limit lets a request through",
                "Cloud Armor security policy overview (rule evaluation order; a throttle's conform action ends it)",
                (policy, plan) -> {
                    var rules = policy.inputs().path("rules");
                    var firstAllowingThrottle = OptionalInt.empty();
                    for (var rule : rules) {
                        var action = Json.text(rule.path("action"));
                        var conform = Json.text(rule.path("rateLimitOptions").path("conformAction"));
                        if ((action.equals("throttle") || action.equals("rate_based_ban")) && conform.equals("allow")) {
                            var priority = rule.path("priority").asInt();
                            if (firstAllowingThrottle.isEmpty() || priority < firstAllowingThrottle.getAsInt()) {
                                firstAllowingThrottle = OptionalInt.of(priority);
                            }
                        }
                    }
                    var violations = new ArrayList<Violation>();
                    if (firstAllowingThrottle.isEmpty()) {
                        return violations;
                    }
                    for (int i = 0; i < rules.size(); i++) {
                        var rule = rules.get(i);
                        var expression = Json.text(rule.path("match").path("expr").path("expression"));
                        var priority = rule.path("priority").asInt();
                        if (expression.contains("evaluatePreconfiguredWaf") && priority > firstAllowingThrottle.getAsInt()) {
                            violations.add(new Violation("rules[" + i + "].priority", "is " + priority + ", after the"
                                    + " rate limit at " + firstAllowingThrottle.getAsInt() + " whose conform action"
                                    + " allows: a request under the limit is let through and this WAF rule never sees"
                                    + " it; give the WAF rules lower numbers than the throttle (edge/ArmorRules)"));
                        }
                    }
                    return violations;
                });
    }
}
