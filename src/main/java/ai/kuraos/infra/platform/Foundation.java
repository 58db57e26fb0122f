package ai.kuraos.infra.platform;

import ai.kuraos.infra.component.KnownValues;
import ai.kuraos.infra.component.KuraComponent;
import ai.kuraos.infra.config.Target;
import com.pulumi.core.Output;
import com.pulumi.gcp.artifactregistry.Repository;
import com.pulumi.gcp.artifactregistry.RepositoryArgs;
import com.pulumi.gcp.artifactregistry.inputs.RepositoryCleanupPolicyArgs;
import com.pulumi.gcp.artifactregistry.inputs.RepositoryCleanupPolicyConditionArgs;
import com.pulumi.gcp.artifactregistry.inputs.RepositoryCleanupPolicyMostRecentVersionsArgs;
import com.pulumi.gcp.artifactregistry.inputs.RepositoryDockerConfigArgs;
import com.pulumi.gcp.compute.GlobalAddress;
import com.pulumi.gcp.compute.GlobalAddressArgs;
import com.pulumi.gcp.compute.Network;
import com.pulumi.gcp.compute.NetworkArgs;
import com.pulumi.gcp.compute.Subnetwork;
import com.pulumi.gcp.compute.SubnetworkArgs;
import com.pulumi.gcp.compute.inputs.SubnetworkLogConfigArgs;
import com.pulumi.gcp.compute.inputs.SubnetworkSecondaryIpRangeArgs;
import com.pulumi.gcp.dns.ManagedZone;
import com.pulumi.gcp.dns.ManagedZoneArgs;
import com.pulumi.gcp.dns.RecordSet;
import com.pulumi.gcp.dns.RecordSetArgs;
import com.pulumi.gcp.dns.inputs.ManagedZonePrivateVisibilityConfigArgs;
import com.pulumi.gcp.dns.inputs.ManagedZonePrivateVisibilityConfigNetworkArgs;
import com.pulumi.gcp.projects.Service;
import com.pulumi.gcp.serviceaccount.Account;
import com.pulumi.gcp.serviceaccount.AccountArgs;
import com.pulumi.gcp.servicenetworking.Connection;
import com.pulumi.gcp.servicenetworking.ConnectionArgs;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code kura:platform:Foundation}: what every other capability stands on. The project's APIs, a custom-mode VPC with
 * one regional subnet (with the GKE cluster's pod and service ranges when there is one) and private access to Google's
 * managed services, with a cluster a private {@code googleapis.com} zone that puts Google APIs at the fixed addresses
 * of {@code private.googleapis.com} ({@link PrivateGoogleApis}), the image registry, and the dedicated
 * identities of the backend and the migrator (nothing runs as the default compute account).
 */
public final class Foundation extends KuraComponent {

    public static final String TYPE = "kura:platform:Foundation";

    private final Network network;
    private final Subnetwork subnetwork;
    private final Connection privateServicesConnection;
    private final Output<String> registryUrl;
    private final Account backendServiceAccount;
    private final Account migratorServiceAccount;

    private final Map<String, Service> apis;
    private final List<RecordSet> googleApisRecords;

    public Foundation(String name, Target target, FoundationSettings settings) {
        super(TYPE, name, target);
        this.apis = enableApis(target);
        var network = settings.network();

        this.network = new Network("kura-vpc", NetworkArgs.builder()
                .project(target.project())
                .name(Names.VPC)
                .description("Kura platform network: one regional subnet, private access to Google services")
                .autoCreateSubnetworks(false)
                .routingMode("REGIONAL")
                .build(), child(apis.get(ProjectApis.COMPUTE)));

        this.subnetwork = new Subnetwork("kura-subnet", SubnetworkArgs.builder()
                .project(target.project())
                .region(target.region())
                .name(Names.subnet(target.region()))
                .network(this.network.id())
                .ipCidrRange(network.subnetCidr())
                .secondaryIpRanges(settings.cluster().map(cluster -> Output.of(List.of(
                        SubnetworkSecondaryIpRangeArgs.builder()
                                .rangeName(Names.PODS_RANGE)
                                .ipCidrRange(cluster.podsCidr())
                                .build(),
                        SubnetworkSecondaryIpRangeArgs.builder()
                                .rangeName(Names.SERVICES_RANGE)
                                .ipCidrRange(cluster.servicesCidr())
                                .build()))).orElse(null))
                .stackType("IPV4_ONLY")
                // Cloud Run's Direct VPC egress and GKE nodes reach Google APIs without public IPs.
                .privateIpGoogleAccess(true)
                .logConfig(SubnetworkLogConfigArgs.builder()
                        .aggregationInterval("INTERVAL_5_SEC")
                        .flowSampling(network.flowLogSampling())
                        .metadata("INCLUDE_ALL_METADATA")
                        .build())
                .build(), child(apis.get(ProjectApis.COMPUTE)));

        var privateServicesRange = new GlobalAddress("kura-private-services", GlobalAddressArgs.builder()
                .project(target.project())
                .name(Names.PRIVATE_SERVICES_RANGE)
                .description("Peered to Google's service producer network: Cloud SQL and Memorystore private IPs")
                .purpose("VPC_PEERING")
                .addressType("INTERNAL")
                .address(network.privateServicesAddress().map(Output::of).orElse(null))
                .prefixLength(network.privateServicesPrefixLength())
                .network(this.network.id())
                .labels(target.labels())
                .build(), child(apis.get(ProjectApis.COMPUTE)));

        this.privateServicesConnection = new Connection("kura-private-services-connection", ConnectionArgs.builder()
                .network(this.network.id())
                .service(ProjectApis.SERVICE_NETWORKING)
                .reservedPeeringRanges(privateServicesRange.name().applyValue(KnownValues::listOfKnown))
                .build(), child(apis.get(ProjectApis.SERVICE_NETWORKING)));

        this.googleApisRecords = settings.cluster().map(cluster -> privateGoogleApis(target)).orElse(List.of());

        var registry = settings.registry();
        var repository = RepositoryArgs.builder()
                .project(target.project())
                .location(target.region())
                .repositoryId(registry.repositoryId())
                .format("DOCKER")
                .description(registry.adopted().map(LiveRepository::description)
                        .orElse("Kura container images (backend, migrator, inference)"));
        // An adopted repository keeps its own labels: adding ours is an update of the import.
        var labels = registry.adopted().map(LiveRepository::labels).orElse(target.labels());
        if (!labels.isEmpty()) {
            repository.labels(labels);
        }
        // The API returns no dockerConfig for a repository without immutable tags (flattened to an empty list), so an
        // adopted one without them declares none: a block with false is a diff of the import.
        if (registry.adopted().isEmpty() || registry.immutableTags()) {
            repository.dockerConfig(RepositoryDockerConfigArgs.builder().immutableTags(registry.immutableTags()).build());
        }
        if (!registry.cleanup().equals(RegistrySettings.CLEANUP_NONE)) {
            repository.cleanupPolicyDryRun(registry.cleanup().equals(RegistrySettings.CLEANUP_DRY_RUN))
                    .cleanupPolicies(
                            RepositoryCleanupPolicyArgs.builder()
                                    .id("keep-recent")
                                    .action("KEEP")
                                    .mostRecentVersions(RepositoryCleanupPolicyMostRecentVersionsArgs.builder()
                                            .keepCount(registry.keepRecentImages())
                                            .build())
                                    .build(),
                            RepositoryCleanupPolicyArgs.builder()
                                    .id("delete-untagged")
                                    .action("DELETE")
                                    .condition(RepositoryCleanupPolicyConditionArgs.builder()
                                            .tagState("UNTAGGED")
                                            .olderThan(seconds(Duration.ofDays(registry.deleteUntaggedImagesAfterDays())))
                                            .build())
                                    .build());
        }
        // Protected: it holds the release images that every revision and every rollback pulls.
        new Repository("kura-images", repository.build(), protectedAdoptable("kura-images",
                apis.get(ProjectApis.ARTIFACT_REGISTRY)));
        this.registryUrl = Output.of(Names.registryUrl(target.region(), target.project(), registry.repositoryId()));

        this.backendServiceAccount = new Account("kura-backend-sa", AccountArgs.builder()
                .project(target.project())
                .accountId(Names.BACKEND_ACCOUNT_ID)
                .displayName("Kura backend runtime")
                .description("Identity of the kura-backend Cloud Run service; granted only what the backend uses")
                // Protected: a recreated account is a new principal (a new unique id) that loses every grant.
                .build(), protectedChild(apis.get(ProjectApis.IAM)));

        this.migratorServiceAccount = new Account("kura-migrator-sa", AccountArgs.builder()
                .project(target.project())
                .accountId(Names.MIGRATOR_ACCOUNT_ID)
                .displayName("Kura database migrator")
                .description("Identity of the kura-migrator Cloud Run job (alembic upgrade heads)")
                // Protected: a recreated account is a new principal (a new unique id) that loses every grant.
                .build(), protectedChild(apis.get(ProjectApis.IAM)));

        registerOutputs(Map.of(
                "networkId", this.network.id(),
                "subnetworkId", this.subnetwork.id(),
                "registryUrl", this.registryUrl,
                "backendServiceAccountEmail", this.backendServiceAccount.email(),
                "migratorServiceAccountEmail", this.migratorServiceAccount.email()));
    }

    /**
     * The cluster's pods sit behind default-deny NetworkPolicies, which can name Google APIs only at fixed addresses.
     * The zone is the VPC's, so the backend's Direct VPC egress may resolve through it too: {@code PRIVATE_RANGES_ONLY}
     * with Private Google Access on the subnet and the API's name mapped to 199.36.153.8/30 is one of the two ways
     * Google's Cloud Run "Networking best practices" give to reach Google APIs through the VPC
     * (https://cloud.google.com/run/docs/configuring/networking-best-practices). Not protected: it holds only the two
     * records the program declares; a recreated zone is the same zone.
     */
    private List<RecordSet> privateGoogleApis(Target target) {
        var zone = new ManagedZone("kura-googleapis-zone", ManagedZoneArgs.builder()
                .project(target.project())
                .name(PrivateGoogleApis.ZONE_NAME)
                .dnsName(PrivateGoogleApis.ZONE_DNS_NAME)
                .description("Google APIs through private.googleapis.com, at addresses NetworkPolicies can name")
                .visibility("private")
                .privateVisibilityConfig(ManagedZonePrivateVisibilityConfigArgs.builder()
                        .networks(ManagedZonePrivateVisibilityConfigNetworkArgs.builder()
                                .networkUrl(this.network.id())
                                .build())
                        .build())
                .labels(target.labels())
                .build(), child(apis.get(ProjectApis.DNS)));
        var vip = new RecordSet("kura-googleapis-vip", RecordSetArgs.builder()
                .project(target.project())
                .managedZone(zone.name())
                .name(PrivateGoogleApis.VIP_NAME)
                .type("A")
                .ttl(PrivateGoogleApis.TTL_SECONDS)
                .rrdatas(PrivateGoogleApis.VIP_ADDRESSES)
                .build(), child());
        var wildcard = new RecordSet("kura-googleapis-wildcard", RecordSetArgs.builder()
                .project(target.project())
                .managedZone(zone.name())
                .name(PrivateGoogleApis.WILDCARD_NAME)
                .type("CNAME")
                .ttl(PrivateGoogleApis.TTL_SECONDS)
                .rrdatas(PrivateGoogleApis.VIP_NAME)
                .build(), child());
        return List.of(vip, wildcard);
    }

    private Map<String, Service> enableApis(Target target) {
        var services = new LinkedHashMap<String, Service>();
        for (var api : ProjectApis.REQUIRED) {
            services.put(api, ProjectApis.enable(target.project(), api, child()));
        }
        return services;
    }

    private static String seconds(Duration duration) {
        return duration.toSeconds() + "s";
    }

    /** The enablement of one of {@link ProjectApis#REQUIRED}, for resources that must wait for it. */
    public Service api(String service) {
        var api = apis.get(service);
        if (api == null) {
            throw new IllegalArgumentException(service + " is not among the APIs the foundation enables");
        }
        return api;
    }

    public Output<String> networkId() {
        return network.id();
    }

    public Output<String> networkName() {
        return network.name();
    }

    public Output<String> subnetworkId() {
        return subnetwork.id();
    }

    public Output<String> subnetworkName() {
        return subnetwork.name();
    }

    /**
     * The records that resolve {@code *.googleapis.com} to {@code private.googleapis.com} in the VPC (none without a
     * cluster): pods whose NetworkPolicy opens only that address must start after them.
     */
    public List<RecordSet> googleApisRecords() {
        return googleApisRecords;
    }

    /** Resources on private IPs (Cloud SQL, Memorystore) must be created after the peering exists. */
    public Connection privateServicesConnection() {
        return privateServicesConnection;
    }

    public Output<String> registryUrl() {
        return registryUrl;
    }

    public Account backendServiceAccount() {
        return backendServiceAccount;
    }

    public Account migratorServiceAccount() {
        return migratorServiceAccount;
    }
}
