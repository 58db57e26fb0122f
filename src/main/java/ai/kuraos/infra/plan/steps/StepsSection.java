package ai.kuraos.infra.plan.steps;

import ai.kuraos.infra.plan.PlanDiff;
import ai.kuraos.infra.plan.ReviewSection;
import ai.kuraos.infra.plan.steps.Step.Op;
import ai.kuraos.infra.plan.steps.Step.ReplaceMode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The steps of every stack as a review section. Within a stack, refused steps come first, then those that lose data,
 * then the rest by type and name. Values are the plans' own: a secret is {@code "[secret]"} on either side.
 */
public final class StepsSection implements ReviewSection {

    private static final String ABSENT = "(none)";
    private static final String CLOSE_DETAILS = "\n</details>\n";
    private static final Pattern BACKTICKS = Pattern.compile("`+");
    /** A path under a resource's labels: GCP's {@code labels}, {@code userLabels}, Kubernetes' {@code metadata.labels}. */
    private static final Pattern LABELS = Pattern.compile("^inputs(\\.[A-Za-z]+)*\\.(labels|userLabels|resourceLabels)([.\\[]|$)");
    private static final Comparator<Step> REVIEW_ORDER = Comparator.comparing((Step step) -> !step.isRefused())
            .thenComparing(step -> step.dataLoss() == null).thenComparing(Step.ORDER);

    private final PlanSteps steps;

    public StepsSection(PlanSteps steps) {
        this.steps = steps;
    }

    @Override
    public String key() {
        return "steps";
    }

    @Override
    public boolean blocks() {
        return steps.anyRefused();
    }

    @Override
    public String text() {
        var text = new StringBuilder();
        for (var stack : steps.stacks()) {
            if (!text.isEmpty()) {
                text.append('\n');
            }
            if (!stack.isEmpty()) {
                text.append("Stack ").append(stack.stack()).append('\n');
                var labelsOnly = labelOnlyUpdates(stack);
                if (!labelsOnly.isEmpty()) {
                    text.append("~ ").append(labelOnlyLine(labelsOnly)).append('\n');
                }
                for (var step : inReviewOrder(stack).stream().filter(step -> !labelsOnly.contains(step)).toList()) {
                    text.append(symbol(step)).append(' ').append(step.op().label()).append(' ').append(step.resource())
                            .append(mode(step)).append(step.isRefused() ? " REFUSED" : "").append('\n');
                    notes(step).forEach(note -> text.append("    ").append(note).append('\n'));
                    step.changes().forEach(change -> text.append("    ").append(line(change)).append('\n'));
                }
                if (!stack.outputs().isEmpty()) {
                    text.append("~ outputs\n");
                    stack.outputs().forEach(change -> text.append("    ").append(change.path()).append(": ")
                            .append(value(change.before())).append(" → ").append(value(change.after())).append('\n'));
                }
            }
            text.append(stack.summary()).append('\n');
            stack.warnings().forEach(warning -> text.append("  warning").append(warning.isNew() ? " (new)" : "")
                    .append(": ").append(warning.text()).append('\n'));
        }
        return text.toString();
    }

    @Override
    public String headline() {
        return dangers("DANGER (most severe first)\n", danger -> "  " + danger.kind().label() + ": " + danger.stack()
                + " " + danger.step().op().label() + " " + danger.step().resource() + ": " + danger.what(), "\n");
    }

    @Override
    public String markdownHeadline() {
        return dangers("**Danger**, most severe first:\n\n", danger -> "- **" + danger.kind().label() + "** "
                + danger.stack() + ": " + danger.step().op().label() + " `" + danger.step().resource() + "`: "
                + danger.what(), "");
    }

    /** The dangers under {@code heading}, one line each, then {@code end}; empty when there are none. */
    private String dangers(String heading, Function<Dangers.Danger, String> line, String end) {
        var dangers = Dangers.of(steps);
        if (dangers.isEmpty()) {
            return "";
        }
        var text = new StringBuilder(heading);
        dangers.forEach(danger -> text.append(line.apply(danger)).append('\n'));
        return text.append(end).toString();
    }

    @Override
    public String markdownSummary() {
        if (steps.isEmpty()) {
            var names = steps.stacks().stream().map(StackSteps::stack).toList();
            return "No changes in any stack" + (names.isEmpty() ? "" : " (" + String.join(", ", names) + ")") + ".\n";
        }
        var summary = new StringBuilder("| Stack | Create | Import | Update | Replace | Delete | Refused | Outputs |\n")
                .append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        var unchanged = steps.stacks().stream().filter(StackSteps::isEmpty).map(StackSteps::stack).toList();
        for (var stack : steps.stacks().stream().filter(stack -> !stack.isEmpty()).toList()) {
            summary.append("| ").append(stack.stack());
            for (var op : Op.values()) {
                summary.append(" | ").append(stack.count(op));
            }
            summary.append(" | ").append(stack.refused().size()).append(" | ").append(stack.outputs().size()).append(" |\n");
        }
        if (!unchanged.isEmpty()) {
            summary.append("\nNo changes: ").append(String.join(", ", unchanged)).append(".\n");
        }
        var warnings = new ArrayList<String>();
        steps.stacks().forEach(stack -> stack.warnings().forEach(warning -> warnings.add("- " + stack.stack()
                + (warning.isNew() ? " (new)" : "") + ": " + warning.text() + "\n")));
        if (!warnings.isEmpty()) {
            summary.append("\n**Warnings** of the program, as `pulumi preview` prints them:\n\n");
            warnings.forEach(summary::append);
        }
        var labels = Dangers.labels(steps);
        if (!labels.isEmpty()) {
            summary.append("\nLabels: ").append(labels.stream().map(label -> "`" + label + "`").collect(Collectors.joining(", ")))
                    .append(".\n");
        }
        return summary.toString();
    }

    /** Updates that change only labels: one line per stack, since nothing happens to the running resource. */
    private static List<Step> labelOnlyUpdates(StackSteps stack) {
        return inReviewOrder(stack).stream()
                .filter(step -> step.op() == Op.UPDATE && !step.changes().isEmpty()
                        && step.changes().stream().allMatch(change -> LABELS.matcher(change.path()).find()))
                .toList();
    }

    private static String labelOnlyLine(List<Step> updates) {
        return updates.size() + " label-only update" + (updates.size() == 1 ? "" : "s") + ": "
                + updates.stream().map(Step::name).collect(Collectors.joining(", "));
    }

    @Override
    public String markdownDetails(int room) {
        return details(room).text;
    }

    @Override
    public boolean cutAt(int room) {
        return details(room).cut;
    }

    private record Details(String text, boolean cut) {
    }

    /**
     * The details blocks, resource by resource while they fit in {@code room} characters. Each piece is complete
     * Markdown (a resource with its whole code block), so a cut only has to close the open details block.
     */
    private Details details(int room) {
        var text = new StringBuilder();
        for (var stack : steps.stacks()) {
            if (stack.isEmpty()) {
                continue;
            }
            var pieces = pieces(stack);
            for (var index = 0; index < pieces.size(); index++) {
                var piece = (index == 0 ? "\n<details><summary>" + stack.summary() + "</summary>\n" : "") + pieces.get(index);
                if (text.length() + piece.length() + CLOSE_DETAILS.length() > room) {
                    if (index > 0) {
                        text.append(CLOSE_DETAILS);
                    }
                    return new Details(text.toString(), true);
                }
                text.append(piece);
            }
            text.append(CLOSE_DETAILS);
        }
        return new Details(text.toString(), false);
    }

    private static List<String> pieces(StackSteps stack) {
        var pieces = new ArrayList<String>();
        var labelsOnly = labelOnlyUpdates(stack);
        if (!labelsOnly.isEmpty()) {
            pieces.add("\n**" + labelOnlyLine(labelsOnly) + "**\n");
        }
        for (var step : inReviewOrder(stack).stream().filter(step -> !labelsOnly.contains(step)).toList()) {
            var piece = new StringBuilder("\n**").append(step.op().label()).append(mode(step))
                    .append(step.isRefused() ? ", refused" : "").append("** `").append(step.resource()).append("`\n\n");
            notes(step).forEach(note -> piece.append("- ").append(note).append('\n'));
            var lines = new StringBuilder();
            for (var change : step.changes()) {
                var forces = change.forcesReplacement() ? "  # forces replacement" : "";
                var because = change.becauseOf() == null ? "" : "  # " + change.becauseOf() + " is replaced";
                if (!change.before().isMissingNode()) {
                    lines.append("- ").append(change.path()).append(": ").append(value(change.before())).append('\n');
                }
                if (!change.after().isMissingNode()) {
                    lines.append("+ ").append(change.path()).append(": ").append(value(change.after()))
                            .append(forces).append(because).append('\n');
                }
            }
            if (!lines.isEmpty()) {
                var fence = fence(lines);
                piece.append(notes(step).isEmpty() ? "" : "\n").append(fence).append("diff\n").append(lines)
                        .append(fence).append('\n');
            }
            pieces.add(piece.toString());
        }
        if (!stack.outputs().isEmpty()) {
            var lines = new StringBuilder();
            for (var change : stack.outputs()) {
                if (!change.before().isMissingNode()) {
                    lines.append("- ").append(change.path()).append(": ").append(value(change.before())).append('\n');
                }
                if (!change.after().isMissingNode()) {
                    lines.append("+ ").append(change.path()).append(": ").append(value(change.after())).append('\n');
                }
            }
            var fence = fence(lines);
            pieces.add("\n**Outputs**\n\n" + fence + "diff\n" + lines + fence + "\n");
        }
        return pieces;
    }

    @Override
    public JsonNode json() {
        var nodes = JsonNodeFactory.instance;
        var root = nodes.objectNode();
        root.put("refused", steps.stacks().stream().mapToInt(stack -> stack.refused().size()).sum());
        var labels = root.putArray("labels");
        Dangers.labels(steps).forEach(labels::add);
        var dangers = root.putArray("dangers");
        Dangers.of(steps).forEach(danger -> dangers.addObject().put("kind", danger.kind().label())
                .put("stack", danger.stack()).put("type", danger.step().type()).put("name", danger.step().name())
                .put("op", danger.step().op().label()).put("what", danger.what()));
        var stacks = root.putArray("stacks");
        for (var stack : steps.stacks()) {
            var entry = stacks.addObject();
            entry.put("stack", stack.stack());
            var counts = entry.putObject("counts");
            for (var op : Op.values()) {
                counts.put(op.label(), stack.count(op));
            }
            counts.put("refused", stack.refused().size());
            var warnings = entry.putArray("warnings");
            stack.warnings().forEach(warning -> warnings.addObject().put("text", warning.text())
                    .put("new", warning.isNew()));
            var resources = entry.putArray("resources");
            for (var step : inReviewOrder(stack)) {
                var resource = resources.addObject();
                resource.put("type", step.type());
                resource.put("name", step.name());
                resource.put("op", step.op().label());
                if (step.replaceMode() != null) {
                    resource.put("replaceMode", step.replaceMode().label());
                }
                if (step.isRefused()) {
                    var refused = resource.putObject("refused").put("reason", step.refused().reason())
                            .put("wayOut", step.refused().wayOut());
                    var alreadyRun = refused.putArray("alreadyRun");
                    step.refused().alreadyRun().forEach(alreadyRun::add);
                }
                if (step.dataLoss() != null) {
                    resource.put("dataLoss", step.dataLoss());
                }
                var consequences = resource.putArray("consequences");
                step.consequences().forEach(consequences::add);
                var changes = resource.putArray("changes");
                for (var change : step.changes()) {
                    var line = changes.addObject();
                    line.put("path", change.path());
                    sides(line, change.before(), change.after());
                    line.put("forcesReplacement", change.forcesReplacement());
                    if (change.becauseOf() != null) {
                        line.put("becauseOf", change.becauseOf());
                    }
                }
            }
            var outputs = entry.putArray("outputs");
            for (PlanDiff.Change change : stack.outputs()) {
                var line = outputs.addObject().put("path", change.path());
                sides(line, change.before(), change.after());
            }
        }
        return root;
    }

    /** {@code old} and {@code new}, each left out where the value does not exist on that side. */
    private static void sides(ObjectNode line, JsonNode before, JsonNode after) {
        if (!before.isMissingNode()) {
            line.set("old", before);
        }
        if (!after.isMissingNode()) {
            line.set("new", after);
        }
    }

    private static List<Step> inReviewOrder(StackSteps stack) {
        return stack.steps().stream().sorted(REVIEW_ORDER).toList();
    }

    /** Pulumi's own symbols: {@code +-} replaces creating first, {@code -+} deleting first. */
    private static String symbol(Step step) {
        return switch (step.op()) {
            case CREATE -> "+";
            case IMPORT -> "=";
            case UPDATE -> "~";
            case REPLACE -> step.replaceMode() == ReplaceMode.DELETE_BEFORE_REPLACE ? "-+" : "+-";
            case DELETE -> "-";
        };
    }

    private static String mode(Step step) {
        return step.replaceMode() == null ? "" : " (" + step.replaceMode().label() + ")";
    }

    private static List<String> notes(Step step) {
        var notes = new ArrayList<String>();
        if (step.isRefused()) {
            notes.add("refused: " + step.refused().reason());
            notes.add("way out: " + step.refused().wayOut());
            if (!step.refused().alreadyRun().isEmpty()) {
                notes.add("before it stops here, pulumi up will already have run: "
                        + String.join(", ", step.refused().alreadyRun()));
            }
        }
        if (step.dataLoss() != null) {
            notes.add("data loss: " + step.dataLoss());
        }
        notes.addAll(step.consequences());
        return notes;
    }

    private static String line(Step.PathChange change) {
        var line = change.path() + ": " + value(change.before()) + " → " + value(change.after());
        var why = new ArrayList<String>();
        if (change.becauseOf() != null) {
            why.add(change.becauseOf() + " is replaced");
        }
        if (change.forcesReplacement()) {
            why.add("forces replacement");
        }
        return why.isEmpty() ? line : line + " (" + String.join("; ", why) + ")";
    }

    /** A value as compact JSON, so that a string shows quoted and {@code "[secret]"} stays what the plan says. */
    private static String value(JsonNode value) {
        return value.isMissingNode() ? ABSENT : value.toString();
    }

    /** A fence longer than any run of backticks in the values, which would otherwise end the block early. */
    private static String fence(CharSequence content) {
        var longest = BACKTICKS.matcher(content).results().mapToInt(run -> run.group().length()).max().orElse(0);
        return "`".repeat(Math.max(3, longest + 1));
    }
}
