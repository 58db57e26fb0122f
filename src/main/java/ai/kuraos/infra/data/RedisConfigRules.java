package ai.kuraos.infra.data;

import ai.kuraos.infra.config.ConfigReader;
import ai.kuraos.infra.config.TextRule;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Redis configurations Memorystore lets a user set on a REDIS_7_0 instance ({@code redisConfigs}), and the values
 * each takes. Source: https://cloud.google.com/memorystore/docs/redis/supported-redis-configurations ("Modifiable
 * configuration parameters"); everything else Memorystore manages itself and refuses.
 */
public final class RedisConfigRules {

    /** The version {@link Cache} creates, and so the one whose configurations are listed here. */
    public static final String REDIS_VERSION = "REDIS_7_0";

    private static final TextRule YES_OR_NO = TextRule.oneOf(List.of("yes", "no"));
    private static final TextRule POSITIVE_LONG = TextRule.matching("[1-9][0-9]{0,17}", "a positive whole number");

    /** Each settable configuration and its values, in the documentation's order. */
    private static final Map<String, TextRule> RULES;

    static {
        var rules = new LinkedHashMap<String, TextRule>();
        rules.put("activedefrag", YES_OR_NO);
        // "Redis version 3.2 and later ... 1-100, default 16".
        rules.put("databases", new TextRule(text -> text.matches("[1-9][0-9]{0,2}") && Integer.parseInt(text) <= 100,
                "a number of databases from 1 to 100"));
        rules.put("lazyfree-lazy-eviction", YES_OR_NO);
        rules.put("lazyfree-lazy-expire", YES_OR_NO);
        rules.put("lazyfree-lazy-user-del", YES_OR_NO);
        rules.put("lazyfree-lazy-user-flush", YES_OR_NO);
        rules.put("lfu-decay-time", POSITIVE_LONG);
        rules.put("lfu-log-factor", POSITIVE_LONG);
        // Checked against the instance size by maxmemoryProblem.
        rules.put("maxmemory-gb", TextRule.matching("[0-9]+(\\.[0-9]+)?", "a number of GB such as 1.5"));
        rules.put("maxmemory-policy", TextRule.oneOf(List.of("volatile-lru", "allkeys-lru", "volatile-lfu", "allkeys-lfu",
                "volatile-random", "allkeys-random", "volatile-ttl", "noeviction")));
        // redis.conf (7.0) "EVENT NOTIFICATION": the classes K E g $ l s h z x e n t m d and A (all of g$lshzxetd).
        rules.put("notify-keyspace-events", TextRule.matching("[KEg$lshzxentmdA]*",
                "event classes from K, E, g, $, l, s, h, z, x, e, n, t, m, d and A (redis.conf), or empty for none"));
        rules.put("stream-node-max-bytes", POSITIVE_LONG);
        rules.put("stream-node-max-entries", POSITIVE_LONG);
        RULES = Collections.unmodifiableMap(rules);
    }

    /** The configurations Memorystore lets a user set, by name. */
    public static final TextRule NAME = new TextRule(RULES::containsKey, "one of the configurations Memorystore lets"
            + " you set on " + REDIS_VERSION + ": " + String.join(", ", RULES.keySet()));

    /** A configuration's value: its own rule checks it, by {@link #problem}. */
    public static final TextRule VALUE = TextRule.nonBlank("the configuration's value");

    /** maxmemory-gb "can be reduced to 20% of the instance's capacity" and cannot exceed it. */
    static final BigDecimal LEAST_MAXMEMORY_SHARE = new BigDecimal("0.2");

    private RedisConfigRules() {
    }

    public static List<String> names() {
        return List.copyOf(RULES.keySet());
    }

    /** The rule of one configuration's values, e.g. for the configuration reference. */
    public static Optional<TextRule> rule(String name) {
        return Optional.ofNullable(RULES.get(name));
    }

    /**
     * What Memorystore would refuse about the value of a configuration on an instance of {@code memorySizeGb}, if
     * anything; names are {@link #NAME}'s to check, and an unknown one has no value problem.
     */
    public static Optional<String> problem(String name, String value, int memorySizeGb) {
        var rule = RULES.get(name);
        if (rule == null) {
            return Optional.empty();
        }
        if (!rule.accepts().test(value)) {
            return Optional.of("expected " + rule.expected());
        }
        return name.equals("maxmemory-gb") ? maxmemoryProblem(new BigDecimal(value), memorySizeGb) : Optional.empty();
    }

    /** Rejects each of {@code configs} that Memorystore would refuse, under {@code key}{@code .<name>}. */
    public static void check(Map<String, String> configs, int memorySizeGb, String key, ConfigReader config) {
        configs.forEach((name, value) -> problem(name, value, memorySizeGb)
                .ifPresent(problem -> config.reject(key + "." + name, "got \"" + value + "\"; " + problem)));
    }

    private static Optional<String> maxmemoryProblem(BigDecimal gb, int memorySizeGb) {
        var size = BigDecimal.valueOf(memorySizeGb);
        var least = size.multiply(LEAST_MAXMEMORY_SHARE).stripTrailingZeros();
        if (gb.compareTo(size) > 0 || gb.compareTo(least) < 0) {
            return Optional.of("expected from " + least.toPlainString() + " to " + memorySizeGb + " GB: Memorystore's"
                    + " maxmemory-gb lies between 20% of the instance size (kura-infra:cache.memorySizeGb) and all of it");
        }
        return Optional.empty();
    }
}
