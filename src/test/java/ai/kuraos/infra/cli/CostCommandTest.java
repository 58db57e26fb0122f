package ai.kuraos.infra.cli;

import ai.kuraos.infra.testing.LocalGit;
import ai.kuraos.infra.testing.SynthesizedStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** `cost` against the repository's own stacks, and against a copy whose plan declares a type the sheet does not know. */
class CostCommandTest {

    private static final Path PROJECT = SynthesizedStack.PROJECT_ROOT;

    @Test
    void printsEachResourceLineTheTotalsAndWhereEveryPriceComesFrom() {
        for (var stack : new String[] {"dev", "prod"}) {
            var run = CliRun.in(PROJECT, Map.of(), "cost", "--stack", stack);

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("stack " + stack + ": $").contains("  database: $")
                    .contains("kura-primary (gcp:sql/databaseInstance:DatabaseInstance)")
                    .contains("source https://cloud.google.com/sql/pricing, read 2026-12-01")
                    .contains("~us-central1").contains("*requestsPerMonth");
        }
    }

    @Test
    void allEstimatesTheBootstrapStackToo() {
        var run = CliRun.in(PROJECT, Map.of(), "cost", "--all");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("stack bootstrap/ops: $")
                .contains("pulumi-state (gcp:storage/bucket:Bucket)")
                .contains("pulumi-secrets-prod (gcp:kms/cryptoKey:CryptoKey) 5 enabled version(s) after a year");
    }

    @Test
    void failsNamingEachStackWhoseDollarsArePricedFromAnotherRegionAboveTheBound() {
        var run = CliRun.in(PROJECT, Map.of(), "cost", "--all", "--max-other-region", "5");

        assertThat(run.exitCode()).isEqualTo(KuraCli.FAILED);
        assertThat(run.err()).contains("error: stack prod: ").contains("of its dollars are priced from another region's"
                + " figures, above 5% (largest: gke-autopilot-vcpu $").doesNotContain("stack bootstrap/ops");
    }

    @Test
    void passesWhenEveryStackIsWithinTheBound() {
        var run = CliRun.in(PROJECT, Map.of(), "cost", "--all", "--max-other-region", "100");

        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    @Test
    void rendersMarkdownAndJson() {
        var markdown = CliRun.in(PROJECT, Map.of(), "cost", "--all", "--format", "markdown");
        var json = CliRun.in(PROJECT, Map.of(), "cost", "--stack", "prod", "--format", "json");

        assertThat(markdown.exitCode()).as(markdown.err()).isZero();
        assertThat(markdown.out()).startsWith("## Monthly cost estimate").contains("### dev:").contains("### prod:")
                .contains("| Price | SKU |");
        assertThat(json.exitCode()).isZero();
        assertThat(json.out()).contains("\"stack\" : \"prod\"").contains("\"priceFromOtherRegion\" : true");
    }

    @Test
    void failsNamingAResourceTypeThatHasNoPrice(@TempDir Path project) throws IOException {
        Files.copy(PROJECT.resolve("Pulumi.yaml"), project.resolve("Pulumi.yaml"));
        Files.copy(PROJECT.resolve("Pulumi.dev.yaml"), project.resolve("Pulumi.dev.yaml"));
        Files.createDirectories(project.resolve("stacks/dev"));
        var plan = Files.readString(PROJECT.resolve("stacks/dev/plan.json")).replaceFirst("\"resources\": \\[",
                "\"resources\": [ {\"type\": \"gcp:alloydb/cluster:Cluster\", \"name\": \"kura-alloydb\", \"parent\": null,"
                        + " \"inputs\": {}},");
        Files.writeString(project.resolve("stacks/dev/plan.json"), plan);

        var run = CliRun.in(project, Map.of(), "cost", "--stack", "dev");

        assertThat(run.exitCode()).isEqualTo(KuraCli.FAILED);
        assertThat(run.err()).contains("no price for resource type gcp:alloydb/cluster:Cluster (dev/kura-alloydb)");
        assertThat(run.out()).contains("UNPRICED kura-alloydb (gcp:alloydb/cluster:Cluster)");
    }

    @Test
    void diffShowsTheProdDeltaOfALargerDatabaseTierAtTheTopOfTheMarkdown(@TempDir Path project) throws IOException {
        for (var file : new String[] {"Pulumi.yaml", "Pulumi.staging.yaml", "Pulumi.prod.yaml"}) {
            Files.copy(PROJECT.resolve(file), project.resolve(file));
        }
        for (var stack : new String[] {"staging", "prod"}) {
            Files.createDirectories(project.resolve("stacks/" + stack));
            Files.copy(PROJECT.resolve("stacks/" + stack + "/plan.json"), project.resolve("stacks/" + stack + "/plan.json"));
        }
        LocalGit.run(project, "init", "--quiet");
        LocalGit.commitAll(project, "the project, planned");
        var prodPlan = project.resolve("stacks/prod/plan.json");
        Files.writeString(prodPlan, Files.readString(prodPlan).replace("\"db-custom-1-3840\"", "\"db-custom-2-7680\""));

        var run = CliRun.in(project, Map.of(), "cost", "--diff", "--base", "main", "--format", "markdown");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("**Monthly cost:** prod +$116.38/month, staging ±0\n")
                .contains("| `kura-primary` | `gcp:sql/databaseInstance:DatabaseInstance` | $");
    }

    @Test
    void failsOnAnUnknownStackWithASuggestion() {
        var run = CliRun.in(PROJECT, Map.of(), "cost", "--stack", "prd");

        assertThat(run.exitCode()).isEqualTo(KuraCli.USAGE);
        assertThat(run.err()).contains("unknown stack 'prd'").contains("Did you mean 'prod'?");
    }
}
