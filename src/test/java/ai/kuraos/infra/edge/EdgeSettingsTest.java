package ai.kuraos.infra.edge;

import ai.kuraos.infra.StackSettings;
import ai.kuraos.infra.config.ConfigError;
import ai.kuraos.infra.config.StackConfigValues;
import ai.kuraos.infra.testing.MinimalConfig;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EdgeSettingsTest {

    private static StackSettings.Result read(String stack, String edgeJson) {
        return StackSettings.read(stack, StackConfigValues.of(MinimalConfig.with("kura-infra:edge", edgeJson)));
    }

    private static ConfigError onlyError(String stack, String edgeJson) {
        var errors = read(stack, edgeJson).errors();
        assertThat(errors).as("errors").hasSize(1);
        return errors.get(0);
    }

    @Test
    void isOffInDevAndOnInProdWithItsGuards() {
        assertThat(read("dev", "{}").settings().edge()).isEmpty();
        var prod = read("prod", "{\"domain\":\"kuraos.ai\"}").settings().edge().orElseThrow();

        assertThat(prod.corsOrigins()).isEqualTo(List.of("https://app.kuraos.ai"));
        assertThat(prod.armor().wafPreview()).isFalse();
        assertThat(prod.armor().adaptiveProtection()).isTrue();
        assertThat(prod.cdn().htmlMaxAgeSeconds()).isEqualTo(60);
    }

    @Test
    void failsWhenTheEdgeIsOnWithoutADomain() {
        var error = onlyError("prod", "{}");

        assertThat(error.key()).isEqualTo("kura-infra:edge.domain");
        assertThat(error.problem()).contains("missing; the edge serves api.<domain> and app.<domain>");
    }

    @Test
    void failsWhenTheDomainIsNotADomain() {
        var error = onlyError("prod", "{\"domain\":\"https://kuraos.ai/\"}");

        assertThat(error.toString()).isEqualTo("kura-infra:edge.domain: got \"https://kuraos.ai/\"; expected a DNS"
                + " domain such as kuraos.ai or staging.kuraos.ai, of at most 249 characters (api.<domain> is a DNS name,"
                + " at most 253)");
    }

    @Test
    void failsWhenProdOnlyPreviewsTheWaf() {
        var error = onlyError("prod", "{\"domain\":\"kuraos.ai\",\"armor\":{\"wafMode\":\"preview\"}}");

        assertThat(error.key()).isEqualTo("kura-infra:edge.armor.wafMode");
        assertThat(error.problem()).contains("a prod stack enforces the WAF rules");
    }

    @Test
    void allowsDevToPreviewTheWaf() {
        var dev = read("dev", "{\"enabled\":true,\"domain\":\"dev.kuraos.ai\",\"armor\":{\"wafMode\":\"preview\"}}");

        assertThat(dev.errors()).isEmpty();
        assertThat(dev.settings().edge().orElseThrow().armor().wafPreview()).isTrue();
    }

    @Test
    void failsWhenACorsOriginIsNotAnHttpsOrigin() {
        var error = onlyError("prod", "{\"domain\":\"kuraos.ai\",\"corsOrigins\":[\"https://app.kuraos.ai\",\"http://evil.example/x\"]}");

        assertThat(error.key()).isEqualTo("kura-infra:edge.corsOrigins[1]");
        assertThat(error.problem()).contains("got \"http://evil.example/x\"", "an https origin");
    }

    @Test
    void failsWhenTheRateLimitWindowIsNotOneCloudArmorCounts() {
        var error = onlyError("prod", "{\"domain\":\"kuraos.ai\",\"armor\":{\"rateLimitIntervalSeconds\":45}}");

        assertThat(error.key()).isEqualTo("kura-infra:edge.armor.rateLimitIntervalSeconds");
        assertThat(error.problem()).contains("one of 10, 30, 60");
    }

    @Test
    void failsWhenTheDefaultTtlExceedsTheMaximum() {
        var error = onlyError("prod", "{\"domain\":\"kuraos.ai\",\"cdn\":{\"maxTtlSeconds\":600,\"defaultTtlSeconds\":3600}}");

        assertThat(error.toString()).isEqualTo("kura-infra:edge.cdn.defaultTtlSeconds: got 3600; expected a whole number from 0 to 600");
    }
}
