package ai.kuraos.infra.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** The plan diffs of several stacks, sorted by stack. */
public record PlanDiffs(List<PlanDiff> stacks) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public PlanDiffs {
        stacks = stacks.stream().sorted(Comparator.comparing(PlanDiff::stack)).toList();
    }

    /** Compares the plans of every stack on either side, keyed by stack; a stack on one side only was added or removed. */
    public static PlanDiffs of(Map<String, ? extends JsonNode> before, Map<String, ? extends JsonNode> after) {
        var stacks = new TreeSet<>(before.keySet());
        stacks.addAll(after.keySet());
        return new PlanDiffs(stacks.stream().map(stack -> PlanDiff.of(stack, before.get(stack), after.get(stack))).toList());
    }

    /** As {@link #of}, from the text of each {@code plan.json}, e.g. as {@link GitPlans} reads them. */
    public static PlanDiffs ofTexts(Map<String, String> before, Map<String, String> after) {
        return of(parse(before), parse(after));
    }

    /** True when no stack changes. */
    public boolean isEmpty() {
        return stacks.stream().allMatch(PlanDiff::isEmpty);
    }

    /** Each stack's {@code plan.json} text parsed, keyed by stack. */
    public static Map<String, JsonNode> parse(Map<String, String> texts) {
        var plans = new TreeMap<String, JsonNode>();
        texts.forEach((stack, text) -> {
            try {
                var plan = JSON.readTree(text);
                if (!plan.isObject()) {
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
