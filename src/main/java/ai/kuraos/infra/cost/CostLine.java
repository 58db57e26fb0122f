package ai.kuraos.infra.cost;

import java.util.List;

/**
 * One priced item of a resource: {@code quantity} of the price's unit in a month, and what it comes to.
 * {@code assumptions} names the {@code kura-infra:cost} keys the quantity depends on (empty: read from the plan alone).
 */
public record CostLine(
        String component,
        String resourceType,
        String resourceName,
        String item,
        double quantity,
        PriceSheet.Price price,
        List<String> assumptions) {

    public CostLine {
        assumptions = List.copyOf(assumptions);
    }

    public double monthlyUsd() {
        return quantity * price.usd();
    }
}
