package ai.kuraos.infra.policy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/** Every rule of the policy, in the order the rules list shows them. */
public final class Rules {

    private static final List<Rule> ALL = collect();

    private Rules() {
    }

    public static List<Rule> all() {
        return ALL;
    }

    private static List<Rule> collect() {
        var rules = new ArrayList<Rule>();
        rules.addAll(GcpRules.rules());
        rules.addAll(SqlRules.rules());
        rules.addAll(IamRules.rules());
        rules.addAll(GkeRules.rules());
        rules.addAll(KubernetesRules.rules());
        rules.addAll(WorkflowRules.rules());
        rules.addAll(HardeningRules.rules());
        var ids = new HashSet<String>();
        for (var rule : rules) {
            if (!ids.add(rule.id())) {
                throw new IllegalStateException("two policy rules have the id " + rule.id());
            }
        }
        return List.copyOf(rules);
    }

    /** Every finding of every rule in {@code plans} as of {@code today}, in {@link Finding#ORDER}. */
    public static List<Finding> evaluate(List<StackPlan> plans, LocalDate today) {
        return evaluate(ALL, plans, today);
    }

    static List<Finding> evaluate(List<Rule> rules, List<StackPlan> plans, LocalDate today) {
        var findings = new ArrayList<Finding>();
        for (var plan : plans) {
            for (var rule : rules) {
                findings.addAll(rule.check(plan, today));
            }
        }
        findings.sort(Finding.ORDER);
        return findings;
    }
}
