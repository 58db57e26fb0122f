package ai.kuraos.infra.messaging;

import ai.kuraos.infra.plan.PlannedResource;
import ai.kuraos.infra.testing.ResourceAssert;
import ai.kuraos.infra.testing.SynthesizedStack;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class KafkaTest {

    private static final String RELEASE = "kubernetes:helm.sh/v3:Release";
    private static final String NAMESPACE = "kubernetes:core/v1:Namespace";
    private static final String SECRET = "kubernetes:core/v1:Secret";
    private static final String KAFKA = "kubernetes:kafka.strimzi.io/v1beta2:Kafka";
    private static final String NODE_POOL = "kubernetes:kafka.strimzi.io/v1beta2:KafkaNodePool";
    private static final String TOPIC = "kubernetes:kafka.strimzi.io/v1beta2:KafkaTopic";
    private static final String USER = "kubernetes:kafka.strimzi.io/v1beta2:KafkaUser";
    private static final String ADDRESS = "gcp:compute/address:Address";
    private static final String PRIVATE_KEY = "tls:index/privateKey:PrivateKey";
    private static final String SELF_SIGNED_CERT = "tls:index/selfSignedCert:SelfSignedCert";
    private static final String CERT_REQUEST = "tls:index/certRequest:CertRequest";
    private static final String LOCALLY_SIGNED_CERT = "tls:index/locallySignedCert:LocallySignedCert";
    private static final Map<String, String> INTERNAL_LB = Map.of("networking.gke.io/load-balancer-type", "Internal");
    private static final Map<String, String> LISTENER_CERTIFICATE = Map.of(
            "secretName", "kura-kafka-listener-tls", "certificate", "tls.crt", "key", "tls.key");
    private static final List<String> TOPICS = List.of("holistic.mood-entries.v1", "holistic.journal-entries.v1",
            "users.profiles.v1", "agents.recommendations.v1", "inference.detections.v1",
            "dlq.agents", "dlq.vectordb-api", "dlq.api");

    private static Map<String, String> labels(String version, Map<String, String> more) {
        var labels = new java.util.TreeMap<>(Map.of(
                "app.kubernetes.io/name", "kura-kafka",
                "app.kubernetes.io/instance", "kura-kafka",
                "app.kubernetes.io/component", "event-bus",
                "app.kubernetes.io/part-of", "kura",
                "app.kubernetes.io/managed-by", "pulumi",
                "app.kubernetes.io/version", version));
        labels.putAll(more);
        return labels;
    }

    private static Map<String, Object> topicRule(String topic, String operation) {
        return Map.of("resource", Map.of("type", "topic", "name", topic, "patternType", "literal"),
                "operations", List.of(operation));
    }

    private static Map<String, Object> groupRule(String group) {
        return Map.of("resource", Map.of("type", "group", "name", group, "patternType", "literal"),
                "operations", List.of("Read"));
    }

    private static KafkaSettings settings(int brokers) {
        return new KafkaSettings("3.9.0", brokers, Math.min(3, brokers), 50, "standard-rwo", "1", "4Gi", List.of());
    }

    @Nested
    class Prod {
        private final SynthesizedStack prod = SynthesizedStack.unadopted("prod");

        @Test
        void installsThePinnedStrimziOperatorWatchingOnlyTheKafkaNamespace() {
            prod.hasResourceCount(RELEASE, 1);
            prod.resource(RELEASE, "strimzi-operator")
                    .hasInput("name", "strimzi-operator")
                    .hasInput("chart", "strimzi-kafka-operator")
                    .hasInput("version", "0.45.0")
                    .hasInput("repositoryOpts", Map.of("repo", "https://strimzi.io/charts/"))
                    .hasInput("namespace", "strimzi")
                    .hasInput("createNamespace", false)
                    .hasInput("atomic", true)
                    .hasInput("cleanupOnFail", true)
                    .hasInput("timeout", 600)
                    .hasInput("values.watchNamespaces", List.of("kura-kafka"))
                    .hasInput("values.extraEnvs", List.of(
                            Map.of("name", "STRIMZI_POD_SECURITY_PROVIDER_CLASS", "value", "restricted")))
                    .hasInput("values.podSecurityContext", Map.of("runAsNonRoot", true,
                            "seccompProfile", Map.of("type", "RuntimeDefault")))
                    .hasInput("values.securityContext", Map.of("allowPrivilegeEscalation", false,
                            "readOnlyRootFilesystem", true, "capabilities", Map.of("drop", List.of("ALL"))))
                    .hasInput("values.resources", Map.of(
                            "requests", Map.of("cpu", "500m", "memory", "512Mi"),
                            "limits", Map.of("cpu", "500m", "memory", "512Mi")))
                    .hasParent("kafka")
                    .isNotProtected()
                    .dependsOn("strimzi-namespace", "kafka-namespace");
        }

        @Test
        void pinsTheSameStrimziReleaseAsTheModelTheManifestsAreCheckedAgainst() throws Exception {
            var pom = Files.readString(SynthesizedStack.PROJECT_ROOT.resolve("pom.xml"));
            var pinned = Pattern.compile("<strimzi.version>([^<]+)</strimzi.version>").matcher(pom);

            assertThat(pinned.find()).as("pom.xml pins strimzi.version").isTrue();
            assertThat(Kafka.CHART_VERSION).isEqualTo(pinned.group(1));
        }

        @Test
        void runsTheOperatorAndKafkaUnderTheRestrictedPodSecurityProfile() {
            prod.resource(NAMESPACE, "strimzi-namespace")
                    .hasInput("metadata.name", "strimzi")
                    .hasInput("metadata.labels", Map.of(
                            "app.kubernetes.io/name", "strimzi-operator",
                            "app.kubernetes.io/instance", "strimzi-operator",
                            "app.kubernetes.io/component", "operator",
                            "app.kubernetes.io/part-of", "kura",
                            "app.kubernetes.io/managed-by", "pulumi",
                            "app.kubernetes.io/version", "0.45.0",
                            "pod-security.kubernetes.io/enforce", "restricted"))
                    .hasNoInput("metadata.namespace");
            prod.resource(NAMESPACE, "kafka-namespace")
                    .hasInput("metadata.name", "kura-kafka")
                    .hasInput("metadata.labels", labels("3.9.0",
                            Map.of("pod-security.kubernetes.io/enforce", "restricted")));
        }

        @Test
        void declaresAKraftClusterWithNodePoolsAtTheConfiguredVersion() {
            prod.hasResourceCount(KAFKA, 1);
            prod.resource(KAFKA, "kafka-cluster")
                    .hasInput("apiVersion", "kafka.strimzi.io/v1beta2")
                    .hasInput("kind", "Kafka")
                    .hasInput("metadata.name", "kura-kafka")
                    .hasInput("metadata.namespace", "kura-kafka")
                    .hasInput("metadata.annotations", Map.of(
                            "strimzi.io/kraft", "enabled", "strimzi.io/node-pools", "enabled"))
                    .hasInput("metadata.labels", labels("3.9.0", Map.of("strimzi.io/cluster", "kura-kafka")))
                    .hasInput("spec.kafka.version", "3.9.0")
                    .hasInput("spec.kafka.metadataVersion", "3.9-IV0")
                    .hasInput("spec.kafka.rack", Map.of("topologyKey", "topology.kubernetes.io/zone"))
                    .hasInput("spec.entityOperator.topicOperator.resources.requests", Map.of("cpu", "250m",
                            "memory", "512Mi"))
                    .hasNoInput("spec.zookeeper");
        }

        @Test
        void acceptsInClusterClientsOverTlsOnlyFromNamespacesLabelledAsKafkaClients() {
            var kafka = prod.resource(KAFKA, "kafka-cluster");

            assertThat(kafka.input("spec.kafka.listeners")).hasSize(2);
            kafka.hasInput("spec.kafka.listeners[0]", Map.of(
                    "name", "tls",
                    "port", 9093,
                    "type", "internal",
                    "tls", true,
                    "authentication", Map.of("type", "tls"),
                    "configuration", Map.of("brokerCertChainAndKey", LISTENER_CERTIFICATE),
                    "networkPolicyPeers", List.of(Map.of("namespaceSelector",
                            Map.of("matchLabels", Map.of("kura.ai/kafka-client", "true"))))));
        }

        @Test
        void acceptsVpcClientsOverTlsThroughInternalLoadBalancersAtTheReservedAddresses() {
            prod.resource(KAFKA, "kafka-cluster").hasInput("spec.kafka.listeners[1]", Map.of(
                    "name", "vpc",
                    "port", 9094,
                    "type", "loadbalancer",
                    "tls", true,
                    "authentication", Map.of("type", "tls"),
                    "configuration", Map.of(
                            "brokerCertChainAndKey", LISTENER_CERTIFICATE,
                            "loadBalancerSourceRanges", List.of("10.10.0.0/20"),
                            "bootstrap", Map.of("loadBalancerIP", "${kura-kafka-bootstrap.address}",
                                    "annotations", INTERNAL_LB),
                            "brokers", List.of(
                                    Map.of("broker", 0, "loadBalancerIP", "${kura-kafka-broker-0.address}",
                                            "annotations", INTERNAL_LB),
                                    Map.of("broker", 1, "loadBalancerIP", "${kura-kafka-broker-1.address}",
                                            "annotations", INTERNAL_LB),
                                    Map.of("broker", 2, "loadBalancerIP", "${kura-kafka-broker-2.address}",
                                            "annotations", INTERNAL_LB))),
                    "networkPolicyPeers", List.of(Map.of("ipBlock", Map.of("cidr", "10.10.0.0/20")))));
        }

        @Test
        void authorizesEveryClientByItsKafkaUsersAclsAndMakesNoOneButStrimzisComponentsASuperUser() {
            var kafka = prod.resource(KAFKA, "kafka-cluster");

            kafka.hasInput("spec.kafka.authorization", Map.of("type", "simple"));
            kafka.hasInputLike("spec.entityOperator", Map.of("userOperator", Map.of("resources", Map.of(
                    "requests", Map.of("cpu", "250m", "memory", "512Mi"),
                    "limits", Map.of("cpu", "250m", "memory", "512Mi")))));
        }

        @Test
        void trustsClientCertificatesOfTheClientsCaTheProgramProvidesUnderStrimzisNames() {
            prod.resource(KAFKA, "kafka-cluster").hasInput("spec.clientsCa", Map.of("generateCertificateAuthority", false));
            prod.resource(SELF_SIGNED_CERT, "kafka-clients-ca")
                    .hasInput("subject", Map.of("commonName", "Kura Kafka clients CA (prod)", "organization", "Kura"))
                    .hasInput("isCaCertificate", true)
                    .hasInput("privateKeyPem", "[secret ← kafka-clients-ca-key.privateKeyPem]");
            // Strimzi's names, labels and generation annotations for a CA it does not generate.
            var secrets = Map.of(
                    "kafka-clients-ca-cert-secret", List.of("kura-kafka-clients-ca-cert", "strimzi.io/ca-cert-generation",
                            "[secret ← kafka-clients-ca.certPem]"),
                    "kafka-clients-ca-key-secret", List.of("kura-kafka-clients-ca", "strimzi.io/ca-key-generation",
                            "[secret ← kafka-clients-ca-key.privateKeyPemPkcs8]"));
            secrets.forEach((secret, expected) -> prod.resource(SECRET, secret)
                    .hasInput("metadata.name", expected.get(0))
                    .hasInput("metadata.namespace", "kura-kafka")
                    .hasInputLike("metadata.labels", Map.of("strimzi.io/kind", "Kafka", "strimzi.io/cluster", "kura-kafka"))
                    .hasInput("metadata.annotations", Map.of(expected.get(1), "0", "pulumi.com/patchForce", "true"))
                    .hasInput("stringData", expected.get(2)));
        }

        @Test
        void issuesTheBackendsAndAdelinesCertificatesWithTheirUserAsTheWholeSubject() {
            for (var service : List.of("api", "adeline")) {
                prod.resource(CERT_REQUEST, "kafka-client-" + service + "-request")
                        .hasInput("subject", Map.of("commonName", service))
                        .hasNoInput("dnsNames")
                        .hasNoInput("ipAddresses");
                var certificate = prod.resource(LOCALLY_SIGNED_CERT, "kafka-client-" + service + "-certificate");
                Map.of("certRequestPem", "${kafka-client-" + service + "-request.certRequestPem}",
                        "caCertPem", "${kafka-clients-ca.certPem}",
                        "caPrivateKeyPem", "[secret ← kafka-clients-ca-key.privateKeyPem]",
                        "allowedUses", List.of("digital_signature", "key_encipherment", "client_auth"),
                        "validityPeriodHours", 8760,
                        "earlyRenewalHours", 720).forEach(certificate::hasInput);
            }
        }

        @Test
        void givesEachServiceOfTheCatalogueAUserThatMayUseExactlyItsTopics() {
            assertThat(prod.resources(USER)).extracting(user -> user.name()).containsExactlyInAnyOrder(
                    "kafka-user-api", "kafka-user-adeline", "kafka-user-agents", "kafka-user-vectordb-api");
            prod.resource(USER, "kafka-user-api")
                    .hasInput("metadata.name", "api")
                    .hasInput("metadata.namespace", "kura-kafka")
                    .hasInputLike("metadata.labels", Map.of("strimzi.io/cluster", "kura-kafka"))
                    .hasInput("spec.authorization", Map.of("type", "simple", "acls", List.of(
                            topicRule("holistic.mood-entries.v1", "Write"),
                            topicRule("holistic.journal-entries.v1", "Write"),
                            topicRule("users.profiles.v1", "Write"),
                            topicRule("agents.recommendations.v1", "Read"),
                            topicRule("inference.detections.v1", "Read"),
                            topicRule("dlq.api", "Write"),
                            groupRule("api"))))
                    .dependsOn("kafka-cluster");
            prod.resource(USER, "kafka-user-adeline").hasInput("spec.authorization.acls", List.of(
                    topicRule("inference.detections.v1", "Write")));
            prod.resource(USER, "kafka-user-agents").hasInput("spec.authorization.acls", List.of(
                    topicRule("holistic.mood-entries.v1", "Read"),
                    topicRule("holistic.journal-entries.v1", "Read"),
                    topicRule("users.profiles.v1", "Read"),
                    topicRule("agents.recommendations.v1", "Write"),
                    topicRule("dlq.agents", "Write"),
                    groupRule("agents")));
            prod.resource(USER, "kafka-user-vectordb-api").hasInput("spec.authorization.acls", List.of(
                    topicRule("holistic.mood-entries.v1", "Read"),
                    topicRule("holistic.journal-entries.v1", "Read"),
                    topicRule("users.profiles.v1", "Read"),
                    topicRule("dlq.vectordb-api", "Write"),
                    groupRule("vectordb-api")));
        }

        @Test
        void leavesTheCertificatesOfServicesItDoesNotRunToTheUserOperator() {
            prod.resource(USER, "kafka-user-api").hasInput("spec.authentication", Map.of("type", "tls-external"));
            prod.resource(USER, "kafka-user-adeline").hasInput("spec.authentication", Map.of("type", "tls-external"));
            prod.resource(USER, "kafka-user-agents").hasInput("spec.authentication", Map.of("type", "tls"));
            prod.resource(USER, "kafka-user-vectordb-api").hasInput("spec.authentication", Map.of("type", "tls"));
        }

        @Test
        void keepsKafkasOwnTopicsAsSafeAsThreeBrokersAllowAndCreatesNoTopicByItself() {
            prod.resource(KAFKA, "kafka-cluster").hasInput("spec.kafka.config", Map.of(
                    "default.replication.factor", 3,
                    "min.insync.replicas", 2,
                    "offsets.topic.replication.factor", 3,
                    "transaction.state.log.replication.factor", 3,
                    "transaction.state.log.min.isr", 2,
                    "auto.create.topics.enable", false));
        }

        @Test
        void runsThreeDualRoleNodesOnRetainedPremiumDisksSpreadOverZones() {
            prod.hasResourceCount(NODE_POOL, 1);
            prod.resource(NODE_POOL, "kafka-node-pool")
                    .hasInput("metadata.name", "dual-role")
                    .hasInput("metadata.namespace", "kura-kafka")
                    .hasInput("metadata.labels", labels("3.9.0", Map.of("strimzi.io/cluster", "kura-kafka")))
                    .hasInput("spec.replicas", 3)
                    .hasInput("spec.roles", List.of("controller", "broker"))
                    .hasInput("spec.storage", Map.of("type", "jbod", "volumes", List.of(Map.of(
                            "id", 0,
                            "type", "persistent-claim",
                            "size", "100Gi",
                            "class", "premium-rwo",
                            "deleteClaim", false,
                            "kraftMetadata", "shared"))))
                    .hasInput("spec.resources", Map.of(
                            "requests", Map.of("cpu", "2", "memory", "8Gi"),
                            "limits", Map.of("cpu", "2", "memory", "8Gi")))
                    .hasInput("spec.template.pod.topologySpreadConstraints", List.of(Map.of(
                            "maxSkew", 1,
                            "topologyKey", "topology.kubernetes.io/zone",
                            "whenUnsatisfiable", "DoNotSchedule",
                            "labelSelector", Map.of("matchLabels", Map.of(
                                    "strimzi.io/cluster", "kura-kafka", "strimzi.io/pool-name", "dual-role")))));
        }

        @Test
        void keepsOneTopicPerCatalogueEntryAndOneDeadLetterTopicPerConsumer() {
            var catalogue = TopicCatalogue.bundled().resolve(3, 3, "kura-infra:messaging.kafka.brokers");
            var topics = prod.resources(TOPIC);

            assertThat(catalogue.errors()).isEmpty();
            assertThat(topics).extracting(ResourceAssert::name).containsExactlyInAnyOrderElementsOf(
                    TOPICS.stream().map(topic -> "kafka-topic-" + topic).toList());
            assertThat(catalogue.topics()).extracting(KafkaSettings.Topic::name)
                    .containsExactlyInAnyOrderElementsOf(TOPICS);
            for (var topic : topics) {
                var name = topic.name().substring("kafka-topic-".length());
                topic.hasInput("metadata.name", name)
                        .hasInput("metadata.namespace", "kura-kafka")
                        .hasInput("metadata.labels", labels("3.9.0", Map.of("strimzi.io/cluster", "kura-kafka")))
                        .hasInput("spec.topicName", name)
                        .hasParent("kafka")
                        .isProtected()
                        .dependsOn("kafka-cluster");
            }
        }

        @Test
        void givesATopicItsPartitionsReplicasAndConfigAsStrings() {
            prod.resource(TOPIC, "kafka-topic-holistic.mood-entries.v1")
                    .hasInput("metadata.annotations", Map.of("kura.ai/description", "Mood entries created, edited or"
                            + " deleted in the app (MoodCreatedEvent and its siblings), keyed by user"))
                    .hasInput("spec", Map.of(
                            "topicName", "holistic.mood-entries.v1",
                            "partitions", 6,
                            "replicas", 3,
                            "config", Map.of(
                                    "retention.ms", "604800000",
                                    "cleanup.policy", "delete",
                                    "min.insync.replicas", "2")));
            prod.resource(TOPIC, "kafka-topic-users.profiles.v1")
                    .hasInput("spec.partitions", 3)
                    .hasInput("spec.config", Map.of(
                            "retention.ms", "-1", "cleanup.policy", "compact", "min.insync.replicas", "2"));
            var deadLetters = prod.resource(TOPIC, "kafka-topic-dlq.api")
                    .hasInput("metadata.annotations", Map.of("kura.ai/description",
                            "Messages api could not process, kept for inspection and replay"))
                    .hasInput("spec.partitions", 3);
            assertThat(deadLetters.input("spec.config").path("retention.ms").asText()).isEqualTo("2592000000");
        }

        @Test
        void reservesAnInternalAddressForTheBootstrapAndOneForEachBroker() {
            prod.hasResourceCount(ADDRESS, 3 + 1);
            for (var name : List.of("kura-kafka-bootstrap", "kura-kafka-broker-0", "kura-kafka-broker-1",
                    "kura-kafka-broker-2")) {
                prod.resource(ADDRESS, name)
                        .hasInput("name", name)
                        .hasInput("addressType", "INTERNAL")
                        .hasInput("subnetwork", "${kura-subnet.id}")
                        .hasInput("region", "europe-southwest1")
                        .hasInput("project", "kura-os")
                        .hasParent("kafka")
                        .isNotProtected();
            }
        }

        @Test
        void issuesTheListenerCertificateFromTheStacksOwnCaForEveryNameAndAddress() {
            // With the clients CA's key and the keys of the two clients the program runs.
            prod.hasResourceCount(PRIVATE_KEY, 5);
            for (var key : List.of("kafka-ca-key", "kafka-listener-key", "kafka-clients-ca-key", "kafka-client-api-key",
                    "kafka-client-adeline-key")) {
                prod.resource(PRIVATE_KEY, key).hasInput("algorithm", "ECDSA").hasInput("ecdsaCurve", "P256");
            }
            prod.resource(SELF_SIGNED_CERT, "kafka-ca")
                    .hasInput("subject", Map.of("commonName", "Kura Kafka CA (prod)", "organization", "Kura"))
                    .hasInput("isCaCertificate", true)
                    .hasInput("allowedUses", List.of("cert_signing", "crl_signing", "digital_signature"))
                    .hasInput("validityPeriodHours", 87600)
                    .hasInput("earlyRenewalHours", 720)
                    .hasInput("privateKeyPem", "[secret ← kafka-ca-key.privateKeyPem]");
            prod.resource(CERT_REQUEST, "kafka-listener-request")
                    .hasInput("subject", Map.of("commonName", "kura-kafka", "organization", "Kura"))
                    .hasInput("dnsNames", List.of(
                            "kura-kafka-kafka-bootstrap",
                            "kura-kafka-kafka-bootstrap.kura-kafka",
                            "kura-kafka-kafka-bootstrap.kura-kafka.svc",
                            "kura-kafka-kafka-bootstrap.kura-kafka.svc.cluster.local",
                            "*.kura-kafka-kafka-brokers.kura-kafka.svc",
                            "*.kura-kafka-kafka-brokers.kura-kafka.svc.cluster.local"))
                    .hasInput("ipAddresses", List.of("${kura-kafka-bootstrap.address}",
                            "${kura-kafka-broker-0.address}", "${kura-kafka-broker-1.address}",
                            "${kura-kafka-broker-2.address}"))
                    .hasInput("privateKeyPem", "[secret ← kafka-listener-key.privateKeyPem]");
            prod.resource(LOCALLY_SIGNED_CERT, "kafka-listener-certificate")
                    .hasInput("certRequestPem", "${kafka-listener-request.certRequestPem}")
                    .hasInput("caCertPem", "${kafka-ca.certPem}")
                    .hasInput("caPrivateKeyPem", "[secret ← kafka-ca-key.privateKeyPem]")
                    .hasInput("allowedUses", List.of("digital_signature", "key_encipherment", "server_auth"))
                    .hasInput("validityPeriodHours", 8760)
                    .hasInput("earlyRenewalHours", 720);
        }

        @Test
        void keepsTheListenerKeyInAKubernetesTlsSecretThatThePlanNeverShows() {
            prod.resource(SECRET, "kafka-listener-tls")
                    .hasInput("type", "kubernetes.io/tls")
                    .hasInput("metadata.name", "kura-kafka-listener-tls")
                    .hasInput("metadata.namespace", "kura-kafka")
                    .hasInput("stringData", "[secret ← kafka-ca.certPem, kafka-listener-certificate.certPem,"
                            + " kafka-listener-key.privateKeyPemPkcs8]")
                    .dependsOn("kafka-namespace");
            assertThat(prod.rendered()).doesNotContain("PRIVATE KEY", "${kafka-listener-key.privateKeyPem");
        }

        @Test
        void createsTheKafkaAfterTheOperatorAndItsSecretsAsStrimziRefusesItWithoutAClientsCaAndTheTopicsAfter() {
            prod.resource(KAFKA, "kafka-cluster").dependsOn("strimzi-operator", "kafka-listener-tls",
                    "kafka-clients-ca-cert-secret", "kafka-clients-ca-key-secret");
            prod.resource(NODE_POOL, "kafka-node-pool").dependsOn("strimzi-operator");
            prod.resource(TOPIC, "kafka-topic-inference.detections.v1").dependsOn("kafka-cluster");
        }

        @Test
        void parentsEveryChild() {
            // Namespaces, operator, Kafka, node pool, listener secret, topics, addresses, listener CA and certificate,
            // the monitoring; the clients CA (key, certificate, two secrets), two clients' key, request and
            // certificate, four users.
            assertThat(prod.childrenOf("kafka")).hasSize(2 + 1 + 1 + 1 + 1 + TOPICS.size() + 4 + 5 + 1
                    + 4 + 2 * 3 + 4);
        }

        @Test
        void protectsOnlyWhatHoldsMessages() {
            var kept = new ArrayList<>(List.of("kafka-namespace", "kafka-cluster", "kafka-node-pool"));
            TOPICS.forEach(topic -> kept.add("kafka-topic-" + topic));
            assertThat(prod.childrenOf("kafka")).filteredOn(child -> child.protect())
                    .extracting(child -> child.name()).containsExactlyInAnyOrderElementsOf(kept);
        }

        @Test
        void kafkaListenerCertificateIsNotProtectedSoItsRenewalCanReplaceIt() {
            prod.resource("tls:index/locallySignedCert:LocallySignedCert", "kafka-listener-certificate").isNotProtected();
            prod.resource(CERT_REQUEST, "kafka-listener-request").isNotProtected();
            prod.resource(PRIVATE_KEY, "kafka-listener-key").isNotProtected();
            prod.resource(SECRET, "kafka-listener-tls").isNotProtected();
        }

        @Test
        void kafkaCaIsNotProtectedSoItsRenewalCanReplaceIt() {
            prod.resource(SELF_SIGNED_CERT, "kafka-ca").isNotProtected();
            prod.resource(PRIVATE_KEY, "kafka-ca-key").isNotProtected();
            prod.resource(SELF_SIGNED_CERT, "kafka-clients-ca").isNotProtected();
            prod.resource(LOCALLY_SIGNED_CERT, "kafka-client-api-certificate").isNotProtected();
        }

        @Test
        void keepsEveryClientKeyOutOfThePlan() {
            prod.resource(SECRET, "kafka-clients-ca-key-secret")
                    .hasInput("stringData", "[secret ← kafka-clients-ca-key.privateKeyPemPkcs8]");
            assertThat(prod.rendered()).doesNotContain("PRIVATE KEY", "${kafka-clients-ca-key.privateKeyPem",
                    "${kafka-client-api-key.privateKeyPem", "${kafka-client-adeline-key.privateKeyPem");
        }

        @Test
        void exportsTheVpcBootstrapTheInClusterBootstrapAndTheCa() {
            var component = prod.resource(Kafka.TYPE, "kafka");

            assertThat(component.output("bootstrapServers").asText()).isEqualTo("${kura-kafka-bootstrap.address}:9094");
            assertThat(component.output("internalBootstrapServers").asText())
                    .isEqualTo("kura-kafka-kafka-bootstrap.kura-kafka.svc:9093");
            assertThat(component.output("caCertificate").asText()).isEqualTo("${kafka-ca.certPem}");
            assertThat(prod.output("kafkaBootstrapServers").asText()).isEqualTo("${kura-kafka-bootstrap.address}:9094");
            assertThat(prod.output("kafkaCaCertificate").asText()).isEqualTo("${kafka-ca.certPem}");
            assertThat(prod.output("messagingBackend").asText()).isEqualTo("kafka");
        }
    }

    @Nested
    class Staging {
        private final SynthesizedStack staging = SynthesizedStack.of("staging");

        @Test
        void issuesOnlyTheBackendsCertificateWhileTheStackRunsNoInference() {
            staging.resource(CERT_REQUEST, "kafka-client-api-request").hasInput("subject", Map.of("commonName", "api"));
            assertThat(staging.resources(CERT_REQUEST)).extracting(request -> request.name())
                    .containsExactlyInAnyOrder("kafka-listener-request", "kafka-client-api-request");
            staging.resource(USER, "kafka-user-adeline").hasInput("spec.authentication", Map.of("type", "tls"));
            staging.resource(USER, "kafka-user-api").hasInput("spec.authentication", Map.of("type", "tls-external"));
        }

        @Test
        void runsOneBrokerWithTheReplicationOneBrokerCanKeep() {
            staging.resource(KAFKA, "kafka-cluster").hasInput("spec.kafka.config", Map.of(
                    "default.replication.factor", 1,
                    "min.insync.replicas", 1,
                    "offsets.topic.replication.factor", 1,
                    "transaction.state.log.replication.factor", 1,
                    "transaction.state.log.min.isr", 1,
                    "auto.create.topics.enable", false));
            staging.resource(NODE_POOL, "kafka-node-pool")
                    .hasInput("spec.replicas", 1)
                    .hasInput("spec.storage.volumes[0].size", "20Gi")
                    .hasInput("spec.storage.volumes[0].class", "standard-rwo")
                    .hasInput("spec.resources.requests", Map.of("cpu", "500m", "memory", "2Gi"));
            for (var topic : staging.resources(TOPIC)) {
                topic.hasInput("spec.replicas", 1);
                assertThat(topic.input("spec.config").path("min.insync.replicas").asText()).as(topic.name())
                        .isEqualTo("1");
            }
            staging.hasResourceCount(TOPIC, TOPICS.size());
        }

        @Test
        void reservesAddressesForTheBootstrapAndItsOneBroker() {
            staging.hasResourceCount(ADDRESS, 1 + 1);
            var vpc = staging.resource(KAFKA, "kafka-cluster")
                    .hasInput("spec.kafka.listeners[1].configuration.loadBalancerSourceRanges", List.of("10.20.0.0/20"))
                    .hasInput("spec.kafka.listeners[1].configuration.brokers", List.of(Map.of("broker", 0,
                            "loadBalancerIP", "${kura-kafka-broker-0.address}", "annotations", INTERNAL_LB)));
            vpc.hasInput("spec.kafka.listeners[1].configuration.bootstrap.loadBalancerIP",
                    "${kura-kafka-bootstrap.address}");
            staging.resource(SELF_SIGNED_CERT, "kafka-ca").hasInput("subject.commonName", "Kura Kafka CA (staging)");
        }

        @Test
        void exportsTheBootstrapEvenThoughTheBackendStillPublishesThroughCelery() {
            assertThat(staging.output("messagingBackend").asText()).isEqualTo("celery");
            assertThat(staging.output("kafkaBootstrapServers").asText())
                    .isEqualTo("${kura-kafka-bootstrap.address}:9094");
        }
    }

    @Test
    void devRunsNoKafka() {
        var dev = SynthesizedStack.of("dev");

        assertThat(dev.plan().resources()).extracting(PlannedResource::type)
                .doesNotContain(Kafka.TYPE, RELEASE, KAFKA, NODE_POOL, TOPIC, ADDRESS, SECRET, PRIVATE_KEY);
        assertThat(dev.json().path("outputs").has("kafkaBootstrapServers")).isFalse();
        assertThat(dev.json().path("outputs").has("kafkaCaCertificate")).isFalse();
    }

    @Nested
    class Specs {

        @ParameterizedTest
        @CsvSource({"3.9.0, 3.9-IV0", "3.8.1, 3.8-IV0", "3.8.0, 3.8-IV0", "4.0.12, 4.0-IV0"})
        void runsTheMetadataVersionOfTheKafkaMinorRelease(String version, String metadataVersion) {
            assertThat(StrimziSpecs.metadataVersion(version)).isEqualTo(metadataVersion);
        }

        @Test
        void hasAMetadataVersionForEverySupportedKafkaVersion() {
            assertThat(KafkaSettings.SUPPORTED_VERSIONS).allSatisfy(version ->
                    assertThat(StrimziSpecs.metadataVersion(version)).matches("3\\.[89]-IV0"));
        }

        @ParameterizedTest
        @CsvSource({"1, 1", "2, 1", "3, 2"})
        void replicatesKafkasOwnTopicsAsTheEnvironmentsAndNeedsAllButOneInSync(int replicas, int minInsync) {
            assertThat(StrimziSpecs.brokerConfig(replicas)).containsExactly(
                    entry("default.replication.factor", replicas),
                    entry("min.insync.replicas", minInsync),
                    entry("offsets.topic.replication.factor", replicas),
                    entry("transaction.state.log.replication.factor", replicas),
                    entry("transaction.state.log.min.isr", minInsync),
                    entry("auto.create.topics.enable", false));
        }

        @Test
        @SuppressWarnings("unchecked")
        void givesEachBrokerTheAddressAfterTheBootstraps() {
            var spec = StrimziSpecs.kafka(settings(2), List.of("10.0.0.10", "10.0.0.11", "10.0.0.12"), "10.0.0.0/20");

            var kafka = (Map<String, Object>) spec.get("kafka");
            var vpc = ((List<Map<String, Object>>) kafka.get("listeners")).get(1);
            var configuration = (Map<String, Object>) vpc.get("configuration");
            assertThat(configuration.get("bootstrap")).isEqualTo(Map.of("loadBalancerIP", "10.0.0.10",
                    "annotations", INTERNAL_LB));
            assertThat(configuration.get("brokers")).isEqualTo(List.of(
                    Map.of("broker", 0, "loadBalancerIP", "10.0.0.11", "annotations", INTERNAL_LB),
                    Map.of("broker", 1, "loadBalancerIP", "10.0.0.12", "annotations", INTERNAL_LB)));
            assertThat(configuration.get("loadBalancerSourceRanges")).isEqualTo(List.of("10.0.0.0/20"));
            assertThat(kafka.get("config")).isEqualTo(StrimziSpecs.brokerConfig(2));
        }

        @Test
        @SuppressWarnings("unchecked")
        void sizesTheNodePoolFromTheSettings() {
            var pool = StrimziSpecs.nodePool(settings(2));

            assertThat(pool.get("replicas")).isEqualTo(2);
            var storage = (Map<String, Object>) pool.get("storage");
            var volume = ((List<Map<String, Object>>) storage.get("volumes")).get(0);
            assertThat(volume).containsEntry("size", "50Gi").containsEntry("class", "standard-rwo")
                    .containsEntry("deleteClaim", false);
            assertThat(pool.get("resources")).isEqualTo(Map.of(
                    "requests", Map.of("cpu", "1", "memory", "4Gi"), "limits", Map.of("cpu", "1", "memory", "4Gi")));
        }

        @Test
        void writesATopicsConfigAsTheStringsKafkaTakes() {
            var topic = new KafkaSettings.Topic("users.profiles.v1", "profiles", 3, 2, 1, -1, "compact",
                    Optional.empty(), List.of("api"), List.of("agents"));

            assertThat(StrimziSpecs.topic(topic)).isEqualTo(Map.of(
                    "topicName", "users.profiles.v1",
                    "partitions", 3,
                    "replicas", 2,
                    "config", Map.of("retention.ms", "-1", "cleanup.policy", "compact", "min.insync.replicas", "1")));
        }
    }
}
