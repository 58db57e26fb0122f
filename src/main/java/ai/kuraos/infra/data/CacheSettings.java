package ai.kuraos.infra.data;

import ai.kuraos.infra.config.ConfigReader;
import ai.kuraos.infra.config.ConfigSection;
import ai.kuraos.infra.config.Environment;
import ai.kuraos.infra.config.MaintenanceWindow;
import ai.kuraos.infra.config.TextRule;

import java.time.DayOfWeek;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The Memorystore for Redis instance the backend caches in. */
public record CacheSettings(String tier, int memorySizeGb, MaintenanceWindow maintenanceWindow, Map<String, String> redisConfigs) {

    static final TextRule REDIS_CONFIG = RedisConfigRules.NAME;

    public CacheSettings {
        redisConfigs = Collections.unmodifiableSortedMap(new TreeMap<>(redisConfigs));
    }

    /** The {@code cache} section. */
    public static CacheSettings read(ConfigSection section, Environment environment, ConfigReader config) {
        var settings = new CacheSettings(
                section.value("tier", "`STANDARD_HA` keeps a replica in another zone with automatic failover.")
                        .text(environment.pick("BASIC", "BASIC", "STANDARD_HA"), TextRule.oneOf(List.of("BASIC", "STANDARD_HA"))),
                section.value("memorySizeGb", "The capacity.").integer(environment.pick(1, 1, 2), 1, 300),
                MaintenanceWindow.read(section.section("maintenanceWindow", "When Google may update the instance."),
                        new MaintenanceWindow(DayOfWeek.SUNDAY, 5)),
                section.value("redisConfigs", "Redis settings, each checked against what Memorystore supports for"
                        + " REDIS_7_0. The default evicts the least recently used keys, as a cache should.")
                        .textMap(Map.of("maxmemory-policy", "allkeys-lru"), REDIS_CONFIG, DatabaseSettings.FLAG_VALUE));
        RedisConfigRules.check(settings.redisConfigs(), settings.memorySizeGb(), section.keyOf("redisConfigs"), config);
        return settings;
    }
}
