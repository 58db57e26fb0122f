package ai.kuraos.infra.cli;

import ai.kuraos.infra.config.InvalidConfigException;
import ai.kuraos.infra.config.StackConfigValues;
import ai.kuraos.infra.config.Suggestions;
import ai.kuraos.infra.cost.CostDelta;
import ai.kuraos.infra.cost.CostEstimator;
import ai.kuraos.infra.cost.CostReport;
import ai.kuraos.infra.cost.PriceSheet;
import ai.kuraos.infra.cost.StackCost;
import ai.kuraos.infra.plan.GitPlans;
import ai.kuraos.infra.plan.ProjectLayout;
import ai.kuraos.infra.usage.CostAssumptions;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.Callable;

@Command(name = "cost",
        mixinStandardHelpOptions = true,
        description = {
                "Estimates each stack's monthly cost from its rendered plan (stacks/<stack>/plan.json), at the list"
                        + " prices of the bundled price sheet and the stack's usage assumptions (kura-infra:cost).",
                "Every price names its source and the date it was read; figures that depend on an assumption say which.",
                "--diff compares the plans committed at --base with those in the working tree instead."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:the estimate (or delta) was printed and every resource is priced or declared free",
                "1:a resource type of a plan has no price and is not declared free (named on stderr)",
                "2:bad usage, an unknown stack or git ref, a missing plan, or invalid configuration"})
final class CostCommand implements Callable<Integer> {

    enum Format { text, markdown, json }

    @Option(names = "--stack", paramLabel = "NAME", description = "A stack to estimate; repeat for several.")
    private List<String> stacks = new ArrayList<>();

    @Option(names = "--all", description = "Every stack that has a Pulumi.<stack>.yaml, the nested projects' too"
            + " (bootstrap/<stack>).")
    private boolean all;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default), markdown (a pull-request comment) or json.")
    private Format format;

    @Option(names = "--diff", description = "Print each stack's cost before (at --base) and after (the working tree),"
            + " and the resources that change it.")
    private boolean diff;

    @Option(names = "--base", paramLabel = "REF", defaultValue = "main",
            description = "With --diff: the git ref to compare with (default: main).")
    private String base;

    @Option(names = "--max-other-region", paramLabel = "PERCENT",
            description = "Fail when more than PERCENT of a stack's dollars are priced from another region's figures"
                    + " (the sheet's exceptions); each stack above it is named with its largest exceptions.")
    private Double maxOtherRegionPercent;

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
        var layout = new ProjectLayout(project.projectDir);
        var sheet = PriceSheet.bundled();
        try {
            return diff ? delta(layout, sheet, out, err) : estimate(layout, sheet, out, err);
        } catch (InvalidConfigException invalid) {
            err.println("error: " + invalid.getMessage());
            return KuraCli.USAGE;
        } catch (IllegalArgumentException bad) {
            err.println("error: " + bad.getMessage());
            return KuraCli.USAGE;
        }
    }

    private int estimate(ProjectLayout layout, PriceSheet sheet, java.io.PrintWriter out, java.io.PrintWriter err) {
        var known = layout.stacks();
        if (all == !stacks.isEmpty()) {
            err.println("error: name the stacks with --stack, or give --all (not both)");
            return KuraCli.USAGE;
        }
        var chosen = all ? known : stacks;
        for (var stack : chosen) {
            if (!known.contains(stack)) {
                var hint = Suggestions.closest(stack, known).map(match -> " Did you mean '" + match + "'?").orElse("");
                err.println("error: unknown stack '" + stack + "'." + hint + " Stacks in this project: " + String.join(", ", known));
                return KuraCli.USAGE;
            }
        }
        var estimates = new ArrayList<StackCost>();
        var mapper = new ObjectMapper();
        var targets = new ArrayList<Target>();
        chosen.forEach(stack -> targets.add(new Target(layout, stack, stack, () -> CostEstimator.assumptions(layout, stack))));
        if (all) {
            for (var nested : layout.nestedProjects()) {
                // A nested project runs another program: only its stack file's cost section is read.
                nested.stacks().forEach(stack -> targets.add(new Target(nested, stack,
                        nested.root().getFileName() + "/" + stack, () -> CostAssumptions.ofStackConfig(stack,
                        StackConfigValues.fromStackFile(nested.stackConfigFile(stack))))));
            }
        }
        for (var target : targets) {
            var stack = target.name();
            var planFile = target.layout().planDirectory(target.stack()).resolve("plan.json");
            if (!Files.isRegularFile(planFile)) {
                err.println("error: stack " + stack + " has no rendered plan " + planFile + "; run `plan --stack " + stack + "` first");
                return KuraCli.USAGE;
            }
            try {
                var plan = mapper.readTree(planFile.toFile());
                estimates.add(CostEstimator.estimate(stack, plan, target.assumptions().get(), sheet));
            } catch (IOException e) {
                err.println("error: cannot read " + planFile + ": " + e.getMessage());
                return KuraCli.USAGE;
            }
        }
        out.print(switch (format) {
            case text -> CostReport.text(estimates, sheet);
            case markdown -> CostReport.markdown(estimates, sheet);
            case json -> CostReport.json(estimates, sheet);
        });
        var unpriced = reportUnpriced(estimates, err);
        var foreign = maxOtherRegionPercent == null ? KuraCli.OK : reportOtherRegion(estimates, sheet, maxOtherRegionPercent, err);
        return Math.max(unpriced, foreign);
    }

    private static int reportOtherRegion(List<StackCost> estimates, PriceSheet sheet, double maxPercent, java.io.PrintWriter err) {
        var result = KuraCli.OK;
        for (var estimate : estimates) {
            var share = estimate.otherRegionShare(sheet) * 100;
            if (share <= maxPercent) {
                continue;
            }
            var byPrice = new TreeMap<String, Double>();
            estimate.lines().stream().filter(line -> sheet.isFromOtherRegion(line.price()))
                    .forEach(line -> byPrice.merge(line.price().key(), line.monthlyUsd(), Double::sum));
            var largest = byPrice.entrySet().stream().sorted(java.util.Map.Entry.<String, Double>comparingByValue().reversed())
                    .limit(5).map(entry -> String.format(java.util.Locale.ROOT, "%s $%.2f", entry.getKey(), entry.getValue()))
                    .toList();
            err.println(String.format(java.util.Locale.ROOT, "error: stack %s: %.1f%% of its dollars are priced from another"
                    + " region's figures, above %s%% (largest: %s); refresh those prices for %s (docs/cost.md)",
                    estimate.stack(), share, new java.math.BigDecimal(Double.toString(maxPercent)).stripTrailingZeros().toPlainString(), String.join(", ", largest), sheet.region()));
            result = KuraCli.FAILED;
        }
        return result;
    }

    /** A stack to estimate, the name the report gives it, and where its assumptions come from. */
    private record Target(ProjectLayout layout, String stack, String name, java.util.function.Supplier<CostAssumptions> assumptions) {
    }

    private int delta(ProjectLayout layout, PriceSheet sheet, java.io.PrintWriter out, java.io.PrintWriter err) {
        var basePlans = GitPlans.atRef(layout.root(), base);
        var newPlans = GitPlans.inWorkingTree(layout.root());
        var deltas = CostDelta.of(basePlans, newPlans, CostDelta.Inputs.atRef(layout, base), CostDelta.Inputs.inWorkingTree(layout));
        out.print(switch (format) {
            case text -> CostDelta.text(deltas);
            case markdown -> CostDelta.markdown(deltas);
            case json -> CostDelta.json(deltas);
        });
        var unpriced = new ArrayList<StackCost>();
        deltas.forEach(delta -> delta.after().ifPresent(unpriced::add));
        return reportUnpriced(unpriced, err);
    }

    private static int reportUnpriced(List<StackCost> estimates, java.io.PrintWriter err) {
        var unpriced = new TreeMap<String, List<String>>();
        estimates.forEach(estimate -> estimate.unpriced().forEach(resource -> unpriced
                .computeIfAbsent(resource.type(), type -> new ArrayList<>()).add(estimate.stack() + "/" + resource.name())));
        unpriced.forEach((type, resources) -> err.println("error: no price for resource type " + type + " ("
                + String.join(", ", resources) + "): price it or declare it free in " + PriceSheet.BUNDLED));
        return unpriced.isEmpty() ? KuraCli.OK : KuraCli.FAILED;
    }
}
