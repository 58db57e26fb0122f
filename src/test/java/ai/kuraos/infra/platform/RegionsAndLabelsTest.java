package ai.kuraos.infra.platform;

import ai.kuraos.infra.testing.StackConfigErrors;
import org.junit.jupiter.api.Test;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class RegionsAndLabelsTest {

    @Test
    void failsOnARegionWithoutEveryServiceTheStackUses() {
        var error = StackConfigErrors.only("gcp:region", "europe-west99");

        assertThat(error.key()).isEqualTo("gcp:region");
        assertThat(error.problem()).contains("got \"europe-west99\"")
                .contains("offers Cloud Run, Cloud SQL, Memorystore and GKE Autopilot").contains("europe-southwest1");
    }

    @Test
    void acceptsTheRegionsOfTheSeeds() {
        assertThat(StackConfigErrors.of("gcp:region", "europe-southwest1")).isEmpty();
        assertThat(StackConfigErrors.of("gcp:region", "us-central1")).isEmpty();
    }

    private static String labels(int count) {
        return IntStream.range(0, count).mapToObj(i -> "\"l" + i + "\":\"v\"").collect(Collectors.joining(",", "{", "}"));
    }

    @Test
    void failsWithMoreLabelsThanAResourceTakesCountingTheProgramsOwn() {
        var error = StackConfigErrors.only("kura-infra:labels", labels(62));

        assertThat(error.key()).isEqualTo("kura-infra:labels");
        assertThat(error.problem()).contains("got 62 labels").contains("make 65").contains("at most 64")
                .contains("at most 61 here");
    }

    @Test
    void acceptsAsManyLabelsAsFit() {
        assertThat(StackConfigErrors.of("kura-infra:labels", labels(61))).isEmpty();
    }

    @Test
    void failsOnALabelKeyOrValueGoogleCloudRefuses() {
        assertThat(StackConfigErrors.of("kura-infra:labels", "{\"Team\":\"x\",\"team\":\"" + "v".repeat(64) + "\"}"))
                .extracting(error -> error.key() + ": " + error.problem())
                .anySatisfy(error -> assertThat(error).startsWith("kura-infra:labels.Team: invalid name").contains("up to 63"))
                .anySatisfy(error -> assertThat(error).startsWith("kura-infra:labels.team: got").contains("up to 63"));
    }
}
