package ai.kuraos.infra.plan;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static ai.kuraos.infra.plan.PlanDiffFixtures.plan;
import static ai.kuraos.infra.plan.PlanDiffFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;

class PlanDiffMarkdownTest {

    private static final String SERVICE = "gcp:cloudrunv2/service:Service";
    private static final String BUCKET = "gcp:storage/bucket:Bucket";
    private static final String HINT = "Download the `plan-diff` artifact.";
    private static final Pattern FENCE = Pattern.compile("(?m)^```");

    /** dev: 40 services change their image; prod: 40 buckets are added; staging: unchanged. */
    private static PlanDiffs large() {
        var services = IntStream.range(0, 40).mapToObj(i -> "svc-%02d".formatted(i));
        var buckets = IntStream.range(0, 40).mapToObj(i -> "bucket-%02d".formatted(i)).toList();
        var oldServices = new ArrayList<String>();
        var newServices = new ArrayList<String>();
        services.forEach(name -> {
            oldServices.add(resource(SERVICE, name, "{'image': 'api:v1'}"));
            newServices.add(resource(SERVICE, name, "{'image': 'api:v2'}"));
        });
        var before = Map.<String, JsonNode>of(
                "dev", plan("dev", "{}", oldServices.toArray(String[]::new)),
                "prod", plan("prod", "{}"),
                "staging", plan("staging", "{}"));
        var after = Map.<String, JsonNode>of(
                "dev", plan("dev", "{}", newServices.toArray(String[]::new)),
                "prod", plan("prod", "{}", buckets.stream().map(name -> resource(BUCKET, name, "{}")).toArray(String[]::new)),
                "staging", plan("staging", "{}"));
        return PlanDiffs.of(before, after);
    }

    private static String serviceBlock(String name) {
        return "`" + SERVICE + " " + name + "`\n\n```diff\n- inputs.image: \"api:v1\"\n+ inputs.image: \"api:v2\"\n```\n";
    }

    private static long count(String text, String part) {
        return Pattern.compile(Pattern.quote(part)).matcher(text).results().count();
    }

    @Test
    void startsWithTheMarkerLineSoThatAWorkflowCanFindAndUpdateItsComment() {
        assertThat(PlanDiffMarkdown.MARKER).isEqualTo("<!-- kura-plan-diff -->");
        assertThat(PlanDiffMarkdown.render(large())).startsWith(PlanDiffMarkdown.MARKER + "\n");
        assertThat(PlanDiffMarkdown.render(PlanDiffs.of(Map.of(), Map.of()))).startsWith(PlanDiffMarkdown.MARKER + "\n");
    }

    @Test
    void saysInOneLineAfterTheTitleThatNothingChanges() {
        var plans = Map.<String, JsonNode>of("dev", plan("dev", "{}"), "prod", plan("prod", "{}"));

        assertThat(PlanDiffMarkdown.render(PlanDiffs.of(plans, plans))).isEqualTo("""
                <!-- kura-plan-diff -->
                ## Plan diff

                No changes in any stack (dev, prod).
                """);
    }

    @Test
    void rendersASummaryRowPerStackAndTheChangesOfEachChangedStackInACollapsedBlock() {
        var before = Map.<String, JsonNode>of(
                "dev", plan("dev", "{'apiUrl': 'a'}", resource(BUCKET, "old", "{}"),
                        resource(SERVICE, "api", "{'image': 'api:v1', 'password': 'x'}")),
                "prod", plan("prod", "{}"));
        var after = Map.<String, JsonNode>of(
                "dev", plan("dev", "{'apiUrl': 'b'}", resource(BUCKET, "new", "{}"),
                        resource(SERVICE, "api", "{'image': 'api:v2', 'password': '[secret]', 'port': 8080}")),
                "prod", plan("prod", "{}"));

        var markdown = PlanDiffMarkdown.render(PlanDiffs.of(before, after));

        assertThat(markdown).isEqualTo("""
                <!-- kura-plan-diff -->
                ## Plan diff

                | Stack | To add | To remove | To change | Outputs to change |
                | --- | ---: | ---: | ---: | ---: |
                | dev | 1 | 1 | 1 | 1 |
                | prod | 0 | 0 | 0 | 0 |

                <details><summary>dev: 1 to add, 1 to remove, 1 to change, 1 output to change</summary>

                **To add**

                - `gcp:storage/bucket:Bucket new`

                **To remove**

                - `gcp:storage/bucket:Bucket old`

                **To change**

                `gcp:cloudrunv2/service:Service api`

                ```diff
                - inputs.image: "api:v1"
                + inputs.image: "api:v2"
                - inputs.password: "x"
                + inputs.password: "[secret]"
                + inputs.port: 8080
                ```

                **Outputs**

                ```diff
                - outputs.apiUrl: "a"
                + outputs.apiUrl: "b"
                ```

                </details>
                """);
    }

    @Test
    void rendersEverythingWithoutANoteWhenItFitsTheBudgetExactly() {
        var full = PlanDiffMarkdown.render(large(), Integer.MAX_VALUE, HINT);

        assertThat(PlanDiffMarkdown.render(large(), full.length(), HINT)).isEqualTo(full);
        assertThat(full).doesNotContain("artifact").contains(serviceBlock("svc-39")).contains("bucket-39");
        assertThat(PlanDiffMarkdown.render(large(), full.length() - 1, HINT))
                .hasSizeLessThan(full.length())
                .contains("artifact");
    }

    @Test
    void cutsALongDiffAtAResourceBoundaryWithinTheBudget() {
        var budget = 3_000;

        var markdown = PlanDiffMarkdown.render(large(), budget, HINT);

        assertThat(markdown).hasSizeLessThanOrEqualTo(budget);
        var shown = IntStream.range(0, 40).mapToObj("svc-%02d"::formatted).filter(name -> markdown.contains(name + "`"))
                .toList();
        assertThat(shown).isNotEmpty().hasSizeLessThan(40);
        assertThat(shown).containsExactlyElementsOf(IntStream.range(0, shown.size()).mapToObj("svc-%02d"::formatted).toList());
        shown.forEach(name -> assertThat(markdown).contains(serviceBlock(name)));
    }

    @Test
    void closesTheDetailsBlockItCutsAndSaysTheFullDiffIsInTheArtifact() {
        var markdown = PlanDiffMarkdown.render(large(), 3_000, HINT);

        assertThat(count(markdown, "<details>")).isEqualTo(1);
        assertThat(count(markdown, "</details>")).isEqualTo(1);
        assertThat(FENCE.matcher(markdown).results().count()).isEven();
        assertThat(markdown).endsWith("```\n\n</details>\n\n_The diff is cut to fit a pull-request comment: the full diff"
                + " is in the workflow run's artifact._ " + HINT + "\n");
    }

    @Test
    void closesEveryCodeBlockAndDetailsBlockWhereverTheCutFalls() {
        for (var budget = 600; budget < 6_000; budget += 97) {
            var markdown = PlanDiffMarkdown.render(large(), budget, null);

            assertThat(markdown).as("budget %d", budget).hasSizeLessThanOrEqualTo(budget);
            assertThat(count(markdown, "<details>")).as("budget %d", budget).isEqualTo(count(markdown, "</details>"));
            assertThat(FENCE.matcher(markdown).results().count()).as("budget %d", budget).isEven();
            assertThat(markdown).as("budget %d", budget).doesNotContain("</summary>\n\n</details>")
                    .endsWith("the full diff is in the workflow run's artifact._\n");
        }
    }

    @Test
    void keepsTheSummaryTableCompleteWhenTheDetailsAreCut() {
        var markdown = PlanDiffMarkdown.render(large(), 1_500, HINT);

        assertThat(markdown).contains("""
                | dev | 0 | 0 | 40 | 0 |
                | prod | 40 | 0 | 0 | 0 |
                | staging | 0 | 0 | 0 | 0 |
                """);
        assertThat(markdown).doesNotContain("bucket-00");
    }

    @Test
    void leavesOutTheDetailsWhenOnlyTheSummaryTableFits() {
        var tableAndNote = PlanDiffMarkdown.render(large(), 10, HINT).length();
        var firstResource = serviceBlock("svc-00").length();

        var markdown = PlanDiffMarkdown.render(large(), tableAndNote + firstResource, HINT);

        assertThat(markdown).hasSize(tableAndNote).doesNotContain("<details>").contains("| staging |")
                .contains("artifact");
    }

    @Test
    void keepsTheWholeSummaryTableEvenWhenItAloneExceedsTheBudget() {
        var markdown = PlanDiffMarkdown.render(large(), 10, HINT);

        assertThat(markdown).contains("| staging | 0 | 0 | 0 | 0 |").contains("artifact").doesNotContain("<details>");
    }

    @Test
    void fitsAHugeDiffIntoAGitHubCommentByDefault() {
        var names = IntStream.range(0, 3_000).mapToObj("bucket-%04d"::formatted).toList();
        var diffs = PlanDiffs.of(Map.of(), Map.of("prod",
                plan("prod", "{}", names.stream().map(name -> resource(BUCKET, name, "{}")).toArray(String[]::new))));

        var markdown = PlanDiffMarkdown.render(diffs);

        assertThat(PlanDiffMarkdown.DEFAULT_BUDGET).isLessThan(65_536);
        assertThat(markdown).hasSizeLessThanOrEqualTo(PlanDiffMarkdown.DEFAULT_BUDGET)
                .hasSizeGreaterThan(PlanDiffMarkdown.DEFAULT_BUDGET - 100)
                .contains("| prod | 3000 | 0 | 0 | 0 |")
                .endsWith("the full diff is in the workflow run's artifact._\n");
    }

    @Test
    void usesALongerFenceWhenAValueHoldsBackticks() {
        var diffs = PlanDiffs.of(Map.of("dev", plan("dev", "{'motd': 'plain'}")),
                Map.of("dev", plan("dev", "{'motd': 'run ```make``` first'}")));

        assertThat(PlanDiffMarkdown.render(diffs)).contains("""
                ````diff
                - outputs.motd: "plain"
                + outputs.motd: "run ```make``` first"
                ````
                """);
    }
}
