package ai.kuraos.infra.messaging;

import com.pulumi.core.Output;

/** Where a client in the VPC reaches Kafka, and the CA its listener certificates chain to (public, not a secret). */
public record KafkaEndpoint(Output<String> bootstrapServers, Output<String> caCertificate) {
}
