package ai.kuraos.infra.cli;

import ai.kuraos.infra.cost.PriceRefresh;
import ai.kuraos.infra.cost.PriceSheet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;

@Command(name = "refresh-prices",
        mixinStandardHelpOptions = true,
        description = {
                "Rewrites the figures of the price sheet (src/main/resources/cost/prices-<region>.yaml) that name a"
                        + " catalogue path, from a published export of the Cloud Billing catalogue (the pricing.yml of"
                        + " Cyclenerd/google-cloud-pricing-cost-calculator), for the sheet's region.",
                "Entries without a catalogue path, and those the export has no figure for in the region, are kept and"
                        + " listed; the rest of the sheet is left as it is."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:the sheet was rewritten (or, with --check, is current)",
                "1:with --check: the sheet differs from what the export gives",
                "2:bad usage, an unreadable export or a sheet that would not be valid"})
final class RefreshPricesCommand implements Callable<Integer> {

    @Option(names = "--from", paramLabel = "FILE", required = true,
            description = "The catalogue export (pricing.yml), e.g. from `git show <commit>:pricing.yml`.")
    private Path export;

    @Option(names = "--source", paramLabel = "URL", required = true,
            description = "Where the export was read, naming its commit; written as each refreshed entry's source.")
    private String source;

    @Option(names = "--read", paramLabel = "DATE", description = "The date the export was read (default: today, UTC).")
    private String read;

    @Option(names = "--check", description = "Change nothing; fail when the sheet is not what the export gives.")
    private boolean check;

    @Mixin
    private ProjectDirOption project;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        if (!project.isProject(err)) {
            return KuraCli.USAGE;
        }
        var sheetFile = project.projectDir.resolve("src/main/resources").resolve(PriceSheet.BUNDLED.substring(1));
        try {
            var sheet = Files.readString(sheetFile);
            var date = read != null ? read : LocalDate.now(ZoneOffset.UTC).toString();
            var result = PriceRefresh.refresh(sheet, Files.readString(export), source, date);
            out.print(PriceRefresh.report(result));
            if (check) {
                if (!result.sheet().equals(sheet)) {
                    err.println("error: " + sheetFile + " is not what " + export + " gives; run refresh-prices");
                    return KuraCli.FAILED;
                }
                return KuraCli.OK;
            }
            Files.writeString(sheetFile, result.sheet());
            out.println("wrote " + project.projectDir.relativize(sheetFile));
            return KuraCli.OK;
        } catch (IOException e) {
            err.println("error: cannot read " + e.getMessage());
            return KuraCli.USAGE;
        } catch (IllegalArgumentException bad) {
            err.println("error: " + bad.getMessage());
            return KuraCli.USAGE;
        }
    }
}
