package ai.kuraos.infra.plan;

import ai.kuraos.infra.testing.SynthesizedStack;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plan inventories, as Fabric's module tests keep them: for each committed stack, how many resources of each type it
 * declares. A change that adds, drops or moves a resource between stacks shows here as a deliberate edit, which the
 * reviewer compares with the stack's plan diff.
 */
class StackInventoryTest {

    private static Map<String, Integer> inventory(String stack) {
        var counts = new TreeMap<String, Integer>();
        SynthesizedStack.of(stack).plan().resources().forEach(resource -> counts.merge(resource.type(), 1, Integer::sum));
        return counts;
    }

    @Test
    void devDeclaresItsInventory() {
        assertThat(inventory("dev")).containsExactly(
                    entry("gcp:artifactregistry/repository:Repository", 1),
                    entry("gcp:cloudrunv2/job:Job", 1),
                    entry("gcp:cloudrunv2/service:Service", 1),
                    entry("gcp:cloudrunv2/serviceIamMember:ServiceIamMember", 1),
                    entry("gcp:compute/globalAddress:GlobalAddress", 1),
                    entry("gcp:compute/network:Network", 1),
                    entry("gcp:compute/subnetwork:Subnetwork", 1),
                    entry("gcp:logging/metric:Metric", 1),
                    entry("gcp:monitoring/alertPolicy:AlertPolicy", 10),
                    entry("gcp:monitoring/dashboard:Dashboard", 1),
                    entry("gcp:monitoring/notificationChannel:NotificationChannel", 1),
                    entry("gcp:monitoring/uptimeCheckConfig:UptimeCheckConfig", 1),
                    entry("gcp:projects/iAMMember:IAMMember", 7),
                    entry("gcp:projects/service:Service", 18),
                    entry("gcp:redis/instance:Instance", 2),
                    entry("gcp:secretmanager/secret:Secret", 15),
                    entry("gcp:secretmanager/secretIamMember:SecretIamMember", 17),
                    entry("gcp:secretmanager/secretVersion:SecretVersion", 5),
                    entry("gcp:serviceaccount/account:Account", 2),
                    entry("gcp:servicenetworking/connection:Connection", 1),
                    entry("gcp:sql/database:Database", 1),
                    entry("gcp:sql/databaseInstance:DatabaseInstance", 1),
                    entry("gcp:sql/user:User", 1),
                    entry("gcp:storage/bucket:Bucket", 1),
                    entry("gcp:storage/bucketIAMMember:BucketIAMMember", 1),
                    entry("kura:backend:Backend", 1),
                    entry("kura:data:Backups", 1),
                    entry("kura:data:Cache", 1),
                    entry("kura:data:Database", 1),
                    entry("kura:data:Secrets", 1),
                    entry("kura:messaging:CeleryBroker", 1),
                    entry("kura:observability:Monitoring", 1),
                    entry("kura:platform:Foundation", 1),
                    entry("random:index/randomPassword:RandomPassword", 2));
    }

    @Test
    void stagingDeclaresItsInventory() {
        assertThat(inventory("staging")).containsExactly(
                    entry("gcp:artifactregistry/repository:Repository", 1),
                    entry("gcp:cloudrunv2/job:Job", 1),
                    entry("gcp:cloudrunv2/service:Service", 1),
                    entry("gcp:cloudrunv2/serviceIamMember:ServiceIamMember", 1),
                    entry("gcp:compute/address:Address", 2),
                    entry("gcp:compute/backendBucket:BackendBucket", 1),
                    entry("gcp:compute/backendService:BackendService", 2),
                    entry("gcp:compute/globalAddress:GlobalAddress", 2),
                    entry("gcp:compute/globalForwardingRule:GlobalForwardingRule", 2),
                    entry("gcp:compute/managedSslCertificate:ManagedSslCertificate", 2),
                    entry("gcp:compute/network:Network", 1),
                    entry("gcp:compute/regionNetworkEndpointGroup:RegionNetworkEndpointGroup", 2),
                    entry("gcp:compute/router:Router", 1),
                    entry("gcp:compute/routerNat:RouterNat", 1),
                    entry("gcp:compute/sSLPolicy:SSLPolicy", 1),
                    entry("gcp:compute/securityPolicy:SecurityPolicy", 1),
                    entry("gcp:compute/subnetwork:Subnetwork", 1),
                    entry("gcp:compute/targetHttpProxy:TargetHttpProxy", 1),
                    entry("gcp:compute/targetHttpsProxy:TargetHttpsProxy", 1),
                    entry("gcp:compute/uRLMap:URLMap", 2),
                    entry("gcp:container/cluster:Cluster", 1),
                    entry("gcp:gkehub/membership:Membership", 1),
                    entry("gcp:logging/metric:Metric", 1),
                    entry("gcp:monitoring/alertPolicy:AlertPolicy", 12),
                    entry("gcp:monitoring/dashboard:Dashboard", 1),
                    entry("gcp:monitoring/notificationChannel:NotificationChannel", 1),
                    entry("gcp:monitoring/uptimeCheckConfig:UptimeCheckConfig", 2),
                    entry("gcp:projects/iAMMember:IAMMember", 7),
                    entry("gcp:projects/service:Service", 18),
                    entry("gcp:redis/instance:Instance", 2),
                    entry("gcp:secretmanager/secret:Secret", 15),
                    entry("gcp:secretmanager/secretIamMember:SecretIamMember", 17),
                    entry("gcp:secretmanager/secretVersion:SecretVersion", 5),
                    entry("gcp:serviceaccount/account:Account", 2),
                    entry("gcp:servicenetworking/connection:Connection", 1),
                    entry("gcp:sql/database:Database", 1),
                    entry("gcp:sql/databaseInstance:DatabaseInstance", 1),
                    entry("gcp:sql/user:User", 1),
                    entry("gcp:storage/bucket:Bucket", 2),
                    entry("gcp:storage/bucketIAMMember:BucketIAMMember", 2),
                    entry("kubernetes:core/v1:Namespace", 2),
                    entry("kubernetes:core/v1:Secret", 1),
                    entry("kubernetes:helm.sh/v3:Release", 1),
                    entry("kubernetes:kafka.strimzi.io/v1beta2:Kafka", 1),
                    entry("kubernetes:kafka.strimzi.io/v1beta2:KafkaNodePool", 1),
                    entry("kubernetes:kafka.strimzi.io/v1beta2:KafkaTopic", 8),
                    entry("kubernetes:monitoring.googleapis.com/v1:PodMonitoring", 1),
                    entry("kura:backend:Backend", 1),
                    entry("kura:data:Backups", 1),
                    entry("kura:data:Cache", 1),
                    entry("kura:data:Database", 1),
                    entry("kura:data:Secrets", 1),
                    entry("kura:edge:Edge", 1),
                    entry("kura:k8s:Cluster", 1),
                    entry("kura:messaging:CeleryBroker", 1),
                    entry("kura:messaging:Kafka", 1),
                    entry("kura:observability:Monitoring", 1),
                    entry("kura:platform:Foundation", 1),
                    entry("pulumi:providers:kubernetes", 1),
                    entry("random:index/randomPassword:RandomPassword", 2),
                    entry("tls:index/certRequest:CertRequest", 1),
                    entry("tls:index/locallySignedCert:LocallySignedCert", 1),
                    entry("tls:index/privateKey:PrivateKey", 2),
                    entry("tls:index/selfSignedCert:SelfSignedCert", 1));
    }

    @Test
    void prodDeclaresItsInventory() {
        assertThat(inventory("prod")).containsExactly(
                    entry("gcp:artifactregistry/repository:Repository", 1),
                    entry("gcp:cloudrunv2/job:Job", 1),
                    entry("gcp:cloudrunv2/service:Service", 1),
                    entry("gcp:cloudrunv2/serviceIamMember:ServiceIamMember", 1),
                    entry("gcp:compute/address:Address", 4),
                    entry("gcp:compute/backendBucket:BackendBucket", 1),
                    entry("gcp:compute/backendService:BackendService", 2),
                    entry("gcp:compute/globalAddress:GlobalAddress", 2),
                    entry("gcp:compute/globalForwardingRule:GlobalForwardingRule", 2),
                    entry("gcp:compute/managedSslCertificate:ManagedSslCertificate", 2),
                    entry("gcp:compute/network:Network", 1),
                    entry("gcp:compute/regionNetworkEndpointGroup:RegionNetworkEndpointGroup", 2),
                    entry("gcp:compute/router:Router", 1),
                    entry("gcp:compute/routerNat:RouterNat", 1),
                    entry("gcp:compute/sSLPolicy:SSLPolicy", 1),
                    entry("gcp:compute/securityPolicy:SecurityPolicy", 1),
                    entry("gcp:compute/subnetwork:Subnetwork", 1),
                    entry("gcp:compute/targetHttpProxy:TargetHttpProxy", 1),
                    entry("gcp:compute/targetHttpsProxy:TargetHttpsProxy", 1),
                    entry("gcp:compute/uRLMap:URLMap", 2),
                    entry("gcp:container/cluster:Cluster", 1),
                    entry("gcp:gkehub/membership:Membership", 1),
                    entry("gcp:logging/metric:Metric", 1),
                    entry("gcp:monitoring/alertPolicy:AlertPolicy", 15),
                    entry("gcp:monitoring/dashboard:Dashboard", 1),
                    entry("gcp:monitoring/notificationChannel:NotificationChannel", 1),
                    entry("gcp:monitoring/uptimeCheckConfig:UptimeCheckConfig", 2),
                    entry("gcp:projects/iAMMember:IAMMember", 7),
                    entry("gcp:projects/service:Service", 18),
                    entry("gcp:redis/instance:Instance", 2),
                    entry("gcp:secretmanager/secret:Secret", 15),
                    entry("gcp:secretmanager/secretIamMember:SecretIamMember", 17),
                    entry("gcp:secretmanager/secretVersion:SecretVersion", 2),
                    entry("gcp:serviceaccount/account:Account", 3),
                    entry("gcp:serviceaccount/iAMMember:IAMMember", 1),
                    entry("gcp:servicenetworking/connection:Connection", 1),
                    entry("gcp:sql/database:Database", 1),
                    entry("gcp:sql/databaseInstance:DatabaseInstance", 1),
                    entry("gcp:sql/user:User", 1),
                    entry("gcp:storage/bucket:Bucket", 2),
                    entry("gcp:storage/bucketIAMMember:BucketIAMMember", 2),
                    entry("kubernetes:apps/v1:Deployment", 1),
                    entry("kubernetes:autoscaling/v2:HorizontalPodAutoscaler", 1),
                    entry("kubernetes:core/v1:ConfigMap", 2),
                    entry("kubernetes:core/v1:Namespace", 3),
                    entry("kubernetes:core/v1:Secret", 1),
                    entry("kubernetes:core/v1:Service", 1),
                    entry("kubernetes:core/v1:ServiceAccount", 1),
                    entry("kubernetes:helm.sh/v3:Release", 1),
                    entry("kubernetes:kafka.strimzi.io/v1beta2:Kafka", 1),
                    entry("kubernetes:kafka.strimzi.io/v1beta2:KafkaNodePool", 1),
                    entry("kubernetes:kafka.strimzi.io/v1beta2:KafkaTopic", 8),
                    entry("kubernetes:monitoring.googleapis.com/v1:PodMonitoring", 2),
                    entry("kubernetes:networking.k8s.io/v1:NetworkPolicy", 2),
                    entry("kubernetes:policy/v1:PodDisruptionBudget", 1),
                    entry("kura:backend:Backend", 1),
                    entry("kura:data:Backups", 1),
                    entry("kura:data:Cache", 1),
                    entry("kura:data:Database", 1),
                    entry("kura:data:Secrets", 1),
                    entry("kura:edge:Edge", 1),
                    entry("kura:inference:Workload", 1),
                    entry("kura:k8s:Cluster", 1),
                    entry("kura:messaging:CeleryBroker", 1),
                    entry("kura:messaging:Kafka", 1),
                    entry("kura:observability:Monitoring", 1),
                    entry("kura:platform:Foundation", 1),
                    entry("pulumi:providers:kubernetes", 1),
                                        entry("tls:index/certRequest:CertRequest", 1),
                    entry("tls:index/locallySignedCert:LocallySignedCert", 1),
                    entry("tls:index/privateKey:PrivateKey", 2),
                    entry("tls:index/selfSignedCert:SelfSignedCert", 1));
    }
}
