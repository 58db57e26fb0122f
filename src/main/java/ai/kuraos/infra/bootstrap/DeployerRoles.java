package ai.kuraos.infra.bootstrap;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What an environment's deployer and previewer may do, and why. The deployer holds what an update of the stack
 * needs (no owner or editor); it may grant project roles, but only the ones the program itself grants. Both reach
 * only their own stack's files in the state bucket.
 */
public final class DeployerRoles {

    public record Grant(String role, String reason) {
    }

    /** On the environment's project, for `pulumi up` and the deploy command. */
    public static final List<Grant> DEPLOYER = List.of(
            new Grant("roles/serviceusage.serviceUsageAdmin", "enable the project's APIs"),
            new Grant("roles/compute.networkAdmin", "the VPC, subnet, addresses, router and NAT, serverless NEGs"),
            new Grant("roles/compute.loadBalancerAdmin", "the load balancer: backend services and buckets, URL maps, proxies, forwarding rules, certificates"),
            new Grant("roles/compute.securityAdmin", "the Cloud Armor policy and the TLS policy"),
            new Grant("roles/dns.admin", "the private googleapis.com zone and its records"),
            new Grant("roles/servicenetworking.networksAdmin", "private services access for Cloud SQL and Memorystore"),
            new Grant("roles/cloudsql.admin", "the Cloud SQL instance, database and user"),
            new Grant("roles/redis.admin", "the Memorystore instance"),
            new Grant("roles/secretmanager.admin", "the secrets, their versions and who may read each"),
            new Grant("roles/storage.admin", "the backups and static-assets buckets and their access"),
            new Grant("roles/artifactregistry.admin", "the image repository"),
            new Grant("roles/run.admin", "the Cloud Run service and job; deploy runs the migrator"),
            new Grant("roles/iam.serviceAccountAdmin", "the runtime service accounts and their Workload Identity binding"),
            new Grant("roles/iam.serviceAccountUser", "run Cloud Run revisions as the runtime service accounts"),
            new Grant("roles/container.admin", "the GKE cluster and every Kubernetes object on it"),
            new Grant("roles/gkehub.editor", "the cluster's fleet membership"),
            new Grant("roles/gkehub.gatewayEditor", "reach the cluster's control plane through the Connect Gateway"),
            new Grant("roles/monitoring.editor", "notification channels, uptime checks, alert policies, the dashboard"),
            // Retiring with the metric it manages (observability/Monitoring): earlier plans protected these grants.
            new Grant("roles/logging.configWriter", "the retiring log-based metric of the backend's errors"));

    /**
     * On the project of the environment a release comes from ({@link ai.kuraos.infra.config.Environment#releasedFrom}):
     * release.yml copies the image that stack tested, by digest, into this stack's registry. Read-only; images hold no
     * data.
     */
    public static final Grant RELEASE_SOURCE = new Grant("roles/artifactregistry.reader",
            "copy the image the previous stack tested into this stack's registry");

    /** On the billing account, when the bootstrap knows it: the stacks' budgets. */
    public static final String BUDGETS = "roles/billing.costsManager";

    /** The one role that can grant roles; the condition limits it to {@link #delegable}. */
    public static final String PROJECT_IAM_ADMIN = "roles/resourcemanager.projectIamAdmin";

    /**
     * On the environment's project, for the daily {@code pulumi preview --refresh} of drift.yml: a refresh reads every
     * resource of the stack. roles/viewer holds the get and list permissions of every type the program declares, but
     * not a secret version's payload, which the refresh of a secret version reads:
     * terraform-provider-google-beta v5.0.0, resource_secret_manager_secret_version.go,
     * flattenSecretManagerSecretVersionPayload, calls {@code {name}:access} for every enabled version. The drift
     * checker decrypts the stack's state anyway, which holds the same values, and only drift.yml on the deployment
     * branch can act as it (GithubClaims).
     */
    public static final List<Grant> DRIFT = List.of(
            new Grant("roles/viewer", "read every resource a refresh reads"),
            new Grant("roles/secretmanager.secretAccessor", "read the secret versions' payloads a refresh compares"),
            new Grant("roles/gkehub.gatewayReader", "read the cluster's objects through the Connect Gateway"));

    /** On the environment's project, for a pull request's `pulumi preview`. */
    public static final List<Grant> PREVIEWER = List.of(
            new Grant("roles/browser", "read the project's metadata"),
            new Grant("roles/container.viewer", "read the cluster and its objects"),
            new Grant("roles/gkehub.viewer", "read the cluster's fleet membership"),
            new Grant("roles/gkehub.gatewayReader", "read the cluster's objects through the Connect Gateway"));

    public static final String CUSTOM_CDN_PURGER_ROLE = "kuraCdnPurger";

    private DeployerRoles() {
    }

    /** The project roles the program grants (to its own service accounts): all the deployer may hand out. */
    public static List<String> delegable(String project) {
        return List.of(
                "roles/cloudprofiler.agent",
                "roles/cloudsql.client",
                "roles/cloudtrace.agent",
                "roles/logging.logWriter",
                "roles/monitoring.metricWriter",
                "projects/" + project + "/roles/" + CUSTOM_CDN_PURGER_ROLE);
    }

    /** IAM's condition on {@link #PROJECT_IAM_ADMIN}: any grant or revocation of another role is refused. */
    public static String delegationCondition(String project) {
        return "api.getAttribute('iam.googleapis.com/modifiedGrantsByRole', []).hasOnly("
                + delegable(project).stream().map(role -> "'" + role + "'").collect(Collectors.joining(", ", "[", "]"))
                + ")";
    }

    /**
     * The objects of one stack in a DIY state backend (project layout, {@code meta.yaml} version 1): its checkpoint
     * ({@code .json}, {@code .json.bak}, compressed variants), history, backups, in-flight journal and locks, plus the
     * backend's meta file, which the CLI reads at login. Paths as pulumi/pulumi {@code pkg/backend/diy} writes them:
     * {@code store.go} ({@code StackBasePath}, {@code HistoryDir}, {@code BackupDir}, {@code JournalDir}, each
     * {@code <dir>/<project>/<stack>}) and {@code lock.go} ({@code stackLockDir(FullyQualifiedName())}: locks sit
     * under {@code locks/organization/<project>/<stack>/}, the DIY backend's organization always being
     * {@code organization}). Beside them, the stack's rollout lease ({@link StateBackend#rolloutLeaseObject}), which
     * {@code deploy} holds from stage to promote.
     */
    public static List<String> stateObjects(String bucket, String project, String stack) {
        var bucketObjects = "projects/_/buckets/" + bucket + "/objects/";
        var objects = bucketObjects + ".pulumi/";
        return List.of(
                objects + "meta.yaml",
                objects + "stacks/" + project + "/" + stack + ".",
                objects + "history/" + project + "/" + stack + "/",
                objects + "backups/" + project + "/" + stack + "/",
                objects + "journal/" + project + "/" + stack + "/",
                objects + "locks/" + DIY_ORGANIZATION + "/" + project + "/" + stack + "/",
                bucketObjects + StateBackend.rolloutLeaseObject(stack));
    }

    /** The one organization name a DIY backend accepts in a stack reference (pulumi/pulumi diy {@code store.go}). */
    static final String DIY_ORGANIZATION = "organization";

    public static String stateObjectsCondition(String bucket, String project, String stack) {
        return stateObjects(bucket, project, stack).stream()
                .map(prefix -> "resource.name.startsWith('" + prefix + "')")
                .collect(Collectors.joining(" || "));
    }
}
