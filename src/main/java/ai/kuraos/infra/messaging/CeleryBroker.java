package ai.kuraos.infra.messaging;

import ai.kuraos.infra.config.Target;
import ai.kuraos.infra.data.MemorystoreRedis;
import ai.kuraos.infra.platform.Foundation;

/**
 * {@code kura:messaging:CeleryBroker}: the Memorystore instance Celery's tasks queue in, {@code noeviction}. It runs
 * whatever {@code MESSAGING_BACKEND} says: Celery's workers and scheduler run the batch jobs with Kafka too, and the
 * rollback to {@code celery} is then one configuration change.
 */
public final class CeleryBroker {

    public static final String TYPE = "kura:messaging:CeleryBroker";
    public static final String INSTANCE = "kura-celery-broker";

    private CeleryBroker() {
    }

    public static MemorystoreRedis declare(String name, Target target, CeleryBrokerSettings settings,
                                           Foundation foundation) {
        // Protected: a queued task exists nowhere else, and a replacement (a tier change) starts empty. Resizes and
        // redisConfigs are updates in place (google_redis_instance v5.0.0: only tier, name, network, connect mode,
        // range, encryption, location, CMEK and project force a new instance).
        return new MemorystoreRedis(TYPE, name, target, new MemorystoreRedis.Shape(INSTANCE, "Kura Celery broker",
                settings.tier(), settings.memorySizeGb(), settings.maintenanceWindow(), settings.redisConfigs(), true),
                foundation);
    }
}
