package ai.kuraos.infra.k8s;

import ai.kuraos.infra.component.KuraComponent;
import ai.kuraos.infra.config.Target;
import ai.kuraos.infra.platform.Foundation;
import ai.kuraos.infra.platform.Names;
import ai.kuraos.infra.platform.ProjectApis;
import com.pulumi.core.Output;
import com.pulumi.gcp.compute.Router;
import com.pulumi.gcp.compute.RouterArgs;
import com.pulumi.gcp.compute.RouterNat;
import com.pulumi.gcp.compute.RouterNatArgs;
import com.pulumi.gcp.compute.inputs.RouterNatLogConfigArgs;
import com.pulumi.gcp.compute.inputs.RouterNatSubnetworkArgs;
import com.pulumi.gcp.container.ClusterArgs;
import com.pulumi.gcp.container.inputs.ClusterIpAllocationPolicyArgs;
import com.pulumi.gcp.container.inputs.ClusterMaintenancePolicyArgs;
import com.pulumi.gcp.container.inputs.ClusterMaintenancePolicyRecurringWindowArgs;
import com.pulumi.gcp.container.inputs.ClusterMasterAuthorizedNetworksConfigArgs;
import com.pulumi.gcp.container.inputs.ClusterMasterAuthorizedNetworksConfigCidrBlockArgs;
import com.pulumi.gcp.container.inputs.ClusterPrivateClusterConfigArgs;
import com.pulumi.gcp.container.inputs.ClusterReleaseChannelArgs;
import com.pulumi.gcp.container.inputs.ClusterWorkloadIdentityConfigArgs;
import com.pulumi.gcp.gkehub.Membership;
import com.pulumi.gcp.gkehub.MembershipArgs;
import com.pulumi.gcp.gkehub.inputs.MembershipEndpointArgs;
import com.pulumi.gcp.gkehub.inputs.MembershipEndpointGkeClusterArgs;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.ProviderArgs;
import com.pulumi.resources.CustomResourceOptions;

import java.util.Map;

/**
 * {@code kura:k8s:Cluster}: the GKE Autopilot cluster Kafka and the inference workload run on. Regional, VPC-native on
 * the foundation's subnet, private nodes that reach the internet (operator images on quay.io) through Cloud NAT, a
 * control plane open only to the authorized networks, upgrades in the maintenance window. Autopilot brings Workload
 * Identity, Dataplane V2 (which enforces NetworkPolicy) and Managed Prometheus. Every Kubernetes object of the stack
 * goes through {@link #provider()}, which reaches the control plane through Google's Connect Gateway (the cluster's
 * fleet membership), so that any machine with IAM access reaches it, GitHub-hosted runners included, without a route
 * into the VPC, and so that the provider's kubeconfig holds neither the cluster's endpoint nor its CA.
 */
public final class Cluster extends KuraComponent {

    public static final String TYPE = "kura:k8s:Cluster";
    public static final String NAME = "kura-gke";

    private final com.pulumi.gcp.container.Cluster cluster;
    /**
     * The Kubernetes provider plugin the engine runs for this cluster (the Java SDK here stays 4.0.0). 4.0.0 and 4.0.1
     * see a diff on every Secret's {@code stringData} and plan a replacement (pulumi-kubernetes #2507, fixed in
     * #2511, 4.0.2); 4.0.2 stopped applying {@code stringData} at all (#2513). 4.5.5 carries both fixes and is a
     * published release (it appears in the provider's own issue reports, e.g. #2681); docs/first-run.md.
     */
    public static final String PLUGIN_VERSION = "4.5.5";

    private final Membership membership;
    private final Provider provider;

    public Cluster(String name, Target target, ClusterSettings settings, Foundation foundation) {
        super(TYPE, name, target);
        var router = new Router("kura-router", RouterArgs.builder()
                .project(target.project())
                .region(target.region())
                .name("kura-router")
                .network(foundation.networkId())
                .description("Cloud NAT for the cluster's private nodes")
                .build(), child(foundation.api(ProjectApis.COMPUTE)));
        new RouterNat("kura-nat", RouterNatArgs.builder()
                .project(target.project())
                .region(target.region())
                .router(router.name())
                .name("kura-nat")
                .natIpAllocateOption("AUTO_ONLY")
                .sourceSubnetworkIpRangesToNat("LIST_OF_SUBNETWORKS")
                .subnetworks(RouterNatSubnetworkArgs.builder()
                        .name(foundation.subnetworkId())
                        .sourceIpRangesToNats("ALL_IP_RANGES")
                        .build())
                .logConfig(RouterNatLogConfigArgs.builder().enable(true).filter("ERRORS_ONLY").build())
                .build(), child());

        var maintenance = settings.maintenance();
        this.cluster = new com.pulumi.gcp.container.Cluster(NAME, ClusterArgs.builder()
                .project(target.project())
                .location(target.region())
                .name(NAME)
                .description("Kura: Kafka (Strimzi) and the inference workload")
                .enableAutopilot(true)
                .network(foundation.networkId())
                .subnetwork(foundation.subnetworkId())
                .ipAllocationPolicy(ClusterIpAllocationPolicyArgs.builder()
                        .clusterSecondaryRangeName(Names.PODS_RANGE)
                        .servicesSecondaryRangeName(Names.SERVICES_RANGE)
                        .build())
                .privateClusterConfig(ClusterPrivateClusterConfigArgs.builder()
                        .enablePrivateNodes(true)
                        .enablePrivateEndpoint(settings.privateEndpointOnly())
                        .masterIpv4CidrBlock(settings.controlPlaneCidr())
                        .build())
                .masterAuthorizedNetworksConfig(ClusterMasterAuthorizedNetworksConfigArgs.builder()
                        .cidrBlocks(settings.authorizedNetworks().entrySet().stream()
                                .map(network -> ClusterMasterAuthorizedNetworksConfigCidrBlockArgs.builder()
                                        .displayName(network.getKey())
                                        .cidrBlock(network.getValue())
                                        .build())
                                .toList())
                        .gcpPublicCidrsAccessEnabled(false)
                        .build())
                .releaseChannel(ClusterReleaseChannelArgs.builder().channel(settings.releaseChannel()).build())
                .maintenancePolicy(ClusterMaintenancePolicyArgs.builder()
                        .recurringWindow(ClusterMaintenancePolicyRecurringWindowArgs.builder()
                                .startTime(MaintenanceWindows.firstStart(maintenance))
                                .endTime(MaintenanceWindows.firstEnd(maintenance))
                                .recurrence(MaintenanceWindows.recurrence(maintenance))
                                .build())
                        .build())
                .workloadIdentityConfig(ClusterWorkloadIdentityConfigArgs.builder()
                        .workloadPool(target.project() + ".svc.id.goog")
                        .build())
                .deletionProtection(target.deletionProtection())
                .resourceLabels(target.labels())
                // Protected: it holds the workloads and the persistent volumes of the Kafka brokers.
                .build(), protectedChild(foundation.api(ProjectApis.CONTAINER),
                // Autopilot resolves names through Cloud DNS, whose API the private googleapis.com zone enables.
                foundation.api(ProjectApis.DNS)));

        // Global, as terraform-provider-google-beta v5.0.0 creates every membership (resource_gke_hub_membership.go:
        // ".../locations/global/memberships?membershipId="); endpoint.gke_cluster.resource_link is ForceNew, so the
        // membership changes only when the cluster is replaced.
        this.membership = new Membership(NAME + "-fleet", MembershipArgs.builder()
                .project(target.project())
                .membershipId(NAME)
                .endpoint(MembershipEndpointArgs.builder()
                        .gkeCluster(MembershipEndpointGkeClusterArgs.builder()
                                .resourceLink(clusterResourceLink(target))
                                .build())
                        .build())
                .labels(target.labels())
                .build(), child(cluster, foundation.api(ProjectApis.GKE_HUB)));

        this.provider = new Provider("kura-gke-provider", ProviderArgs.builder()
                // Built from the membership's name alone: authorized networks, the endpoint and the CA may change
                // without a new kubeconfig, so without a replacement of the provider and of every object it holds
                // (pulumi-kubernetes v4.5.5 DiffConfig replaces on a change of the active cluster). Through the
                // membership the provider also waits for it, and the gateway API, before its first object.
                .kubeconfig(membership.name().applyValue(membershipName -> Kubeconfig.viaConnectGateway(NAME, membershipName)))
                // Objects are applied server-side, so fields that controllers own (replicas under an HPA) stay theirs.
                .enableServerSideApply(true)
                // A change of a ConfigMap's data is an update, not a replacement: the settings and CA ConfigMaps are
                // protected, and a protected replacement stops the update. Pods still restart on a settings change
                // through the checksum annotation of their template (InferenceManifest.checksum).
                .enableConfigMapMutable(true)
                .build(), CustomResourceOptions.builder().parent(this).version(PLUGIN_VERSION)
                .dependsOn(foundation.api(ProjectApis.CONNECT_GATEWAY)).build());

        registerOutputs(Map.of(
                "clusterName", cluster.name(),
                "endpoint", cluster.endpoint(),
                "fleetMembership", membership.name()));
    }

    /** The cluster as the fleet names it: {@code //container.googleapis.com/} and the cluster's id. */
    static String clusterResourceLink(Target target) {
        return "//container.googleapis.com/projects/" + target.project() + "/locations/" + target.region()
                + "/clusters/" + NAME;
    }

    /** The Kubernetes provider of this cluster: pass it to every Kubernetes object. */
    public Provider provider() {
        return provider;
    }

    public Output<String> clusterName() {
        return cluster.name();
    }
}
