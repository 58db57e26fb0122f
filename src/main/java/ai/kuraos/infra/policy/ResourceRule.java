package ai.kuraos.infra.policy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A rule that looks at each resource of some types on its own (with the stack's plan to follow references). */
final class ResourceRule extends DescribedRule {

    @FunctionalInterface
    interface Check {
        List<Violation> check(PlanResource resource, StackPlan plan);
    }

    /** A check that measures something against the day the policy judges on (see {@link Rule#check}). */
    @FunctionalInterface
    interface DatedCheck {
        List<Violation> check(PlanResource resource, StackPlan plan, LocalDate today);
    }

    private final Predicate<String> types;
    private final DatedCheck check;

    ResourceRule(String id, Severity severity, String title, String benchmark, String appliesTo,
                 Predicate<String> types, Check check) {
        this(id, severity, title, benchmark, appliesTo, types,
                (DatedCheck) (resource, plan, today) -> check.check(resource, plan));
    }

    ResourceRule(String id, Severity severity, String title, String benchmark, String appliesTo,
                 Predicate<String> types, DatedCheck check) {
        super(id, severity, title, benchmark, appliesTo);
        this.types = types;
        this.check = check;
    }

    /** A rule over exactly the resources of {@code type}. */
    static ResourceRule on(String type, String id, Severity severity, String title, String benchmark, Check check) {
        return new ResourceRule(id, severity, title, benchmark, "`" + type + "`", type::equals, check);
    }

    @Override
    public List<Finding> check(StackPlan plan, LocalDate today) {
        var findings = new ArrayList<Finding>();
        for (var resource : plan.ofType(types)) {
            for (var violation : check.check(resource, plan, today)) {
                findings.add(finding(plan, resource.type(), resource.name(), violation));
            }
        }
        return findings;
    }
}
