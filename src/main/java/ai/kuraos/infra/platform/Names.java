package ai.kuraos.infra.platform;

/**
 * The physical names of the platform's shared resources. Names are a contract (changing one replaces the resource)
 * and other components, the deploy commands and runbooks refer to them.
 */
public final class Names {

    public static final String VPC = "kura-vpc";
    public static final String PRIVATE_SERVICES_RANGE = "kura-private-services";
    public static final String BACKEND_ACCOUNT_ID = "kura-backend";
    public static final String MIGRATOR_ACCOUNT_ID = "kura-migrator";
    /** The subnet's secondary ranges for the GKE cluster's pods and services. */
    public static final String PODS_RANGE = "kura-pods";
    public static final String SERVICES_RANGE = "kura-services";

    private Names() {
    }

    public static String subnet(String region) {
        return "kura-" + region;
    }

    /** Where {@code docker push} sends images: {@code <region>-docker.pkg.dev/<project>/<repository>}. */
    public static String registryUrl(String region, String project, String repositoryId) {
        return region + "-docker.pkg.dev/" + project + "/" + repositoryId;
    }
}
