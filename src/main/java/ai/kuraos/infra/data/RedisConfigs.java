package ai.kuraos.infra.data;

import java.util.List;
import java.util.Set;

/** The Redis settings Memorystore lets a user change (its {@code redisConfigs}); everything else it manages itself. */
public final class RedisConfigs {

    public static final List<String> SUPPORTED = ai.kuraos.infra.data.RedisConfigRules.names();

    /** Memorystore's own settings, not Redis server parameters: a real redis-server does not know them. */
    public static final Set<String> MEMORYSTORE_ONLY = Set.of("maxmemory-gb");

    private RedisConfigs() {
    }
}
