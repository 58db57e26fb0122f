package ai.kuraos.infra.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class PlaintextCredentialsTest {

    @ParameterizedTest
    @CsvSource({
            "STRIPE_KEY, sk_live_51Hx7QpLkVbXr2TzY9aBcDeFgHi, a Stripe secret or restricted key",
            "PAYMENTS, Bearer rk_test_abcdefgh12345678, a Stripe secret or restricted key",
            "AWS_ID, AKIAIOSFODNN7EXAMPLE, an AWS access key id",
            "MAPS, AIzaSyA1234567890abcdefghijklmnopqrstuv, a Google API key",
            "BROKER_URL, amqp://kura:s3cret@broker:5672/, a URL with a password",
            "SIGNING, -----BEGIN RSA PRIVATE KEY-----, a private key",
            "WEBHOOK_SECRET, 0123456789abcdef0123, a credential (the name says it is secret and the value reads as a key)",
    })
    void recognisesACredential(String name, String value, String kind) {
        assertThat(PlaintextCredentials.kind(name, value)).hasValue(kind);
    }

    @ParameterizedTest
    @CsvSource({
            "FRONTEND_URL, https://app.kuraos.ai",
            "LOG_LEVEL, INFO",
            "QUEUE, task-queue-with-a-long-name-of-words",
            "BROKER_URL, mqtt://broker.kuraos.ai:1883",
            "CACHE_KEY, short",
            "CIRCUIT_BREAKER_FAILURE_THRESHOLD, 5",
    })
    void acceptsOrdinarySettings(String name, String value) {
        assertThat(PlaintextCredentials.kind(name, value)).isEmpty();
    }
}
