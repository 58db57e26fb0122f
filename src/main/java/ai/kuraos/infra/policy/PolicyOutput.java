package ai.kuraos.infra.policy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A {@link PolicyReport} as text (the terminal and CI log), markdown, or JSON (for other tools). */
public final class PolicyOutput {

    private PolicyOutput() {
    }

    public static String text(PolicyReport report) {
        var text = new StringBuilder();
        text.append(summary(report)).append('\n');
        report.open().forEach(finding -> text.append(finding.line()).append('\n'));
        if (!report.open().isEmpty()) {
            text.append("fix each finding above, or waive it in ").append(Waivers.FILE)
                    .append(" with a reason a reviewer accepts (docs/policy.md)\n");
        }
        return text.toString();
    }

    private static String summary(PolicyReport report) {
        return "policy: " + String.join(", ", report.stacks()) + ": " + Rules.all().size() + " rules, "
                + report.open().size() + " finding" + (report.open().size() == 1 ? "" : "s") + " not waived, "
                + report.waived().size() + " waived by " + usedWaivers(report) + " of " + report.waivers().size()
                + " waivers" + (report.passes() ? " -- passes" : " -- fails");
    }

    private static long usedWaivers(PolicyReport report) {
        return report.waived().stream().map(PolicyReport.Waived::waiver).distinct().count();
    }

    public static String markdown(PolicyReport report) {
        var markdown = new StringBuilder("### Policy\n\n").append(Markdown.cell(summary(report))).append("\n\n");
        if (!report.open().isEmpty()) {
            markdown.append(Markdown.findings(report.open(), Markdown.MAX_ROWS)).append('\n');
        }
        markdown.append(Markdown.waivers(waiverCounts(report), Markdown.MAX_ROWS));
        return markdown.toString();
    }

    /** Each waiver in use and how many findings it accepts. */
    static Map<Waiver, Integer> waiverCounts(PolicyReport report) {
        var counts = new LinkedHashMap<Waiver, Integer>();
        report.waivers().forEach(waiver -> counts.put(waiver, 0));
        report.waived().forEach(waived -> counts.merge(waived.waiver(), 1, Integer::sum));
        return counts;
    }

    public static String json(PolicyReport report) {
        var mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        var root = mapper.createObjectNode();
        root.put("passes", report.passes());
        root.putPOJO("stacks", report.stacks());
        root.put("rules", Rules.all().size());
        var open = root.putArray("open");
        report.open().forEach(finding -> open.add(finding(mapper, finding)));
        var waived = root.putArray("waived");
        for (var entry : report.waived()) {
            var node = finding(mapper, entry.finding());
            node.put("waiver", entry.waiver().entry());
            node.put("reason", entry.waiver().reason());
            waived.add(node);
        }
        try {
            return mapper.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static ObjectNode finding(ObjectMapper mapper, Finding finding) {
        var node = mapper.createObjectNode();
        node.put("rule", finding.ruleId());
        node.put("severity", finding.severity().label());
        node.put("title", finding.title());
        node.put("stack", finding.stack());
        node.put("type", finding.type());
        node.put("name", finding.name());
        node.put("path", finding.path());
        node.put("message", finding.message());
        if (!finding.value().isEmpty()) {
            node.put("value", finding.value());
        }
        return node;
    }

    /** Markdown tables shared by the report and the pull request's policy section. */
    static final class Markdown {

        static final int MAX_ROWS = 60;

        private Markdown() {
        }

        static String cell(String text) {
            return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ");
        }

        static String findings(List<Finding> findings, int maxRows) {
            var table = new StringBuilder("| Severity | Rule | Stack | Resource | Input | Finding |\n|---|---|---|---|---|---|\n");
            findings.stream().limit(maxRows).forEach(finding -> table.append("| ").append(finding.severity().label())
                    .append(" | ").append(finding.ruleId()).append(" | ").append(cell(finding.stack()))
                    .append(" | `").append(cell(finding.type())).append("` ").append(cell(finding.name()))
                    .append(" | `").append(cell(finding.path())).append("` | ").append(cell(finding.message()))
                    .append(" |\n"));
            if (findings.size() > maxRows) {
                table.append("\n... and ").append(findings.size() - maxRows)
                        .append(" more: run `java -jar target/kura-infra.jar policy --all`\n");
            }
            return table.toString();
        }

        static String waivers(Map<Waiver, Integer> waivers, int maxRows) {
            if (waivers.isEmpty()) {
                return "";
            }
            var table = new StringBuilder("| Waiver | Rule | Stack | Type | Name | Expires | Findings | Reason |\n"
                    + "|---|---|---|---|---|---|---|---|\n");
            waivers.entrySet().stream().limit(maxRows).forEach(entry -> {
                var waiver = entry.getKey();
                table.append("| ").append(waiver.entry()).append(" | ").append(waiver.rule()).append(" | ")
                        .append(cell(waiver.stack())).append(" | `").append(cell(waiver.type())).append("` | ")
                        .append(cell(waiver.name())).append(" | ")
                        .append(waiver.expires() == null ? "never" : waiver.expires().toString()).append(" | ")
                        .append(entry.getValue()).append(" | ").append(cell(waiver.reason())).append(" |\n");
            });
            if (waivers.size() > maxRows) {
                table.append("\n... and ").append(waivers.size() - maxRows).append(" more in ").append(Waivers.FILE)
                        .append('\n');
            }
            return table.toString();
        }
    }
}
