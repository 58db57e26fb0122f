package ai.kuraos.infra.plan.steps;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** The steps of several stacks, sorted by stack. */
public record PlanSteps(List<StackSteps> stacks) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public PlanSteps {
        stacks = stacks.stream().sorted(Comparator.comparing(StackSteps::stack)).toList();
    }

    /**
     * From the text of each {@code plan.json} on either side, keyed by stack, with the shipped knowledge; a stack on
     * one side only was added or removed.
     *
     * @throws IllegalArgumentException when a plan is not a JSON object or holds a type without replacement knowledge
     */
    public static PlanSteps ofTexts(Map<String, String> before, Map<String, String> after) {
        var oldPlans = parse(before);
        var newPlans = parse(after);
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

    private static Map<String, JsonNode> parse(Map<String, String> texts) {
        var plans = new TreeMap<String, JsonNode>();
        texts.forEach((stack, text) -> {
            try {
                var plan = JSON.readTree(text);
                if (plan == null || !plan.isObject()) {
                    throw new IllegalArgumentException("the plan.json of stack " + stack + " is not a JSON object");
                }
                plans.put(stack, plan);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("the plan.json of stack " + stack + " is not valid JSON: "
                        + e.getOriginalMessage(), e);
            }
        });
        return plans;
    }
}
