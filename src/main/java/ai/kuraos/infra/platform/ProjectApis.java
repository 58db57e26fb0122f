package ai.kuraos.infra.platform;

import com.pulumi.gcp.projects.Service;
import com.pulumi.gcp.projects.ServiceArgs;
import com.pulumi.resources.CustomResourceOptions;

import java.util.List;

/** The Google APIs the platform's resources call. Enabled once per project, never disabled by a destroy. */
public final class ProjectApis {

    public static final String ARTIFACT_REGISTRY = "artifactregistry.googleapis.com";
    public static final String COMPUTE = "compute.googleapis.com";
    public static final String CONTAINER = "container.googleapis.com";
    /** The Kubernetes provider reaches the GKE control plane through it, from anywhere, by IAM. */
    public static final String CONNECT_GATEWAY = "connectgateway.googleapis.com";
    /** The cluster's fleet membership, which the Connect Gateway routes by. */
    public static final String GKE_HUB = "gkehub.googleapis.com";
    /** The private googleapis.com zone of a stack with a cluster (PrivateGoogleApis). */
    public static final String DNS = "dns.googleapis.com";
    public static final String IAM = "iam.googleapis.com";
    public static final String LOGGING = "logging.googleapis.com";
    public static final String MONITORING = "monitoring.googleapis.com";
    public static final String REDIS = "redis.googleapis.com";
    /** Project-level IAM bindings go through the Resource Manager API. */
    public static final String RESOURCE_MANAGER = "cloudresourcemanager.googleapis.com";
    public static final String RUN = "run.googleapis.com";
    public static final String SECRET_MANAGER = "secretmanager.googleapis.com";
    public static final String SERVICE_NETWORKING = "servicenetworking.googleapis.com";
    public static final String SQL_ADMIN = "sqladmin.googleapis.com";
    public static final String STORAGE = "storage.googleapis.com";

    public static final List<String> REQUIRED = List.of(
            ARTIFACT_REGISTRY,
            "cloudprofiler.googleapis.com",
            RESOURCE_MANAGER,
            "cloudtrace.googleapis.com",
            COMPUTE,
            CONNECT_GATEWAY,
            CONTAINER,
            DNS,
            GKE_HUB,
            IAM,
            // Keyless CI impersonates the deployer service accounts through this API.
            "iamcredentials.googleapis.com",
            LOGGING,
            MONITORING,
            REDIS,
            RUN,
            SECRET_MANAGER,
            SERVICE_NETWORKING,
            SQL_ADMIN,
            STORAGE);

    private ProjectApis() {
    }

    /** {@code run.googleapis.com} becomes {@code api-run}. */
    public static String logicalName(String service) {
        return "api-" + service.substring(0, service.indexOf('.'));
    }

    /**
     * Enables {@code service} in {@code project} as resource {@link #logicalName}. Never disabled on destroy: that
     * would break whatever else in the project uses it.
     */
    public static Service enable(String project, String service, CustomResourceOptions options) {
        return enable(logicalName(service), project, service, options);
    }

    /** {@link #enable(String, String, CustomResourceOptions)} under another logical name (one program, several projects). */
    public static Service enable(String logicalName, String project, String service, CustomResourceOptions options) {
        return new Service(logicalName, ServiceArgs.builder()
                .project(project)
                .service(service)
                .disableOnDestroy(false)
                .disableDependentServices(false)
                .build(), options);
    }
}
