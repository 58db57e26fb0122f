package ai.kuraos.infra.backend;

import ai.kuraos.infra.testing.StackConfigErrors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;

import static org.assertj.core.api.Assertions.assertThat;

class CloudRunLimitsTest {

    private static String backend(String extra) {
        return "{\"image\":\"europe-southwest1-docker.pkg.dev/kura-os/kura/kura-backend:v1-3-7\",\"release\":\"v1-3-7\"," + extra + "}";
    }

    @ParameterizedTest(name = "{1} with {0} CPU")
    @CsvSource({"1, 5Gi, at most 4Gi with 1 CPU(s), 2", "2, 9Gi, at most 8Gi with 2 CPU(s), 4",
            "4, 17Gi, at most 16Gi with 4 CPU(s), 6", "6, 25Gi, at most 24Gi with 6 CPU(s), 8"})
    void failsWhenMemoryIsAboveTheCeilingForTheCpuCount(String cpu, String memory, String limit, String needed) {
        var error = StackConfigErrors.only("kura-infra:backend",
                backend("\"cpu\":\"" + cpu + "\",\"memory\":\"" + memory + "\""));

        assertThat(error.key()).isEqualTo("kura-infra:backend.memory");
        assertThat(error.problem()).contains("got \"" + memory + "\"").contains(limit).contains("cpu to " + needed);
    }

    @ParameterizedTest
    @CsvSource({"1, 4Gi", "2, 8Gi", "4, 16Gi", "6, 24Gi", "8, 32Gi"})
    void acceptsMemoryUpToTheCeiling(String cpu, String memory) {
        assertThat(StackConfigErrors.of("kura-infra:backend", backend("\"cpu\":\"" + cpu + "\",\"memory\":\"" + memory + "\"")))
                .isEmpty();
    }

    @Test
    void failsWhenTheEnvironmentIsLargerThanCloudRunTakes() {
        var error = StackConfigErrors.only("kura-infra:backend", backend("\"env\":{\"BIG\":\"" + "x".repeat(33 * 1024) + "\"}"));

        assertThat(error.key()).isEqualTo("kura-infra:backend.env");
        assertThat(error.problem()).contains("at most 32768 (32 KiB)");
    }

    @Test
    void failsWithMoreVariablesThanCloudRunTakes() {
        var variables = new HashMap<String, String>();
        for (int i = 0; i <= CloudRunLimits.MAX_ENV_VARIABLES; i++) {
            variables.put("V" + i, "1");
        }

        assertThat(CloudRunLimits.environmentProblem(variables)).hasValueSatisfying(problem ->
                assertThat(problem).contains("got 1001 variables").contains("at most 1000"));
    }
}
