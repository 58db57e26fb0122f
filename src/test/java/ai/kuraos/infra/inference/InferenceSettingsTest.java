package ai.kuraos.infra.inference;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static ai.kuraos.infra.testing.MinimalConfig.onlyError;
import static ai.kuraos.infra.testing.MinimalConfig.read;
import static org.assertj.core.api.Assertions.assertThat;

class InferenceSettingsTest {

    private static final String ADELINE = "europe-southwest1-docker.pkg.dev/kura-os/kura/adeline:2.7";

    /** An enabled inference section with its image and MQTT host, plus the given fields (each after a comma). */
    private static String inference(String extraFields) {
        return "{\"enabled\":true,\"image\":\"" + ADELINE + "\",\"mqtt\":{\"host\":\"mqtt.kuraos.ai\"}" + extraFields
                + "}";
    }

    @Test
    void readsAnEnabledInferenceService() {
        var dev = read("dev", "kura-infra:inference", inference(",\"settings\":{\"LOG_FORMAT\":\"json\"}"));
        var settings = dev.settings().inference().orElseThrow();

        assertThat(dev.errors()).isEmpty();
        assertThat(settings.image()).isEqualTo(ADELINE);
        assertThat(settings.minReplicas()).isEqualTo(3);
        assertThat(settings.maxReplicas()).isEqualTo(6);
        assertThat(settings.targetCpuUtilization()).isEqualTo(70);
        assertThat(settings.cpu()).isEqualTo("2");
        assertThat(settings.memory()).isEqualTo("4Gi");
        assertThat(settings.gpu()).isEmpty();
        assertThat(settings.mqtt()).isEqualTo(new InferenceSettings.Mqtt("mqtt.kuraos.ai", 8883, "0.0.0.0/0"));
        assertThat(settings.modelCacheSize()).isEqualTo("2Gi");
        assertThat(settings.modelUri()).isEqualTo("gs://kura-os-adeline-models/");
        assertThat(settings.modelBucket()).isEqualTo("kura-os-adeline-models");
        assertThat(settings.appSettings()).isEqualTo(Map.of("LOG_FORMAT", "json"));
        assertThat(dev.settings().messaging().kafka()).isEmpty();
        assertThat(dev.settings().cluster()).isPresent();
    }

    @Test
    void readsTheInferenceGpus() {
        var gpu = read("dev", "kura-infra:inference", inference(",\"gpu\":{\"type\":\"nvidia-l4\",\"count\":2}"))
                .settings().inference().orElseThrow().gpu();

        assertThat(gpu).contains(new InferenceSettings.Gpu("nvidia-l4", 2));
    }

    @Test
    void givesOneGpuOfATypeWithoutACount() {
        var gpu = read("dev", "kura-infra:inference", inference(",\"gpu\":{\"type\":\"nvidia-tesla-t4\"}"))
                .settings().inference().orElseThrow().gpu();

        assertThat(gpu).contains(new InferenceSettings.Gpu("nvidia-tesla-t4", 1));
    }

    @Test
    void failsWhenTheGpuTypeIsUnknown() {
        var error = onlyError("dev", "kura-infra:inference", inference(",\"gpu\":{\"type\":\"nvidia-rtx-4090\"}"));

        assertThat(error.key()).isEqualTo("kura-infra:inference.gpu.type");
        assertThat(error.problem()).isEqualTo("got \"nvidia-rtx-4090\"; expected one of nvidia-l4, nvidia-tesla-t4,"
                + " nvidia-tesla-a100, nvidia-a100-80gb, nvidia-h100-80gb");
    }

    @Test
    void failsWhenTheGpuCountIsNotOneGkeSchedules() {
        var error = onlyError("dev", "kura-infra:inference",
                inference(",\"gpu\":{\"type\":\"nvidia-l4\",\"count\":3}"));

        assertThat(error.toString()).isEqualTo("kura-infra:inference.gpu.count: got 3; expected one of 1, 2, 4, 8");
    }

    @Test
    void failsWhenInferenceIsEnabledWithoutAnImage() {
        var error = onlyError("dev", "kura-infra:inference",
                "{\"enabled\":true,\"mqtt\":{\"host\":\"mqtt.kuraos.ai\"}}");

        assertThat(error.key()).isEqualTo("kura-infra:inference.image");
        assertThat(error.problem()).startsWith("missing; expected the service's image with a tag or digest");
    }

    @Test
    void failsWhenInferenceIsEnabledWithoutAnMqttHost() {
        var error = onlyError("dev", "kura-infra:inference", "{\"enabled\":true,\"image\":\"" + ADELINE + "\"}");

        assertThat(error.key()).isEqualTo("kura-infra:inference.mqtt.host");
        assertThat(error.problem()).startsWith("missing; expected the MQTT broker the service publishes detections to");
    }

    @Test
    void asksNothingOfDisabledInference() {
        var dev = read("dev", "kura-infra:inference", "{\"enabled\":false}");

        assertThat(dev.errors()).isEmpty();
        assertThat(dev.settings().inference()).isEmpty();
    }

    @Test
    void failsWhenMaxReplicasIsBelowMinReplicas() {
        var error = onlyError("dev", "kura-infra:inference", inference(",\"minReplicas\":8,\"maxReplicas\":4"));

        assertThat(error.toString()).isEqualTo("kura-infra:inference.maxReplicas: got 4; expected at least"
                + " minReplicas (8)");
    }

    @Test
    void raisesTheDefaultMaxReplicasToTheMinimum() {
        var settings = read("dev", "kura-infra:inference", inference(",\"minReplicas\":10")).settings();

        assertThat(settings.inference().orElseThrow().maxReplicas()).isEqualTo(10);
    }

    @Test
    void failsWhenAnInferenceSettingIsOneTheProgramSets() {
        var error = onlyError("dev", "kura-infra:inference",
                inference(",\"settings\":{\"MQTT_HOST\":\"other.example\",\"LOG_FORMAT\":\"json\"}"));

        assertThat(error.key()).isEqualTo("kura-infra:inference.settings.MQTT_HOST");
        assertThat(error.problem()).isEqualTo("set by the program; choose another name");
    }

    @Test
    void failsWhenTheMqttHostIsAUrl() {
        var error = onlyError("dev", "kura-infra:inference",
                "{\"enabled\":true,\"image\":\"" + ADELINE + "\",\"mqtt\":{\"host\":\"mqtts://mqtt.kuraos.ai\"}}");

        assertThat(error.key()).isEqualTo("kura-infra:inference.mqtt.host");
        assertThat(error.problem()).contains("got \"mqtts://mqtt.kuraos.ai\"", "a host name such as mqtt.kuraos.ai");
    }

    @Test
    void failsWhenTheModelUriIsNotACloudStorageLocation() {
        var error = onlyError("dev", "kura-infra:inference",
                inference(",\"modelUri\":\"https://storage.googleapis.com/kura-models/adeline\""));

        assertThat(error.key()).isEqualTo("kura-infra:inference.modelUri");
        assertThat(error.problem()).contains("got \"https://storage.googleapis.com/kura-models/adeline\"",
                "a Cloud Storage location gs://<bucket>/<path>");
    }

    @Test
    void failsWhenTheModelUriNamesNoBucketPath() {
        var error = onlyError("dev", "kura-infra:inference", inference(",\"modelUri\":\"gs://kura-models\""));

        assertThat(error.key()).isEqualTo("kura-infra:inference.modelUri");
    }
}
