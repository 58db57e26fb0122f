package ai.kuraos.infra.k8s;

import ai.kuraos.infra.testing.StackConfigErrors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class AutopilotLimitsTest {

    private static final String INFERENCE = "\"enabled\":true,\"image\":\"europe-southwest1-docker.pkg.dev/kura-os/kura/adeline:2.7\","
            + "\"mqtt\":{\"host\":\"mqtt.kuraos.ai\"}";

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "cpu            | 31    | at most 30 vCPU per pod",
            "cpu            | 30500m | at most 30 vCPU per pod",
            "memory         | 111Gi | at most 110Gi per pod",
            "modelCacheSize | 11Gi  | at most 10Gi of ephemeral storage"})
    void failsOnAnInferencePodAboveAutopilotsLimits(String key, String value, String limit) {
        var error = StackConfigErrors.only("kura-infra:inference", "{" + INFERENCE + ",\"" + key + "\":\"" + value + "\"}");

        assertThat(error.key()).isEqualTo("kura-infra:inference." + key);
        assertThat(error.problem()).contains("got \"" + value + "\"").contains(limit);
    }

    @Test
    void failsOnAKafkaBrokerAboveAutopilotsMemoryLimit() {
        var error = StackConfigErrors.only("kura-infra:messaging", "{\"kafka\":{\"memory\":\"120Gi\"}}");

        assertThat(error.key()).isEqualTo("kura-infra:messaging.kafka.memory");
        assertThat(error.problem()).contains("got \"120Gi\"").contains("at most 110Gi per pod");
    }

    @Test
    void failsWithMoreAuthorizedNetworksThanGkeTakes() {
        var networks = IntStream.range(0, 51).mapToObj(i -> "\"net-" + i + "\":\"203.0." + i + ".0/24\"")
                .collect(Collectors.joining(",", "{", "}"));

        var error = StackConfigErrors.only("kura-infra:cluster", "{\"authorizedNetworks\":" + networks + "}");

        assertThat(error.key()).isEqualTo("kura-infra:cluster.authorizedNetworks");
        assertThat(error.problem()).contains("got 51 networks").contains("at most 50");
    }
}
