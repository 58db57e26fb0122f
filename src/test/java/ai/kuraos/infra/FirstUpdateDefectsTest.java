package ai.kuraos.infra;

import ai.kuraos.infra.component.LiveDescriptions;
import ai.kuraos.infra.config.StackConfigValues;
import ai.kuraos.infra.plan.steps.PlanSteps;
import ai.kuraos.infra.testing.ConfigPaths;
import ai.kuraos.infra.testing.SynthesizedStack;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Defects of a stack's first update and of later ones, each named after what went wrong. */
class FirstUpdateDefectsTest {

    private static StackConfigValues committedWith(String stack, Map<String, Optional<String>> edits) {
        return ConfigPaths.apply(StackConfigValues.fromStackFile(SynthesizedStack.PROJECT.stackConfigFile(stack)), edits);
    }

    /**
     * Defect: autoresize grew the disk past the declared size, and the next update declared the smaller size: the
     * provider plans a shrink as a replacement (CustomizeDiff ForceNewIfChange("settings.0.disk_size",
     * IsDiskShrinkage), terraform-provider-google-beta v5.0.0 google-beta/services/sql/resource_sql_database_instance.go),
     * an empty instance. The size is declared for the creation only.
     */
    @Test
    void aDiskThatAutoresizeGrewIsNeverShrunkByTheNextUpdate() {
        var grown = SynthesizedStack.from(StackSettings.parse("staging", committedWith("staging", Map.of(
                "kura-infra:database.diskSizeGb", Optional.of("50"),
                "kura-infra:database.diskAutoresizeLimitGb", Optional.of("100")))));
        var declared = SynthesizedStack.of("staging");

        var steps = PlanSteps.ofTexts(Map.of("staging", grown.rendered()), Map.of("staging", declared.rendered()))
                .stacks().get(0).steps();

        assertThat(steps).noneSatisfy(step -> assertThat(step.changes()).anySatisfy(change ->
                assertThat(change.path()).contains("diskSize\"").doesNotContain("Limit")));
        for (var stack : List.of("dev", "staging", "prod")) {
            assertThat(SynthesizedStack.of(stack).json().path("resources").findParents("ignoreChanges").stream()
                    .filter(resource -> resource.path("name").asText().equals("kura-primary")).findFirst().orElseThrow()
                    .path("ignoreChanges").toString()).as(stack).contains("settings.diskSize");
        }
    }

    /**
     * Defect: kura-backend's first revision started before its cloudsql.client grant existed; its first connections
     * were refused and Cloud Run marked the revision failed. The service and the job wait for their own grant.
     */
    @Test
    void theFirstInstancesOfTheBackendAndTheMigratorWaitForTheirCloudSqlGrant() {
        var dev = SynthesizedStack.of("dev");

        assertThat(dev.json().path("resources").findParents("dependsOn").stream()
                .filter(resource -> resource.path("name").asText().equals("kura-backend")).findFirst().orElseThrow()
                .path("dependsOn").toString()).contains("\"cloudsql-client-backend\"").doesNotContain("cloudsql-client-migrator");
        assertThat(dev.json().path("resources").findParents("dependsOn").stream()
                .filter(resource -> resource.path("name").asText().equals("kura-migrator")).findFirst().orElseThrow()
                .path("dependsOn").toString()).contains("\"cloudsql-client-migrator\"");
    }

    /**
     * Defect: the adopted cloud-run-source-deploy got cleanup policies that deleted at once, so the images of the
     * revisions a rollback returns to could go on day one. Its policies start in dry-run; delete waits for the
     * description to show dry-run ran.
     */
    @Test
    void theAdoptedRegistrysCleanupStartsInDryRunSoNoRollbackImageIsDeletedOnDayOne() {
        var live = LiveDescriptions.ofStack(SynthesizedStack.PROJECT_ROOT, "prod");
        var deleteAtOnce = StackSettings.read("prod", committedWith("prod", Map.of(
                "kura-infra:artifactRegistry.cleanup", Optional.of("delete"))), live);

        assertThat(deleteAtOnce.errors()).singleElement().satisfies(error -> {
            assertThat(error.key()).isEqualTo("kura-infra:artifactRegistry.cleanup");
            assertThat(error.problem()).contains("set \"dry-run\" first");
        });

        var dryRun = SynthesizedStack.from(StackSettings.parse("prod", committedWith("prod", Map.of(
                "kura-infra:artifactRegistry.cleanup", Optional.of("dry-run"))), live));
        dryRun.resource("gcp:artifactregistry/repository:Repository", "kura-images").hasInput("cleanupPolicyDryRun", true);

        var afterDryRun = new HashMap<>(live.byLogicalName());
        var described = live.of("kura-images").orElseThrow().deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) described).put("cleanupPolicyDryRun", true)
                .putObject("cleanupPolicies").putObject("keep-recent").put("action", "KEEP");
        afterDryRun.put("kura-images", described);
        assertThat(StackSettings.read("prod", committedWith("prod", Map.of("kura-infra:artifactRegistry.cleanup",
                Optional.of("delete"))), new LiveDescriptions(afterDryRun)).errors()).isEmpty();
    }
}
