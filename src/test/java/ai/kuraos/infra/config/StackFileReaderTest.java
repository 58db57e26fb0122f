package ai.kuraos.infra.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The stack file as the Pulumi CLI (gopkg.in/yaml.v3 into config.Value) reads it, and what it refuses. */
class StackFileReaderTest {

    private static StackConfigValues read(String yaml) {
        return StackFileReader.parse("test", "Pulumi.test.yaml", yaml.getBytes(StandardCharsets.UTF_8));
    }

    private static List<ConfigError> refusals(byte[] bytes) {
        var refused = catchThrowableOfType(() -> StackFileReader.parse("test", "Pulumi.test.yaml", bytes),
                InvalidConfigException.class);
        assertThat(refused).as("the file is refused").isNotNull();
        assertThat(refused.getMessage()).doesNotContain("Exception").doesNotContain("org.yaml");
        return refused.errors();
    }

    private static List<ConfigError> refusals(String yaml) {
        return refusals(yaml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anAliasReadsAsTheAnchoredValue() {
        var values = read("""
                config:
                  kura-infra:environment: &env prod
                  kura-infra:labels:
                    team: &t platform
                    cost-center: *t
                  kura-infra:release: *env
                """);

        assertThat(values.values()).containsEntry("kura-infra:labels", "{\"team\":\"platform\",\"cost-center\":\"platform\"}")
                .containsEntry("kura-infra:release", "prod");
    }

    @Test
    void mergeKeysResolveWithWrittenKeysWinningAndEarlierMergesBeforeLaterOnes() {
        var values = read("""
                config:
                  kura-infra:database:
                    maintenanceWindow: &window {day: sunday, hour: 4}
                  kura-infra:cache:
                    maintenanceWindow:
                      hour: 5
                      <<: [*window, {day: monday, extra: 1}]
                """);

        assertThat(values.values()).containsEntry("kura-infra:cache",
                "{\"maintenanceWindow\":{\"hour\":5,\"day\":\"sunday\",\"extra\":1}}");
    }

    @Test
    void failsWhenAnAliasHasNoAnchor() {
        assertThat(refusals("""
                config:
                  kura-infra:labels:
                    cost-center: *t
                """)).singleElement().satisfies(error -> {
            assertThat(error.key()).isEqualTo("kura-infra:labels.cost-center");
            assertThat(error.problem()).contains("line 3").contains("*t refers to no anchor");
        });
    }

    @Test
    void failsWhenAKeyIsDefinedTwiceNamingTheKeyAndBothLines() {
        assertThat(refusals("""
                config:
                  kura-infra:environment: prod
                  gcp:project: kura-os
                  kura-infra:environment: dev
                """)).singleElement().satisfies(error -> {
            assertThat(error.key()).isEqualTo("kura-infra:environment");
            assertThat(error.problem()).contains("line 4").contains("first at line 2");
        });
    }

    @Test
    void failsWhenANestedKeyIsDefinedTwice() {
        assertThat(refusals("""
                config:
                  kura-infra:backend:
                    cpu: "1"
                    env: {A: x, A: y}
                """)).extracting(ConfigError::key).containsExactly("kura-infra:backend.env.A");
    }

    @Test
    void failsOnBytesThatAreNotUtf8NamingTheLine() {
        var bytes = "config:\n  gcp:project: kura-os\n  kura-infra:labels:\n    team: caf\u00e9\n"
                .getBytes(StandardCharsets.ISO_8859_1);

        assertThat(refusals(bytes)).singleElement().satisfies(error -> {
            assertThat(error.key()).isEqualTo("Pulumi.test.yaml");
            assertThat(error.problem()).startsWith("line 4: not UTF-8 (byte 0xE9)");
        });
    }

    @Test
    void aUtf8ByteOrderMarkIsAccepted() {
        assertThat(read("\uFEFFconfig:\n  gcp:project: kura-os\n").values()).containsEntry("gcp:project", "kura-os");
    }

    @Test
    void failsWhenNestedPastTheLimitNamingTheKeyAndLine() {
        var deep = "config:\n  kura-infra:network:\n    subnetCidr: " + "[".repeat(40) + "]".repeat(40) + "\n";

        assertThat(refusals(deep)).singleElement().satisfies(error -> {
            assertThat(error.key()).startsWith("kura-infra:network.subnetCidr");
            assertThat(error.problem()).contains("line 3").contains("nested more than " + StackFileReader.MAX_DEPTH);
        });
    }

    @Test
    void aVeryDeepDocumentIsRefusedWithoutOverflowingTheStack() {
        var deep = "config:\n  kura-infra:x: " + "[".repeat(100_000) + "\n";

        assertThat(refusals(deep)).singleElement().satisfies(error -> {
            assertThat(error.key()).startsWith("kura-infra:x[0][0]");
            assertThat(error.problem()).contains("line 2");
        });
    }

    @Test
    void failsWhenAliasesExpandPastTheLimit() {
        var laughs = new StringBuilder("config:\n  kura-infra:x:\n    a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i < 9; i++) {
            laughs.append("    a").append(i).append(": &a").append(i).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(9, "*a" + (i - 1)))).append("]\n");
        }

        assertThat(refusals(laughs.toString())).extracting(ConfigError::problem)
                .anySatisfy(problem -> assertThat(problem).contains("aliases expand to more than"));
    }

    @ParameterizedTest
    @ValueSource(strings = {".inf", "-.inf", ".nan", ".NaN", "+.INF"})
    void failsOnInfinityOrNanInsideAnObjectNamingTheKeyAndWhatIsAllowed(String value) {
        assertThat(refusals("config:\n  kura-infra:network:\n    flowLogSampling: " + value + "\n"))
                .singleElement().satisfies(error -> {
                    assertThat(error.key()).isEqualTo("kura-infra:network.flowLogSampling");
                    assertThat(error.problem()).contains("expected a finite number");
                });
    }

    @Test
    void aTopLevelScalarIsItsOwnTextAsTheCliPassesIt() {
        var values = read("""
                config:
                  kura-infra:a: 010
                  kura-infra:b: 1.0
                  kura-infra:c: on
                  kura-infra:d:
                  kura-infra:e: .inf
                """);

        assertThat(values.values()).containsEntry("kura-infra:a", "010").containsEntry("kura-infra:b", "1.0")
                .containsEntry("kura-infra:c", "on").containsEntry("kura-infra:d", "").containsEntry("kura-infra:e", ".inf");
    }

    @ParameterizedTest(name = "{0} reads as {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "on | \"on\"", "yes | \"yes\"", "True | true", "FALSE | false", "~ | null", "010 | 8", "0o17 | 15",
            "0x1F | 31", "0b101 | 5", "1_000 | 1000", "1.0 | 1", "1e3 | 1000", "0.50 | 0.5",
            "08 | 8", "2024-01-01 | \"2024-01-01\"", "'010' | \"010\"", "!!str 10 | \"10\"", "3.9.0 | \"3.9.0\""})
    void nestedScalarsResolveAsYamlV3ResolvesThem(String yaml, String json) {
        var values = read("config:\n  kura-infra:x:\n    v: " + yaml + "\n");

        assertThat(values.values().get("kura-infra:x")).isEqualTo("{\"v\":" + json + "}");
    }

    @Test
    void failsOnAnUnknownTopLevelKeyWithTheNearestOne() {
        assertThat(refusals("confg:\n  gcp:project: kura-os\n")).singleElement().satisfies(error -> {
            assertThat(error.key()).isEqualTo("confg");
            assertThat(error.problem()).contains("line 1").contains("did you mean config?");
        });
    }

    @Test
    void acceptsEveryTopLevelKeyOfTheClisProjectStack() {
        var values = read("""
                secretsprovider: gcpkms://projects/p/locations/global/keyRings/r/cryptoKeys/k
                encryptedkey: YWJj
                encryptionsalt: v1:abc
                environment: [kura/prod]
                mainEnvironment: kura/prod
                config:
                  gcp:project: kura-os
                """);

        assertThat(values.values()).containsOnlyKeys("gcp:project");
    }

    @Test
    void failsOnASecondDocument() {
        assertThat(refusals("config:\n  gcp:project: a\n---\nconfig:\n  gcp:project: b\n"))
                .singleElement().satisfies(error -> assertThat(error.problem()).contains("line 3").contains("second YAML document"));
    }

    @Test
    void aSyntaxErrorNamesTheLineAndKeyButNeverQuotesTheLine() {
        var errors = refusals("""
                config:
                  kura-infra:secrets:
                    STRIPE_SECRET_KEY: "sk_live_do_not_print
                """);

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.problem()).contains("not valid YAML").contains("line ");
            assertThat(error.toString()).doesNotContain("sk_live_do_not_print");
        });
    }

    @ParameterizedTest(name = "secure: {0}")
    @ValueSource(strings = {"''", "\"\"", "123", "1.5", "true", "[v1:a, v1:b]", "{inner: v1:a}", "~", "'sk_live 123!'"})
    void failsOnASecureValueThatCannotBeCiphertextWithoutPrintingIt(String value) {
        var errors = refusals("config:\n  kura-infra:secrets:\n    STRIPE_SECRET_KEY:\n      secure: " + value + "\n"
                + "  kura-infra:token:\n    secure: " + value + "\n");

        assertThat(errors).extracting(ConfigError::key)
                .containsExactlyInAnyOrder("kura-infra:secrets.STRIPE_SECRET_KEY", "kura-infra:token");
        assertThat(errors).allSatisfy(error -> {
            assertThat(error.problem()).contains("under secure:").contains("Nothing was decrypted");
            if (!value.matches("''|\"\"|~")) {
                assertThat(error.problem()).doesNotContain(value.replace("'", ""));
            }
        });
    }

    @Test
    void readsCiphertextAsAnUnreadableSecret() {
        var values = read("config:\n  kura-infra:token:\n    secure: v1:AAAABBBB:Q2lwaGVydGV4dA==\n");

        assertThat(values.values()).containsEntry("kura-infra:token", "[secret]");
        assertThat(values.secretPaths()).containsExactly("kura-infra:token");
    }
}
