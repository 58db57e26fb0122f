package ai.kuraos.infra.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static ai.kuraos.infra.policy.Severity.HIGH;

/**
 * Rules from the review of the CI identities and the edge (issue 24): a federation trusted by repository name and open
 * to any workflow file, a deployer that could make itself owner (a custom role it could edit and grant, a delegation
 * that names a role that grants more), and a Cloud Armor throttle that let requests past the WAF. The workflow files' own checks
 * (actions pinned to commit SHAs, {@code permissions: {}}) run in {@code .ci/check-action-pins}, which reads the
 * workflows rather than a plan.
 */
final class HardeningRules {

    static final String POOL_PROVIDER = "gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider";
    static final String SECURITY_POLICY = "gcp:compute/securityPolicy:SecurityPolicy";
    static final String CUSTOM_ROLE = "gcp:projects/iAMCustomRole:IAMCustomRole";

    /**
     * Permissions that let their holder give itself more: change IAM policies, edit roles, act as or mint
     * credentials of service accounts (Google IAM, "Privilege escalation" in the service account best practices).
     */
    private static final Pattern ESCALATING_PERMISSION = Pattern.compile(
            ".*\\.setIamPolicy|iam\\.roles\\.(create|update|undelete)|iam\\.serviceAccounts\\.(actAs|getAccessToken"
                    + "|getOpenIdToken|implicitDelegation|signBlob|signJwt)|iam\\.serviceAccountKeys\\.create");
    /** The roles a conditioned projectIamAdmin may grant: {@code hasOnly(['roles/a', 'projects/p/roles/b'])}. */
    private static final Pattern DELEGATED_ROLES = Pattern.compile("hasOnly\\(\\s*\\[([^\\]]*)]");
    private static final Pattern QUOTED = Pattern.compile("['\"]([^'\"]+)['\"]");

    private HardeningRules() {
    }

    static List<Rule> rules() {
        return List.of(federationByRepositoryIds(), delegatedRolesGrantNoMore(), customRolesGrantNoMore(),
                wafBeforeThrottle());
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

    static ResourceRule delegatedRolesGrantNoMore() {
        return new ResourceRule("KURA-IAM-025", HIGH,
                "A project IAM admin's condition lets it grant no role that grants, edits roles or impersonates",
                "Google IAM, delegating role grants with conditions (modifiedGrantsByRole); CIS GCP 2.0 1.6",
                "`gcp:projects/iAM*`", Grants::isProjectGrant, (grant, plan) -> Grants.bindings(grant).stream()
                .filter(binding -> binding.role().equals("roles/resourcemanager.projectIamAdmin")
                        && binding.condition().contains(IamRules.MODIFIED_GRANTS))
                .flatMap(binding -> {
                    var escalating = new TreeSet<String>();
                    var custom = escalatingCustomRoles(plan);
                    for (var role : delegatedRoles(binding.condition())) {
                        if (IamRules.BASIC_ROLES.contains(role) || IamRules.ESCALATION_ROLES.containsKey(role)
                                || IamRules.IMPERSONATION_ROLES.contains(role) || custom.contains(role)) {
                            escalating.add(role);
                        }
                    }
                    return escalating.isEmpty() ? Stream.<Violation>empty()
                            : Stream.of(new Violation(binding.conditionPath(), "lets "
                            + binding.members().stream().map(Grants.Member::value).toList() + " grant " + escalating
                            + ", which grant roles, edit roles or act as service accounts: the condition limits the"
                            + " roles, not who gets them, so the holder can grant them to itself; delegate only roles"
                            + " that hold none of those permissions", binding.role()));
                })
                .toList());
    }

    static ResourceRule customRolesGrantNoMore() {
        return ResourceRule.on(CUSTOM_ROLE, "KURA-IAM-026", HIGH,
                "Custom roles hold no permission that lets their holder give itself more",
                "Google IAM custom roles (permissions are reviewed with the role); privilege escalation through"
                        + " setIamPolicy, iam.roles.update and service account impersonation",
                (role, plan) -> {
                    var violations = new ArrayList<Violation>();
                    var permissions = role.inputs().path("permissions");
                    for (int i = 0; i < permissions.size(); i++) {
                        var permission = Json.text(permissions.get(i));
                        if (ESCALATING_PERMISSION.matcher(permission).matches()) {
                            violations.add(new Violation("permissions[" + i + "]", "is " + permission + ": whoever"
                                    + " holds the role can grant itself more (change an IAM policy, edit a role, act"
                                    + " as a service account); grant the predefined role the task needs to the one"
                                    + " principal that needs it, on the one resource"));
                        }
                    }
                    return violations;
                });
    }

    /** {@code projects/<project>/roles/<roleId>} of every custom role of the plan with an escalating permission. */
    private static Set<String> escalatingCustomRoles(StackPlan plan) {
        var names = new TreeSet<String>();
        for (var role : plan.ofType(CUSTOM_ROLE)) {
            for (var permission : role.inputs().path("permissions")) {
                if (ESCALATING_PERMISSION.matcher(Json.text(permission)).matches()) {
                    names.add("projects/" + Json.text(role.inputs().path("project")) + "/roles/"
                            + Json.text(role.inputs().path("roleId")));
                }
            }
        }
        return names;
    }

    static List<String> delegatedRoles(String condition) {
        var roles = new ArrayList<String>();
        var lists = DELEGATED_ROLES.matcher(condition);
        while (lists.find()) {
            var quoted = QUOTED.matcher(lists.group(1));
            while (quoted.find()) {
                roles.add(quoted.group(1));
            }
        }
        return roles;
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
