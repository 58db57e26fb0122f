package ai.kuraos.infra.policy;

import ai.kuraos.infra.plan.ReviewSection;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.List;

/**
 * The policy part of a change's review: the verdict and every waiver the change adds stay in the comment's summary,
 * never cut; the findings it introduces and fixes are its details. A change whose tree fails the policy blocks, as
 * {@code policy --all} fails CI.
 */
public record PolicySection(PolicyDiff diff) implements ReviewSection {

    @Override
    public String key() {
        return "policy";
    }

    @Override
    public String text() {
        return diff.markdown();
    }

    @Override
    public String markdownSummary() {
        var full = diff.markdown();
        var findings = full.indexOf("\n#### Introduced");
        var fixed = full.indexOf("\n#### Fixed");
        var firstFindings = findings >= 0 ? findings : fixed;
        return (firstFindings >= 0 ? full.substring(0, firstFindings + 1) : full) + "\n";
    }

    @Override
    public String markdownDetails(int room) {
        var full = diff.markdown();
        var summary = markdownSummary();
        var details = full.length() + 1 > summary.length() ? full.substring(summary.length() - 1) : "";
        return details.length() <= room ? details : "";
    }

    @Override
    public boolean cutAt(int room) {
        return !markdownDetails(Integer.MAX_VALUE).isEmpty() && markdownDetails(room).isEmpty();
    }

    @Override
    public JsonNode json() {
        var json = JsonNodeFactory.instance.objectNode();
        json.put("passes", diff.after().passes());
        findings(json.putArray("introduced"), diff.introduced());
        findings(json.putArray("fixed"), diff.fixed());
        var added = json.putArray("addedWaivers");
        diff.addedWaivers().forEach(waiver -> added.add(waiver.shown()));
        var removed = json.putArray("removedWaivers");
        diff.removedWaivers().forEach(waiver -> removed.add(waiver.shown()));
        return json;
    }

    @Override
    public boolean blocks() {
        return !diff.after().passes();
    }

    private static void findings(com.fasterxml.jackson.databind.node.ArrayNode array, List<Finding> findings) {
        findings.forEach(finding -> array.addObject().put("rule", finding.ruleId()).put("severity",
                        finding.severity().name().toLowerCase()).put("stack", finding.stack()).put("type", finding.type())
                .put("name", finding.name()).put("path", finding.path()).put("message", finding.message()));
    }
}
