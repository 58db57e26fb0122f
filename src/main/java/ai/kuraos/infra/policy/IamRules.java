package ai.kuraos.infra.policy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import static ai.kuraos.infra.policy.Severity.HIGH;
import static ai.kuraos.infra.policy.Severity.MEDIUM;

/** IAM rules: basic roles, admin roles of service accounts, impersonation, keys, scoping and federation. */
final class IamRules {

    static final Set<String> BASIC_ROLES = Set.of("roles/owner", "roles/editor", "roles/viewer");

    /** Roles that let a principal act as, or manage, any service account of the project (Checkov CKV_GCP_49). */
    static final Set<String> IMPERSONATION_ROLES = Set.of("roles/iam.serviceAccountUser",
            "roles/iam.serviceAccountTokenCreator", "roles/iam.workloadIdentityUser", "roles/iam.serviceAccountAdmin",
            "roles/iam.serviceAccountKeyAdmin");

    /**
     * Data-access roles that exist on a single resource: at project level they reach every secret, object, instance or
     * key of the project unless an IAM condition narrows them.
     */
    private static final Set<String> RESOURCE_SCOPED_ROLES = Set.of("roles/secretmanager.secretAccessor",
            "roles/secretmanager.secretVersionAdder", "roles/storage.objectViewer", "roles/storage.objectCreator",
            "roles/storage.objectUser", "roles/storage.objectAdmin", "roles/cloudsql.client",
            "roles/cloudsql.instanceUser", "roles/run.invoker", "roles/artifactregistry.reader",
            "roles/artifactregistry.writer", "roles/cloudkms.cryptoKeyEncrypterDecrypter",
            "roles/cloudkms.cryptoKeyDecrypter", "roles/cloudkms.cryptoKeyEncrypter", "roles/pubsub.publisher",
            "roles/pubsub.subscriber");

    /**
     * Roles whose holder can give itself more (the privilege-escalation paths of Google's IAM guidance and Rhino
     * Security Labs' GCP escalation catalogue), each with how.
     */
    static final Map<String, String> ESCALATION_ROLES = Map.of(
            "roles/resourcemanager.projectIamAdmin", "resourcemanager.projects.setIamPolicy: it can grant itself any role",
            "roles/iam.securityAdmin", "setIamPolicy on the project and almost every resource: it can grant itself any"
                    + " role",
            "roles/iam.roleAdmin", "iam.roles.update: it can add any permission to a custom role it (or an account it"
                    + " runs) holds",
            "roles/iam.organizationRoleAdmin", "iam.roles.update: it can add any permission to a custom role it holds",
            "roles/iam.serviceAccountKeyAdmin", "iam.serviceAccountKeys.create: it can mint a key for, and so become,"
                    + " any service account of the project",
            "roles/cloudkms.admin", "cloudkms.cryptoKeys.setIamPolicy: it can grant itself decryption with every key,"
                    + " which CIS separates from key administration");

    /** The condition that keeps a project IAM admin to the roles the program grants. */
    static final String MODIFIED_GRANTS = "iam.googleapis.com/modifiedGrantsByRole";

    private static final String KEY = "gcp:serviceaccount/key:Key";
    private static final String POOL_PROVIDER = "gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider";

    /** {@code assertion.repository == 'owner/name'}: one repository, compared whole. */
    /** One repository by its name, or by its immutable id (what google-github-actions/auth recommends). */
    private static final Pattern ONE_REPOSITORY = Pattern.compile(
            "assertion\\.repository\\s*==\\s*(['\"])[^'\"/*]+/[^'\"/*]+\\1"
                    + "|assertion\\.repository_id\\s*==\\s*(['\"])[0-9]+\\2");

    private IamRules() {
    }

    static List<Rule> rules() {
        return List.of(basicRoles(), serviceAccountAdmins(), projectImpersonation(), serviceAccountKeys(),
                unconditionedProjectGrants(), restrictedFederation(), authoritativeProjectGrants(),
                wholePoolPrincipals(), alwaysTrueConditions(), escalationRoles(), separationOfDuties());
    }

    /** The violations {@code check} finds in each binding of {@code grant}. */
    private static List<Violation> perBinding(PlanResource grant,
                                              Function<Grants.Binding, List<Violation>> check) {
        return Grants.bindings(grant).stream().flatMap(binding -> check.apply(binding).stream()).toList();
    }

    private static List<Violation> at(boolean violated, Grants.Binding binding, String path, String message) {
        return violated ? List.of(new Violation(path, message, binding.role())) : List.of();
    }

    static ResourceRule basicRoles() {
        return new ResourceRule("KURA-IAM-001", HIGH, "No basic roles (Owner, Editor, Viewer)",
                "CIS GCP 2.0 1.5; Checkov CKV_GCP_117, CKV_GCP_115, CKV_GCP_116; Google IAM guidance (avoid basic"
                        + " roles)", "every IAM grant (members, bindings, policies)", Grants.IAM_TYPES,
                (grant, plan) -> perBinding(grant, binding -> at(BASIC_ROLES.contains(binding.role()), binding,
                        binding.rolePath(), "is " + binding.role() + ": basic roles hold thousands of permissions"
                                + " across every service; grant the predefined roles the principal needs")));
    }

    static ResourceRule serviceAccountAdmins() {
        return new ResourceRule("KURA-IAM-002", MEDIUM, "Service accounts hold no admin roles on the project",
                "CIS GCP 2.0 1.5; Checkov CKV_GCP_42", "`gcp:projects/iAM*`", Grants::isProjectGrant,
                (grant, plan) -> perBinding(grant, binding -> {
                    var role = binding.role();
                    var admin = role.endsWith("admin") || role.endsWith("Admin") || BASIC_ROLES.contains(role);
                    return at(admin && binding.members().stream()
                                    .anyMatch(member -> Grants.isServiceAccount(member.value(), plan)), binding,
                            binding.rolePath(), "grants " + role + " on the project to a service account: whoever"
                                    + " runs as it administers the service; grant narrower roles");
                }));
    }

    static ResourceRule projectImpersonation() {
        return new ResourceRule("KURA-IAM-003", HIGH,
                "No project-level grants that impersonate or manage every service account (project-wide actAs)",
                "CIS GCP 2.0 1.6; Checkov CKV_GCP_41, CKV_GCP_49", "`gcp:projects/iAM*`", Grants::isProjectGrant,
                (grant, plan) -> perBinding(grant, binding -> at(IMPERSONATION_ROLES.contains(binding.role()),
                        binding, binding.rolePath(), "is " + binding.role() + " on the whole project: it reaches"
                                + " every service account there; grant it on the service accounts concerned"
                                + " (gcp:serviceaccount/iAMMember)")));
    }

    static ResourceRule serviceAccountKeys() {
        return ResourceRule.on(KEY, "KURA-IAM-004", HIGH, "No user-managed service account keys",
                "CIS GCP 2.0 1.4; Checkov CKV2_GCP_3", (key, plan) -> List.of(new Violation("serviceAccountId",
                        "creates a downloadable key that never expires on its own: use Workload Identity (GKE),"
                                + " Workload Identity Federation (CI) or the attached service account instead")));
    }

    static ResourceRule unconditionedProjectGrants() {
        return new ResourceRule("KURA-IAM-005", MEDIUM,
                "Data-access roles at project level are narrowed by an IAM condition that restricts something",
                "Google IAM least privilege (resource-level grants, IAM conditions)", "`gcp:projects/iAM*`",
                Grants::isProjectGrant, (grant, plan, today) -> perBinding(grant, binding -> {
                    if (!RESOURCE_SCOPED_ROLES.contains(binding.role())
                            || binding.effectivelyConditioned(today)) {
                        return List.of();
                    }
                    return binding.conditioned()
                            ? at(true, binding, binding.conditionPath(), "'" + binding.condition() + "' is always true"
                            + " on " + binding.role() + ": the grant reaches every such resource of the project;"
                            + " grant it on the resource, or condition it on resource.name")
                            : at(true, binding, binding.conditionPath().replace(".expression", ""), "is unset on "
                            + binding.role() + ": the grant reaches every such resource of the project; grant it on"
                            + " the resource, or add a condition on resource.name");
                }));
    }

    static ResourceRule restrictedFederation() {
        return ResourceRule.on(POOL_PROVIDER, "KURA-IAM-006", HIGH,
                "Workload identity pool providers accept only one repository's tokens",
                "Checkov CKV_GCP_118, CKV_GCP_125", (provider, plan) -> {
                    var condition = Json.text(provider.inputs().path("attributeCondition"));
                    return GcpRules.when(!pinsOneRepository(condition), "attributeCondition", (condition.isBlank()
                            ? "is unset" : "'" + condition + "' does not require assertion.repository_id == '<id>'"
                            + " (or assertion.repository == 'owner/name') in every case") + ": other repositories' workflows (assertion.repository_owner admits"
                            + " every repository of the organization) could exchange their tokens; require"
                            + " assertion.repository_id == '<id>' alongside the other conditions");
                });
    }

    /** Whether every way through {@code condition} requires one repository (a top-level conjunct, or each disjunct). */
    static boolean pinsOneRepository(String condition) {
        var text = Grants.unwrap(condition.strip());
        var disjuncts = Grants.split(text, "||");
        if (disjuncts.size() > 1) {
            return disjuncts.stream().allMatch(IamRules::pinsOneRepository);
        }
        var conjuncts = Grants.split(text, "&&");
        return conjuncts.size() > 1 ? conjuncts.stream().anyMatch(IamRules::pinsOneRepository)
                : ONE_REPOSITORY.matcher(text).matches();
    }

    static ResourceRule authoritativeProjectGrants() {
        return new ResourceRule("KURA-IAM-007", HIGH,
                "The project's IAM is granted member by member, never by an authoritative binding or policy",
                "Google IAM guidance for Terraform (google_project_iam_policy and _binding are authoritative);"
                        + " CIS GCP 2.0 1.5 (every grant reviewed)", "`gcp:projects/iAMPolicy:IAMPolicy`,"
                + " `gcp:projects/iAMBinding:IAMBinding`", type -> Grants.isProjectGrant(type)
                && Grants.isAuthoritative(type), (grant, plan) -> {
                    var roles = Grants.bindings(grant).stream().map(Grants.Binding::role).toList();
                    var policy = grant.type().toLowerCase(Locale.ROOT).contains("iampolicy:");
                    return List.of(new Violation(policy ? "policyData" : "members", (policy ? "replaces the whole"
                            + " IAM policy of the project" : "owns every member of " + String.join(", ", roles)
                            + " on the project") + " (roles " + roles + "): each update removes every grant it does"
                            + " not list, Google's service agents' and the deployers' included; grant each member"
                            + " with gcp:projects/IAMMember", String.join(",", roles)));
                });
    }

    static ResourceRule wholePoolPrincipals() {
        return new ResourceRule("KURA-IAM-008", HIGH,
                "No grant goes to every identity of a workload identity pool",
                "Google Workload Identity Federation best practices (principal sets by attribute); Checkov"
                        + " CKV_GCP_125 (the trust it extends)", "every IAM grant", Grants.IAM_TYPES,
                (grant, plan) -> perBinding(grant, binding -> binding.members().stream()
                        .filter(member -> member.value().startsWith("principalSet://")
                                && member.value().endsWith("/*"))
                        .map(member -> new Violation(member.path(), "grants " + binding.role() + " to " + member.value()
                                + ": every identity the pool accepts, any repository or branch its provider lets in;"
                                + " grant it to principalSet://.../attribute.<name>/<value> of the one workflow that"
                                + " needs it", binding.role()))
                        .toList()));
    }

    static ResourceRule alwaysTrueConditions() {
        return new ResourceRule("KURA-IAM-009", MEDIUM, "IAM conditions restrict something (none is always true)",
                "Google IAM Conditions guide (temporary access); CIS GCP 2.0 1.5", "every IAM grant",
                Grants.IAM_TYPES, (grant, plan, today) -> perBinding(grant, binding -> at(binding.conditioned()
                        && !binding.effectivelyConditioned(today), binding, binding.conditionPath(), "'"
                        + binding.condition() + "' on " + binding.role() + " is always true (a far-future expiry, a"
                        + " literal): the grant is unconditional in effect; narrow it to the resources or the date it"
                        + " is for, or drop the condition so that reviews see an unconditional grant")));
    }

    static ResourceRule escalationRoles() {
        return new ResourceRule("KURA-IAM-011", HIGH,
                "No project-level role that lets its holder grant itself more",
                "CIS GCP 2.0 1.6, 1.11 (separation of duties); Checkov CKV_GCP_41 class; Google IAM guidance on"
                        + " privilege escalation", "`gcp:projects/iAM*`", Grants::isProjectGrant,
                (grant, plan, today) -> perBinding(grant, binding -> {
                    var how = ESCALATION_ROLES.get(binding.role());
                    if (how == null || (binding.role().equals("roles/resourcemanager.projectIamAdmin")
                            && binding.effectivelyConditioned(today)
                            && binding.condition().contains(MODIFIED_GRANTS))) {
                        return List.of();
                    }
                    var holders = binding.members().stream().map(Grants.Member::value).toList();
                    return at(true, binding, binding.rolePath(), "grants " + binding.role() + " on the project to "
                            + holders + ": " + how + "; grant the narrower role the task needs"
                            + (binding.role().equals("roles/resourcemanager.projectIamAdmin") ? ", or condition it"
                            + " on api.getAttribute('" + MODIFIED_GRANTS + "', []).hasOnly([...the roles it may"
                            + " grant])" : ""));
                }));
    }

    /** Pairs of roles that one principal must not hold together on the project, each with what the pair allows. */
    private static final Map<String, String> SEPARATED_DUTIES = Map.of(
            "roles/iam.serviceAccountAdmin", "roles/iam.serviceAccountUser",
            "roles/cloudkms.admin", "roles/cloudkms.cryptoKeyEncrypterDecrypter");

    static Rule separationOfDuties() {
        return new DescribedRule("KURA-IAM-012", MEDIUM,
                "No principal holds both halves of a separated duty on the project",
                "CIS GCP 2.0 1.8 (service account admin and user), 1.11 (KMS admin and encrypter/decrypter)",
                "`gcp:projects/iAM*`") {
            @Override
            public List<Finding> check(StackPlan plan, LocalDate today) {
                var held = new HashMap<String, Map<String, PlanResource>>();
                for (var grant : plan.ofType(Grants::isProjectGrant)) {
                    for (var binding : Grants.bindings(grant)) {
                        for (var member : binding.members()) {
                            held.computeIfAbsent(member.value(), key -> new HashMap<>())
                                    .putIfAbsent(binding.role(), grant);
                        }
                    }
                }
                var findings = new ArrayList<Finding>();
                held.forEach((member, roles) -> SEPARATED_DUTIES.forEach((admin, user) -> {
                    if (roles.containsKey(admin) && roles.containsKey(user)) {
                        var grant = roles.get(user);
                        findings.add(finding(plan, grant.type(), grant.name(), new Violation("role", "gives " + user
                                + " to " + member + ", which also holds " + admin + " (" + roles.get(admin).name()
                                + "): it can create what it then uses, and no second person is involved; give the"
                                + " two roles to different principals", user)));
                    }
                }));
                return findings;
            }
        };
    }
}
