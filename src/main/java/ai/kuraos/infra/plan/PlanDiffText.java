package ai.kuraos.infra.plan;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A plan diff for the terminal: per stack with changes a heading, {@code + type name} to add, {@code - type name} to
 * remove, {@code ~ type name} to change followed by its {@code path: old → new} lines, then a summary line.
 */
public final class PlanDiffText {

    private static final String ABSENT = "(none)";

    private PlanDiffText() {
    }

    public static String render(PlanDiffs diffs) {
        var text = new StringBuilder();
        for (var diff : diffs.stacks()) {
            if (!text.isEmpty()) {
                text.append('\n');
            }
            if (!diff.isEmpty()) {
                text.append("Stack ").append(diff.stack()).append('\n');
                diff.added().forEach(resource -> text.append("+ ").append(resource).append('\n'));
                diff.removed().forEach(resource -> text.append("- ").append(resource).append('\n'));
                for (var change : diff.changed()) {
                    text.append("~ ").append(change.resource()).append('\n');
                    change.changes().forEach(line -> appendChange(text, line));
                }
                if (!diff.outputs().isEmpty()) {
                    text.append("~ outputs\n");
                    diff.outputs().forEach(line -> appendChange(text, line));
                }
            }
            text.append(summary(diff)).append('\n');
        }
        return text.toString();
    }

    /** {@code <stack>: N to add, M to remove, K to change}, the output count only when outputs change. */
    static String summary(PlanDiff diff) {
        if (diff.isEmpty()) {
            return diff.stack() + ": no changes";
        }
        var summary = diff.stack() + ": " + diff.added().size() + " to add, " + diff.removed().size() + " to remove, "
                + diff.changed().size() + " to change";
        var outputs = diff.outputs().size();
        return outputs == 0 ? summary : summary + ", " + outputs + (outputs == 1 ? " output" : " outputs") + " to change";
    }

    /** A value as compact JSON, so that a string shows quoted and {@code "[secret]"} stays what the plan says. */
    static String value(JsonNode value) {
        return value.isMissingNode() ? ABSENT : value.toString();
    }

    private static void appendChange(StringBuilder text, PlanDiff.Change change) {
        text.append("    ").append(change.path()).append(": ").append(value(change.before())).append(" → ")
                .append(value(change.after())).append('\n');
    }
}
