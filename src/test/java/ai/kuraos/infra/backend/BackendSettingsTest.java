package ai.kuraos.infra.backend;

import ai.kuraos.infra.StackSettings;
import ai.kuraos.infra.config.ConfigError;
import ai.kuraos.infra.config.StackConfigValues;
import ai.kuraos.infra.testing.MinimalConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BackendSettingsTest {

    private static final String IMAGE = "europe-southwest1-docker.pkg.dev/kura-os/kura/kura-backend:v1-3-7";

    private static Map<String, String> config(String backendJson, String... extra) {
        var config = MinimalConfig.with(extra);
        config.put("kura-infra:backend", backendJson);
        return config;
    }

    private static String backend(String extraFields) {
        return "{\"image\":\"" + IMAGE + "\",\"release\":\"v1-3-7\"" + extraFields + "}";
    }

    private static ConfigError onlyError(String stack, Map<String, String> config) {
        var errors = StackSettings.read(stack, StackConfigValues.of(config)).errors();
        assertThat(errors).as("errors").hasSize(1);
        return errors.get(0);
    }

    @Test
    void defaultsSizeTheServicePerEnvironment() {
        var dev = StackSettings.parse("dev", StackConfigValues.of(config(backend("")))).backend();
        var prod = StackSettings.parse("prod", StackConfigValues.of(config(backend("")))).backend();

        assertThat(dev.minInstances()).isZero();
        assertThat(dev.memory()).isEqualTo("512Mi");
        assertThat(prod.minInstances()).isEqualTo(1);
        assertThat(prod.maxInstances()).isEqualTo(10);
        assertThat(prod.startupCpuBoost()).isTrue();
    }

    @Test
    void failsWhenTheImageIsSetWithoutItsRelease() {
        var errors = StackSettings.read("dev", StackConfigValues.of(config("{\"image\":\"" + IMAGE + "\"}")))
                .errors();

        assertThat(errors).extracting(ConfigError::key).containsExactly("kura-infra:backend.release");
    }

    /**
     * Defect: the first create of kura-backend failed. A new stack's images live in the Artifact Registry repository
     * its first update creates; until the first release the service runs Google's public sample, which exists.
     */
    @Test
    void theFirstCreateOfKuraBackendRunsAnImageThatExists() {
        var backend = StackSettings.parse("dev", StackConfigValues.of(config("{}"))).backend();

        assertThat(backend.image()).isEqualTo("us-docker.pkg.dev/cloudrun/container/hello:latest");
        assertThat(backend.release()).isEqualTo("placeholder");
    }

    @Test
    void failsWhenTheImageHasNoTagOrDigest() {
        var error = onlyError("dev", config("{\"image\":\"kura-backend\",\"release\":\"v1-3-7\"}"));

        assertThat(error.key()).isEqualTo("kura-infra:backend.image");
        assertThat(error.problem()).contains("a full image reference with a tag or digest");
    }

    @Test
    void failsWhenTheReleaseCannotNameARevision() {
        var error = onlyError("dev", config("{\"image\":\"" + IMAGE + "\",\"release\":\"V1.3.7\"}"));

        assertThat(error.toString()).isEqualTo("kura-infra:backend.release: got \"V1.3.7\"; expected a release id of"
                + " lowercase letters, digits and hyphens (at most 40), e.g. v1-3-7 or a git short sha");
    }

    @Test
    void failsWhenProdCouldColdStart() {
        var error = onlyError("prod", config(backend(",\"minInstances\":0")));

        assertThat(error.key()).isEqualTo("kura-infra:backend.minInstances");
        assertThat(error.problem()).contains("got 0", "at least 1 instance warm");
    }

    @Test
    void failsWhenTheMaximumIsBelowTheMinimum() {
        var error = onlyError("dev", config(backend(",\"minInstances\":3,\"maxInstances\":2")));

        assertThat(error.toString()).isEqualTo("kura-infra:backend.maxInstances: got 2; expected at least minInstances (3)");
    }

    @Test
    void failsWhenTheMemoryCannotHoldTheCpus() {
        var error = onlyError("dev", config(backend(",\"cpu\":\"4\",\"memory\":\"1Gi\"")));

        assertThat(error.toString()).isEqualTo("kura-infra:backend.memory: got \"1Gi\"; 4 CPUs need at least 2Gi on Cloud Run");
    }

    @Test
    void failsWhenTheCpuIsNotACloudRunSize() {
        var error = onlyError("dev", config(backend(",\"cpu\":\"3\"")));

        assertThat(error.toString()).isEqualTo("kura-infra:backend.cpu: got \"3\"; expected one of 1, 2, 4, 6, 8");
    }

    @Test
    void failsWhenTheStackEnvironmentTakesANameTheProgramSets() {
        var errors = StackSettings.read("dev", StackConfigValues.of(config(backend(
                ",\"env\":{\"REDIS_HOST\":\"10.0.0.3\",\"STRIPE_SECRET_KEY\":\"sk_live\",\"log_level\":\"x\"}")))).errors();

        assertThat(errors).extracting(ConfigError::key).containsExactlyInAnyOrder(
                "kura-infra:backend.env.REDIS_HOST", "kura-infra:backend.env.STRIPE_SECRET_KEY", "kura-infra:backend.env.log_level");
        assertThat(errors).allSatisfy(error -> assertThat(error.problem()).doesNotContain("sk_live"));
    }

    @Test
    void failsWhenKafkaIsChosenBeforeKafkaIsDeployed() {
        var error = onlyError("dev", config(backend(""), "kura-infra:messaging", "{\"backend\":\"kafka\"}"));

        assertThat(error.key()).isEqualTo("kura-infra:messaging.backend");
        assertThat(error.problem()).contains("choose celery or disabled");
    }
}
