package ai.kuraos.infra.policy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/** A rule over every pod of a stack ({@link Pods}); findings go to the resource that decides the pod. */
final class PodRule extends DescribedRule {

    private final BiFunction<Pod, StackPlan, List<Violation>> check;

    PodRule(String id, Severity severity, String title, String benchmark,
            BiFunction<Pod, StackPlan, List<Violation>> check) {
        super(id, severity, title, benchmark, "every pod: workloads, Helm charts ("
                + String.join(", ", Pods.MODELLED_CHARTS) + "), Strimzi operands");
        this.check = check;
    }

    @Override
    public List<Finding> check(StackPlan plan, LocalDate today) {
        var findings = new ArrayList<Finding>();
        for (var pod : Pods.of(plan)) {
            for (var violation : check.apply(pod, plan)) {
                findings.add(finding(plan, pod.owner().type(), pod.owner().name(), new Violation(
                        located(pod, violation.path()), pod.shown() + ": " + violation.message(), violation.value())));
            }
        }
        return findings;
    }

    /** A path into the pod spec, as the owner's input path; {@code metadata.*} is the owner's own metadata. */
    private static String located(Pod pod, String path) {
        return path.startsWith("metadata.") ? path : pod.locate().apply(path);
    }
}
