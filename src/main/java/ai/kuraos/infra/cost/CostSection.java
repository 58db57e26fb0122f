package ai.kuraos.infra.cost;

import ai.kuraos.infra.plan.ReviewSection;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;

/**
 * The cost part of a change's review: one line at the top of the comment ("prod +$61.00/month, staging ±0"), then a
 * table per stack whose cost changes. A stack the price sheet cannot price blocks: its estimate would be wrong.
 */
public record CostSection(List<CostDelta.StackDelta> deltas) implements ReviewSection {

    private static final ObjectMapper JSON = new ObjectMapper();

    public CostSection {
        deltas = List.copyOf(deltas);
    }

    @Override
    public String key() {
        return "cost";
    }

    @Override
    public String text() {
        return CostDelta.text(deltas);
    }

    @Override
    public String markdownSummary() {
        return CostDelta.markdownSummary(deltas);
    }

    @Override
    public String markdownDetails(int room) {
        var details = CostDelta.stackMarkdown(deltas);
        return details.length() <= room ? details : "";
    }

    @Override
    public boolean cutAt(int room) {
        return CostDelta.stackMarkdown(deltas).length() > room;
    }

    @Override
    public JsonNode json() {
        try {
            return JSON.readTree(CostDelta.json(deltas));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot read the cost delta back", e);
        }
    }

    @Override
    public boolean blocks() {
        return deltas.stream().anyMatch(delta -> delta.after().map(cost -> !cost.unpriced().isEmpty()).orElse(false));
    }
}
