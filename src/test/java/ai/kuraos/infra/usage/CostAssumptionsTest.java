package ai.kuraos.infra.usage;

import ai.kuraos.infra.StackSettings;
import ai.kuraos.infra.config.StackConfigValues;
import ai.kuraos.infra.testing.MinimalConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** kura-infra:cost: defaults per environment, a stack's own figures, and each bad figure reported by its key. */
class CostAssumptionsTest {

    private static StackSettings.Result read(String stack, String... keysAndValues) {
        return StackSettings.read(stack, StackConfigValues.of(MinimalConfig.with(keysAndValues)));
    }

    @Test
    void prodExpectsMoreTrafficThanDev() {
        var dev = read("dev").settings().cost();
        var prod = read("prod").settings().cost();

        assertThat(dev.requestsPerMonth()).isEqualTo(100_000);
        assertThat(prod.requestsPerMonth()).isEqualTo(10_000_000);
        assertThat(prod.cdnEgressGb()).isGreaterThan(dev.cdnEgressGb());
    }

    @Test
    void readsAStacksOwnFigures() {
        var cost = read("prod", "kura-infra:cost", "{\"requestsPerMonth\": 25000000, \"natVms\": 9}").settings().cost();

        assertThat(cost.requestsPerMonth()).isEqualTo(25_000_000);
        assertThat(cost.natVms()).hasValue(9);
        assertThat(cost.cdnEgressGb()).isEqualTo(CostAssumptions.defaults(ai.kuraos.infra.config.Environment.PROD).cdnEgressGb());
    }

    @Test
    void failsWhenAFigureIsNegativeNamingTheKey() {
        var errors = read("dev", "kura-infra:cost", "{\"cdnEgressGb\": -3}").errors();

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.key()).isEqualTo("kura-infra:cost.cdnEgressGb");
            assertThat(error.problem()).contains("got -3").contains("a number from 0.0");
        });
    }

    @Test
    void failsOnAnUnknownKeyWithTheClosestKnownOne() {
        var errors = read("dev", "kura-infra:cost", "{\"requestPerMonth\": 5}").errors();

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.key()).isEqualTo("kura-infra:cost.requestPerMonth");
            assertThat(error.problem()).contains("kura-infra:cost.requestsPerMonth");
        });
    }
}
