package ai.kuraos.infra.messaging;

import ai.kuraos.infra.testing.StackConfigErrors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaMemoryTest {

    @ParameterizedTest
    @ValueSource(strings = {"1Gi", "2047Mi", "512Mi"})
    void failsWhenABrokerHasTooLittleMemoryToStart(String memory) {
        var error = StackConfigErrors.only("kura-infra:messaging", "{\"kafka\":{\"memory\":\"" + memory + "\"}}");

        assertThat(error.key()).isEqualTo("kura-infra:messaging.kafka.memory");
        assertThat(error.problem()).contains("got \"" + memory + "\"").contains("at least 2Gi");
    }

    @Test
    void acceptsTwoGibibytes() {
        assertThat(StackConfigErrors.of("kura-infra:messaging", "{\"kafka\":{\"memory\":\"2048Mi\"}}")).isEmpty();
    }
}
