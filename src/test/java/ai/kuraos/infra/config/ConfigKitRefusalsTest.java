package ai.kuraos.infra.config;

import ai.kuraos.infra.StackSettings;
import ai.kuraos.infra.testing.MinimalConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What the reading kit refuses in any stack: provider keys nobody reads, and secrets in the wrong place or shape. */
class ConfigKitRefusalsTest {

    private static List<ConfigError> errors(String... keysAndValues) {
        return StackSettings.read("dev", StackConfigValues.of(MinimalConfig.with(keysAndValues))).errors();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "gcp:projet, gcp:project",
            "gcp:regoin, gcp:region",
            "gcp:zoen, gcp:zone",
            "gcp:impersonateServiceAcount, gcp:impersonateServiceAccount",
            "kubernetes:kubeconfg, kubernetes:kubeconfig",
            "pulumi:disable-default-provider, pulumi:disable-default-providers"})
    void failsOnAProviderKeyTypoSuggestingTheNearestRealKey(String typo, String suggestion) {
        assertThat(errors(typo, "x")).singleElement().satisfies(error -> {
            assertThat(error.key()).isEqualTo(typo);
            assertThat(error.problem()).contains("did you mean " + suggestion + "?");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"gcp:zone", "gcp:credentials", "gcp:impersonateServiceAccount", "gcp:defaultLabels",
            "gcp:addPulumiAttributionLabel", "gcp:billingProject", "gcp:userProjectOverride", "gcp:sqlCustomEndpoint",
            "gcp:someFutureApiCustomEndpoint", "kubernetes:enableServerSideApply", "kubernetes:kubeClientSettings",
            "pulumi:disable-default-providers", "pulumi:tags"})
    void acceptsTheProvidersOwnKeys(String key) {
        assertThat(errors(key, "x")).isEmpty();
    }

    @Test
    void failsOnAnyKeyOfAProviderThatTakesNone() {
        assertThat(errors("random:seed", "1")).singleElement()
                .satisfies(error -> assertThat(error.problem()).contains("takes no configuration"));
    }

    /** A plaintext secret, in every shape a YAML value can take, as the reader hands it on. */
    private static final List<String> PLAINTEXT_SHAPES = List.of(
            "sk_live_SHOWN_1", "[\"sk_live_SHOWN_2\",\"sk_live_SHOWN_3\"]", "{\"k\":\"sk_live_SHOWN_4\"}",
            "[{\"k\":\"sk_live_SHOWN_5\"}]", "12345678", "true", "");

    @Test
    void aPlaintextSecretIsRefusedWithoutBeingPrintedWhateverItsShape() {
        for (var shape : PLAINTEXT_SHAPES) {
            var secretsErrors = errors("kura-infra:secrets", "{\"STRIPE_SECRET_KEY\":" + asJsonValue(shape) + "}");
            var webhookErrors = errors("kura-infra:monitoring",
                    "{\"notificationEmails\":[\"ops@kuraos.ai\"],\"webhookUrl\":" + asJsonValue(shape) + "}");
            var wholeSection = errors("kura-infra:secrets", shape);

            assertThat(secretsErrors).as(shape).extracting(ConfigError::key).contains("kura-infra:secrets.STRIPE_SECRET_KEY");
            assertThat(webhookErrors).as(shape).extracting(ConfigError::key).contains("kura-infra:monitoring.webhookUrl");
            for (var error : concat(secretsErrors, webhookErrors, wholeSection)) {
                assertThat(error.toString()).as(shape).doesNotContain("sk_live_SHOWN").doesNotContain("12345678");
            }
        }
    }

    @Test
    void anEncryptedSecretIsAccepted() {
        var raw = MinimalConfig.with("kura-infra:secrets", "{\"STRIPE_SECRET_KEY\":\"[secret]\"}");
        var values = new StackConfigValues(raw, Set.of("kura-infra:secrets.STRIPE_SECRET_KEY"));

        assertThat(StackSettings.read("dev", values).errors()).isEmpty();
    }

    private static String asJsonValue(String shape) {
        return shape.startsWith("[") || shape.startsWith("{") || shape.equals("true") || shape.matches("[0-9]+")
                ? shape : "\"" + shape + "\"";
    }

    @SafeVarargs
    private static List<ConfigError> concat(List<ConfigError>... lists) {
        return java.util.Arrays.stream(lists).flatMap(List::stream).toList();
    }
}
