package ai.kuraos.infra.data;

import ai.kuraos.infra.plan.StackPlanner;
import ai.kuraos.infra.testing.LocalRedis;
import ai.kuraos.infra.testing.SynthesizedStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The cache's redisConfigs, applied to a real Redis 7.0 server with CONFIG SET. */
class RedisConfigsTest {

    @TempDir
    static Path directory;

    private static LocalRedis redis;

    @BeforeAll
    static void startRedis() throws Exception {
        redis = new LocalRedis(directory);
        assertThat(redis.command("PING")).isEqualTo("+PONG");
    }

    @AfterAll
    static void stopRedis() throws Exception {
        redis.close();
    }

    static List<String> stacks() {
        return SynthesizedStack.PROJECT.stacks();
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void redisAcceptsEveryConfigOfTheStack(String stack) throws Exception {
        var configs = StackPlanner.settings(SynthesizedStack.PROJECT, stack).cache().redisConfigs();

        assertThat(configs).isNotEmpty();
        for (var config : configs.entrySet()) {
            if (RedisConfigs.MEMORYSTORE_ONLY.contains(config.getKey())) {
                continue;
            }
            assertThat(redis.command("CONFIG", "SET", config.getKey(), config.getValue()))
                    .as("CONFIG SET %s %s", config.getKey(), config.getValue()).isEqualTo("+OK");
            assertThat(redis.configGet(config.getKey())).isEqualTo(config.getValue());
        }
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void redisAcceptsEveryConfigOfTheStacksCeleryBroker(String stack) throws Exception {
        var configs = StackPlanner.settings(SynthesizedStack.PROJECT, stack).messaging().celery().redisConfigs();

        assertThat(configs).containsEntry("maxmemory-policy", "noeviction");
        for (var config : configs.entrySet()) {
            assertThat(redis.command("CONFIG", "SET", config.getKey(), config.getValue()))
                    .as("CONFIG SET %s %s", config.getKey(), config.getValue()).isEqualTo("+OK");
            assertThat(redis.configGet(config.getKey())).isEqualTo(config.getValue());
        }
    }

    /** What the broker's policy means: a full Redis refuses the next task instead of dropping a queued one. */
    @Test
    void aFullNoevictionRedisRefusesTheNextWriteAndKeepsWhatItQueued() throws Exception {
        try (var broker = new LocalRedis(Files.createDirectories(directory.resolve("broker")))) {
            assertThat(broker.command("CONFIG", "SET", "maxmemory-policy", "noeviction")).isEqualTo("+OK");
            var payload = "x".repeat(64 * 1024);
            for (var task = 0; task < 32; task++) {
                assertThat(broker.command("LPUSH", "celery", payload)).startsWith(":");
            }
            assertThat(broker.command("CONFIG", "SET", "maxmemory", "1mb")).isEqualTo("+OK");

            assertThat(broker.command("LPUSH", "celery", payload)).startsWith("-OOM");
            assertThat(broker.command("LLEN", "celery")).isEqualTo(":32");
        }
    }

    @Test
    void everyConfigMemorystoreLetsUsChangeIsARealRedisParameter() throws Exception {
        for (var name : RedisConfigs.SUPPORTED) {
            if (!RedisConfigs.MEMORYSTORE_ONLY.contains(name)) {
                assertThat(redis.configGet(name)).as("CONFIG GET %s", name).isNotNull();
            }
        }
    }

    @Test
    void aValueRedisRejectsFailsTheCheck() throws Exception {
        assertThat(redis.command("CONFIG", "SET", "maxmemory-policy", "forget-everything")).startsWith("-ERR");
    }

    /** A sample the rule accepts for each real Redis parameter, which redis-server 7.0 must accept too. */
    private static final Map<String, String> ACCEPTED = Map.ofEntries(
            Map.entry("activedefrag", "no"), Map.entry("databases", "16"), Map.entry("lazyfree-lazy-eviction", "yes"),
            Map.entry("lazyfree-lazy-expire", "yes"), Map.entry("lazyfree-lazy-user-del", "yes"),
            Map.entry("lazyfree-lazy-user-flush", "yes"), Map.entry("lfu-decay-time", "1"),
            Map.entry("lfu-log-factor", "10"), Map.entry("maxmemory-policy", "allkeys-lfu"),
            Map.entry("notify-keyspace-events", "KEA"), Map.entry("stream-node-max-bytes", "4096"),
            Map.entry("stream-node-max-entries", "100"));

    @Test
    void redisServerAcceptsWhatTheRulesAccept() throws Exception {
        for (var name : RedisConfigRules.names()) {
            if (name.equals("maxmemory-gb")) {
                continue;
            }
            var value = ACCEPTED.get(name);
            assertThat(value).as("a sample for %s", name).isNotNull();
            assertThat(RedisConfigRules.problem(name, value, 1)).as(name).isEmpty();
            // databases is a start-up setting: CONFIG GET proves the name; the rest take CONFIG SET.
            if (name.equals("databases")) {
                assertThat(redis.configGet(name)).isNotNull();
            } else {
                assertThat(redis.command("CONFIG", "SET", name, value)).as("CONFIG SET %s %s", name, value).isEqualTo("+OK");
            }
        }
    }
}
