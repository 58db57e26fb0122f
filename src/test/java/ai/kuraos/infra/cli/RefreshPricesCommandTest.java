package ai.kuraos.infra.cli;

import ai.kuraos.infra.cost.PriceSheet;
import ai.kuraos.infra.testing.SynthesizedStack;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** `refresh-prices` on a small sheet and a small cut of the catalogue export, in a copy of the project. */
class RefreshPricesCommandTest {

    private static final Path FIXTURES = SynthesizedStack.PROJECT_ROOT.resolve("src/test/resources/cost");
    private static final String SOURCE = "https://github.com/Cyclenerd/google-cloud-pricing-cost-calculator/blob/abc123/pricing.yml";

    @TempDir
    Path project;

    private Path sheet;
    private Path export;

    @BeforeEach
    void copyFixtures() throws IOException {
        Files.writeString(project.resolve("Pulumi.yaml"), "name: fixture\nruntime: java\n");
        sheet = project.resolve("src/main/resources/cost/prices-europe-southwest1.yaml");
        Files.createDirectories(sheet.getParent());
        Files.copy(FIXTURES.resolve("sheet-fixture.yaml"), sheet);
        export = FIXTURES.resolve("pricing-export-fixture.yml");
    }

    @Test
    void takesTheExportsFigureForTheSheetsRegionAndDropsTheUplift() throws IOException {
        var run = CliRun.in(project, Map.of(), "refresh-prices", "--from", export.toString(), "--source", SOURCE,
                "--read", "2026-12-07");

        assertThat(run.exitCode()).as(run.err()).isZero();
        var refreshed = PriceSheet.parse(Files.readString(sheet)).price("pd-ssd");
        assertThat(refreshed.usd()).isEqualTo(0.3);
        assertThat(refreshed.region()).isEqualTo("europe-southwest1");
        assertThat(refreshed.uplift()).isEqualTo(1.0);
        assertThat(refreshed.source()).isEqualTo(SOURCE);
        assertThat(refreshed.read()).isEqualTo("2026-12-07");
        assertThat(refreshed.confirmed()).isTrue();
        assertThat(run.out()).contains("refreshed pd-ssd: 0.3 europe-southwest1 per month");
    }

    @Test
    void keepsAndNamesAnEntryTheExportHasNoFigureForInTheRegion() throws IOException {
        var run = CliRun.in(project, Map.of(), "refresh-prices", "--from", export.toString(), "--source", SOURCE,
                "--read", "2026-12-07");

        var kept = PriceSheet.parse(Files.readString(sheet)).price("pd-balanced");
        assertThat(kept.region()).isEqualTo("us-central1");
        assertThat(kept.usd()).isEqualTo(0.10 * 1.18);
        assertThat(run.out()).contains("KEPT      pd-balanced: the export has no europe-southwest1 figure at"
                + " compute.storage.balanced.cost.europe-southwest1.month");
    }

    @Test
    void leavesTheRestOfTheSheetAsItIs() throws IOException {
        var before = Files.readString(sheet);

        CliRun.in(project, Map.of(), "refresh-prices", "--from", export.toString(), "--source", SOURCE, "--read", "2026-12-07");

        var after = Files.readString(sheet);
        assertThat(after).startsWith("# A sheet of three entries");
        assertThat(after.substring(after.indexOf("  pd-balanced:"))).isEqualTo(before.substring(before.indexOf("  pd-balanced:")));
    }

    @Test
    void checkFailsWhileTheSheetIsNotWhatTheExportGives() throws IOException {
        var before = Files.readString(sheet);

        var stale = CliRun.in(project, Map.of(), "refresh-prices", "--from", export.toString(), "--source", SOURCE,
                "--read", "2026-12-07", "--check");
        CliRun.in(project, Map.of(), "refresh-prices", "--from", export.toString(), "--source", SOURCE, "--read", "2026-12-07");
        var current = CliRun.in(project, Map.of(), "refresh-prices", "--from", export.toString(), "--source", SOURCE,
                "--read", "2026-12-07", "--check");

        assertThat(stale.exitCode()).isEqualTo(KuraCli.FAILED);
        assertThat(stale.err()).contains("run refresh-prices");
        assertThat(current.exitCode()).as(current.err()).isZero();
        assertThat(before).contains("usd: 0.17");
    }
}
