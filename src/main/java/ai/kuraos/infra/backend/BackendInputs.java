package ai.kuraos.infra.backend;

import ai.kuraos.infra.data.RedisEndpoint;
import ai.kuraos.infra.data.SecretCatalogue.Reader;
import ai.kuraos.infra.messaging.KafkaEndpoint;
import ai.kuraos.infra.messaging.MessagingBackend;
import com.pulumi.core.Output;
import com.pulumi.resources.Resource;

import java.util.Map;
import java.util.Optional;

/**
 * What the backend is wired to, as values: the Cloud SQL instance it connects to over the socket, Memorystore, the
 * backups bucket, how it publishes events, the Celery broker (and Kafka's endpoint while Kafka runs), and, by identity, the grant that
 * lets it connect to Cloud SQL, which its first instances wait for.
 */
public record BackendInputs(
        Output<String> databaseConnectionName,
        RedisEndpoint redis,
        Output<String> backupsBucket,
        MessagingBackend messaging,
        RedisEndpoint celeryBroker,
        Optional<KafkaEndpoint> kafka,
        Map<Reader, Resource> databaseAccess) {

    public BackendInputs {
        databaseAccess = Map.copyOf(databaseAccess);
    }
}
