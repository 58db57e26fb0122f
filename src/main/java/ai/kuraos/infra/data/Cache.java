package ai.kuraos.infra.data;

import ai.kuraos.infra.config.Target;
import ai.kuraos.infra.platform.Foundation;

/**
 * {@code kura:data:Cache}: the backend's cache in Memorystore for Redis 7, evicting as its settings say
 * ({@code allkeys-lru} by default).
 */
public final class Cache extends MemorystoreRedis {

    public static final String TYPE = "kura:data:Cache";
    public static final String INSTANCE = "kura-cache";

    public Cache(String name, Target target, CacheSettings settings, Foundation foundation) {
        // Not protected: what a cache holds comes back from the database.
        super(TYPE, name, target, new Shape(INSTANCE, "Kura cache", settings.tier(), settings.memorySizeGb(),
                settings.maintenanceWindow(), settings.redisConfigs(), false), foundation);
    }
}
