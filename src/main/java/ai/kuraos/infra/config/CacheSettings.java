package ai.kuraos.infra.config;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** The Memorystore for Redis instance the backend caches in. */
public record CacheSettings(String tier, int memorySizeGb, MaintenanceWindow maintenanceWindow, Map<String, String> redisConfigs) {

    public CacheSettings {
        redisConfigs = Collections.unmodifiableSortedMap(new TreeMap<>(redisConfigs));
    }
}
