package ai.kuraos.infra.messaging;

import com.pulumi.core.Output;

/**
 * A service's client certificate for Kafka's mTLS listeners, signed by the stack's clients CA with the subject
 * {@code CN=<service>} (its KafkaUser), and its private key (a secret output, PKCS #8 PEM).
 */
public record KafkaClientCertificate(Output<String> certificate, Output<String> privateKey) {
}
