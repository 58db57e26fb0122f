package ai.kuraos.infra.config;

import java.util.Optional;

/**
 * How the backend publishes events ({@code MESSAGING_BACKEND}) and, when it runs, the Kafka cluster. Kafka can run
 * while the backend uses Celery: switching back and forth is then one configuration change and one update.
 */
public record MessagingSettings(MessagingBackend backend, Optional<KafkaSettings> kafka) {
}
