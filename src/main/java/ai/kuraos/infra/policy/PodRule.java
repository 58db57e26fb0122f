package ai.kuraos.infra.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/** A rule over every pod of a stack ({@link Pods}); findings go to the resource that decides the pod. */
final class PodRule implements Rule {

    private final String id;
    private final Severity severity;
    private final String title;
    private final String benchmark;
    private final BiFunction<Pod, StackPlan, List<Violation>> check;

    PodRule(String id, Severity severity, String title, String benchmark,
            BiFunction<Pod, StackPlan, List<Violation>> check) {
        this.id = id;
        this.severity = severity;
        this.title = title;
        this.benchmark = benchmark;
        this.check = check;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Severity severity() {
        return severity;
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public String benchmark() {
        return benchmark;
    }

    @Override
    public String appliesTo() {
        return "every pod: workloads, Helm charts (" + String.join(", ", Pods.MODELLED_CHARTS) + "), Strimzi operands";
    }

    @Override
    public List<Finding> check(StackPlan plan) {
        var findings = new ArrayList<Finding>();
        for (var pod : Pods.of(plan)) {
            for (var violation : check.apply(pod, plan)) {
                findings.add(new Finding(id, severity, title, plan.stack(), pod.owner().type(), pod.owner().name(),
                        located(pod, violation.path()), pod.shown() + ": " + violation.message()));
            }
        }
        return findings;
    }

    /** A path into the pod spec, as the owner's input path; {@code metadata.*} is the owner's own metadata. */
    private static String located(Pod pod, String path) {
        return path.startsWith("metadata.") ? path : pod.locate().apply(path);
    }
}
