package ai.kuraos.infra.cost;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Renders stack estimates as text (a terminal), markdown (a pull request) or JSON (a tool). */
public final class CostReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CostReport() {
    }

    public static String text(List<StackCost> stacks, PriceSheet sheet) {
        var out = new StringBuilder();
        for (var stack : stacks) {
            out.append("stack ").append(stack.stack()).append(": ").append(usd(stack.totalUsd())).append("/month (estimate;")
                    .append(" baseline ").append(usd(stack.baselineUsd())).append(", usage ").append(usd(stack.usageUsd()))
                    .append("; ").append(percent(stack.otherRegionShare(sheet))).append(" priced from another region)\n");
            String component = null;
            for (var line : sorted(stack)) {
                if (!line.component().equals(component)) {
                    component = line.component();
                    out.append("  ").append(component).append(": ").append(usd(stack.byComponent().get(component)))
                            .append("/month\n");
                }
                out.append("    ").append(line.resourceName()).append(" (").append(line.resourceType()).append(") ")
                        .append(line.item()).append(": ").append(ResourcePricing.format(line.quantity())).append(' ')
                        .append(line.price().unit()).append(" x $").append(amount(line.price().usd())).append(" = ")
                        .append(usd(line.monthlyUsd())).append(marks(line, sheet)).append('\n');
            }
            for (var credit : stack.credits()) {
                out.append("  credit (free tier per ").append(credit.price().freeTier().orElseThrow().per())
                        .append(", not netted from the total) [").append(credit.price().key()).append("]: ")
                        .append(ResourcePricing.format(credit.quantity())).append(' ').append(credit.price().unit())
                        .append(" = -").append(usd(credit.usd())).append('\n');
            }
            if (!stack.free().isEmpty()) {
                out.append("  free: ").append(stack.free().size()).append(" resource(s) (")
                        .append(String.join(", ", freeTypes(stack).keySet())).append(")\n");
            }
            for (var unpriced : stack.unpriced()) {
                out.append("  UNPRICED ").append(unpriced.name()).append(" (").append(unpriced.type()).append("): ")
                        .append(unpriced.why()).append('\n');
            }
            out.append('\n');
        }
        out.append(legend());
        out.append("prices used (USD, list price):\n");
        for (var price : used(stacks)) {
            out.append("  [").append(price.key()).append("] ").append(skuText(price)).append(": $").append(amount(price.usd()))
                    .append(" per ").append(price.unit()).append("; ").append(regionNote(price, sheet)).append("; source ")
                    .append(price.source()).append(", read ").append(price.read())
                    .append(price.confirmed() ? "" : " (not confirmed in a source read that day)").append('\n');
        }
        return out.toString();
    }

    public static String markdown(List<StackCost> stacks, PriceSheet sheet) {
        var out = new StringBuilder("## Monthly cost estimate\n\n");
        out.append(stacks.stream().map(stack -> "**" + stack.stack() + "** " + usd(stack.totalUsd()))
                .reduce((a, b) -> a + " · " + b).orElse("no stacks")).append(" (per month, list prices)\n\n");
        for (var stack : stacks) {
            out.append("### ").append(stack.stack()).append(": ").append(usd(stack.totalUsd())).append("/month\n\n");
            out.append("| Component | Resource | Item | Quantity | Unit price | Monthly |\n|---|---|---|---:|---:|---:|\n");
            for (var line : sorted(stack)) {
                out.append("| ").append(line.component()).append(" | `").append(line.resourceName()).append("` | ")
                        .append(cell(line.item())).append(marks(line, sheet)).append(" | ")
                        .append(ResourcePricing.format(line.quantity())).append(' ').append(line.price().unit())
                        .append(" | $").append(amount(line.price().usd())).append(" | ").append(usd(line.monthlyUsd()))
                        .append(" |\n");
            }
            out.append('\n');
            stack.byComponent().forEach((component, total) ->
                    out.append("- ").append(component).append(": ").append(usd(total)).append('\n'));
            out.append("- baseline ").append(usd(stack.baselineUsd())).append(", usage ").append(usd(stack.usageUsd()))
                    .append("; ").append(percent(stack.otherRegionShare(sheet))).append(" priced from another region\n");
            for (var credit : stack.credits()) {
                out.append("- credit (free tier per ").append(credit.price().freeTier().orElseThrow().per())
                        .append(", not netted) `").append(credit.price().key()).append("`: -").append(usd(credit.usd()))
                        .append('\n');
            }
            for (var unpriced : stack.unpriced()) {
                out.append("- **unpriced** `").append(unpriced.name()).append("` (").append(unpriced.type()).append("): ")
                        .append(unpriced.why()).append('\n');
            }
            out.append('\n');
        }
        out.append(legend().replace("\n", "\n\n"));
        out.append("| Price | SKU | USD | Unit | Region of the figure | Source | Read |\n|---|---|---:|---|---|---|---|\n");
        for (var price : used(stacks)) {
            out.append("| `").append(price.key()).append("` | ").append(cell(skuText(price))).append(" | ").append(amount(price.usd()))
                    .append(" | ").append(price.unit()).append(" | ").append(regionNote(price, sheet)).append(" | ")
                    .append(price.source()).append(" | ").append(price.read()).append(price.confirmed() ? "" : " (unconfirmed)")
                    .append(" |\n");
        }
        return out.toString();
    }

    public static String json(List<StackCost> stacks, PriceSheet sheet) {
        var root = JSON.createObjectNode();
        root.put("currency", "USD");
        root.put("period", "month");
        root.put("region", sheet.region());
        var stacksNode = root.putArray("stacks");
        for (var stack : stacks) {
            var node = stacksNode.addObject();
            node.put("stack", stack.stack());
            node.put("monthlyUsd", round(stack.totalUsd()));
            node.put("baselineUsd", round(stack.baselineUsd()));
            node.put("usageUsd", round(stack.usageUsd()));
            node.put("otherRegionShare", Math.round(stack.otherRegionShare(sheet) * 10_000) / 10_000d);
            var credits = node.putArray("credits");
            stack.credits().forEach(credit -> credits.addObject().put("price", credit.price().key())
                    .put("per", credit.price().freeTier().orElseThrow().per()).put("quantity", credit.quantity())
                    .put("usd", round(credit.usd())).put("source", credit.price().freeTier().orElseThrow().source()));
            var components = node.putObject("components");
            stack.byComponent().forEach((component, total) -> components.put(component, round(total)));
            var lines = node.putArray("lines");
            for (var line : sorted(stack)) {
                var lineNode = lines.addObject();
                lineNode.put("component", line.component());
                lineNode.put("type", line.resourceType());
                lineNode.put("name", line.resourceName());
                lineNode.put("item", line.item());
                lineNode.put("quantity", line.quantity());
                lineNode.put("unit", line.price().unit());
                lineNode.put("price", line.price().key());
                lineNode.put("monthlyUsd", round(line.monthlyUsd()));
                lineNode.put("priceFromOtherRegion", sheet.isFromOtherRegion(line.price()));
                var assumptions = lineNode.putArray("assumptions");
                line.assumptions().forEach(assumptions::add);
            }
            var free = node.putArray("free");
            stack.free().forEach(resource -> free.addObject().put("type", resource.type()).put("name", resource.name())
                    .put("reason", resource.reason()));
            var unpriced = node.putArray("unpriced");
            stack.unpriced().forEach(resource -> unpriced.addObject().put("type", resource.type())
                    .put("name", resource.name()).put("why", resource.why()));
        }
        root.set("prices", prices(used(stacks)));
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot render the estimate as JSON", e);
        }
    }

    static ArrayNode prices(List<PriceSheet.Price> prices) {
        var array = JSON.createArrayNode();
        for (var price : prices) {
            ObjectNode node = array.addObject();
            node.put("key", price.key()).put("sku", price.sku()).put("skuId", price.skuId()).put("unit", price.unit()).put("usd", price.usd())
                    .put("region", price.region()).put("source", price.source()).put("read", price.read())
                    .put("confirmed", price.confirmed()).put("uplift", price.uplift());
        }
        return array;
    }

    static String legend() {
        return "* the figure depends on the usage assumptions named (kura-infra:cost.<name>; docs/cost.md)\n"
                + "~ the price is the one documented for another region (named in the price list)\n";
    }

    static String marks(CostLine line, PriceSheet sheet) {
        var marks = new StringBuilder();
        if (!line.assumptions().isEmpty()) {
            marks.append(" *").append(String.join(", ", line.assumptions()));
        }
        if (sheet.isFromOtherRegion(line.price())) {
            marks.append(" ~").append(line.price().region());
        }
        marks.append(" [").append(line.price().key()).append(']');
        return marks.toString();
    }

    private static String skuText(PriceSheet.Price price) {
        return price.skuId().isEmpty() ? price.sku() : price.sku() + " (SKU " + price.skuId() + ")";
    }

    private static String regionNote(PriceSheet.Price price, PriceSheet sheet) {
        return sheet.isFromOtherRegion(price) ? "EXCEPTION: " + price.region() + " figure x" + amount(price.uplift())
                + " (no " + sheet.region() + " figure published in the sources read)" : price.region();
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    private static List<CostLine> sorted(StackCost stack) {
        return stack.lines().stream()
                .sorted(java.util.Comparator.comparing(CostLine::component).thenComparing(CostLine::resourceName))
                .toList();
    }

    private static Map<String, Integer> freeTypes(StackCost stack) {
        var types = new TreeMap<String, Integer>();
        stack.free().forEach(resource -> types.merge(resource.type(), 1, Integer::sum));
        return types;
    }

    private static List<PriceSheet.Price> used(List<StackCost> stacks) {
        var prices = new TreeMap<String, PriceSheet.Price>();
        stacks.forEach(stack -> stack.lines().forEach(line -> prices.put(line.price().key(), line.price())));
        return List.copyOf(prices.values());
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }

    static double round(double usd) {
        return Math.round(usd * 100) / 100d;
    }

    static String usd(double usd) {
        return String.format(Locale.ROOT, "$%,.2f", usd);
    }

    private static String amount(double usd) {
        return new java.math.BigDecimal(Double.toString(usd)).stripTrailingZeros().toPlainString();
    }
}
