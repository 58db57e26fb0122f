package ai.kuraos.infra.data;

import ai.kuraos.infra.testing.StackConfigErrors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class RedisConfigRulesTest {

    private static String cache(String configs) {
        return "{\"memorySizeGb\":5,\"redisConfigs\":" + configs + "}";
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "maxmemory-policy | forget-everything | one of volatile-lru, allkeys-lru",
            "activedefrag     | true              | one of yes, no",
            "lazyfree-lazy-expire | on            | one of yes, no",
            "databases        | 101               | from 1 to 100",
            "lfu-log-factor   | -1                | a positive whole number",
            "notify-keyspace-events | KEq         | event classes from K, E",
            "maxmemory-gb     | 6                 | from 1 to 5 GB",
            "maxmemory-gb     | 0.5               | from 1 to 5 GB"})
    void failsOnAValueMemorystoreRefusesNamingTheKeyTheValueAndTheLimit(String name, String value, String limit) {
        var error = StackConfigErrors.only("kura-infra:cache", cache("{\"" + name + "\":\"" + value + "\"}"));

        assertThat(error.key()).isEqualTo("kura-infra:cache.redisConfigs." + name);
        assertThat(error.problem()).contains("got \"" + value + "\"").contains(limit);
    }

    @Test
    void failsOnAConfigurationMemorystoreDoesNotLetUsersSetNamingTheSettableOnes() {
        var error = StackConfigErrors.only("kura-infra:cache", cache("{\"maxmemory-clients\":\"10%\"}"));

        assertThat(error.key()).isEqualTo("kura-infra:cache.redisConfigs.maxmemory-clients");
        assertThat(error.problem()).contains("REDIS_7_0").contains("lazyfree-lazy-user-flush");
    }

    @Test
    void acceptsEveryKindOfValueMemorystoreTakes() {
        assertThat(StackConfigErrors.of("kura-infra:cache", cache("{\"maxmemory-gb\":\"4.5\",\"activedefrag\":\"yes\","
                + "\"notify-keyspace-events\":\"Ex\",\"databases\":\"16\",\"stream-node-max-entries\":\"100\"}"))).isEmpty();
    }
}
