package ai.kuraos.infra.plan.steps;

import ai.kuraos.infra.plan.PlanDiff;

import java.util.ArrayList;
import java.util.List;

/**
 * The steps of one stack, sorted by type and then name, the changes of its outputs, and the program's warnings for the
 * new plan. Unchanged resources have no step.
 */
public record StackSteps(String stack, List<Step> steps, List<PlanDiff.Change> outputs, List<Warning> warnings) {

    /** A warning of the program's for this stack; {@code isNew} when the base's plan did not give it. */
    public record Warning(String text, boolean isNew) {
    }

    public StackSteps {
        steps = steps.stream().sorted(Step.ORDER).toList();
        outputs = List.copyOf(outputs);
        warnings = List.copyOf(warnings);
    }

    public StackSteps(String stack, List<Step> steps, List<PlanDiff.Change> outputs) {
        this(stack, steps, outputs, List.of());
    }

    public boolean isEmpty() {
        return steps.isEmpty() && outputs.isEmpty();
    }

    public long count(Step.Op op) {
        return steps.stream().filter(step -> step.op() == op).count();
    }

    public List<Step> refused() {
        return steps.stream().filter(Step::isRefused).toList();
    }

    public List<Step> dataLoss() {
        return steps.stream().filter(step -> step.dataLoss() != null).toList();
    }

    /** {@code prod: 1 to update, 1 refused}: the non-zero counts, or {@code prod: no changes}. */
    public String summary() {
        if (isEmpty()) {
            return stack + ": no changes";
        }
        var parts = new ArrayList<String>();
        for (var op : Step.Op.values()) {
            var count = count(op);
            if (count > 0) {
                parts.add(count + " to " + op.label());
            }
        }
        if (!outputs.isEmpty()) {
            parts.add(outputs.size() + (outputs.size() == 1 ? " output" : " outputs") + " to change");
        }
        var refused = refused().size();
        if (refused > 0) {
            parts.add(refused + " refused");
        }
        return stack + ": " + String.join(", ", parts);
    }
}
