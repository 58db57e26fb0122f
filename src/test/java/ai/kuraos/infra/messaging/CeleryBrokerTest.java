package ai.kuraos.infra.messaging;

import ai.kuraos.infra.testing.SynthesizedStack;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CeleryBrokerTest {

    private static final String REDIS = "gcp:redis/instance:Instance";
    private static final String SECRET_VERSION = "gcp:secretmanager/secretVersion:SecretVersion";

    @Test
    void prodQueuesCeleryTasksInAHighlyAvailableRedisOfItsOwnThatNeverEvicts() {
        SynthesizedStack.of("prod").resource(REDIS, "kura-celery-broker")
                .hasParent("celery-broker")
                .hasInput("name", "kura-celery-broker")
                .hasInput("tier", "STANDARD_HA")
                .hasInput("memorySizeGb", 1)
                .hasInput("redisVersion", "REDIS_7_0")
                .hasInput("redisConfigs", Map.of("maxmemory-policy", "noeviction"))
                .hasInput("authEnabled", true)
                .hasInput("transitEncryptionMode", "SERVER_AUTHENTICATION")
                // An hour after kura-cache's window: the two are never restarted together.
                .hasInput("maintenancePolicy.weeklyMaintenanceWindows", List.of(
                        Map.of("day", "SUNDAY", "startTime", Map.of("hours", 6, "minutes", 0))))
                // A queued task exists nowhere else.
                .isProtected();
    }

    @Test
    void everyStackHasTheBrokerWhateverTheMessagingBackend() {
        for (var stack : List.of("dev", "staging", "prod")) {
            SynthesizedStack.of(stack).hasResourceCount(REDIS, 2).resource(REDIS, "kura-celery-broker")
                    .hasInput("redisConfigs", Map.of("maxmemory-policy", "noeviction"));
        }
        SynthesizedStack.withConfig("prod", Map.of("kura-infra:messaging", "{\"backend\":\"kafka\",\"kafka\":{\"enabled\":true}}"))
                .resource(REDIS, "kura-celery-broker").hasInput("tier", "STANDARD_HA");
        SynthesizedStack.withConfig("prod", Map.of("kura-infra:messaging", "{\"backend\":\"disabled\"}"))
                .resource(REDIS, "kura-celery-broker");
    }

    @Test
    void devAndStagingRunTheBasicTierStagingOnSaturdayBeforeProd() {
        SynthesizedStack.of("dev").resource(REDIS, "kura-celery-broker").hasInput("tier", "BASIC");
        SynthesizedStack.of("staging").resource(REDIS, "kura-celery-broker")
                .hasInput("tier", "BASIC")
                .hasInput("maintenancePolicy.weeklyMaintenanceWindows[0].day", "SATURDAY");
    }

    @Test
    void exportsHostPortAndCaCertificateAndKeepsTheAuthStringInSecretManager() {
        var prod = SynthesizedStack.of("prod");

        assertThat(prod.output("celeryBrokerHost").asText()).isEqualTo("${kura-celery-broker.host}");
        assertThat(prod.json().path("outputs").has("celeryBrokerPort")).isTrue();
        assertThat(prod.json().path("outputs").has("celeryBrokerCaCertificate")).isTrue();
        prod.resource("gcp:secretmanager/secret:Secret", "celery-broker-auth")
                .hasInput("secretId", "CELERY_BROKER_AUTH")
                .isProtected();
        prod.resource(SECRET_VERSION, "celery-broker-auth-version")
                .hasInput("secretData", "[secret ← kura-celery-broker.authString]");
        prod.resource("gcp:secretmanager/secretIamMember:SecretIamMember", "celery-broker-auth-backend-access")
                .hasInput("member", "${kura-backend-sa.member}")
                .hasInput("role", "roles/secretmanager.secretAccessor");
        assertThat(prod.rendered()).doesNotContain("${kura-celery-broker.authString}");
    }
}
