package ai.kuraos.infra.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StackConfigValuesTest {

    @TempDir
    Path directory;

    private StackConfigValues stackFile(String yaml) throws IOException {
        var file = directory.resolve("Pulumi.test.yaml");
        Files.writeString(file, yaml);
        return StackConfigValues.fromStackFile(file);
    }

    @Test
    void readsScalarsAsTextAndStructuresAsJsonLikeTheLanguageHost() throws IOException {
        var values = stackFile("""
                config:
                  gcp:project: kura-os
                  kura-infra:deletionProtection: true
                  kura-infra:network:
                    subnetCidr: 10.10.0.0/20
                    flowLogSampling: 0.5
                """);

        assertThat(values.values()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "gcp:project", "kura-os",
                "kura-infra:deletionProtection", "true",
                "kura-infra:network", "{\"subnetCidr\":\"10.10.0.0/20\",\"flowLogSampling\":0.5}"));
        assertThat(values.secretKeys()).isEmpty();
    }

    @Test
    void encryptedValuesAreUnreadableOfflineAndTheirKeysSecret() throws IOException {
        var values = stackFile("""
                config:
                  kura-infra:stripeSecretKey:
                    secure: v1:abc123
                  kura-infra:webhook:
                    url:
                      secure: v1:def456
                    name: alerts
                """);

        assertThat(values.values()).containsEntry("kura-infra:stripeSecretKey", "[secret]")
                .containsEntry("kura-infra:webhook", "{\"url\":\"[secret]\",\"name\":\"alerts\"}");
        assertThat(values.secretPaths()).containsExactlyInAnyOrder("kura-infra:stripeSecretKey", "kura-infra:webhook.url");
        assertThat(values.secretKeys()).containsExactlyInAnyOrder("kura-infra:stripeSecretKey", "kura-infra:webhook");
        assertThat(values.values().toString()).doesNotContain("v1:");
    }

    @Test
    void knowsExactlyWhichNestedValuesAreEncrypted() throws IOException {
        var values = stackFile("""
                config:
                  kura-infra:secrets:
                    STRIPE_SECRET_KEY:
                      secure: v1:abc123
                    BREVO_API_KEY: plaintext-by-mistake
                """);

        assertThat(values.isSecret("kura-infra:secrets.STRIPE_SECRET_KEY")).isTrue();
        assertThat(values.isSecret("kura-infra:secrets.BREVO_API_KEY")).isFalse();
        assertThat(values.isSecret("kura-infra:secrets")).isFalse();
    }

    @Test
    void aSecretKeyMakesEverythingBeneathItSecret() {
        var values = new StackConfigValues(Map.of("kura-infra:secrets", "{}"), java.util.Set.of("kura-infra:secrets"));

        assertThat(values.isSecret("kura-infra:secrets.ANY.DEPTH")).isTrue();
        assertThat(values.isSecret("kura-infra:secretsX")).isFalse();
    }

    @Test
    void readsYamlWordsLikeThePulumiCliSoFlagsKeepTheirSpelling() throws IOException {
        var values = stackFile("""
                config:
                  kura-infra:database:
                    flags:
                      log_connections: on
                      log_checkpoints: off
                    backupStartTime: 03:00
                  kura-infra:deletionProtection: true
                """);

        assertThat(values.values()).containsEntry("kura-infra:database",
                        "{\"flags\":{\"log_connections\":\"on\",\"log_checkpoints\":\"off\"},\"backupStartTime\":\"03:00\"}")
                .containsEntry("kura-infra:deletionProtection", "true");
    }

    @Test
    void aStackFileWithoutConfigHasNoValues() throws IOException {
        assertThat(stackFile("encryptionsalt: v1:xyz\n").values()).isEmpty();
    }

    @Test
    void failsWhenConfigIsNotAMapping() {
        assertThatThrownBy(() -> stackFile("config: [a, b]\n"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("config: line 1: expected a mapping of keys to values");
    }

    @Test
    void readsTheLanguageHostEnvironmentIncludingLegacyKeysAndSecretKeys() {
        var values = StackConfigValues.fromEngineEnvironment(Map.of(
                "PULUMI_CONFIG", "{\"kura-infra:config:network\":\"{\\\"subnetCidr\\\":\\\"10.10.0.0/20\\\"}\","
                        + "\"gcp:project\":\"kura-os\",\"kura-infra:stripeSecretKey\":\"sk_live_x\"}",
                "PULUMI_CONFIG_SECRET_KEYS", "[\"kura-infra:stripeSecretKey\"]"));

        assertThat(values.values()).containsEntry("kura-infra:network", "{\"subnetCidr\":\"10.10.0.0/20\"}")
                .containsEntry("gcp:project", "kura-os");
        assertThat(values.isSecret("kura-infra:stripeSecretKey")).isTrue();
    }

    @Test
    void withoutTheLanguageHostEnvironmentThereIsNoConfig() {
        assertThat(StackConfigValues.fromEngineEnvironment(Map.of()).values()).isEmpty();
    }
}
