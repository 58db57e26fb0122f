package ai.kuraos.infra.plan.steps;

import ai.kuraos.infra.plan.PlanDiffs;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The steps of several stacks, sorted by stack. */
public record PlanSteps(List<StackSteps> stacks) {

    public PlanSteps {
        stacks = stacks.stream().sorted(Comparator.comparing(StackSteps::stack)).toList();
    }

    /** From the text of each {@code plan.json} on either side, keyed by stack, with the shipped knowledge. */
    public static PlanSteps ofTexts(Map<String, String> before, Map<String, String> after) {
        var oldPlans = PlanDiffs.parse(before);
        var newPlans = PlanDiffs.parse(after);
        var names = new TreeSet<>(oldPlans.keySet());
        names.addAll(newPlans.keySet());
        var analysis = new StepAnalysis(ReplacementKnowledge.shipped());
        return new PlanSteps(names.stream()
                .map(stack -> analysis.analyse(stack, oldPlans.get(stack), newPlans.get(stack))).toList());
    }

    public boolean isEmpty() {
        return stacks.stream().allMatch(StackSteps::isEmpty);
    }

    public boolean anyRefused() {
        return stacks.stream().anyMatch(stack -> !stack.refused().isEmpty());
    }
}
