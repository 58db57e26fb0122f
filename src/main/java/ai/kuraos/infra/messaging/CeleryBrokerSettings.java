package ai.kuraos.infra.messaging;

import ai.kuraos.infra.config.ConfigReader;
import ai.kuraos.infra.config.ConfigSection;
import ai.kuraos.infra.config.Environment;
import ai.kuraos.infra.config.MaintenanceWindow;
import ai.kuraos.infra.config.TextRule;
import ai.kuraos.infra.data.RedisConfigRules;

import java.time.DayOfWeek;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Memorystore instance Celery queues its tasks in, apart from the cache: a cache evicts under memory pressure
 * (allkeys-lru), and an evicted key of a broker is a lost task. The broker never evicts: when it is full, publishing
 * fails and the caller sees the error.
 */
public record CeleryBrokerSettings(String tier, int memorySizeGb, MaintenanceWindow maintenanceWindow,
                                   Map<String, String> redisConfigs) {

    public static final String MAXMEMORY_POLICY = "maxmemory-policy";
    public static final String NOEVICTION = "noeviction";

    public CeleryBrokerSettings {
        redisConfigs = Collections.unmodifiableSortedMap(new TreeMap<>(redisConfigs));
    }

    /** The {@code messaging.celery} section. */
    public static CeleryBrokerSettings read(ConfigSection section, Environment environment, ConfigReader config) {
        var redisConfigsValue = section.value("redisConfigs", "Redis settings, each checked against what Memorystore"
                + " supports for REDIS_7_0; `maxmemory-policy` must stay `noeviction` (Memorystore's own default,"
                + " volatile-lru, evicts too).");
        var settings = new CeleryBrokerSettings(
                section.value("tier", "`STANDARD_HA` keeps a replica in another zone with automatic failover; a"
                        + " `BASIC` instance loses its queued tasks when it restarts.")
                        .text(environment.pick("BASIC", "BASIC", "STANDARD_HA"), TextRule.oneOf(List.of("BASIC", "STANDARD_HA"))),
                section.value("memorySizeGb", "The capacity: queued tasks and results.").integer(1, 1, 300),
                // An hour after the cache's: the backend never loses both at once.
                MaintenanceWindow.read(section.section("maintenanceWindow", "When Google may update the instance."),
                        new MaintenanceWindow(DayOfWeek.SUNDAY, 6)),
                redisConfigsValue.textMap(Map.of(MAXMEMORY_POLICY, NOEVICTION), RedisConfigRules.NAME,
                        RedisConfigRules.VALUE));
        var key = section.keyOf("redisConfigs");
        RedisConfigRules.check(settings.redisConfigs(), settings.memorySizeGb(), key, config);
        var policy = settings.redisConfigs().get(MAXMEMORY_POLICY);
        if (policy == null) {
            config.reject(key, "has no " + MAXMEMORY_POLICY + ": Memorystore would default to volatile-lru and evict"
                    + " queued tasks that carry an expiry. Set " + MAXMEMORY_POLICY + ": " + NOEVICTION);
        } else if (!policy.equals(NOEVICTION)
                && RedisConfigRules.problem(MAXMEMORY_POLICY, policy, settings.memorySizeGb()).isEmpty()) {
            config.reject(key + "." + MAXMEMORY_POLICY, "got \"" + policy + "\": the Celery broker would evict queued"
                    + " tasks under memory pressure, and an evicted task is lost. Expected " + NOEVICTION
                    + " (when the broker is full, publishing fails instead; raise " + section.keyOf("memorySizeGb") + ")");
        }
        return settings;
    }
}
