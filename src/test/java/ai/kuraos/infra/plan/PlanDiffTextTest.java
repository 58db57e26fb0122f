package ai.kuraos.infra.plan;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static ai.kuraos.infra.plan.PlanDiffFixtures.plan;
import static ai.kuraos.infra.plan.PlanDiffFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;

class PlanDiffTextTest {

    private static final String BUCKET = "gcp:storage/bucket:Bucket";
    private static final String SERVICE = "gcp:cloudrunv2/service:Service";

    @Test
    void rendersEachResourceToAddRemoveOrChangeWithItsPathsAndASummary() {
        var before = plan("dev", "{'apiUrl': 'https://a.example'}",
                resource(BUCKET, "old-assets", "{}"),
                resource(SERVICE, "api", "{'image': 'api:v1', 'labels': {'team': 'platform'}, 'password': 'x'}"));
        var after = plan("dev", "{'apiUrl': 'https://a.example', 'bucket': 'assets'}",
                resource(BUCKET, "assets", "{}"),
                resource(SERVICE, "api", "{'image': 'api:v2', 'labels': {}, 'password': '[secret]', 'port': 8080}"));

        var text = PlanDiffText.render(PlanDiffs.of(Map.of("dev", before), Map.of("dev", after)));

        assertThat(text).isEqualTo("""
                Stack dev
                + gcp:storage/bucket:Bucket assets
                - gcp:storage/bucket:Bucket old-assets
                ~ gcp:cloudrunv2/service:Service api
                    inputs.image: "api:v1" → "api:v2"
                    inputs.labels.team: "platform" → (none)
                    inputs.password: "x" → "[secret]"
                    inputs.port: (none) → 8080
                ~ outputs
                    outputs.bucket: (none) → "assets"
                dev: 1 to add, 1 to remove, 1 to change, 1 output to change
                """);
    }

    @Test
    void summarisesAStackWithoutChangesInOneLine() {
        var plans = Map.of("dev", plan("dev", "{}", resource(BUCKET, "assets", "{}")),
                "prod", plan("prod", "{}", resource(BUCKET, "assets", "{}")));

        assertThat(PlanDiffText.render(PlanDiffs.of(plans, plans))).isEqualTo("""
                dev: no changes

                prod: no changes
                """);
    }

    @Test
    void rendersStacksInOrderWithValuesAsCompactJson() {
        var before = Map.of(
                "prod", plan("prod", "{}", resource(SERVICE, "api", "{'scaling': {'max': 4}}")),
                "dev", plan("dev", "{}"));
        var after = Map.of(
                "prod", plan("prod", "{}", resource(SERVICE, "api", "{'scaling': [{'max': 4}, {'max': 8}]}")),
                "dev", plan("dev", "{}"));

        var text = PlanDiffText.render(PlanDiffs.of(before, after));

        assertThat(text).isEqualTo("""
                dev: no changes

                Stack prod
                ~ gcp:cloudrunv2/service:Service api
                    inputs.scaling: {"max":4} → [{"max":4},{"max":8}]
                prod: 0 to add, 0 to remove, 1 to change
                """);
    }

    @Test
    void countsSeveralChangedOutputsInThePlural() {
        var diff = PlanDiff.of("dev", plan("dev", "{'a': 1, 'b': 1}"), plan("dev", "{'a': 2, 'b': 2}"));

        assertThat(PlanDiffText.summary(diff)).isEqualTo("dev: 0 to add, 0 to remove, 0 to change, 2 outputs to change");
    }

    @Test
    void rendersNothingForNoStacks() {
        assertThat(PlanDiffText.render(PlanDiffs.of(Map.of(), Map.of()))).isEmpty();
    }
}
