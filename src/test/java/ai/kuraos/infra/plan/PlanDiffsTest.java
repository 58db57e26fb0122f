package ai.kuraos.infra.plan;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static ai.kuraos.infra.plan.PlanDiffFixtures.plan;
import static ai.kuraos.infra.plan.PlanDiffFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlanDiffsTest {

    private static final String BUCKET = resource("gcp:storage/bucket:Bucket", "assets", "{'location': 'EU'}");

    @Test
    void comparesEveryStackOnEitherSideSortedByStack() {
        var diffs = PlanDiffs.of(
                Map.of("staging", plan("staging", "{}"), "prod", plan("prod", "{}"), "dev", plan("dev", "{}")),
                Map.of("staging", plan("staging", "{}", BUCKET), "dev", plan("dev", "{}"), "qa", plan("qa", "{}")));

        assertThat(diffs.stacks()).extracting(PlanDiff::stack).containsExactly("dev", "prod", "qa", "staging");
        assertThat(diffs.stacks().get(3).added()).hasSize(1);
        assertThat(diffs.isEmpty()).isFalse();
    }

    @Test
    void isEmptyOnlyWhenNoStackChanges() {
        var same = PlanDiffs.of(Map.of("dev", plan("dev", "{}", BUCKET)), Map.of("dev", plan("dev", "{}", BUCKET)));
        var removedStack = PlanDiffs.of(Map.of("dev", plan("dev", "{}", BUCKET)), Map.of());

        assertThat(same.isEmpty()).isTrue();
        assertThat(removedStack.isEmpty()).isFalse();
    }

    @Test
    void sortsStacksAlsoWhenBuiltFromAList() {
        var diffs = new PlanDiffs(java.util.List.of(PlanDiff.of("prod", null, null), PlanDiff.of("dev", null, null)));

        assertThat(diffs.stacks()).extracting(PlanDiff::stack).containsExactly("dev", "prod");
    }

    @Test
    void comparesPlansGivenAsTheTextOfTheirFiles() {
        var before = "{\"stack\": \"dev\", \"resources\": [], \"outputs\": {\"apiUrl\": \"a\"}}";
        var after = "{\"stack\": \"dev\", \"resources\": [], \"outputs\": {\"apiUrl\": \"b\"}}";

        var diffs = PlanDiffs.ofTexts(Map.of("dev", before), Map.of("dev", after));

        assertThat(diffs.stacks()).singleElement().satisfies(diff ->
                assertThat(diff.outputs()).extracting(PlanDiff.Change::path).containsExactly("outputs.apiUrl"));
    }

    @Test
    void failsOnAPlanThatIsNotJsonNamingItsStack() {
        assertThatThrownBy(() -> PlanDiffs.ofTexts(Map.of("prod", "{\"resources\": ["), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the plan.json of stack prod is not valid JSON: ");
    }

    @Test
    void failsOnAPlanThatIsNotAJsonObject() {
        assertThatThrownBy(() -> PlanDiffs.ofTexts(Map.of(), Map.of("dev", "")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the plan.json of stack dev is not a JSON object");
    }
}
