package ai.kuraos.infra.cost;

import ai.kuraos.infra.config.Environment;
import ai.kuraos.infra.config.StackConfigValues;
import ai.kuraos.infra.plan.GitPlans;
import ai.kuraos.infra.plan.ProjectLayout;
import ai.kuraos.infra.usage.CostAssumptions;
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
 * What a change does to each stack's monthly cost: the estimate of the base plan with the base commit's assumptions
 * and price sheet, and of the new plan with the new ones. The difference is told in three parts: what the price sheet's
 * change does, then what the assumptions' change does (both on the base plan), then what the plan's change does (the
 * resources whose cost changed, at the new assumptions and prices). This is what {@code plan --diff} shows a reviewer;
 * {@code cost --diff} prints it alone.
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

    /**
     * What a change of the price sheet ("prices") or of a stack's assumptions ("assumptions") alone does to the stack's
     * estimate of its base plan, and what changed ("requestsPerMonth 10M → 20M").
     */
    public record InputChange(String kind, double deltaUsd, List<String> changes) {

        public InputChange {
            changes = List.copyOf(changes);
        }
    }

    /** One stack's estimate before and after; a side is empty when the stack has no plan there. */
    public record StackDelta(String stack, Optional<StackCost> before, Optional<StackCost> after, List<ResourceDelta> resources,
                             List<InputChange> inputChanges) {

        public StackDelta {
            resources = List.copyOf(resources);
            inputChanges = List.copyOf(inputChanges);
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

    /** One side of a review: each stack's assumptions, and the price sheet. */
    public record Inputs(Function<String, CostAssumptions> assumptions, PriceSheet sheet) {

        /** The working tree's: each stack's file now, and the bundled sheet. */
        public static Inputs inWorkingTree(ProjectLayout layout) {
            var cache = new java.util.HashMap<String, CostAssumptions>();
            return new Inputs(stack -> cache.computeIfAbsent(stack, name -> CostEstimator.assumptions(layout, name)),
                    PriceSheet.bundled());
        }

        /**
         * The commit {@code ref}'s: each stack's file as it was (its environment's defaults where it had none) and the
         * amounts of the sheet it bundled (none where the project is not the repository that builds this jar).
         */
        public static Inputs atRef(ProjectLayout layout, String ref) {
            var bundled = PriceSheet.bundled();
            var sheet = GitPlans.fileAtRef(layout.root(), ref, "src/main/resources" + PriceSheet.BUNDLED)
                    .map(bundled::withAmountsOf).orElse(bundled);
            var cache = new java.util.HashMap<String, CostAssumptions>();
            return new Inputs(stack -> cache.computeIfAbsent(stack, name ->
                    GitPlans.fileAtRef(layout.root(), ref, "Pulumi." + name + ".yaml")
                            .map(text -> CostAssumptions.ofStackConfig(name, StackConfigValues.fromStackText(name, text)))
                            .orElseGet(() -> CostAssumptions.defaults(Environment.byId(name).orElse(Environment.DEV)))),
                    sheet);
        }
    }

    /**
     * The delta of every stack in either map of plan texts ({@code stacks/<stack>/plan.json}, e.g. from
     * {@code GitPlans.atRef} and {@code GitPlans.inWorkingTree}), sorted by stack; {@code base} are the assumptions
     * and prices of the base commit, {@code now} those of the working tree.
     */
    public static List<StackDelta> of(Map<String, String> basePlans, Map<String, String> newPlans, Inputs base, Inputs now) {
        var stacks = new TreeSet<>(basePlans.keySet());
        stacks.addAll(newPlans.keySet());
        var deltas = new ArrayList<StackDelta>();
        for (var stack : stacks) {
            var baseAssumptions = base.assumptions().apply(stack);
            var newAssumptions = now.assumptions().apply(stack);
            var basePlan = Optional.ofNullable(basePlans.get(stack)).map(text -> parse(stack, text));
            var before = basePlan.map(plan -> CostEstimator.estimate(stack, plan, baseAssumptions, base.sheet()));
            var after = Optional.ofNullable(newPlans.get(stack))
                    .map(text -> CostEstimator.estimate(stack, parse(stack, text), newAssumptions, now.sheet()));
            var changes = new ArrayList<InputChange>();
            var newlyPriced = basePlan.map(plan -> CostEstimator.estimate(stack, plan, baseAssumptions, now.sheet()));
            var newlyAssumed = basePlan.map(plan -> CostEstimator.estimate(stack, plan, newAssumptions, now.sheet()));
            if (before.isPresent()) {
                var priceChanges = priceChanges(base.sheet(), now.sheet());
                if (!priceChanges.isEmpty()) {
                    changes.add(new InputChange("prices", newlyPriced.get().totalUsd() - before.get().totalUsd(), priceChanges));
                }
                var assumptionChanges = assumptionChanges(baseAssumptions, newAssumptions);
                if (!assumptionChanges.isEmpty()) {
                    changes.add(new InputChange("assumptions",
                            newlyAssumed.get().totalUsd() - newlyPriced.get().totalUsd(), assumptionChanges));
                }
            }
            deltas.add(new StackDelta(stack, before, after, resourceDeltas(newlyAssumed, after), changes));
        }
        return deltas;
    }

    /** Each assumption whose value differs, e.g. "requestsPerMonth 10M → 20M". */
    static List<String> assumptionChanges(CostAssumptions before, CostAssumptions after) {
        var changes = new ArrayList<String>();
        for (var component : CostAssumptions.class.getRecordComponents()) {
            try {
                var old = component.getAccessor().invoke(before);
                var now = component.getAccessor().invoke(after);
                if (!old.equals(now)) {
                    changes.add(component.getName() + " " + quantity(old) + " → " + quantity(now));
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read the assumption " + component.getName(), e);
            }
        }
        return changes;
    }

    /** Each price added, removed or changed between two sheets, e.g. "cloudsql-vcpu-zonal $0.0413 → $0.049". */
    static List<String> priceChanges(PriceSheet before, PriceSheet after) {
        var keys = new TreeSet<>(before.prices().keySet());
        keys.addAll(after.prices().keySet());
        var changes = new ArrayList<String>();
        for (var key : keys) {
            var old = Optional.ofNullable(before.prices().get(key)).map(PriceSheet.Price::usd);
            var now = Optional.ofNullable(after.prices().get(key)).map(PriceSheet.Price::usd);
            if (!old.equals(now)) {
                changes.add(key + " " + old.map(CostDelta::unitPrice).orElse("(none)") + " → "
                        + now.map(CostDelta::unitPrice).orElse("(none)"));
            }
        }
        return changes;
    }

    private static String unitPrice(double usd) {
        return "$" + new java.math.BigDecimal(Double.toString(usd)).stripTrailingZeros().toPlainString();
    }

    private static String quantity(Object value) {
        if (value instanceof java.util.OptionalInt optional) {
            return optional.isPresent() ? quantity(optional.getAsInt()) : "(derived from the plan)";
        }
        if (value instanceof Number number && number.doubleValue() >= 1_000_000 && number.doubleValue() % 100_000 == 0) {
            return ResourcePricing.format(number.doubleValue() / 1_000_000) .replace(".00", "") + "M";
        }
        return value instanceof Number number ? ResourcePricing.format(number.doubleValue()) : String.valueOf(value);
    }

    /** The lines that tell the price sheet's and the assumptions' share, e.g. "assumptions: prod +$16.80/month: …". */
    public static List<String> inputChangeLines(List<StackDelta> deltas) {
        var lines = new ArrayList<String>();
        for (var delta : deltas) {
            for (var change : delta.inputChanges()) {
                lines.add(change.kind() + ": " + delta.stack() + " " + signed(change.deltaUsd()) + ": "
                        + String.join(", ", change.changes()));
            }
        }
        return lines;
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
        inputChangeLines(deltas).forEach(line -> out.append(line).append('\n'));
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
        var out = new StringBuilder(markdownSummary(deltas)).append('\n');
        out.append(stackMarkdown(deltas));
        return out.toString();
    }

    /** The summary line, then one line per change of the price sheet or of a stack's assumptions. */
    public static String markdownSummary(List<StackDelta> deltas) {
        var out = new StringBuilder("**Monthly cost:** ").append(summaryLine(deltas)).append('\n');
        inputChangeLines(deltas).forEach(line -> out.append("- ").append(line).append('\n'));
        return out.toString();
    }

    /** The per-stack part of {@link #markdown}, without the summary line: one section per stack whose cost changed. */
    public static String stackMarkdown(List<StackDelta> deltas) {
        var out = new StringBuilder();
        for (var delta : deltas) {
            if (delta.resources().isEmpty() && delta.unpriced().isEmpty() && delta.inputChanges().isEmpty()) {
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
            delta.after().ifPresent(cost -> node.put("baselineUsd", CostReport.round(cost.baselineUsd()))
                    .put("usageUsd", CostReport.round(cost.usageUsd())));
            var inputChanges = node.putArray("inputChanges");
            delta.inputChanges().forEach(change -> {
                var item = inputChanges.addObject().put("kind", change.kind()).put("deltaUsd", CostReport.round(change.deltaUsd()));
                var what = item.putArray("changes");
                change.changes().forEach(what::add);
            });
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
                + signed(delta.deltaUsd()) + delta.after().map(cost -> "; baseline " + CostReport.usd(cost.baselineUsd())
                + ", usage " + CostReport.usd(cost.usageUsd())).orElse("") + ")";
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
