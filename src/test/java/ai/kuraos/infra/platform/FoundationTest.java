package ai.kuraos.infra.platform;

import ai.kuraos.infra.config.Environment;
import ai.kuraos.infra.config.Target;
import ai.kuraos.infra.testing.SynthesizedStack;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class FoundationTest {

    private static final String SERVICE = "gcp:projects/service:Service";
    private static final String NETWORK = "gcp:compute/network:Network";
    private static final String SUBNETWORK = "gcp:compute/subnetwork:Subnetwork";
    private static final String GLOBAL_ADDRESS = "gcp:compute/globalAddress:GlobalAddress";
    private static final String CONNECTION = "gcp:servicenetworking/connection:Connection";
    private static final String REPOSITORY = "gcp:artifactregistry/repository:Repository";
    private static final String ACCOUNT = "gcp:serviceaccount/account:Account";
    private static final String ZONE = "gcp:dns/managedZone:ManagedZone";
    private static final String RECORD_SET = "gcp:dns/recordSet:RecordSet";

    @Nested
    class Prod {
        private final SynthesizedStack prod = SynthesizedStack.unadopted("prod");

        @Test
        void enablesEveryApiThePlatformUsesAndNeverDisablesItOnDestroy() {
            var apis = List.of("artifactregistry", "cloudprofiler", "cloudresourcemanager", "cloudtrace", "compute",
                    "connectgateway", "container", "dns", "gkehub", "iam", "iamcredentials", "logging", "monitoring", "redis", "run", "secretmanager",
                    "servicenetworking", "sqladmin", "storage");
            prod.hasResourceCount(SERVICE, apis.size());
            for (var api : apis) {
                prod.resource(SERVICE, "api-" + api)
                        .hasInput("service", api + ".googleapis.com")
                        .hasInput("project", "kura-os")
                        .hasInput("disableOnDestroy", false)
                        .hasInput("disableDependentServices", false);
            }
        }

        /** Google's "Configure DNS for googleapis.com": a private zone, an A record for the VIP, a CNAME for the rest. */
        @Test
        void resolvesEveryGoogleApiToPrivateGoogleapisInTheVpc() {
            prod.hasResourceCount(ZONE, 1).hasResourceCount(RECORD_SET, 2);
            prod.resource(ZONE, "kura-googleapis-zone")
                    .hasInput("name", "kura-googleapis")
                    .hasInput("dnsName", "googleapis.com.")
                    .hasInput("visibility", "private")
                    .hasInput("privateVisibilityConfig", Map.of("networks", List.of(Map.of("networkUrl", "${kura-vpc.id}"))))
                    .hasInput("project", "kura-os")
                    .dependsOn("api-dns")
                    .isNotProtected();
            prod.resource(RECORD_SET, "kura-googleapis-vip")
                    .hasInput("managedZone", "kura-googleapis")
                    .hasInput("name", "private.googleapis.com.")
                    .hasInput("type", "A")
                    .hasInput("ttl", 300)
                    .hasInput("rrdatas", List.of("199.36.153.8", "199.36.153.9", "199.36.153.10", "199.36.153.11"));
            prod.resource(RECORD_SET, "kura-googleapis-wildcard")
                    .hasInput("managedZone", "kura-googleapis")
                    .hasInput("name", "*.googleapis.com.")
                    .hasInput("type", "CNAME")
                    .hasInput("rrdatas", List.of("private.googleapis.com."));
        }

        @Test
        void declaresACustomModeVpcWithOneRegionalSubnetAndPrivateGoogleAccess() {
            prod.hasResourceCount(NETWORK, 1).hasResourceCount(SUBNETWORK, 1);
            prod.resource(NETWORK, "kura-vpc")
                    .hasInput("name", "kura-vpc")
                    .hasInput("autoCreateSubnetworks", false)
                    .hasInput("routingMode", "REGIONAL");
            prod.resource(SUBNETWORK, "kura-subnet")
                    .hasInput("name", "kura-europe-southwest1")
                    .hasInput("region", "europe-southwest1")
                    .hasInput("network", "${kura-vpc.id}")
                    .hasInput("ipCidrRange", "10.10.0.0/20")
                    .hasInput("privateIpGoogleAccess", true)
                    .hasInput("logConfig", Map.of("aggregationInterval", "INTERVAL_5_SEC", "flowSampling", 0.5,
                            "metadata", "INCLUDE_ALL_METADATA"));
        }

        @Test
        void peersAPrivateServicesRangeWithGooglesServiceNetwork() {
            prod.resource(GLOBAL_ADDRESS, "kura-private-services")
                    .hasInput("purpose", "VPC_PEERING")
                    .hasInput("addressType", "INTERNAL")
                    .hasInput("address", "10.100.0.0")
                    .hasInput("prefixLength", 16)
                    .hasInput("network", "${kura-vpc.id}");
            prod.resource(CONNECTION, "kura-private-services-connection")
                    .hasInput("service", "servicenetworking.googleapis.com")
                    .hasInput("network", "${kura-vpc.id}")
                    .hasInput("reservedPeeringRanges", List.of("kura-private-services"))
                    .dependsOn("api-servicenetworking");
        }

        @Test
        void keepsImagesInADockerRepositoryWithACleanupPolicy() {
            prod.resource(REPOSITORY, "kura-images")
                    .hasInput("repositoryId", "cloud-run-source-deploy")
                    .hasInput("format", "DOCKER")
                    .hasInput("location", "europe-southwest1")
                    .hasInput("dockerConfig.immutableTags", true)
                    .hasInput("cleanupPolicyDryRun", false)
                    .hasInput("cleanupPolicies", List.of(
                            Map.of("id", "keep-recent", "action", "KEEP", "mostRecentVersions", Map.of("keepCount", 20)),
                            Map.of("id", "delete-untagged", "action", "DELETE",
                                    "condition", Map.of("tagState", "UNTAGGED", "olderThan", "1209600s"))));
        }

        @Test
        void givesTheBackendAndTheMigratorTheirOwnServiceAccounts() {
            assertThat(prod.childrenOf("foundation")).filteredOn(resource -> resource.type().equals(ACCOUNT)).hasSize(2);
            prod.resource(ACCOUNT, "kura-backend-sa").hasInput("accountId", "kura-backend").hasInput("project", "kura-os");
            prod.resource(ACCOUNT, "kura-migrator-sa").hasInput("accountId", "kura-migrator").hasInput("project", "kura-os");
        }

        @Test
        void createsEachResourceOnlyAfterItsApiIsEnabled() {
            prod.resource(NETWORK, "kura-vpc").dependsOn("api-compute");
            prod.resource(SUBNETWORK, "kura-subnet").dependsOn("api-compute");
            prod.resource(REPOSITORY, "kura-images").dependsOn("api-artifactregistry");
            prod.resource(ACCOUNT, "kura-backend-sa").dependsOn("api-iam");
        }

        @Test
        void protectsOnlyTheImageRepositoryAndTheServiceAccounts() {
            assertThat(prod.childrenOf("foundation")).filteredOn(child -> child.protect())
                    .extracting(child -> child.name())
                    .containsExactlyInAnyOrder("kura-images", "kura-backend-sa", "kura-migrator-sa");
        }

        @Test
        void parentsEveryResourceItDeclaresToTheComponent() {
            assertThat(prod.childrenOf("foundation"))
                    .extracting(child -> child.type())
                    .containsOnly(SERVICE, NETWORK, SUBNETWORK, GLOBAL_ADDRESS, CONNECTION, REPOSITORY, ACCOUNT, ZONE, RECORD_SET)
                    .hasSize(19 + 7 + 3);
            prod.resource(Foundation.TYPE, "foundation").hasParent(null);
        }

        @Test
        void registersItsOutputsAndTheStackExportsThem() {
            var component = prod.resource(Foundation.TYPE, "foundation");
            assertThat(component.output("registryUrl").asText()).isEqualTo("europe-southwest1-docker.pkg.dev/kura-os/cloud-run-source-deploy");
            assertThat(component.output("backendServiceAccountEmail").asText()).isEqualTo("${kura-backend-sa.email}");
            assertThat(component.output("networkId").asText()).isEqualTo("${kura-vpc.id}");

            assertThat(prod.output("network").asText()).isEqualTo("kura-vpc");
            assertThat(prod.output("artifactRegistry").asText()).isEqualTo("europe-southwest1-docker.pkg.dev/kura-os/cloud-run-source-deploy");
            assertThat(prod.output("migratorServiceAccount").asText()).isEqualTo("${kura-migrator-sa.email}");
        }
    }

    @Nested
    class Dev {
        private final SynthesizedStack dev = SynthesizedStack.of("dev");

        @Test
        void isSmallerAndCheaperThanProd() {
            dev.resource(SUBNETWORK, "kura-subnet")
                    .hasInput("ipCidrRange", "10.30.0.0/20")
                    .hasInput("logConfig.flowSampling", 0.1)
                    .hasInput("project", "kura-os-dev");
            dev.resource(REPOSITORY, "kura-images")
                    .hasInput("cleanupPolicies[0].mostRecentVersions.keepCount", 5)
                    .hasInput("cleanupPolicies[1].condition.olderThan", "604800s");
        }

        /** No cluster, no NetworkPolicy to name Google APIs for: the VPC keeps Google's public resolution. */
        @Test
        void declaresNoGoogleapisZoneWithoutACluster() {
            dev.hasResourceCount(ZONE, 0).hasResourceCount(RECORD_SET, 0);
        }

        @Test
        void protectsNothingSoItCanBeTornDown() {
            assertThat(dev.childrenOf("foundation")).allSatisfy(child ->
                    assertThat(child.protect()).as("%s is protected", child.name()).isFalse());
        }
    }

    @Nested
    class Staging {
        private final SynthesizedStack staging = SynthesizedStack.of("staging");

        @Test
        void isProtectedLikeProdWithItsOwnRanges() {
            staging.resource(REPOSITORY, "kura-images").isProtected();
            staging.resource(NETWORK, "kura-vpc").isNotProtected().hasInput("project", "kura-os-staging");
            staging.resource(SUBNETWORK, "kura-subnet").hasInput("ipCidrRange", "10.20.0.0/20");
            staging.resource(GLOBAL_ADDRESS, "kura-private-services").hasInput("address", "10.110.0.0");
        }
    }

    @Nested
    class FromPlainValues {

        private SynthesizedStack foundation(NetworkSettings network, boolean protect) {
            var target = new Target("sandbox", Environment.DEV, "kura-sandbox", "europe-west4", Map.of("app", "kura"), protect);
            var settings = new FoundationSettings(network, new RegistrySettings("images", 3, 2, false, RegistrySettings.CLEANUP_DELETE, Optional.empty()),
                    Optional.empty());
            return SynthesizedStack.ofProgram("sandbox", ctx -> new Foundation("foundation", target, settings));
        }

        @Test
        void withoutAPrivateServicesAddressLetsGooglePickTheBlock() {
            var stack = foundation(new NetworkSettings("192.168.0.0/24", Optional.empty(), 20, 1.0), false);

            stack.resource(GLOBAL_ADDRESS, "kura-private-services").hasNoInput("address").hasInput("prefixLength", 20);
            stack.resource(SUBNETWORK, "kura-subnet").hasInput("name", "kura-europe-west4").isNotProtected();
            stack.resource(REPOSITORY, "kura-images")
                    .hasInput("repositoryId", "images")
                    .hasInput("dockerConfig.immutableTags", false)
                    .hasInput("cleanupPolicies[1].condition.olderThan", "172800s");
        }

        @Test
        void protectsWhatHoldsImagesOrIdentityWhenAsked() {
            var stack = foundation(new NetworkSettings("192.168.0.0/24", Optional.empty(), 20, 1.0), true);

            assertThat(stack.childrenOf("foundation")).filteredOn(child -> child.protect())
                    .extracting(child -> child.name())
                    .containsExactlyInAnyOrder("kura-images", "kura-backend-sa", "kura-migrator-sa");
        }
    }
}
