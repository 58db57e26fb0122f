package ai.kuraos.infra.policy;

import java.util.List;
import java.util.Set;

import static ai.kuraos.infra.policy.Severity.HIGH;
import static ai.kuraos.infra.policy.Severity.MEDIUM;

/** IAM rules: basic roles, admin roles of service accounts, impersonation, keys, scoping and federation. */
final class IamRules {

    private static final Set<String> BASIC_ROLES = Set.of("roles/owner", "roles/editor", "roles/viewer");

    /** Roles that let a principal act as, or manage, any service account of the project (Checkov CKV_GCP_49). */
    private static final Set<String> IMPERSONATION_ROLES = Set.of("roles/iam.serviceAccountUser",
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

    private static final String KEY = "gcp:serviceaccount/key:Key";
    private static final String POOL_PROVIDER = "gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider";

    private IamRules() {
    }

    static List<Rule> rules() {
        return List.of(basicRoles(), serviceAccountAdmins(), projectImpersonation(), serviceAccountKeys(),
                unconditionedProjectGrants(), restrictedFederation());
    }

    static ResourceRule basicRoles() {
        return new ResourceRule("KURA-IAM-001", HIGH, "No basic roles (Owner, Editor, Viewer)",
                "Checkov CKV_GCP_117, CKV_GCP_115, CKV_GCP_116; Google IAM guidance (avoid basic roles)", "every IAM grant", Grants.IAM_TYPES,
                (grant, plan) -> GcpRules.when(BASIC_ROLES.contains(Grants.role(grant)), "role", "is "
                        + Grants.role(grant) + ": basic roles hold thousands of permissions across every service;"
                        + " grant the predefined roles the principal needs"));
    }

    static ResourceRule serviceAccountAdmins() {
        return new ResourceRule("KURA-IAM-002", MEDIUM, "Service accounts hold no admin roles on the project",
                "CIS GCP 2.0 1.5; Checkov CKV_GCP_42", "`gcp:projects/iAM*`", Grants::isProjectGrant,
                (grant, plan) -> {
                    var role = Grants.role(grant);
                    var admin = role.endsWith("admin") || role.endsWith("Admin") || BASIC_ROLES.contains(role);
                    return admin ? Grants.members(grant).stream()
                            .filter(member -> Grants.isServiceAccount(member.value(), plan))
                            .map(member -> new Violation("role", "grants " + role + " on the project to a service"
                                    + " account: whoever runs as it administers the service; grant narrower roles"))
                            .toList() : List.of();
                });
    }

    static ResourceRule projectImpersonation() {
        return new ResourceRule("KURA-IAM-003", HIGH,
                "No project-level grants that impersonate or manage every service account",
                "CIS GCP 2.0 1.6; Checkov CKV_GCP_41, CKV_GCP_49", "`gcp:projects/iAM*`", Grants::isProjectGrant,
                (grant, plan) -> GcpRules.when(IMPERSONATION_ROLES.contains(Grants.role(grant)), "role", "is "
                        + Grants.role(grant) + " on the whole project: it reaches every service account there; grant"
                        + " it on the service accounts concerned (gcp:serviceaccount/iAMMember)"));
    }

    static ResourceRule serviceAccountKeys() {
        return ResourceRule.on(KEY, "KURA-IAM-004", HIGH, "No user-managed service account keys",
                "CIS GCP 2.0 1.4; Checkov CKV2_GCP_3", (key, plan) -> List.of(new Violation("serviceAccountId",
                        "creates a downloadable key that never expires on its own: use Workload Identity (GKE),"
                                + " Workload Identity Federation (CI) or the attached service account instead")));
    }

    static ResourceRule unconditionedProjectGrants() {
        return new ResourceRule("KURA-IAM-005", MEDIUM,
                "Data-access roles at project level are narrowed by an IAM condition",
                "Google IAM least privilege (resource-level grants, IAM conditions)", "`gcp:projects/iAM*`",
                Grants::isProjectGrant, (grant, plan) -> GcpRules.when(
                        RESOURCE_SCOPED_ROLES.contains(Grants.role(grant)) && !Grants.hasCondition(grant), "condition",
                        "is unset on " + Grants.role(grant) + ": the grant reaches every such resource of the project;"
                                + " grant it on the resource, or add a condition on resource.name"));
    }

    static ResourceRule restrictedFederation() {
        return ResourceRule.on(POOL_PROVIDER, "KURA-IAM-006", HIGH,
                "Workload identity pool providers accept only the expected repository's tokens",
                "Checkov CKV_GCP_118, CKV_GCP_125", (provider, plan) -> {
                    var condition = Json.text(provider.inputs().path("attributeCondition"));
                    return GcpRules.when(!condition.contains("assertion.repository"), "attributeCondition",
                            "does not restrict assertion.repository: any GitHub repository's workflow could"
                                    + " exchange its token; require the repository (and branch or environment)");
                });
    }
}
