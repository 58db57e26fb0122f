package ai.kuraos.infra.data;

import ai.kuraos.infra.testing.SynthesizedStack;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CacheTest {

    private static final String REDIS = "gcp:redis/instance:Instance";

    @Test
    void prodRunsHighlyAvailableRedis7WithAuthAndTlsOnThePrivateServicesRange() {
        SynthesizedStack.of("prod").resource(REDIS, "kura-cache")
                .hasInput("tier", "STANDARD_HA")
                .hasInput("memorySizeGb", 2)
                .hasInput("redisVersion", "REDIS_7_0")
                .hasInput("authEnabled", true)
                .hasInput("transitEncryptionMode", "SERVER_AUTHENTICATION")
                .hasInput("connectMode", "PRIVATE_SERVICE_ACCESS")
                .hasInput("authorizedNetwork", "${kura-vpc.id}")
                .hasInput("reservedIpRange", "kura-private-services")
                .hasInput("redisConfigs", Map.of("maxmemory-policy", "allkeys-lru"))
                .hasInput("maintenancePolicy.weeklyMaintenanceWindows", List.of(
                        Map.of("day", "SUNDAY", "startTime", Map.of("hours", 5, "minutes", 0))))
                // A cache: what it holds comes back from the database.
                .isNotProtected()
                .dependsOn("api-redis", "kura-private-services-connection");
    }

    @Test
    void devRunsTheBasicTier() {
        SynthesizedStack.of("dev").resource(REDIS, "kura-cache")
                .hasInput("tier", "BASIC")
                .hasInput("memorySizeGb", 1)
                .isNotProtected();
    }

    @Test
    void exportsHostPortAndCaCertificateAndKeepsTheAuthStringSecret() {
        var prod = SynthesizedStack.of("prod");

        assertThat(prod.output("redisHost").asText()).isEqualTo("${kura-cache.host}");
        assertThat(prod.json().path("outputs").has("redisPort")).isTrue();
        assertThat(prod.json().path("outputs").has("redisCaCertificate")).isTrue();
        prod.resource("gcp:secretmanager/secretVersion:SecretVersion", "redis-auth-version")
                .hasInput("secretData", "[secret ← kura-cache.authString]");
        assertThat(prod.rendered()).doesNotContain("${kura-cache.authString}");
    }
}
