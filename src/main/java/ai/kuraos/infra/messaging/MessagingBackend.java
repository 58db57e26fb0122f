package ai.kuraos.infra.messaging;

/** Where the backend publishes events ({@code MESSAGING_BACKEND}): the seeds' switch between Kafka and Celery on Redis. */
public enum MessagingBackend {
    KAFKA, CELERY, DISABLED;

    public String id() {
        return name().toLowerCase();
    }
}
