package ai.kuraos.infra;

import ai.kuraos.infra.config.ConfigError;
import ai.kuraos.infra.config.Environment;
import ai.kuraos.infra.config.InvalidConfigException;
import ai.kuraos.infra.config.KeyDoc;
import ai.kuraos.infra.config.StackConfigValues;
import ai.kuraos.infra.platform.NetworkSettings;
import ai.kuraos.infra.platform.RegistrySettings;
import ai.kuraos.infra.testing.MinimalConfig;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StackSettingsTest {

    private static Map<String, String> minimal(String... extra) {
        return MinimalConfig.with(extra);
    }

    private static List<String> protectionWarnings(StackSettings settings) {
        return settings.configWarnings().stream()
                .filter(warning -> warning.contains("deletion protection") || warning.contains("allow-unprotected-prod"))
                .toList();
    }

    private static StackSettings.Result read(String stack, Map<String, String> config) {
        return StackSettings.read(stack, StackConfigValues.of(config));
    }

    private static ConfigError onlyError(String stack, Map<String, String> config) {
        var errors = read(stack, config).errors();
        assertThat(errors).as("errors").hasSize(1);
        return errors.get(0);
    }

    @Nested
    class Defaults {

        @Test
        void devIsUnprotectedAndSamplesFewFlowLogs() {
            var settings = StackSettings.parse("dev", StackConfigValues.of(minimal()));

            assertThat(settings.target().environment()).isEqualTo(Environment.DEV);
            assertThat(settings.target().deletionProtection()).isFalse();
            assertThat(settings.foundation().network())
                    .isEqualTo(new NetworkSettings("10.30.0.0/20", Optional.empty(), 16, 0.1));
            assertThat(settings.foundation().registry()).isEqualTo(new RegistrySettings("kura", 5, 7, true, RegistrySettings.CLEANUP_DELETE, Optional.empty()));
            assertThat(protectionWarnings(settings)).isEmpty();
        }

        @Test
        void prodIsProtectedAndKeepsMoreImages() {
            var settings = StackSettings.parse("prod", StackConfigValues.of(minimal("gcp:project", "kura-os")));

            assertThat(settings.target().isProd()).isTrue();
            assertThat(settings.target().deletionProtection()).isTrue();
            assertThat(settings.foundation().registry().keepRecentImages()).isEqualTo(20);
            assertThat(settings.foundation().network().flowLogSampling()).isEqualTo(0.5);
        }

        @Test
        void stagingIsProtectedLikeProd() {
            var settings = StackSettings.parse("staging", StackConfigValues.of(minimal()));

            assertThat(settings.target().deletionProtection()).isTrue();
            assertThat(settings.foundation().registry().keepRecentImages()).isEqualTo(10);
        }

        @Test
        void environmentKeyLetsAStackHaveAnyName() {
            var settings = StackSettings.parse("prod-eu", StackConfigValues.of(minimal("kura-infra:environment", "prod")));

            assertThat(settings.target().stack()).isEqualTo("prod-eu");
            assertThat(settings.target().environment()).isEqualTo(Environment.PROD);
        }

        @Test
        void labelsAddTheStacksOwnToTheCommonOnes() {
            var settings = StackSettings.parse("dev", StackConfigValues.of(
                    minimal("kura-infra:labels", "{\"team\":\"platform\"}")));

            assertThat(settings.target().labels()).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "app", "kura", "environment", "dev", "managed-by", "pulumi", "team", "platform"));
        }

        @Test
        void acceptsNumbersAndBooleansWrittenAsText() {
            var settings = StackSettings.parse("dev", StackConfigValues.of(minimal(
                    "kura-infra:artifactRegistry", "{\"keepRecentImages\":\"8\",\"immutableTags\":\"false\"}")));

            assertThat(settings.foundation().registry().keepRecentImages()).isEqualTo(8);
            assertThat(settings.foundation().registry().immutableTags()).isFalse();
        }

        @Test
        void documentsEveryKeyItReads() {
            var known = read("dev", minimal()).keys().stream().map(KeyDoc::key).toList();

            assertThat(known).contains("gcp:project", "kura-infra:deletionProtection",
                    "kura-infra:network.subnetCidr", "kura-infra:artifactRegistry.keepRecentImages");
        }
    }

    @Nested
    class ProdGuard {

        @Test
        void failsWhenProdTurnsDeletionProtectionOffWithoutTheOverride() {
            var error = onlyError("prod", minimal("kura-infra:deletionProtection", "false"));

            assertThat(error.key()).isEqualTo("kura-infra:deletionProtection");
            assertThat(error.problem()).contains("got false", "cannot be turned off in a prod stack",
                    "kura-infra:overrides.allow-unprotected-prod");
        }

        @Test
        void prodMayTurnDeletionProtectionOffWithTheNamedOverrideAndAReason() {
            var settings = StackSettings.parse("prod", StackConfigValues.of(minimal(
                    "kura-infra:deletionProtection", "false",
                    "kura-infra:overrides", "{\"allow-unprotected-prod\":\"OPS-123 decommissioning\"}")));

            assertThat(settings.target().deletionProtection()).isFalse();
            assertThat(protectionWarnings(settings)).singleElement().asString()
                    .contains("deletion protection is OFF", "OPS-123 decommissioning");
        }

        @Test
        void warnsWhenTheOverrideHasNoEffect() {
            var settings = StackSettings.parse("dev", StackConfigValues.of(minimal(
                    "kura-infra:overrides", "{\"allow-unprotected-prod\":\"just in case\"}")));

            assertThat(protectionWarnings(settings)).singleElement().asString().contains("has no effect");
        }

        @Test
        void failsWhenTheOverrideIsUnknown() {
            var error = onlyError("prod", minimal("kura-infra:overrides", "{\"allow-unprotected\":\"why\"}"));

            assertThat(error.key()).isEqualTo("kura-infra:overrides.allow-unprotected");
            assertThat(error.problem()).contains("one of allow-unprotected-prod");
        }

        @Test
        void failsWhenTheOverrideGivesNoReason() {
            var errors = read("prod", minimal("kura-infra:deletionProtection", "false",
                    "kura-infra:overrides", "{\"allow-unprotected-prod\":\" \"}")).errors();

            assertThat(errors).extracting(ConfigError::key)
                    .containsExactlyInAnyOrder("kura-infra:overrides.allow-unprotected-prod", "kura-infra:deletionProtection");
            assertThat(errors.get(0).problem()).contains("why the guard is overridden");
        }
    }

    @Nested
    class Refusals {

        @Test
        void failsWhenTheProjectIsMissing() {
            var config = minimal();
            config.remove("gcp:project");

            var error = onlyError("dev", config);

            assertThat(error.key()).isEqualTo("gcp:project");
            assertThat(error.problem()).startsWith("missing; expected a Google Cloud project id");
        }

        @Test
        void failsWhenTheProjectIdIsMalformed() {
            var error = onlyError("dev", minimal("gcp:project", "Kura_OS"));

            assertThat(error.toString()).isEqualTo("gcp:project: got \"Kura_OS\"; expected a Google Cloud project id:"
                    + " 6 to 30 lowercase letters, digits or hyphens, starting with a letter, e.g. kura-os");
        }

        @Test
        void failsWhenTheRegionIsMalformed() {
            var error = onlyError("dev", minimal("gcp:region", "europe southwest"));

            assertThat(error.key()).isEqualTo("gcp:region");
            assertThat(error.problem()).contains("\"europe southwest\"", "europe-southwest1");
        }

        @Test
        void failsWhenTheStackIsNotNamedAfterAnEnvironmentAndNoneIsSet() {
            var error = onlyError("qa", minimal());

            assertThat(error.key()).isEqualTo("kura-infra:environment");
            assertThat(error.problem()).contains("stack 'qa'", "dev, staging, prod");
        }

        @Test
        void failsWhenTheEnvironmentIsUnknown() {
            var error = onlyError("dev", minimal("kura-infra:environment", "production"));

            assertThat(error.toString()).isEqualTo("kura-infra:environment: got \"production\"; expected one of dev, staging, prod");
        }

        @Test
        void failsWhenAKeyIsUnknownAndSuggestsTheClosestKnownKey() {
            var error = onlyError("dev", minimal("kura-infra:netwrok", "{}"));

            assertThat(error.toString()).isEqualTo("kura-infra:netwrok: unknown key; did you mean kura-infra:network?");
        }

        @Test
        void failsWhenANestedKeyIsUnknownAndSuggestsTheClosestKnownKey() {
            var error = onlyError("dev", minimal("kura-infra:network", "{\"subnetCidrs\":\"10.30.0.0/20\"}"));

            assertThat(error.toString())
                    .isEqualTo("kura-infra:network.subnetCidrs: unknown key; did you mean kura-infra:network.subnetCidr?");
        }

        @Test
        void failsWhenAnUnknownKeyIsLikeNoKnownOneAndListsTheKnownKeys() {
            var error = onlyError("dev", minimal("kura-infra:artifactRegistry", "{\"colour\":\"blue\"}"));

            assertThat(error.problem()).startsWith("unknown key; known keys here: cleanup, deleteUntaggedImagesAfterDays,"
                    + " immutableTags, keepRecentImages, repositoryId");
        }

        @Test
        void failsWhenTheNamespaceIsUnknownAndSuggestsTheClosest() {
            var error = onlyError("dev", minimal("kura-infr:network", "{}"));

            assertThat(error.toString())
                    .isEqualTo("kura-infr:network: unknown namespace 'kura-infr'; did you mean kura-infra:network?");
        }

        @Test
        void failsWhenASectionIsNotAMapping() {
            var error = onlyError("dev", minimal("kura-infra:network", "10.30.0.0/20"));

            assertThat(error.toString()).isEqualTo("kura-infra:network: got a text; expected a mapping of"
                    + " settings (an object in the stack file)");
        }

        @Test
        void failsWhenTheSubnetIsNotACidrBlock() {
            var error = onlyError("dev", minimal("kura-infra:network", "{\"subnetCidr\":\"10.30.0.0/33\"}"));

            assertThat(error.key()).isEqualTo("kura-infra:network.subnetCidr");
            assertThat(error.problem()).contains("got \"10.30.0.0/33\"", "e.g. 10.10.0.0/20");
        }

        @Test
        void failsWhenTheSubnetIsPublic() {
            var error = onlyError("dev", minimal("kura-infra:network", "{\"subnetCidr\":\"34.0.0.0/20\"}"));

            assertThat(error.problem()).contains("got \"34.0.0.0/20\"", "inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16");
        }

        @Test
        void failsWhenTheSubnetHasHostBitsSet() {
            var error = onlyError("dev", minimal("kura-infra:network", "{\"subnetCidr\":\"10.30.0.1/20\"}"));

            assertThat(error.problem()).contains("got \"10.30.0.1/20\"", "without host bits");
        }

        @Test
        void failsWhenThePrivateServicesRangeOverlapsTheSubnet() {
            var error = onlyError("dev", minimal("kura-infra:network",
                    "{\"subnetCidr\":\"10.30.0.0/20\",\"privateServicesAddress\":\"10.30.0.0\",\"privateServicesPrefixLength\":16}"));

            assertThat(error.key()).isEqualTo("kura-infra:network.privateServicesAddress");
            assertThat(error.problem()).contains("10.30.0.0/16 overlaps the subnet 10.30.0.0/20");
        }

        @Test
        void failsWhenThePrivateServicesAddressDoesNotStartABlockOfItsSize() {
            var error = onlyError("dev", minimal("kura-infra:network", "{\"privateServicesAddress\":\"10.120.5.0\"}"));

            assertThat(error.problem()).contains("with prefix /16 is not a private CIDR block");
        }

        @Test
        void failsWhenThePrivateServicesPrefixIsOutOfRange() {
            var error = onlyError("dev", minimal("kura-infra:network", "{\"privateServicesPrefixLength\":28}"));

            assertThat(error.toString()).isEqualTo(
                    "kura-infra:network.privateServicesPrefixLength: got 28; expected a whole number from 8 to 24");
        }

        @Test
        void failsWhenFlowLogSamplingIsOutOfRange() {
            var error = onlyError("dev", minimal("kura-infra:network", "{\"flowLogSampling\":1.5}"));

            assertThat(error.toString()).isEqualTo(
                    "kura-infra:network.flowLogSampling: got 1.5; expected a number from 0.01 to 1.0");
        }

        @Test
        void failsWhenACountIsNotAWholeNumber() {
            var error = onlyError("dev", minimal("kura-infra:artifactRegistry", "{\"keepRecentImages\":2.5}"));

            assertThat(error.toString()).isEqualTo(
                    "kura-infra:artifactRegistry.keepRecentImages: got 2.5; expected a whole number from 1 to 500");
        }

        @Test
        void failsWhenUntaggedRetentionIsNotPositive() {
            var error = onlyError("dev", minimal("kura-infra:artifactRegistry", "{\"deleteUntaggedImagesAfterDays\":0}"));

            assertThat(error.key()).isEqualTo("kura-infra:artifactRegistry.deleteUntaggedImagesAfterDays");
            assertThat(error.problem()).isEqualTo("got 0; expected a whole number from 1 to 365");
        }

        @Test
        void failsWhenTheRepositoryIdIsMalformed() {
            var error = onlyError("dev", minimal("kura-infra:artifactRegistry", "{\"repositoryId\":\"Kura Images\"}"));

            assertThat(error.key()).isEqualTo("kura-infra:artifactRegistry.repositoryId");
            assertThat(error.problem()).contains("got \"Kura Images\"", "lowercase letters, digits and hyphens");
        }

        @Test
        void failsWhenAFlagIsNotABoolean() {
            var error = onlyError("dev", minimal("kura-infra:deletionProtection", "yes"));

            assertThat(error.toString()).isEqualTo("kura-infra:deletionProtection: got \"yes\"; expected true or false");
        }

        @Test
        void failsWhenALabelIsReserved() {
            var error = onlyError("dev", minimal("kura-infra:labels", "{\"environment\":\"qa\"}"));

            assertThat(error.key()).isEqualTo("kura-infra:labels.environment");
            assertThat(error.problem()).contains("reserved label");
        }

        @Test
        void failsWhenALabelKeyOrValueIsMalformed() {
            var errors = read("dev", minimal("kura-infra:labels", "{\"Team\":\"Platform Team\"}")).errors();

            assertThat(errors).extracting(ConfigError::toString).containsExactly(
                    "kura-infra:labels.Team: invalid name; expected a label key: up to 63 lowercase letters, digits,"
                            + " '_' or '-', starting with a letter",
                    "kura-infra:labels.Team: got \"Platform Team\"; expected a label value: up to 63 lowercase letters,"
                            + " digits, '_' or '-'");
        }

        @Test
        void gathersEveryErrorBeforeGivingUp() {
            var config = minimal("gcp:project", "x", "kura-infra:netwrok", "{}",
                    "kura-infra:artifactRegistry", "{\"keepRecentImages\":0}", "kura-infra:deletionProtection", "false");

            assertThatThrownBy(() -> StackSettings.parse("prod", StackConfigValues.of(config)))
                    .isInstanceOfSatisfying(InvalidConfigException.class, invalid -> {
                        assertThat(invalid.errors()).extracting(ConfigError::key).containsExactlyInAnyOrder(
                                "gcp:project", "kura-infra:netwrok", "kura-infra:artifactRegistry.keepRecentImages",
                                "kura-infra:deletionProtection");
                        assertThat(invalid.getMessage()).startsWith("stack 'prod' has 4 configuration errors:\n  - ");
                    });
        }

        @Test
        void neverPrintsASecretValue() {
            var raw = new StackConfigValues(minimal("kura-infra:labels", "{\"team\":\"s3cr3t value\"}"),
                    Set.of("kura-infra:labels"));

            var errors = StackSettings.read("dev", raw).errors();

            assertThat(errors).singleElement().satisfies(error -> {
                assertThat(error.problem()).contains("[secret]").doesNotContain("s3cr3t");
            });
        }
    }

    @Test
    void refusalsListEveryErrorInTheMessage() {
        var invalid = new InvalidConfigException("dev", List.of(new ConfigError("a", "b"), new ConfigError("c", "d")));

        assertThat(invalid.getMessage()).isEqualTo("stack 'dev' has 2 configuration errors:\n  - a: b\n  - c: d");
    }
}
