package ai.kuraos.infra.policy;

/** What every rule states about itself; subclasses say only how they check. */
abstract class DescribedRule implements Rule {

    private final String id;
    private final Severity severity;
    private final String title;
    private final String benchmark;
    private final String appliesTo;

    DescribedRule(String id, Severity severity, String title, String benchmark, String appliesTo) {
        this.id = id;
        this.severity = severity;
        this.title = title;
        this.benchmark = benchmark;
        this.appliesTo = appliesTo;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final Severity severity() {
        return severity;
    }

    @Override
    public final String title() {
        return title;
    }

    @Override
    public final String benchmark() {
        return benchmark;
    }

    @Override
    public final String appliesTo() {
        return appliesTo;
    }

    /** A finding of this rule on {@code resource} (type and name) of {@code plan}. */
    final Finding finding(StackPlan plan, String type, String name, String path, String message) {
        return finding(plan, type, name, new Violation(path, message));
    }

    final Finding finding(StackPlan plan, String type, String name, Violation violation) {
        return new Finding(id, severity, title, plan.stack(), type, name, violation.path(), violation.message(),
                violation.value());
    }
}
