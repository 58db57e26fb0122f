package ai.kuraos.infra.plan.steps;

import ai.kuraos.infra.plan.PlanReview;
import ai.kuraos.infra.plan.ReviewSection;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The steps section in the terminal, in the pull-request comment and as JSON. */
class StepsSectionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String plan(String stack, String... resources) {
        return "{\"project\": \"kura-infra\", \"stack\": \"" + stack + "\", \"resources\": [" + String.join(", ", resources)
                + "], \"outputs\": {}}";
    }

    private static String bucket(String name, String location, boolean protect) {
        return "{\"type\": \"gcp:storage/bucket:Bucket\", \"name\": \"" + name + "\", \"parent\": \"app\""
                + (protect ? ", \"protect\": true" : "") + ", \"inputs\": {\"name\": \"" + name + "\", \"location\": \""
                + location + "\"}}";
    }

    private static String secretVersion(String name, String data) {
        return "{\"type\": \"gcp:secretmanager/secretVersion:SecretVersion\", \"name\": \"" + name
                + "\", \"parent\": \"app\", \"inputs\": {\"secret\": \"s\", \"secretData\": \"" + data + "\","
                + " \"enabled\": " + !data.isEmpty() + "}}";
    }

    private static List<ReviewSection> sections(Map<String, String> before, Map<String, String> after) {
        return List.of(new StepsSection(PlanSteps.ofTexts(before, after)));
    }

    /** prod: a protected bucket moved (refused), a plain one created; dev: unchanged. */
    private static List<ReviewSection> refusedInProd() {
        return sections(Map.of("prod", plan("prod", bucket("data", "EU", true)), "dev", plan("dev")),
                Map.of("prod", plan("prod", bucket("data", "US", true), bucket("logs", "EU", false)), "dev", plan("dev")));
    }

    @Test
    void startsWithTheMarkerAndSaysInOneLineThatNothingChanges() {
        var markdown = PlanReview.markdown(sections(Map.of("dev", plan("dev")), Map.of("dev", plan("dev"))),
                PlanReview.DEFAULT_BUDGET, null);

        assertThat(markdown).isEqualTo(PlanReview.MARKER + "\n## Plan diff\n\nNo changes in any stack (dev).\n");
    }

    @Test
    void putsTheRefusalsFirstThenTheCountsOfTheChangedStacksBeforeTheFoldedDetails() {
        var markdown = PlanReview.markdown(refusedInProd(), PlanReview.DEFAULT_BUDGET, null);

        assertThat(markdown).contains("| prod | 1 | 0 | 0 | 1 | 0 | 1 | 0 |\n", "No changes: dev.\n",
                "**Danger**, most severe first:\n\n- **refused** prod: replace `gcp:storage/bucket:Bucket data`:"
                        + " unable to replace resource data as it is currently marked for protection (protect), and"
                        + " inputs.location forces a replacement",
                "<details><summary>prod: 1 to create, 1 to replace, 1 refused</summary>",
                "+ inputs.location: \"US\"  # forces replacement\n");
        assertThat(markdown).doesNotContain("| dev |");
        assertThat(markdown.indexOf("**Danger**")).isLessThan(markdown.indexOf("| Stack |"));
        assertThat(markdown.indexOf("**replace (create-before-delete), refused** `gcp:storage/bucket:Bucket data`"))
                .isLessThan(markdown.indexOf("**create** `gcp:storage/bucket:Bucket logs`"));
        assertThat(markdown).doesNotContain("_The review is cut");
    }

    @Test
    void carriesTheProgramsWarningsIntoTheReviewMarkingThoseTheBaseDidNotGive() throws IOException {
        var before = plan("dev", bucket("logs", "EU", false)).replace("\"outputs\": {}",
                "\"outputs\": {}, \"warnings\": [\"secrets without a value: STRIPE_SECRET_KEY\"]");
        var after = plan("dev", bucket("logs", "US", false)).replace("\"outputs\": {}", "\"outputs\": {}, \"warnings\":"
                + " [\"secrets without a value: STRIPE_SECRET_KEY\", \"the control plane is private\"]");
        var sections = sections(Map.of("dev", before), Map.of("dev", after));

        assertThat(PlanReview.text(sections)).contains("  warning: secrets without a value: STRIPE_SECRET_KEY\n",
                "  warning (new): the control plane is private\n");
        assertThat(PlanReview.markdown(sections, PlanReview.DEFAULT_BUDGET, null)).contains(
                "**Warnings** of the program, as `pulumi preview` prints them:\n\n"
                        + "- dev: secrets without a value: STRIPE_SECRET_KEY\n- dev (new): the control plane is private\n");
        assertThat(JSON.readTree(PlanReview.json(sections)).path("steps").path("stacks").get(0).path("warnings").get(1)
                .toString()).isEqualTo("{\"text\":\"the control plane is private\",\"new\":true}");
    }

    @Test
    void blocksTheChangeWhenAStepIsRefused() {
        assertThat(PlanReview.blocks(refusedInProd())).isTrue();
        assertThat(PlanReview.blocks(sections(Map.of("dev", plan("dev")),
                Map.of("dev", plan("dev", bucket("logs", "EU", false)))))).isFalse();
    }

    @Test
    void cutsTheDetailsAtAResourceBoundaryKeepingTheSummaryAndClosingTheBlock() {
        var after = new ArrayList<String>();
        for (var index = 0; index < 400; index++) {
            after.add(bucket("bucket-" + index, "EU", false));
        }
        var sections = sections(Map.of("prod", plan("prod")), Map.of("prod", plan("prod", after.toArray(String[]::new))));

        var markdown = PlanReview.markdown(sections, 20_000, "see the plan-diff artifact");

        assertThat(markdown.length()).isLessThanOrEqualTo(20_000);
        assertThat(markdown).contains("| prod | 400 | 0 | 0 | 0 | 0 | 0 | 0 |")
                .endsWith("</details>\n\n_The review is cut to fit a pull-request comment: the full review is in the"
                        + " workflow run's artifact._ see the plan-diff artifact\n");
        assertThat(markdown.split("<details>", -1)).hasSameSizeAs(markdown.split("</details>", -1));
    }

    @Test
    void usesALongerFenceWhenAValueHoldsBackticks() {
        var markdown = PlanReview.markdown(sections(Map.of("prod", plan("prod", bucket("a", "EU", false))),
                Map.of("prod", plan("prod", bucket("a", "```", false)))), PlanReview.DEFAULT_BUDGET, null);

        assertThat(markdown).contains("````diff\n");
    }

    @Test
    void rendersEachStepMachineReadablyWithSecretsStillHidden() throws IOException {
        var json = JSON.readTree(PlanReview.json(sections(Map.of("prod", plan("prod", secretVersion("v", "[secret]"))),
                Map.of("prod", plan("prod", secretVersion("v", "")), "dev", plan("dev")))));

        var prod = json.path("steps").path("stacks").get(1);
        assertThat(prod.path("stack").asText()).isEqualTo("prod");
        var step = prod.path("resources").get(0);
        assertThat(step.path("op").asText()).isEqualTo("replace");
        assertThat(step.path("replaceMode").asText()).isEqualTo("create-before-delete");
        assertThat(step.path("changes")).hasSize(2);
        assertThat(step.path("changes").get(0).path("old").asText()).isEqualTo("[secret]");
        assertThat(step.path("changes").get(0).path("forcesReplacement").asBoolean()).isTrue();
        assertThat(step.path("changes").get(1).path("forcesReplacement").asBoolean()).isFalse();
        assertThat(json.path("steps").path("refused").asInt()).isZero();
    }

    @Test
    void printsEachStepWithItsNotesAndChangesAndASummaryPerStack() {
        var text = PlanReview.text(refusedInProd());

        assertThat(text).isEqualTo("DANGER (most severe first)\n"
                + "  refused: prod replace gcp:storage/bucket:Bucket data: unable to replace resource data as it is"
                + " currently marked for protection (protect), and inputs.location forces a replacement. Way out: keep"
                + " inputs.location as it is; if a new, empty data is really wanted, remove `protect` from it in the"
                + " same change (the engine allows unprotecting and replacing in one update) after taking a backup\n\n"
                + "dev: no changes\n\nStack prod\n"
                + "-+ replace gcp:storage/bucket:Bucket data (delete-before-replace) REFUSED\n"
                + "    refused: unable to replace resource data as it is currently marked for protection (protect), and"
                + " inputs.location forces a replacement\n"
                + "    way out: keep inputs.location as it is; if a new, empty data is really wanted, remove `protect`"
                + " from it in the same change (the engine allows unprotecting and replacing in one update) after"
                + " taking a backup\n"
                + "    data loss: the old one is deleted and the new one starts empty: every object in the bucket is lost\n"
                + "    inputs.location: \"EU\" → \"US\" (forces replacement)\n"
                + "+ create gcp:storage/bucket:Bucket logs\n"
                + "prod: 1 to create, 1 to replace, 1 refused\n");
    }
}
