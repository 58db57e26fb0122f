package ai.kuraos.infra.messaging;

import ai.kuraos.infra.config.ConfigReader;
import ai.kuraos.infra.config.ConfigSection;
import ai.kuraos.infra.config.Environment;

import java.util.Optional;

/**
 * How the backend publishes events ({@code MESSAGING_BACKEND}), the Celery broker (always there) and, when it runs, the
 * Kafka cluster. Kafka can run while the backend uses Celery: switching back and forth is then one configuration
 * change and one update.
 */
public record MessagingSettings(MessagingBackend backend, CeleryBrokerSettings celery, Optional<KafkaSettings> kafka,
                                KafkaCertificateSettings kafkaCertificates) {

    /** The {@code messaging} section, with its Kafka cluster's topics resolved from {@code catalogue}. */
    public static MessagingSettings read(ConfigSection section, Environment environment, TopicCatalogue catalogue,
                                         ConfigReader config) {
        var backendValue = section.value("backend", "`MESSAGING_BACKEND` of the backend. `kafka` needs"
                + " `messaging.kafka.enabled`. See docs/operations.md, \"Switching the messaging backend\".");
        var backend = backendValue.choice(MessagingBackend.CELERY, MessagingBackend.class);
        var celery = CeleryBrokerSettings.read(section.section("celery", "The Celery broker `kura-celery-broker`, a"
                + " Memorystore instance of its own that never evicts (`noeviction`). It exists whatever the backend:"
                + " Celery runs the batch jobs beside Kafka, and is the rollback."), environment, config);
        var kafkaSection = section.section("kafka", "The Kafka cluster `kura-kafka` (Strimzi 0.45.0, KRaft) on the"
                + " stack's GKE cluster.");
        var kafka = KafkaSettings.read(kafkaSection, environment, catalogue, config);
        var kafkaCertificates = KafkaCertificateSettings.read(kafkaSection.section("tls", "The listeners' TLS: the"
                + " stack's own CA and the certificate it signs (tls provider)."), config);
        if (backend == MessagingBackend.KAFKA && kafka.isEmpty()) {
            config.reject(backendValue.key(), "got \"kafka\", but " + kafkaSection.keyOf("enabled")
                    + " is false: there is no Kafka cluster to publish to. Enable it, or choose celery or disabled");
        }
        return new MessagingSettings(backend, celery, kafka, kafkaCertificates);
    }
}
