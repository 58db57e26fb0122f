package ai.kuraos.infra.cost;

import ai.kuraos.infra.config.Environment;
import ai.kuraos.infra.plan.ProjectLayout;
import ai.kuraos.infra.plan.StackPlanner;
import ai.kuraos.infra.usage.CostAssumptions;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Estimates a stack's monthly cost from its rendered plan ({@code stacks/<stack>/plan.json}): each resource type is
 * priced by {@link ResourcePricing}, declared free by the sheet, or reported as unpriced, never counted as zero.
 */
public final class CostEstimator {

    private CostEstimator() {
    }

    /**
     * A stack's assumptions as its stack file sets them, read with the rest of its settings; a stack without a stack
     * file now (one a change deletes) gets its environment's defaults. Throws
     * {@link ai.kuraos.infra.config.InvalidConfigException} on invalid config.
     */
    public static CostAssumptions assumptions(ProjectLayout layout, String stack) {
        if (!layout.stacks().contains(stack)) {
            return CostAssumptions.defaults(Environment.byId(stack).orElse(Environment.DEV));
        }
        return StackPlanner.settings(layout, stack).cost();
    }

    public static StackCost estimate(String stack, JsonNode plan, CostAssumptions assumptions, PriceSheet sheet) {
        var resources = new ArrayList<JsonNode>();
        plan.path("resources").forEach(resources::add);
        var byName = new HashMap<String, JsonNode>();
        resources.forEach(resource -> byName.put(resource.path("name").asText(), resource));
        var context = new ResourcePricing.Context(resources, assumptions, sheet);

        var lines = new ArrayList<CostLine>();
        var free = new ArrayList<StackCost.FreeResource>();
        var unpriced = new ArrayList<StackCost.UnpricedResource>();
        for (var resource : resources) {
            var type = resource.path("type").asText();
            var name = resource.path("name").asText();
            var component = component(resource, byName);
            var pricing = ResourcePricing.forType(type);
            if (pricing.isPresent()) {
                try {
                    var estimate = pricing.get().estimate(resource, context);
                    estimate.lines().forEach(line -> lines.add(new CostLine(component, type, name, line.item(),
                            line.quantity(), line.price(), line.assumptions())));
                    estimate.freeReason().ifPresent(reason -> free.add(new StackCost.FreeResource(type, name, reason)));
                } catch (ResourcePricing.Unpriceable unpriceable) {
                    unpriced.add(new StackCost.UnpricedResource(type, name, unpriceable.getMessage()));
                }
                continue;
            }
            var freeType = sheet.freeType(type);
            if (freeType.isPresent()) {
                free.add(new StackCost.FreeResource(type, name, freeType.get().reason()));
            } else {
                unpriced.add(new StackCost.UnpricedResource(type, name, "the price sheet neither prices this resource"
                        + " type nor declares it free; add it to " + PriceSheet.BUNDLED + " (docs/cost.md)"));
            }
        }
        return new StackCost(stack, lines, free, unpriced);
    }

    /** The top-level component a resource belongs to (its own name at the top). */
    static String component(JsonNode resource, Map<String, JsonNode> byName) {
        var current = resource;
        for (int depth = 0; depth < 64; depth++) {
            var parent = Optional.ofNullable(current.get("parent")).filter(JsonNode::isTextual).map(JsonNode::asText);
            if (parent.isEmpty() || !byName.containsKey(parent.get())) {
                return parent.orElse(current.path("name").asText());
            }
            current = byName.get(parent.get());
        }
        return current.path("name").asText();
    }
}
