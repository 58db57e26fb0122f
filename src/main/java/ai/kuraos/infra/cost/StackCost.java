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

    /**
     * A free tier that applies to this stack's usage of one price: shown beside the total, never netted from it, since
     * a billing account's tier is shared by every stack billed to it.
     */
    public record Credit(PriceSheet.Price price, double quantity) {

        public double usd() {
            return quantity * price.usd();
        }
    }

    /** The free tiers of the prices this stack uses, each up to what the stack uses of that price. */
    public List<Credit> credits() {
        var used = new TreeMap<String, Double>();
        var prices = new TreeMap<String, PriceSheet.Price>();
        lines.stream().filter(line -> line.price().freeTier().isPresent()).forEach(line -> {
            used.merge(line.price().key(), line.quantity(), Double::sum);
            prices.put(line.price().key(), line.price());
        });
        return used.entrySet().stream()
                .map(entry -> new Credit(prices.get(entry.getKey()),
                        Math.min(entry.getValue(), prices.get(entry.getKey()).freeTier().orElseThrow().quantity())))
                .filter(credit -> credit.quantity() > 0)
                .toList();
    }

    public double creditsUsd() {
        return credits().stream().mapToDouble(Credit::usd).sum();
    }

    /** What the plan alone decides: lines that depend on no usage assumption. */
    public double baselineUsd() {
        return lines.stream().filter(line -> line.assumptions().isEmpty()).mapToDouble(CostLine::monthlyUsd).sum();
    }

    /** What the usage assumptions decide. */
    public double usageUsd() {
        return totalUsd() - baselineUsd();
    }

    /** The share of the dollars priced with another region's figures (exceptions of the sheet), 0 to 1. */
    public double otherRegionShare(PriceSheet sheet) {
        var total = totalUsd();
        var other = lines.stream().filter(line -> sheet.isFromOtherRegion(line.price())).mapToDouble(CostLine::monthlyUsd).sum();
        return total == 0 ? 0 : other / total;
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
