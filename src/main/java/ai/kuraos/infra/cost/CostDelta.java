package ai.kuraos.infra.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What a change does to each stack's monthly cost: the estimate of the base plan and of the new one, with the same
 * assumptions on both sides so that only the plan's change moves the figure, and the resources whose cost changed.
 * This is what {@code plan --diff} shows a reviewer; {@code cost --diff} prints it alone.
 */
public final class CostDelta {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Below half a cent a month, a change is no change. */
    private static final double NEGLIGIBLE_USD = 0.005;

    private CostDelta() {
    }

    /** One resource whose monthly cost differs; {@code before} or {@code after} is empty when it is added or removed. */
    public record ResourceDelta(String type, String name, Optional<Double> before, Optional<Double> after) {

        public double deltaUsd() {
            return after.orElse(0d) - before.orElse(0d);
        }
    }

    /** One stack's estimate before and after; a side is empty when the stack has no plan there. */
    public record StackDelta(String stack, Optional<StackCost> before, Optional<StackCost> after, List<ResourceDelta> resources) {

        public StackDelta {
            resources = List.copyOf(resources);
        }

        public double beforeUsd() {
            return before.map(StackCost::totalUsd).orElse(0d);
        }

        public double afterUsd() {
            return after.map(StackCost::totalUsd).orElse(0d);
        }

        public double deltaUsd() {
            return afterUsd() - beforeUsd();
        }

        /** The resources neither side could price: the delta leaves them out. */
        public List<StackCost.UnpricedResource> unpriced() {
            var all = new ArrayList<StackCost.UnpricedResource>();
            before.ifPresent(cost -> all.addAll(cost.unpriced()));
            after.ifPresent(cost -> cost.unpriced().stream().filter(resource -> !all.contains(resource)).forEach(all::add));
            return all;
        }
    }

    /**
     * The delta of every stack in either map of plan texts ({@code stacks/<stack>/plan.json}, e.g. from
     * {@code GitPlans.atRef} and {@code GitPlans.inWorkingTree}), sorted by stack.
     */
    public static List<StackDelta> of(Map<String, String> basePlans, Map<String, String> newPlans,
                                      Function<String, CostAssumptions> assumptions, PriceSheet sheet) {
        var stacks = new TreeSet<>(basePlans.keySet());
        stacks.addAll(newPlans.keySet());
        var deltas = new ArrayList<StackDelta>();
        for (var stack : stacks) {
            var stackAssumptions = assumptions.apply(stack);
            var before = Optional.ofNullable(basePlans.get(stack))
                    .map(text -> CostEstimator.estimate(stack, parse(stack, text), stackAssumptions, sheet));
            var after = Optional.ofNullable(newPlans.get(stack))
                    .map(text -> CostEstimator.estimate(stack, parse(stack, text), stackAssumptions, sheet));
            deltas.add(new StackDelta(stack, before, after, resourceDeltas(before, after)));
        }
        return deltas;
    }

    private static List<ResourceDelta> resourceDeltas(Optional<StackCost> before, Optional<StackCost> after) {
        var beforeByResource = before.map(StackCost::byResource).orElse(Map.of());
        var afterByResource = after.map(StackCost::byResource).orElse(Map.of());
        var keys = new TreeSet<>(beforeByResource.keySet());
        keys.addAll(afterByResource.keySet());
        var deltas = new ArrayList<ResourceDelta>();
        for (var key : keys) {
            var old = Optional.ofNullable(beforeByResource.get(key));
            var now = Optional.ofNullable(afterByResource.get(key));
            var delta = new ResourceDelta(key.substring(0, key.indexOf(' ')), key.substring(key.indexOf(' ') + 1), old, now);
            if (Math.abs(delta.deltaUsd()) >= NEGLIGIBLE_USD || old.isPresent() != now.isPresent()) {
                deltas.add(delta);
            }
        }
        return deltas;
    }

    /** The one line for the top of a PR comment, e.g. "prod +$61.00/month, staging ±0". */
    public static String summaryLine(List<StackDelta> deltas) {
        var parts = new ArrayList<String>();
        for (var delta : deltas) {
            var figure = delta.before().isEmpty() ? "new, " + CostReport.usd(delta.afterUsd()) + "/month"
                    : delta.after().isEmpty() ? "removed, -" + CostReport.usd(delta.beforeUsd()) + "/month"
                    : signed(delta.deltaUsd());
            parts.add(delta.stack() + " " + figure + (delta.unpriced().isEmpty() ? "" : " (incomplete: unpriced resources)"));
        }
        return parts.isEmpty() ? "no stacks" : String.join(", ", parts);
    }

    /** A stack's delta alone, e.g. "+$98.62/month" or "±0". */
    public static String signed(double deltaUsd) {
        if (Math.abs(deltaUsd) < NEGLIGIBLE_USD) {
            return "±0";
        }
        return (deltaUsd > 0 ? "+" : "-") + CostReport.usd(Math.abs(deltaUsd)) + "/month";
    }

    public static String text(List<StackDelta> deltas) {
        var out = new StringBuilder("monthly cost: ").append(summaryLine(deltas)).append('\n');
        for (var delta : deltas) {
            out.append(stackHeading(delta)).append('\n');
            for (var resource : delta.resources()) {
                out.append("  ").append(resource.name()).append(" (").append(resource.type()).append("): ")
                        .append(side(resource.before())).append(" -> ").append(side(resource.after())).append(" (")
                        .append(signed(resource.deltaUsd())).append(")\n");
            }
            delta.unpriced().forEach(resource -> out.append("  UNPRICED ").append(resource.name()).append(" (")
                    .append(resource.type()).append("): ").append(resource.why()).append('\n'));
        }
        return out.toString();
    }

    /** The summary line first, then a table per stack whose cost changed; the lead embeds it in the PR comment. */
    public static String markdown(List<StackDelta> deltas) {
        var out = new StringBuilder("**Monthly cost:** ").append(summaryLine(deltas)).append("\n\n");
        out.append(stackMarkdown(deltas));
        return out.toString();
    }

    /** The per-stack part of {@link #markdown}, without the summary line: one section per stack whose cost changed. */
    public static String stackMarkdown(List<StackDelta> deltas) {
        var out = new StringBuilder();
        for (var delta : deltas) {
            if (delta.resources().isEmpty() && delta.unpriced().isEmpty()) {
                continue;
            }
            out.append("<details><summary>").append(stackHeading(delta)).append("</summary>\n\n");
            out.append("| Resource | Type | Before | After | Change |\n|---|---|---:|---:|---:|\n");
            for (var resource : delta.resources()) {
                out.append("| `").append(resource.name()).append("` | `").append(resource.type()).append("` | ")
                        .append(side(resource.before())).append(" | ").append(side(resource.after())).append(" | ")
                        .append(signed(resource.deltaUsd())).append(" |\n");
            }
            delta.unpriced().forEach(resource -> out.append("\n**unpriced** `").append(resource.name()).append("` (")
                    .append(resource.type()).append("): ").append(resource.why()).append('\n'));
            out.append("\nEstimates at list prices with the stack's usage assumptions (docs/cost.md).\n\n</details>\n\n");
        }
        return out.toString();
    }

    public static String json(List<StackDelta> deltas) {
        var root = JSON.createObjectNode();
        root.put("currency", "USD");
        root.put("summary", summaryLine(deltas));
        var stacks = root.putArray("stacks");
        for (var delta : deltas) {
            var node = stacks.addObject();
            node.put("stack", delta.stack());
            delta.before().ifPresentOrElse(cost -> node.put("beforeUsd", CostReport.round(cost.totalUsd())), () -> node.putNull("beforeUsd"));
            delta.after().ifPresentOrElse(cost -> node.put("afterUsd", CostReport.round(cost.totalUsd())), () -> node.putNull("afterUsd"));
            node.put("deltaUsd", CostReport.round(delta.deltaUsd()));
            var resources = node.putArray("resources");
            for (var resource : delta.resources()) {
                var item = resources.addObject().put("type", resource.type()).put("name", resource.name());
                resource.before().ifPresentOrElse(usd -> item.put("beforeUsd", CostReport.round(usd)), () -> item.putNull("beforeUsd"));
                resource.after().ifPresentOrElse(usd -> item.put("afterUsd", CostReport.round(usd)), () -> item.putNull("afterUsd"));
                item.put("deltaUsd", CostReport.round(resource.deltaUsd()));
            }
            var unpriced = node.putArray("unpriced");
            delta.unpriced().forEach(resource -> unpriced.addObject().put("type", resource.type())
                    .put("name", resource.name()).put("why", resource.why()));
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot render the cost delta as JSON", e);
        }
    }

    private static String stackHeading(StackDelta delta) {
        return delta.stack() + ": " + delta.before().map(cost -> CostReport.usd(cost.totalUsd())).orElse("(none)") + " -> "
                + delta.after().map(cost -> CostReport.usd(cost.totalUsd())).orElse("(none)") + " a month ("
                + signed(delta.deltaUsd()) + ")";
    }

    private static String side(Optional<Double> usd) {
        return usd.map(CostReport::usd).orElse("(none)");
    }

    private static JsonNode parse(String stack, String planText) {
        try {
            return JSON.readTree(planText);
        } catch (IOException e) {
            throw new UncheckedIOException("the plan of stack " + stack + " is not JSON", e);
        }
    }
}
