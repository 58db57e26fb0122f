package ai.kuraos.infra.messaging;

import com.pulumi.core.Output;

/**
 * Where a client reaches Kafka from the VPC, the CA its listener certificates chain to (public, not a secret), and
 * the client's own certificate for the listeners' mTLS.
 */
public record KafkaEndpoint(Output<String> bootstrapServers, Output<String> caCertificate,
                            KafkaClientCertificate client) {
}
