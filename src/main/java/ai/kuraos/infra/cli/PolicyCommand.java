package ai.kuraos.infra.cli;

import ai.kuraos.infra.config.Suggestions;
import ai.kuraos.infra.policy.Coverage;
import ai.kuraos.infra.policy.PolicyDiff;
import ai.kuraos.infra.policy.PolicyOutput;
import ai.kuraos.infra.policy.PolicyPlans;
import ai.kuraos.infra.policy.PolicyReport;
import ai.kuraos.infra.policy.RulesDoc;
import ai.kuraos.infra.policy.Waivers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "policy",
        mixinStandardHelpOptions = true,
        description = {
                "Checks the rendered plans (stacks/<stack>/plan.json, the bootstrap's included) and the GitHub workflows"
                        + " (stack .github/workflows) against the policy's rules: CIS Google Cloud and GKE benchmarks,"
                        + " Checkov's, kube-score's and zizmor's checks."
                        + " Findings are accepted only by a waiver in " + Waivers.FILE + ".",
                "--diff prints the pull request's policy section instead: findings introduced and fixed since --base,"
                        + " and every waiver added.",
                "Rules and waivers: docs/policy.md."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:no finding is open (every one is waived), or (--diff, --write-docs) the output was written",
                "1:a finding is not waived, a waiver has expired, or a waiver matches nothing",
                "2:bad usage, an unknown stack or git ref, or a malformed waiver file"})
final class PolicyCommand implements Callable<Integer> {

    enum Format { text, markdown, json }

    @Option(names = "--stack", paramLabel = "NAME", description = "A stack to check (bootstrap/ops for the bootstrap);"
            + " repeat for several.")
    private List<String> stacks = new ArrayList<>();

    @Option(names = "--all", description = "Check every rendered stack and the bootstrap's.")
    private boolean all;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default), markdown or json.")
    private Format format;

    @Option(names = "--diff", description = "Print the pull request's policy section (markdown): the working tree"
            + " against --base.")
    private boolean diff;

    @Option(names = "--base", paramLabel = "REF", defaultValue = "main",
            description = "With --diff: the git ref to compare with (default: main), e.g. origin/main in CI.")
    private String base;

    @Option(names = "--write-docs", description = "Rewrite the generated rules and waivers lists and the coverage"
            + " map (" + Coverage.FILE + ") in " + RulesDoc.DOC + ".")
    private boolean writeDocs;

    @Option(names = "--today", paramLabel = "YYYY-MM-DD", hidden = true,
            description = "The date waiver expiry is judged on (default: today, UTC).")
    private LocalDate today;

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
        var date = today == null ? LocalDate.now(ZoneOffset.UTC) : today;
        try {
            var waivers = Waivers.parse(PolicyDiff.readWaivers(project.projectDir), PolicyReport.waivableRules());
            if (writeDocs) {
                return writeDocs(waivers);
            }
            if (diff) {
                if (all || !stacks.isEmpty()) {
                    err.println("error: --diff compares every stack; drop " + (all ? "--all" : "--stack"));
                    return KuraCli.USAGE;
                }
                out.print(PolicyDiff.markdownSection(project.projectDir, base, date, Integer.MAX_VALUE));
                return KuraCli.OK;
            }
            if (all == !stacks.isEmpty()) {
                err.println("error: name the stacks to check with --stack NAME, or check every stack with --all (not"
                        + " both)");
                return KuraCli.USAGE;
            }
            var texts = PolicyPlans.inWorkingTree(project.projectDir);
            if (texts.isEmpty()) {
                err.println("error: there are no rendered plans under " + project.projectDir.resolve("stacks")
                        + "; run `java -jar target/kura-infra.jar plan --all` first");
                return KuraCli.USAGE;
            }
            if (!all) {
                var unknown = stacks.stream().filter(stack -> !texts.containsKey(stack)).toList();
                for (var stack : unknown) {
                    var hint = Suggestions.closest(stack, List.copyOf(texts.keySet()))
                            .map(match -> " Did you mean '" + match + "'?").orElse("");
                    err.println("error: stack '" + stack + "' has no rendered plan." + hint + " Rendered stacks: "
                            + String.join(", ", texts.keySet()));
                }
                if (!unknown.isEmpty()) {
                    return KuraCli.USAGE;
                }
                texts.keySet().retainAll(stacks);
            }
            var report = PolicyReport.of(PolicyPlans.parse(texts), waivers, date, all);
            out.print(switch (format) {
                case text -> PolicyOutput.text(report);
                case markdown -> PolicyOutput.markdown(report);
                case json -> PolicyOutput.json(report);
            });
            return report.passes() ? KuraCli.OK : KuraCli.FAILED;
        } catch (IllegalArgumentException | UncheckedIOException unreadable) {
            err.println("error: " + unreadable.getMessage());
            return KuraCli.USAGE;
        }
    }

    private int writeDocs(List<ai.kuraos.infra.policy.Waiver> waivers) {
        var doc = project.projectDir.resolve(RulesDoc.DOC);
        try {
            var text = Files.readString(doc, StandardCharsets.UTF_8);
            var coverage = Files.readString(project.projectDir.resolve(Coverage.FILE), StandardCharsets.UTF_8);
            var types = Coverage.plannedTypes(PolicyPlans.parse(PolicyPlans.inWorkingTree(project.projectDir)));
            Files.writeString(doc, Coverage.regenerate(RulesDoc.regenerate(text, waivers), types, coverage),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite " + doc, e);
        }
        spec.commandLine().getOut().println("wrote the rules and waivers lists and the coverage map of "
                + RulesDoc.DOC);
        return KuraCli.OK;
    }
}
