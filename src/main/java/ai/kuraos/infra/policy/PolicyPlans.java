package ai.kuraos.infra.policy;

import ai.kuraos.infra.plan.GitPlans;
import ai.kuraos.infra.plan.ProjectLayout;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The rendered plans the policy reads: the project's {@code stacks/<stack>/plan.json} and those of the projects it
 * holds, named {@code <directory>/<stack>} (bootstrap/ops), and the GitHub workflows as the plan of
 * {@value Workflows#STACK} ({@link Workflows}), in the working tree or at a git ref.
 */
public final class PolicyPlans {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PolicyPlans() {
    }

    /** The plan texts now in the working tree, keyed by stack. */
    public static SortedMap<String, String> inWorkingTree(Path projectDir) {
        var plans = new TreeMap<String, String>(GitPlans.inWorkingTree(projectDir));
        for (var nested : new ProjectLayout(projectDir).nestedProjects()) {
            var prefix = nested.root().getFileName() + "/";
            GitPlans.inWorkingTree(nested.root()).forEach((stack, plan) -> plans.put(prefix + stack, plan));
        }
        Workflows.inWorkingTree(projectDir).ifPresent(plan -> plans.put(Workflows.STACK, plan));
        return plans;
    }

    /**
     * The plan texts committed at {@code ref}, keyed by stack.
     *
     * @throws IllegalArgumentException when the ref or the repository cannot be read
     */
    public static SortedMap<String, String> atRef(Path projectDir, String ref) {
        var plans = new TreeMap<String, String>(GitPlans.atRef(projectDir, ref));
        for (var nested : new ProjectLayout(projectDir).nestedProjects()) {
            var prefix = nested.root().getFileName() + "/";
            GitPlans.atRef(nested.root(), ref).forEach((stack, plan) -> plans.put(prefix + stack, plan));
        }
        Workflows.atRef(projectDir, ref).ifPresent(plan -> plans.put(Workflows.STACK, plan));
        return plans;
    }

    public static List<StackPlan> parse(Map<String, String> texts) {
        var plans = new ArrayList<StackPlan>();
        texts.forEach((stack, text) -> plans.add(parse(stack, text)));
        return plans;
    }

    /** One plan.json text; fields the policy does not read (parent, provider, dependsOn, outputs) are ignored. */
    public static StackPlan parse(String stack, String planJson) {
        try {
            var resources = new ArrayList<PlanResource>();
            for (var resource : JSON.readTree(planJson).path("resources")) {
                var inputs = resource.path("inputs");
                resources.add(new PlanResource(stack, resource.path("type").asText(), resource.path("name").asText(),
                        resource.path("protect").asBoolean(false),
                        inputs.isObject() ? inputs : JSON.createObjectNode()));
            }
            return new StackPlan(stack, resources);
        } catch (IOException unreadable) {
            throw new UncheckedIOException("the plan of stack " + stack + " is not valid JSON", unreadable);
        }
    }
}
