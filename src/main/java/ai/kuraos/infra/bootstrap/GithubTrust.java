package ai.kuraos.infra.bootstrap;

import ai.kuraos.infra.component.KuraComponent;
import ai.kuraos.infra.platform.ProjectApis;
import com.pulumi.core.Output;
import com.pulumi.gcp.iam.WorkloadIdentityPool;
import com.pulumi.gcp.iam.WorkloadIdentityPoolArgs;
import com.pulumi.gcp.iam.WorkloadIdentityPoolProvider;
import com.pulumi.gcp.iam.WorkloadIdentityPoolProviderArgs;
import com.pulumi.gcp.iam.inputs.WorkloadIdentityPoolProviderOidcArgs;
import com.pulumi.resources.Resource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code kura:bootstrap:GithubTrust}: keyless authentication of GitHub Actions. A Workload Identity pool whose one
 * provider trusts GitHub's OIDC tokens of this repository only, from deployment environments on the deployment
 * branch or from preview environments ({@link GithubClaims}). No service account key exists anywhere.
 */
public final class GithubTrust extends KuraComponent {

    public static final String TYPE = "kura:bootstrap:GithubTrust";
    public static final String POOL_ID = "github";
    public static final String PROVIDER_ID = "github-actions";
    /**
     * The APIs the deployers call through client libraries, billed to this project. Service Usage, the third, is on
     * before anything runs here: it is the API that enables the others.
     */
    public static final List<String> DEPLOYER_CLIENT_APIS = List.of("cloudresourcemanager.googleapis.com",
            "billingbudgets.googleapis.com");

    private final WorkloadIdentityPool pool;
    private final WorkloadIdentityPoolProvider provider;
    private final Resource iamApi;

    public GithubTrust(String name, BootstrapSettings settings) {
        super(TYPE, name, settings.target());
        var project = settings.target().project();
        var apis = new ArrayList<Resource>();
        for (var service : List.of("iam.googleapis.com", "iamcredentials.googleapis.com", "sts.googleapis.com")) {
            apis.add(ProjectApis.enable(project, service, child()));
        }
        this.iamApi = apis.get(0);
        // The deployers' calls through client libraries (Resource Manager, Service Usage, Billing Budgets) go to the
        // quota and billing of the caller's own project, this one, unless the provider sends a billing project
        // (billing_project with user_project_override, GetBillingProject in terraform-provider-google-beta v5.0.0
        // google-beta/tpgresource/utils.go), which the platform's provider does not: they must be on here too.
        for (var service : DEPLOYER_CLIENT_APIS) {
            ProjectApis.enable(project, service, child());
        }
        this.pool = new WorkloadIdentityPool("github-pool", WorkloadIdentityPoolArgs.builder()
                .project(project)
                .workloadIdentityPoolId(POOL_ID)
                .displayName("GitHub Actions")
                .description("Keyless deployments of " + settings.github().repository())
                // Protected: a deleted pool keeps its id for 30 days, and the workflows name it.
                .build(), protectedChild(apis.toArray(Resource[]::new)));
        this.provider = new WorkloadIdentityPoolProvider("github-provider", WorkloadIdentityPoolProviderArgs.builder()
                .project(project)
                .workloadIdentityPoolId(pool.workloadIdentityPoolId())
                .workloadIdentityPoolProviderId(PROVIDER_ID)
                .displayName("GitHub OIDC")
                .description("Tokens of " + settings.github().repository() + " only")
                .attributeMapping(GithubClaims.attributeMapping())
                .attributeCondition(GithubClaims.attributeCondition(settings.github(),
                        List.copyOf(settings.environments().keySet())))
                .oidc(WorkloadIdentityPoolProviderOidcArgs.builder().issuerUri(GithubClaims.ISSUER).build())
                // Protected: a deleted provider keeps its id for 30 days, and the workflows name it.
                .build(), protectedChild());

        registerOutputs(Map.of("pool", pool.name(), "provider", provider.name()));
    }

    /**
     * The automation project's IAM API: service accounts there can be created only once it is enabled (a create
     * that races the enablement gets 403 "IAM API has not been used in project ... or it is disabled").
     */
    public Resource iamApi() {
        return iamApi;
    }

    /** {@code projects/<number>/locations/global/workloadIdentityPools/github}: the root of principal sets. */
    public Output<String> poolName() {
        return pool.name();
    }

    /** What google-github-actions/auth takes as {@code workload_identity_provider}. */
    public Output<String> providerName() {
        return provider.name();
    }
}
