package ai.kuraos.infra.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * The generated parts of {@code docs/policy.md}: the rules list (from the rule classes) and the waivers list (from
 * {@value Waivers#FILE}), each between its markers, so a test can tell when the page is out of date.
 */
public final class RulesDoc {

    public static final String DOC = "docs/policy.md";
    public static final String RULES_BEGIN = "<!-- BEGIN GENERATED RULES: policy --write-docs -->";
    public static final String RULES_END = "<!-- END GENERATED RULES -->";
    public static final String WAIVERS_BEGIN = "<!-- BEGIN GENERATED WAIVERS: policy --write-docs -->";
    public static final String WAIVERS_END = "<!-- END GENERATED WAIVERS -->";

    private RulesDoc() {
    }

    public static List<RuleSummary> summaries() {
        var summaries = new ArrayList<RuleSummary>();
        Rules.all().forEach(rule -> summaries.add(RuleSummary.of(rule)));
        summaries.addAll(PolicyReport.WAIVER_RULES);
        return summaries;
    }

    public static String rulesTable() {
        var table = new StringBuilder("| Id | Severity | Rule | Benchmark | Applies to |\n|---|---|---|---|---|\n");
        for (var rule : summaries()) {
            table.append("| ").append(rule.id()).append(" | ").append(rule.severity().label()).append(" | ")
                    .append(PolicyOutput.Markdown.cell(rule.title())).append(" | ")
                    .append(PolicyOutput.Markdown.cell(rule.benchmark())).append(" | ")
                    .append(PolicyOutput.Markdown.cell(rule.appliesTo())).append(" |\n");
        }
        return table.toString();
    }

    public static String waiversTable(List<Waiver> waivers) {
        var table = new StringBuilder("| # | Rule | Stack | Type | Name | Path | Values | Expires | Reason |\n"
                + "|---|---|---|---|---|---|---|---|---|\n");
        for (var waiver : waivers) {
            table.append("| ").append(waiver.entry()).append(" | ").append(waiver.rule()).append(" | ")
                    .append(PolicyOutput.Markdown.cell(waiver.stack())).append(" | `")
                    .append(PolicyOutput.Markdown.cell(waiver.type())).append("` | ")
                    .append(PolicyOutput.Markdown.cell(waiver.name())).append(" | `")
                    .append(PolicyOutput.Markdown.cell(waiver.path())).append("` | ")
                    .append(PolicyOutput.Markdown.cell(String.join(", ", waiver.values()))).append(" | ")
                    .append(waiver.expires() == null ? "never" : waiver.expires().toString()).append(" | ")
                    .append(PolicyOutput.Markdown.cell(waiver.reason())).append(" |\n");
        }
        return table.toString();
    }

    /** {@code doc} with both generated sections replaced by what the code and the waivers say now. */
    public static String regenerate(String doc, List<Waiver> waivers) {
        return replace(replace(doc, RULES_BEGIN, RULES_END, rulesTable()), WAIVERS_BEGIN, WAIVERS_END,
                waiversTable(waivers));
    }

    private static String replace(String doc, String begin, String end, String content) {
        var start = doc.indexOf(begin);
        var stop = doc.indexOf(end);
        if (start < 0 || stop < start) {
            throw new IllegalArgumentException(DOC + " lacks the markers " + begin + " ... " + end);
        }
        return doc.substring(0, start + begin.length()) + "\n" + content + doc.substring(stop);
    }
}
