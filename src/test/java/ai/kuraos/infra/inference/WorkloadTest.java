package ai.kuraos.infra.inference;

import ai.kuraos.infra.config.StackConfigValues;
import ai.kuraos.infra.messaging.Kafka;
import ai.kuraos.infra.plan.PlannedResource;
import ai.kuraos.infra.testing.ResourceAssert;
import ai.kuraos.infra.testing.SynthesizedStack;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

class WorkloadTest {

    private static final String DEPLOYMENT = "kubernetes:apps/v1:Deployment";
    private static final String NAMESPACE = "kubernetes:core/v1:Namespace";
    private static final String SERVICE_ACCOUNT = "kubernetes:core/v1:ServiceAccount";
    private static final String CONFIG_MAP = "kubernetes:core/v1:ConfigMap";
    private static final String SECRET = "kubernetes:core/v1:Secret";
    private static final String SERVICE = "kubernetes:core/v1:Service";
    private static final String PDB = "kubernetes:policy/v1:PodDisruptionBudget";
    private static final String HPA = "kubernetes:autoscaling/v2:HorizontalPodAutoscaler";
    private static final String NETWORK_POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
    private static final String POD_MONITORING = "kubernetes:monitoring.googleapis.com/v1:PodMonitoring";
    private static final String GOOGLE_ACCOUNT = "gcp:serviceaccount/account:Account";
    private static final String IAM_MEMBER = "gcp:serviceaccount/iAMMember:IAMMember";
    private static final String BUCKET_MEMBER = "gcp:storage/bucketIAMMember:BucketIAMMember";
    private static final String ZONE = "gcp:dns/managedZone:ManagedZone";
    private static final String RECORD_SET = "gcp:dns/recordSet:RecordSet";
    private static final String CONTAINER = "spec.template.spec.containers[0]";
    private static final String IMAGE = "europe-southwest1-docker.pkg.dev/kura-os/cloud-run-source-deploy/adeline:2.7";
    private static final Map<String, String> SELECTOR = Map.of(
            "app.kubernetes.io/name", "adeline", "app.kubernetes.io/instance", "adeline-prod");
    private static final Map<String, String> LABELS = Map.of(
            "app.kubernetes.io/name", "adeline",
            "app.kubernetes.io/instance", "adeline-prod",
            "app.kubernetes.io/component", "inference",
            "app.kubernetes.io/part-of", "kura",
            "app.kubernetes.io/managed-by", "pulumi",
            "app.kubernetes.io/version", "2.7");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Prod with one top-level config key's object changed: withConfig replaces the key's whole value. */
    private static SynthesizedStack prodWith(String key, Consumer<ObjectNode> change) {
        var committed = StackConfigValues.fromStackFile(SynthesizedStack.PROJECT.stackConfigFile("prod"))
                .values().get(key);
        try {
            var value = (ObjectNode) JSON.readTree(committed == null ? "{}" : committed);
            change.accept(value);
            return SynthesizedStack.withConfig("prod", Map.of(key, value.toString()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SynthesizedStack prodWithInference(Consumer<ObjectNode> change) {
        return prodWith("kura-infra:inference", change);
    }

    private static Map<String, String> settingsOf(SynthesizedStack stack) {
        var data = new TreeMap<String, String>();
        stack.resource(CONFIG_MAP, "inference-settings").input("data").fields()
                .forEachRemaining(field -> data.put(field.getKey(), field.getValue().asText()));
        return data;
    }

    private static String checksumOf(SynthesizedStack stack) {
        return stack.resource(DEPLOYMENT, "inference-deployment").input("spec.template.metadata.annotations")
                .path("kura.ai/settings-checksum").asText();
    }

    private static List<Integer> egressPorts(SynthesizedStack stack) {
        var ports = new ArrayList<Integer>();
        stack.resource(NETWORK_POLICY, "inference-allowed-flows").input("spec.egress").forEach(rule ->
                rule.path("ports").forEach(port -> ports.add(port.path("port").asInt())));
        return ports;
    }

    @Nested
    class Prod {
        private final SynthesizedStack prod = SynthesizedStack.of("prod");

        @Test
        void runsTheImageAndLeavesTheReplicaCountToTheAutoscaler() {
            prod.resource(DEPLOYMENT, "inference-deployment")
                    .hasInput("metadata.name", "adeline")
                    .hasInput("metadata.namespace", "kura-inference")
                    .hasInput(CONTAINER + ".name", "adeline")
                    .hasInput(CONTAINER + ".image", IMAGE)
                    .hasInput("spec.selector.matchLabels", SELECTOR)
                    .hasNoInput("spec.replicas")
                    .hasParent("inference")
                    .isNotProtected()
                    .dependsOn("inference-namespace", "inference-service-account", "inference-settings",
                            "inference-workload-identity", "inference-model-reader", "inference-kafka-ca",
                            "inference-kafka-client", "kura-googleapis-vip", "kura-googleapis-wildcard");
        }

        @Test
        void rollsOutWithoutEverLosingCapacity() {
            prod.resource(DEPLOYMENT, "inference-deployment").hasInput("spec.strategy", Map.of(
                    "type", "RollingUpdate",
                    "rollingUpdate", Map.of("maxUnavailable", 0, "maxSurge", 1)));
        }

        @Test
        void exposesTheHealthAndMetricsPortsAndProbesTheSeedsHealthEndpoints() {
            prod.resource(DEPLOYMENT, "inference-deployment")
                    .hasInput(CONTAINER + ".ports", List.of(
                            Map.of("name", "health", "containerPort", 8080, "protocol", "TCP"),
                            Map.of("name", "metrics", "containerPort", 8000, "protocol", "TCP")))
                    .hasInput(CONTAINER + ".livenessProbe", Map.of(
                            "httpGet", Map.of("path", "/health", "port", 8080),
                            "initialDelaySeconds", 30,
                            "periodSeconds", 10,
                            "timeoutSeconds", 10,
                            "failureThreshold", 3))
                    .hasInput(CONTAINER + ".readinessProbe", Map.of(
                            "httpGet", Map.of("path", "/health/detailed", "port", 8080),
                            "initialDelaySeconds", 10,
                            "periodSeconds", 5,
                            "timeoutSeconds", 5,
                            "failureThreshold", 3))
                    .hasInput(CONTAINER + ".envFrom", List.of(Map.of("configMapRef",
                            Map.of("name", "adeline-settings"))));
        }

        @Test
        void requestsWhatItIsLimitedToAndAsksForNoGpu() {
            var deployment = prod.resource(DEPLOYMENT, "inference-deployment")
                    .hasInput(CONTAINER + ".resources", Map.of(
                            "requests", Map.of("cpu", "2", "memory", "4Gi", "ephemeral-storage", "2816Mi"),
                            "limits", Map.of("cpu", "2", "memory", "4Gi", "ephemeral-storage", "2816Mi")))
                    .hasNoInput("spec.template.spec.nodeSelector");
            assertThat(deployment.input(CONTAINER + ".resources.limits").has("nvidia.com/gpu")).isFalse();
        }

        /**
         * Defect: Adeline's pods would be evicted on Autopilot. Its emptyDirs hold up to 2 GiB of model cache and
         * 256 MiB of /tmp; without an ephemeral-storage request Autopilot requests 1 GiB for the pod.
         */
        @Test
        void podsAreNotEvictedForOutgrowingAutopilotsDefaultEphemeralStorage() {
            var deployment = prod.resource(DEPLOYMENT, "inference-deployment");
            var emptyDirMib = 0L;
            for (var volume : deployment.input("spec.template.spec.volumes")) {
                var limit = volume.path("emptyDir").path("sizeLimit").asText("");
                emptyDirMib += limit.endsWith("Gi") ? Long.parseLong(limit.replace("Gi", "")) * 1024
                        : limit.endsWith("Mi") ? Long.parseLong(limit.replace("Mi", "")) : 0;
            }
            assertThat(emptyDirMib).isEqualTo(2304);
            for (var kind : List.of("requests", "limits")) {
                var storage = deployment.input(CONTAINER + ".resources." + kind + ".ephemeral-storage").asText();
                assertThat(storage).as(kind).endsWith("Mi");
                assertThat(Long.parseLong(storage.replace("Mi", ""))).as(kind).isGreaterThan(emptyDirMib);
            }
        }

        @Test
        void runsNonRootWithRuntimeDefaultSeccompOnAReadOnlyRootWithoutAnyCapability() {
            prod.resource(DEPLOYMENT, "inference-deployment")
                    .hasInput("spec.template.spec.securityContext", Map.of(
                            "runAsNonRoot", true,
                            "runAsUser", 10001,
                            "runAsGroup", 10001,
                            "fsGroup", 10001,
                            "seccompProfile", Map.of("type", "RuntimeDefault")))
                    .hasInput(CONTAINER + ".securityContext", Map.of(
                            "runAsNonRoot", true,
                            "allowPrivilegeEscalation", false,
                            "readOnlyRootFilesystem", true,
                            "capabilities", Map.of("drop", List.of("ALL"))))
                    .hasInput("spec.template.spec.serviceAccountName", "adeline")
                    .hasInput("spec.template.spec.automountServiceAccountToken", false);
        }

        @Test
        void writesOnlyToBoundedEmptyDirsAndReadsTheKafkaCaFromItsConfigMap() {
            prod.resource(DEPLOYMENT, "inference-deployment")
                    .hasInput("spec.template.spec.volumes", List.of(
                            Map.of("name", "tmp", "emptyDir", Map.of("sizeLimit", "256Mi")),
                            Map.of("name", "model-cache", "emptyDir", Map.of("sizeLimit", "2Gi")),
                            Map.of("name", "kafka-ca", "configMap", Map.of("name", "kafka-ca")),
                            Map.of("name", "kafka-client", "secret", Map.of("secretName", "kafka-client",
                                    "defaultMode", 0440))))
                    .hasInput(CONTAINER + ".volumeMounts", List.of(
                            Map.of("name", "tmp", "mountPath", "/tmp"),
                            Map.of("name", "model-cache", "mountPath", "/var/cache/adeline"),
                            Map.of("name", "kafka-ca", "mountPath", "/etc/kafka-ca", "readOnly", true),
                            Map.of("name", "kafka-client", "mountPath", "/etc/kafka-client", "readOnly", true)));
        }

        @Test
        void keepsItsKafkaClientCertificateAndKeyInASecretOfItsOwnNamespaceThatThePlanNeverShows() {
            prod.resource(SECRET, "inference-kafka-client")
                    .hasInput("metadata.name", "kafka-client")
                    .hasInput("metadata.namespace", "kura-inference")
                    .hasInput("stringData", "[secret ← kafka-client-adeline-certificate.certPem,"
                            + " kafka-client-adeline-key.privateKeyPemPkcs8]")
                    .dependsOn("inference-namespace");
            assertThat(prod.rendered()).doesNotContain("${kafka-client-adeline-key.privateKeyPem");
        }

        @Test
        void spreadsItsPodsOverZones() {
            prod.resource(DEPLOYMENT, "inference-deployment")
                    .hasInput("spec.template.spec.topologySpreadConstraints", List.of(Map.of(
                            "maxSkew", 1,
                            "topologyKey", "topology.kubernetes.io/zone",
                            "whenUnsatisfiable", "DoNotSchedule",
                            "labelSelector", Map.of("matchLabels", SELECTOR))));
        }

        @Test
        void annotatesThePodTemplateWithTheChecksumOfItsSettings() {
            prod.resource(DEPLOYMENT, "inference-deployment")
                    .hasInput("spec.template.metadata.labels", LABELS)
                    .hasInput("spec.template.metadata.annotations", Map.of(
                            "kura.ai/settings-checksum", InferenceManifest.checksum(settingsOf(prod))));
            assertThat(checksumOf(prod)).matches("[0-9a-f]{16}");
        }

        @Test
        void labelsEveryKubernetesObjectWithTheRecommendedLabels() {
            var objects = prod.plan().resources().stream()
                    .filter(resource -> "inference".equals(resource.parent()))
                    .filter(resource -> resource.type().startsWith("kubernetes:"))
                    .toList();

            assertThat(objects).extracting(PlannedResource::name).containsExactlyInAnyOrder(
                    "inference-namespace", "inference-service-account", "inference-settings", "inference-kafka-ca",
                    "inference-kafka-client", "inference-deployment", "inference-service", "inference-disruption-budget",
                    "inference-autoscaler", "inference-default-deny", "inference-allowed-flows",
                    "inference-pod-monitoring");
            for (var object : objects) {
                var labels = new TreeMap<String, String>();
                object.inputs().path("metadata").path("labels").fields()
                        .forEachRemaining(field -> labels.put(field.getKey(), field.getValue().asText()));
                assertThat(labels).as(object.name()).containsAllEntriesOf(LABELS);
                // Built from other resources and settings: their normal life includes replacement.
                assertThat(object.protect()).as(object.name() + " protected").isFalse();
            }
        }

        @Test
        void labelsItsNamespaceRestrictedAndAsAKafkaClient() {
            var labels = new LinkedHashMap<String, String>(LABELS);
            labels.put("pod-security.kubernetes.io/enforce", "restricted");
            labels.put("kura.ai/kafka-client", "true");

            prod.resource(NAMESPACE, "inference-namespace")
                    .hasInput("metadata.name", "kura-inference")
                    .hasInput("metadata.labels", labels)
                    .hasNoInput("metadata.namespace");
        }

        @Test
        void actsAsItsOwnGoogleAccountThroughWorkloadIdentity() {
            prod.resource(GOOGLE_ACCOUNT, "inference-sa")
                    .hasInput("accountId", "kura-inference")
                    .hasInput("project", "kura-os")
                    .hasParent("inference")
                    .dependsOn("api-iam");
            prod.resource(IAM_MEMBER, "inference-workload-identity")
                    .hasInput("serviceAccountId", "${inference-sa.name}")
                    .hasInput("role", "roles/iam.workloadIdentityUser")
                    .hasInput("member", "serviceAccount:kura-os.svc.id.goog[kura-inference/adeline]")
                    .hasParent("inference");
            prod.resource(SERVICE_ACCOUNT, "inference-service-account")
                    .hasInput("metadata.name", "adeline")
                    .hasInput("metadata.namespace", "kura-inference")
                    .hasInput("metadata.annotations", Map.of("iam.gke.io/gcp-service-account", "${inference-sa.email}"))
                    .hasInput("automountServiceAccountToken", false);
            assertThat(InferenceNames.workloadIdentityMember("kura-os-staging"))
                    .isEqualTo("serviceAccount:kura-os-staging.svc.id.goog[kura-inference/adeline]");
        }

        @Test
        void configuresMqttKafkaOverSslAndTheStacksOwnSettings() {
            assertThat(settingsOf(prod)).isEqualTo(Map.ofEntries(
                    Map.entry("ENVIRONMENT", "prod"),
                    Map.entry("HEALTH_PORT", "8080"),
                    Map.entry("METRICS_PORT", "8000"),
                    Map.entry("MQTT_HOST", "mqtt.kuraos.ai"),
                    Map.entry("MQTT_PORT", "8883"),
                    Map.entry("MODEL_CACHE_DIR", "/var/cache/adeline"),
                    Map.entry("MODEL_URI", "gs://kura-os-adeline-models/"),
                    Map.entry("KAFKA_BOOTSTRAP_SERVERS", "kura-kafka-kafka-bootstrap.kura-kafka.svc:9093"),
                    Map.entry("KAFKA_SECURITY_PROTOCOL", "SSL"),
                    Map.entry("KAFKA_SSL_CA_LOCATION", "/etc/kafka-ca/ca.crt"),
                    Map.entry("KAFKA_SSL_CERTIFICATE_LOCATION", "/etc/kafka-client/user.crt"),
                    Map.entry("KAFKA_SSL_KEY_LOCATION", "/etc/kafka-client/user.key"),
                    Map.entry("LOG_FORMAT", "json"),
                    Map.entry("CIRCUIT_BREAKER_FAILURE_THRESHOLD", "5"),
                    Map.entry("CIRCUIT_BREAKER_SUCCESS_THRESHOLD", "3")));
            prod.resource(CONFIG_MAP, "inference-settings")
                    .hasInput("metadata.name", "adeline-settings")
                    .hasInput("metadata.namespace", "kura-inference");
            prod.resource(CONFIG_MAP, "inference-kafka-ca")
                    .hasInput("metadata.name", "kafka-ca")
                    .hasInput("data", Map.of("ca.crt", "${kafka-ca.certPem}"));
        }

        @Test
        void servesHealthAndMetricsInsideTheClusterOnly() {
            prod.resource(SERVICE, "inference-service")
                    .hasInput("metadata.name", "adeline")
                    .hasInput("spec", Map.of(
                            "type", "ClusterIP",
                            "selector", SELECTOR,
                            "ports", List.of(
                                    Map.of("name", "health", "port", 8080, "targetPort", "health", "protocol", "TCP"),
                                    Map.of("name", "metrics", "port", 8000, "targetPort", "metrics",
                                            "protocol", "TCP"))));
        }

        @Test
        void letsOnePodGoAtATimeAndScalesFromThreeToSixOnCpu() {
            prod.resource(PDB, "inference-disruption-budget")
                    .hasInput("spec", Map.of("maxUnavailable", 1, "selector", Map.of("matchLabels", SELECTOR)));
            prod.resource(HPA, "inference-autoscaler")
                    .hasInput("spec", Map.of(
                            "scaleTargetRef", Map.of("apiVersion", "apps/v1", "kind", "Deployment", "name", "adeline"),
                            "minReplicas", 3,
                            "maxReplicas", 6,
                            "metrics", List.of(Map.of("type", "Resource", "resource", Map.of(
                                    "name", "cpu",
                                    "target", Map.of("type", "Utilization", "averageUtilization", 70))))))
                    .dependsOn("inference-deployment");
        }

        @Test
        void deniesEveryFlowInTheNamespaceByDefault() {
            prod.resource(NETWORK_POLICY, "inference-default-deny")
                    .hasInput("metadata.name", "default-deny")
                    .hasInput("metadata.namespace", "kura-inference")
                    .hasInput("spec", Map.of("podSelector", Map.of(), "policyTypes", List.of("Ingress", "Egress")));
        }

        /** Defect: inference metrics were never scraped; Autopilot runs the managed collectors in gke-gmp-system. */
        @Test
        void inferenceMetricsAreScrapedByTheCollectorsInGkeGmpSystem() {
            var from = prod.resource(NETWORK_POLICY, "inference-allowed-flows").input("spec.ingress").get(0).path("from");
            assertThat(from.findValuesAsText("kubernetes.io/metadata.name")).containsExactly("gke-gmp-system");
        }

        /**
         * Defect: at start Adeline reads its model from Cloud Storage and exports its telemetry, and the default-deny
         * policy let no packet reach a Google API; the VPC's private zone resolves every googleapis.com name to
         * private.googleapis.com, whose one fixed block is the only Google address the pods may open.
         */
        @Test
        void adelineCannotReachGoogleApisAtStart() {
            var egress = prod.resource(NETWORK_POLICY, "inference-allowed-flows").input("spec.egress");
            assertThat(egress).filteredOn(rule -> rule.path("to").findValuesAsText("cidr").contains("199.36.153.8/30"))
                    .singleElement()
                    .satisfies(rule -> assertThat(rule.path("ports").toString())
                            .isEqualTo("[{\"port\":443,\"protocol\":\"TCP\"}]"));
            prod.resource(ZONE, "kura-googleapis-zone")
                    .hasInput("dnsName", "googleapis.com.")
                    .hasInput("visibility", "private");
            prod.resource(RECORD_SET, "kura-googleapis-wildcard")
                    .hasInput("name", "*.googleapis.com.")
                    .hasInput("rrdatas", List.of("private.googleapis.com."));
        }

        /** First up: the zone's records exist before the first pod resolves storage.googleapis.com. */
        @Test
        void startsThePodsOnlyOnceGoogleApisResolveToTheAddressesTheyMayReach() {
            prod.resource(DEPLOYMENT, "inference-deployment")
                    .dependsOn("inference-namespace", "inference-service-account", "inference-settings",
                            "inference-workload-identity", "inference-model-reader", "inference-kafka-ca",
                            "inference-kafka-client", "kura-googleapis-vip", "kura-googleapis-wildcard");
        }

        /** Google's list for a strict policy: the GKE metadata server on 988 and, on Dataplane V2, 169.254.169.254:80. */
        @Test
        void letsThePodsFetchWorkloadIdentityTokensFromTheMetadataServers() {
            var egress = prod.resource(NETWORK_POLICY, "inference-allowed-flows").input("spec.egress");
            assertThat(egress).filteredOn(rule -> rule.path("to").findValuesAsText("cidr").contains("169.254.169.252/32"))
                    .singleElement()
                    .satisfies(rule -> assertThat(rule.path("ports").findValuesAsText("port")).containsExactly("988"));
            assertThat(egress).filteredOn(rule -> rule.path("to").findValuesAsText("cidr").contains("169.254.169.254/32")
                            && rule.path("ports").findValuesAsText("port").contains("80"))
                    .hasSize(1);
        }

        /** Defect: the pods' Google account could read no model; it may read the model's bucket, and only that. */
        @Test
        void adelineCannotReadItsModel() {
            prod.resource(BUCKET_MEMBER, "inference-model-reader")
                    .hasInput("bucket", "kura-os-adeline-models")
                    .hasInput("role", "roles/storage.objectViewer")
                    .hasInput("member", "${inference-sa.member}");
            assertThat(prod.resources(BUCKET_MEMBER)).filteredOn(member -> member.input("member").asText()
                    .equals("${inference-sa.member}")).extracting(ResourceAssert::name).containsExactly("inference-model-reader");
            assertThat(settingsOf(prod)).containsEntry("MODEL_URI", "gs://kura-os-adeline-models/");
        }

        @Test
        void readsTheModelFromTheBucketTheStackNames() {
            var stack = prodWithInference(inference -> inference.put("modelUri", "gs://kura-ml-models/adeline/2.7/"));

            stack.resource(BUCKET_MEMBER, "inference-model-reader").hasInput("bucket", "kura-ml-models");
            assertThat(settingsOf(stack)).containsEntry("MODEL_URI", "gs://kura-ml-models/adeline/2.7/");
        }

        @Test
        void letsOnlyManagedPrometheusInAndOnlyDnsMetadataGoogleApisMqttAndKafkaOut() {
            var dnsServer = Map.of(
                    "namespaceSelector", Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "kube-system")),
                    "podSelector", Map.of("matchLabels", Map.of("k8s-app", "kube-dns")));
            var nodeLocalDns = Map.of(
                    "namespaceSelector", Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "kube-system")),
                    "podSelector", Map.of("matchLabels", Map.of("k8s-app", "node-local-dns")));
            var kafkaBrokers = Map.of(
                    "namespaceSelector", Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "kura-kafka")),
                    "podSelector", Map.of("matchLabels", Map.of("strimzi.io/cluster", "kura-kafka")));
            prod.resource(NETWORK_POLICY, "inference-allowed-flows")
                    .hasInput("metadata.name", "adeline")
                    .hasInput("spec.podSelector", Map.of("matchLabels", SELECTOR))
                    .hasInput("spec.policyTypes", List.of("Ingress", "Egress"))
                    .hasInput("spec.ingress", List.of(Map.of(
                            "from", List.of(Map.of("namespaceSelector",
                                    Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "gke-gmp-system")))),
                            "ports", List.of(Map.of("protocol", "TCP", "port", 8000)))))
                    .hasInput("spec.egress", List.of(
                            Map.of("to", List.of(dnsServer, nodeLocalDns, ipBlock("169.254.20.10/32"),
                                            ipBlock("169.254.169.254/32")),
                                    "ports", List.of(Map.of("protocol", "UDP", "port", 53),
                                            Map.of("protocol", "TCP", "port", 53))),
                            Map.of("to", List.of(ipBlock("169.254.169.252/32")),
                                    "ports", List.of(Map.of("protocol", "TCP", "port", 988))),
                            Map.of("to", List.of(ipBlock("169.254.169.254/32")),
                                    "ports", List.of(Map.of("protocol", "TCP", "port", 80))),
                            Map.of("to", List.of(ipBlock("199.36.153.8/30")),
                                    "ports", List.of(Map.of("protocol", "TCP", "port", 443))),
                            Map.of("to", List.of(ipBlock("0.0.0.0/0")),
                                    "ports", List.of(Map.of("protocol", "TCP", "port", 8883))),
                            Map.of("to", List.of(kafkaBrokers),
                                    "ports", List.of(Map.of("protocol", "TCP", "port", 9093)))));
        }

        @Test
        void hasManagedPrometheusScrapeTheMetricsPort() {
            prod.resource(POD_MONITORING, "inference-pod-monitoring")
                    .hasInput("apiVersion", "monitoring.googleapis.com/v1")
                    .hasInput("kind", "PodMonitoring")
                    .hasInput("metadata.name", "adeline")
                    .hasInput("metadata.namespace", "kura-inference")
                    .hasInput("spec", Map.of(
                            "selector", Map.of("matchLabels", SELECTOR),
                            "endpoints", List.of(Map.of("port", "metrics", "interval", "30s"))))
                    .dependsOn("inference-namespace");
        }

        @Test
        void exportsItsNamespaceAndGoogleAccount() {
            var component = prod.resource(Workload.TYPE, "inference");

            assertThat(component.output("namespace").asText()).isEqualTo("kura-inference");
            assertThat(component.output("googleServiceAccount").asText()).isEqualTo("${inference-sa.email}");
        }
    }

    private static Map<String, Object> ipBlock(String cidr) {
        return Map.of("ipBlock", Map.of("cidr", cidr));
    }

    @Nested
    class Gpu {
        private final SynthesizedStack gpu = prodWithInference(inference -> inference.putObject("gpu")
                .put("type", "nvidia-l4")
                .put("count", 2));

        @Test
        void landsOnANodeWithTheNamedAcceleratorAndRequestsAndLimitsItsGpus() {
            gpu.resource(DEPLOYMENT, "inference-deployment")
                    .hasInput("spec.template.spec.nodeSelector",
                            Map.of("cloud.google.com/gke-accelerator", "nvidia-l4"))
                    .hasInput(CONTAINER + ".resources", Map.of(
                            "requests", Map.of("cpu", "2", "memory", "4Gi", "nvidia.com/gpu", "2", "ephemeral-storage", "2816Mi"),
                            "limits", Map.of("cpu", "2", "memory", "4Gi", "nvidia.com/gpu", "2", "ephemeral-storage", "2816Mi")));
        }
    }

    @Nested
    class Settings {

        @Test
        void changingASettingChangesTheChecksumSoThePodsRoll() {
            var verbose = prodWithInference(inference -> ((ObjectNode) inference.get("settings"))
                    .put("LOG_FORMAT", "text"));

            assertThat(settingsOf(verbose)).containsEntry("LOG_FORMAT", "text");
            assertThat(checksumOf(verbose))
                    .isEqualTo(InferenceManifest.checksum(settingsOf(verbose)))
                    .isNotEqualTo(checksumOf(SynthesizedStack.of("prod")));
        }

        @Test
        void settingsThatOnlyReadAlikeGetDifferentChecksums() {
            assertThat(InferenceManifest.checksum(Map.of("FEATURES", "x, MODE=fast")))
                    .isNotEqualTo(InferenceManifest.checksum(Map.of("FEATURES", "x", "MODE", "fast")));
        }

        @Test
        void checksumsTheSettingsNotTheOrderTheyCameIn() {
            var ordered = new LinkedHashMap<String, String>();
            ordered.put("A", "1");
            ordered.put("B", "2");
            var reversed = new LinkedHashMap<String, String>();
            reversed.put("B", "2");
            reversed.put("A", "1");

            assertThat(InferenceManifest.checksum(ordered)).isEqualTo(InferenceManifest.checksum(reversed))
                    .matches("[0-9a-f]{16}");
            assertThat(InferenceManifest.checksum(Map.of("A", "1", "B", "3")))
                    .isNotEqualTo(InferenceManifest.checksum(ordered));
            assertThat(InferenceManifest.checksum(Map.of("A", "1")))
                    .isNotEqualTo(InferenceManifest.checksum(ordered));
        }

        @Test
        void sendsMqttToTheConfiguredBrokerRangeOnly() {
            var bounded = prodWithInference(inference -> ((ObjectNode) inference.get("mqtt"))
                    .put("port", 1883).put("cidr", "203.0.113.0/24"));

            bounded.resource(NETWORK_POLICY, "inference-allowed-flows").hasInput("spec.egress[4]", Map.of(
                    "to", List.of(ipBlock("203.0.113.0/24")),
                    "ports", List.of(Map.of("protocol", "TCP", "port", 1883))));
            assertThat(settingsOf(bounded)).containsEntry("MQTT_PORT", "1883");
        }
    }

    @Nested
    class WithoutKafka {
        private final SynthesizedStack celery = prodWith("kura-infra:messaging", messaging -> {
            messaging.put("backend", "celery");
            messaging.putObject("kafka").put("enabled", false);
        });

        @Test
        void stillRunsOnTheClusterButHasNoKafkaCaConfigMapClientSecretOrVolume() {
            assertThat(celery.plan().resources()).extracting(PlannedResource::type)
                    .contains(Workload.TYPE, "gcp:container/cluster:Cluster")
                    .doesNotContain(Kafka.TYPE);
            assertThat(celery.resources(CONFIG_MAP)).extracting(ResourceAssert::name)
                    .containsExactly("inference-settings");
            assertThat(celery.resources(SECRET)).isEmpty();
            var deployment = celery.resource(DEPLOYMENT, "inference-deployment");
            assertThat(deployment.input("spec.template.spec.volumes"))
                    .extracting(volume -> volume.path("name").asText())
                    .containsExactly("tmp", "model-cache");
            assertThat(deployment.input(CONTAINER + ".volumeMounts")).hasSize(2);
        }

        @Test
        void opensNoEgressToKafka() {
            assertThat(celery.resource(NETWORK_POLICY, "inference-allowed-flows").input("spec.egress")).hasSize(5);
            assertThat(egressPorts(celery)).containsExactly(53, 53, 988, 80, 443, 8883);
        }

        @Test
        void configuresNoKafkaSettingsAndNoKafkaClientLabel() {
            assertThat(settingsOf(celery).keySet()).noneMatch(name -> name.startsWith("KAFKA_"))
                    .contains("MQTT_HOST", "LOG_FORMAT");
            assertThat(celery.resource(NAMESPACE, "inference-namespace").input("metadata.labels")
                    .has("kura.ai/kafka-client")).isFalse();
            assertThat(checksumOf(celery)).isNotEqualTo(checksumOf(SynthesizedStack.of("prod")));
        }
    }

    @Test
    void onlyProdRunsTheInferenceWorkload() {
        for (var stack : List.of("staging", "dev")) {
            assertThat(SynthesizedStack.of(stack).plan().resources()).as(stack).extracting(PlannedResource::type)
                    .doesNotContain(Workload.TYPE, DEPLOYMENT, HPA);
            assertThat(SynthesizedStack.of(stack).plan().resources()).as(stack)
                    .noneMatch(resource -> resource.type().equals(POD_MONITORING) && resource.parent().equals("inference"));
            assertThat(SynthesizedStack.of(stack).plan().resources()).as(stack).extracting(PlannedResource::name)
                    .doesNotContain("inference-sa", "inference-workload-identity");
        }
    }

    @Test
    void versionsTheLabelsWithTheImagesTagOrDigest() {
        assertThat(InferenceNames.version(IMAGE)).isEqualTo("2.7");
        assertThat(InferenceNames.version("europe-southwest1-docker.pkg.dev/kura-os/kura/adeline@sha256:"
                + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"))
                .isEqualTo("sha256-0123456789abcdef0123456789abcdef0123456789abcdef01234567")
                .hasSize(63);
    }
}
