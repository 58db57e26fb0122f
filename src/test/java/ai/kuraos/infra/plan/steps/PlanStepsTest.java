package ai.kuraos.infra.plan.steps;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlanStepsTest {

    private static final String EMPTY = "{\"stack\": \"s\", \"resources\": [], \"outputs\": {}}";
    private static final String BUCKET = "{\"stack\": \"s\", \"resources\": [{\"type\": \"gcp:storage/bucket:Bucket\","
            + " \"name\": \"assets\", \"parent\": null, \"inputs\": {\"name\": \"assets\"}}], \"outputs\": {}}";

    @Test
    void comparesEveryStackOnEitherSideSortedByStack() {
        var steps = PlanSteps.ofTexts(Map.of("staging", EMPTY, "prod", BUCKET, "dev", EMPTY),
                Map.of("staging", BUCKET, "dev", EMPTY, "qa", EMPTY));

        assertThat(steps.stacks()).extracting(StackSteps::stack).containsExactly("dev", "prod", "qa", "staging");
        assertThat(steps.stacks().get(1).count(Step.Op.DELETE)).isEqualTo(1);
        assertThat(steps.stacks().get(3).count(Step.Op.CREATE)).isEqualTo(1);
        assertThat(steps.isEmpty()).isFalse();
        assertThat(PlanSteps.ofTexts(Map.of("dev", BUCKET), Map.of("dev", BUCKET)).isEmpty()).isTrue();
    }

    @Test
    void failsOnAPlanThatIsNotJsonNamingItsStack() {
        assertThatThrownBy(() -> PlanSteps.ofTexts(Map.of("prod", "{\"resources\": ["), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the plan.json of stack prod is not valid JSON: ");
    }

    @Test
    void failsOnAPlanThatIsNotAJsonObject() {
        assertThatThrownBy(() -> PlanSteps.ofTexts(Map.of(), Map.of("dev", "")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the plan.json of stack dev is not a JSON object");
    }

    @Test
    void failsOnATypeWithoutReplacementKnowledgeNamingIt() {
        var unknown = BUCKET.replace("gcp:storage/bucket:Bucket", "gcp:compute/instance:Instance");

        assertThatThrownBy(() -> PlanSteps.ofTexts(Map.of(), Map.of("dev", unknown)))
                .hasMessageContaining("no replacement knowledge for resource type gcp:compute/instance:Instance");
    }
}
