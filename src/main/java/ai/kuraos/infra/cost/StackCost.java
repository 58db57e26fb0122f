package ai.kuraos.infra.cost;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The monthly estimate of one stack: its priced lines, the resources that cost nothing (and why), and those the sheet
 * cannot price, which make the estimate incomplete.
 */
public record StackCost(String stack, List<CostLine> lines, List<FreeResource> free, List<UnpricedResource> unpriced) {

    public StackCost {
        lines = List.copyOf(lines);
        free = List.copyOf(free);
        unpriced = List.copyOf(unpriced);
    }

    public record FreeResource(String type, String name, String reason) {
    }

    public record UnpricedResource(String type, String name, String why) {
    }

    public double totalUsd() {
        return lines.stream().mapToDouble(CostLine::monthlyUsd).sum();
    }

    public Map<String, Double> byComponent() {
        var totals = new TreeMap<String, Double>();
        lines.forEach(line -> totals.merge(line.component(), line.monthlyUsd(), Double::sum));
        return totals;
    }

    /** Each resource's monthly total, keyed by "type name". */
    public Map<String, Double> byResource() {
        var totals = new TreeMap<String, Double>();
        lines.forEach(line -> totals.merge(line.resourceType() + " " + line.resourceName(), line.monthlyUsd(), Double::sum));
        return totals;
    }
}
