package ai.kuraos.infra.messaging;


import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The specs of the Strimzi resources (kafka.strimzi.io/v1beta2) for a stack's Kafka settings: what the Kafka
 * component declares, decided here so that tests read them without an engine.
 */
public final class StrimziSpecs {

    public static final String API_VERSION = "kafka.strimzi.io/v1beta2";
    public static final String ZONE_KEY = "topology.kubernetes.io/zone";
    private static final Map<String, String> INTERNAL_LOAD_BALANCER = Map.of("networking.gke.io/load-balancer-type", "Internal");
    private static final Map<String, Object> LISTENER_CERTIFICATE = Map.of(
            "secretName", KafkaNames.LISTENER_CERTIFICATE_SECRET, "certificate", "tls.crt", "key", "tls.key");
    private static final Map<String, Object> OPERATOR_SIDECAR_RESOURCES = resources("250m", "512Mi");
    /** Every client proves who it is with a certificate from the clients CA; its KafkaUser says what it may do. */
    private static final Map<String, Object> CLIENT_AUTHENTICATION = Map.of("type", "tls");

    private StrimziSpecs() {
    }

    /**
     * The Kafka resource: KRaft, two TLS listeners with the stack's certificate (in-cluster on
     * {@value KafkaNames#TLS_PORT}, the VPC through internal load balancers on {@value KafkaNames#VPC_PORT}), both
     * requiring a client certificate from the stack's clients CA (which the program provides, so that it can sign the
     * certificates of the clients it runs itself), simple authorization by the KafkaUsers' ACLs, replicas spread over
     * zones, the topic and user operators. Strimzi makes its own components super users; no one else is.
     *
     * @param addresses the reserved internal addresses, the bootstrap's then one a broker: each a text or, in the
     *                  program, the output that will hold it
     * @param vpcCidr   the subnet the VPC clients (Cloud Run, the nodes) come from
     */
    public static Map<String, Object> kafka(KafkaSettings settings, List<?> addresses, String vpcCidr) {
        var brokers = new ArrayList<Map<String, Object>>();
        for (int node = 0; node < settings.brokers(); node++) {
            brokers.add(Map.of("broker", node, "loadBalancerIP", addresses.get(node + 1),
                    "annotations", INTERNAL_LOAD_BALANCER));
        }
        var inCluster = new LinkedHashMap<String, Object>();
        inCluster.put("name", "tls");
        inCluster.put("port", KafkaNames.TLS_PORT);
        inCluster.put("type", "internal");
        inCluster.put("tls", true);
        inCluster.put("authentication", CLIENT_AUTHENTICATION);
        inCluster.put("configuration", Map.of("brokerCertChainAndKey", LISTENER_CERTIFICATE));
        inCluster.put("networkPolicyPeers", List.of(Map.of("namespaceSelector",
                Map.of("matchLabels", Map.of(KafkaNames.CLIENT_NAMESPACE_LABEL, "true")))));
        var vpc = new LinkedHashMap<String, Object>();
        vpc.put("name", "vpc");
        vpc.put("port", KafkaNames.VPC_PORT);
        vpc.put("type", "loadbalancer");
        vpc.put("tls", true);
        vpc.put("authentication", CLIENT_AUTHENTICATION);
        vpc.put("configuration", Map.of(
                "brokerCertChainAndKey", LISTENER_CERTIFICATE,
                "loadBalancerSourceRanges", List.of(vpcCidr),
                "bootstrap", Map.of("loadBalancerIP", addresses.get(0), "annotations", INTERNAL_LOAD_BALANCER),
                "brokers", brokers));
        vpc.put("networkPolicyPeers", List.of(Map.of("ipBlock", Map.of("cidr", vpcCidr))));

        var kafka = new LinkedHashMap<String, Object>();
        kafka.put("version", settings.version());
        kafka.put("metadataVersion", metadataVersion(settings.version()));
        kafka.put("listeners", List.of(inCluster, vpc));
        kafka.put("authorization", Map.of("type", "simple"));
        kafka.put("config", brokerConfig(settings.replication()));
        kafka.put("rack", Map.of("topologyKey", ZONE_KEY));
        return Map.of(
                "kafka", kafka,
                // The secrets KafkaNames.CLIENTS_CA_CERT_SECRET and CLIENTS_CA_KEY_SECRET hold it; Strimzi refuses to
                // reconcile the cluster until both exist, and neither renews nor replaces them.
                "clientsCa", Map.of("generateCertificateAuthority", false),
                "entityOperator", Map.of(
                        "topicOperator", Map.of("resources", OPERATOR_SIDECAR_RESOURCES),
                        "userOperator", Map.of("resources", OPERATOR_SIDECAR_RESOURCES)),
                // Consumer lag for the alerts and the dashboard, scraped by Managed Prometheus.
                "kafkaExporter", Map.of("topicRegex", ".*", "groupRegex", ".*", "resources", OPERATOR_SIDECAR_RESOURCES));
    }

    /** Nodes that are both KRaft controller and broker, one a zone as far as they go, on their own disks. */
    public static Map<String, Object> nodePool(KafkaSettings settings) {
        var volume = new LinkedHashMap<String, Object>();
        volume.put("id", 0);
        volume.put("type", "persistent-claim");
        volume.put("size", settings.storageGb() + "Gi");
        volume.put("class", settings.storageClass());
        // Deleting the Kafka resource must not delete the data with it.
        volume.put("deleteClaim", false);
        volume.put("kraftMetadata", "shared");
        return Map.of(
                "replicas", settings.brokers(),
                "roles", List.of("controller", "broker"),
                "storage", Map.of("type", "jbod", "volumes", List.of(volume)),
                "resources", resources(settings.cpu(), settings.memory()),
                "template", Map.of("pod", Map.of("topologySpreadConstraints", List.of(Map.of(
                        "maxSkew", 1,
                        "topologyKey", ZONE_KEY,
                        "whenUnsatisfiable", "DoNotSchedule",
                        "labelSelector", Map.of("matchLabels", Map.of(
                                "strimzi.io/cluster", KafkaNames.CLUSTER,
                                "strimzi.io/pool-name", KafkaNames.NODE_POOL)))))));
    }

    /**
     * A service's KafkaUser: its ACLs from the catalogue, and mTLS as its user {@code CN=<service>}. With
     * {@code certificateIssuedHere} the program issues the certificate (signed by the clients CA) and delivers it
     * where the service runs ({@code tls-external}); otherwise the user operator issues it into the Secret
     * {@code <service>} of {@value KafkaNames#NAMESPACE} and renews it ({@code tls}).
     */
    public static Map<String, Object> user(String service, List<KafkaSettings.Topic> topics,
                                           boolean certificateIssuedHere) {
        return Map.of(
                "authentication", Map.of("type", certificateIssuedHere ? "tls-external" : "tls"),
                "authorization", Map.of("type", "simple", "acls", KafkaAcls.of(service, topics)));
    }

    public static Map<String, Object> topic(KafkaSettings.Topic topic) {
        return Map.of(
                "topicName", topic.name(),
                "partitions", topic.partitions(),
                "replicas", topic.replicas(),
                "config", Map.of(
                        "retention.ms", String.valueOf(topic.retentionMs()),
                        "cleanup.policy", topic.cleanupPolicy(),
                        "min.insync.replicas", String.valueOf(topic.minInsyncReplicas())));
    }

    /** Kafka's own topics as safe as the catalogue's, and no topic that is not in the catalogue. */
    public static Map<String, Object> brokerConfig(int replicas) {
        var minInsync = KafkaSettings.defaultMinInsyncReplicas(replicas);
        var config = new LinkedHashMap<String, Object>();
        config.put("default.replication.factor", replicas);
        config.put("min.insync.replicas", minInsync);
        config.put("offsets.topic.replication.factor", replicas);
        config.put("transaction.state.log.replication.factor", replicas);
        config.put("transaction.state.log.min.isr", minInsync);
        config.put("auto.create.topics.enable", false);
        return config;
    }

    /** {@code 3.9.0} runs metadata version {@code 3.9-IV0}. */
    public static String metadataVersion(String kafkaVersion) {
        return kafkaVersion.substring(0, kafkaVersion.lastIndexOf('.')) + "-IV0";
    }

    /** Autopilot bills requests and sets limits to them, so both are stated. */
    static Map<String, Object> resources(String cpu, String memory) {
        var amounts = Map.of("cpu", cpu, "memory", memory);
        return Map.of("requests", amounts, "limits", amounts);
    }
}
