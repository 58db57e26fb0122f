package ai.kuraos.infra.messaging;

import java.util.List;

/**
 * Names and ports of the Kafka cluster, as Strimzi derives them from the Kafka resource's name: a contract with the
 * clients (the backend, the inference workload) and with the listener certificate, which must name every address.
 */
public final class KafkaNames {

    public static final String CLUSTER = "kura-kafka";
    public static final String NAMESPACE = "kura-kafka";
    public static final String OPERATOR_NAMESPACE = "strimzi";
    public static final String NODE_POOL = "dual-role";
    /** In-cluster clients: TLS with the stack's Kafka CA. */
    public static final int TLS_PORT = 9093;
    /** Clients in the VPC (Cloud Run): TLS through an internal load balancer. */
    public static final int VPC_PORT = 9094;
    public static final String LISTENER_CERTIFICATE_SECRET = "kura-kafka-listener-tls";
    /** Strimzi's names for a clients CA it does not generate: the certificate ({@code ca.crt}) and key ({@code ca.key}). */
    public static final String CLIENTS_CA_CERT_SECRET = CLUSTER + "-clients-ca-cert";
    public static final String CLIENTS_CA_KEY_SECRET = CLUSTER + "-clients-ca";
    /** The backend's name in the topic catalogue: its KafkaUser, certificate subject and consumer group. */
    public static final String BACKEND_SERVICE = "api";
    /** The inference workload's name in the topic catalogue. */
    public static final String INFERENCE_SERVICE = "adeline";
    /** Namespaces with this label may open connections to the in-cluster listener. */
    public static final String CLIENT_NAMESPACE_LABEL = "kura.ai/kafka-client";

    private KafkaNames() {
    }

    /** e.g. {@code kura-kafka-kafka-bootstrap.kura-kafka.svc:9093} */
    public static String internalBootstrap() {
        return bootstrapService() + "." + NAMESPACE + ".svc:" + TLS_PORT;
    }

    /** The DNS names in-cluster clients reach the bootstrap service and each broker pod by. */
    public static List<String> internalDnsNames() {
        var bootstrap = bootstrapService();
        var brokers = CLUSTER + "-kafka-brokers";
        return List.of(
                bootstrap,
                bootstrap + "." + NAMESPACE,
                bootstrap + "." + NAMESPACE + ".svc",
                bootstrap + "." + NAMESPACE + ".svc.cluster.local",
                "*." + brokers + "." + NAMESPACE + ".svc",
                "*." + brokers + "." + NAMESPACE + ".svc.cluster.local");
    }

    /** The reserved internal address of the bootstrap load balancer, then one a broker. */
    public static List<String> addressNames(int brokers) {
        var names = new java.util.ArrayList<String>();
        names.add("kura-kafka-bootstrap");
        for (int node = 0; node < brokers; node++) {
            names.add("kura-kafka-broker-" + node);
        }
        return names;
    }

    private static String bootstrapService() {
        return CLUSTER + "-kafka-bootstrap";
    }
}
