package ai.kuraos.infra.plan;

import java.util.List;
import java.util.stream.Collectors;

/** The program failed while declaring resources: the plan is not a faithful picture, so nothing is written. */
public final class PlanFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PlanFailedException(String stack, List<String> failures, List<Exception> causes) {
        super(failures.stream().map(failure -> "  - " + failure)
                .collect(Collectors.joining("\n", "the program failed for stack '" + stack + "':\n", "")));
        causes.forEach(this::addSuppressed);
    }
}
