package ai.kuraos.infra.plan.steps;

import ai.kuraos.infra.plan.steps.Step.Op;
import ai.kuraos.infra.plan.steps.Step.ReplaceMode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * The steps of a change a reviewer must see before anything else, across every stack, most severe first: what is
 * lost for good, what is down while it is deleted first, where {@code pulumi up} stops (and what it has done by then),
 * production restarts, changes that {@code up} reports as done while nothing changes, and wider exposure.
 */
public final class Dangers {

    /** In the order a reviewer reads them. */
    public enum Kind {
        DATA_LOSS("data loss"),
        DELETED_FIRST("deleted first"),
        REFUSED("refused"),
        MAY_STOP("may stop"),
        PROD_RESTART("prod restart"),
        NO_EFFECT("no effect"),
        EXPOSURE("exposure");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public record Danger(Kind kind, String stack, Step step, String what) {
    }

    /** The pull-request label when a change deletes or replaces anything. */
    public static final String DESTROY_LABEL = "destroy";
    public static final String REPLACE_LABEL = "replace";

    private static final String PROD = "prod";

    private Dangers() {
    }

    public static List<Danger> of(PlanSteps plan) {
        var dangers = new ArrayList<Danger>();
        for (var stack : plan.stacks()) {
            for (var step : stack.steps()) {
                var name = stack.stack();
                var deletedFirst = step.replaceMode() == ReplaceMode.DELETE_BEFORE_REPLACE;
                var spreads = spreadsTo(step, stack);
                // A refused step does not happen: it loses nothing, and its refusal is the danger.
                if (step.dataLoss() != null && !step.isRefused()) {
                    dangers.add(new Danger(Kind.DATA_LOSS, name, step,
                            (deletedFirst ? "deleted first; " : "") + step.dataLoss() + spreads));
                } else if (deletedFirst && !step.isRefused()) {
                    dangers.add(new Danger(Kind.DELETED_FIRST, name, step,
                            "deleted before its replacement exists: nothing answers in between" + spreads));
                }
                if (step.isRefused()) {
                    var refusal = step.refused();
                    dangers.add(new Danger(Kind.REFUSED, name, step, refusal.reason() + ". Way out: " + refusal.wayOut()
                            + (refusal.alreadyRun().isEmpty() ? ""
                                    : ". Before it stops, `pulumi up` will already have run: "
                                            + String.join(", ", refusal.alreadyRun()))));
                }
                for (var consequence : step.consequences()) {
                    if (name.equals(PROD) && consequence.startsWith(Consequences.RESTARTS)) {
                        dangers.add(new Danger(Kind.PROD_RESTART, name, step, consequence));
                    } else if (consequence.startsWith(Consequences.MAY_STOP)) {
                        dangers.add(new Danger(Kind.MAY_STOP, name, step,
                                consequence.substring(Consequences.MAY_STOP.length())));
                    } else if (consequence.startsWith(Consequences.NO_EFFECT)) {
                        dangers.add(new Danger(Kind.NO_EFFECT, name, step,
                                consequence.substring(Consequences.NO_EFFECT.length())));
                    } else if (consequence.startsWith(Exposure.WIDENS)) {
                        dangers.add(new Danger(Kind.EXPOSURE, name, step,
                                consequence.substring(Exposure.WIDENS.length())));
                    }
                }
            }
        }
        dangers.sort(Comparator.comparing(Danger::kind).thenComparing(danger -> danger.stack().equals(PROD) ? 0 : 1)
                .thenComparing(Danger::stack).thenComparing(danger -> danger.step().name()));
        return dangers;
    }

    /** The steps that replace because {@code step} does, e.g. the secret version holding a cache's AUTH string. */
    private static String spreadsTo(Step step, StackSteps stack) {
        if (step.op() != Op.REPLACE) {
            return "";
        }
        var followers = stack.steps().stream()
                .filter(other -> other.op() == Op.REPLACE && other != step)
                .filter(other -> other.changes().stream().anyMatch(change -> step.name().equals(change.becauseOf())))
                .map(other -> other.name() + " (" + other.type() + ")")
                .toList();
        return followers.isEmpty() ? "" : "; replaced with it, so regenerated: " + String.join(", ", followers);
    }

    /** {@value #DESTROY_LABEL} when a step deletes or loses data, {@value #REPLACE_LABEL} when one replaces. */
    public static List<String> labels(PlanSteps plan) {
        var labels = new TreeSet<String>();
        plan.stacks().forEach(stack -> stack.steps().forEach(step -> {
            if (step.op() == Op.DELETE || step.dataLoss() != null) {
                labels.add(DESTROY_LABEL);
            }
            if (step.op() == Op.REPLACE) {
                labels.add(REPLACE_LABEL);
            }
        }));
        return List.copyOf(labels);
    }
}
