package ai.kuraos.infra.plan.steps;

import ai.kuraos.infra.plan.PlanDiff;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Comparator;
import java.util.List;

/**
 * What the engine would do to one resource.
 *
 * @param replaceMode   for a replacement: whether the new copy is created before the old one is deleted; else null
 * @param changes       the changed values: the resource's own, then those that change because a resource they
 *                      reference is replaced
 * @param consequences  what the step does to the running system where the service documents it (a restart, a new
 *                      revision), each sentence with its source
 * @param dataLoss      what the step deletes for good, or null
 * @param refused       why the engine or the API would stop {@code pulumi up} here, or null
 */
public record Step(String type, String name, Op op, ReplaceMode replaceMode, List<PathChange> changes,
                   List<String> consequences, String dataLoss, Refusal refused) {

    static final Comparator<Step> ORDER = Comparator.comparing(Step::type).thenComparing(Step::name);

    public Step {
        changes = List.copyOf(changes);
        consequences = List.copyOf(consequences);
    }

    public boolean isRefused() {
        return refused != null;
    }

    /** {@code <type> <name>}, as the plan diff names a resource. */
    public String resource() {
        return type + " " + name;
    }

    public enum Op {
        CREATE("create"), IMPORT("import"), UPDATE("update"), REPLACE("replace"), DELETE("delete");

        private final String label;

        Op(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public enum ReplaceMode {
        /** Pulumi's default: the new copy exists before the old one goes, so dependents can move over. */
        CREATE_BEFORE_DELETE("create-before-delete"),
        /** The old one goes first ({@code deleteBeforeReplace}, or the provider asks for it): a gap in between. */
        DELETE_BEFORE_REPLACE("delete-before-replace");

        private final String label;

        ReplaceMode(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * One changed value ({@link PlanDiff.Change}: a missing node where it does not exist on that side).
     * {@code becauseOf} names the replaced resource whose new outputs change this value, or is null when the program
     * changed it.
     */
    public record PathChange(PlanDiff.Change value, boolean forcesReplacement, String becauseOf) {

        public String path() {
            return value.path();
        }

        public JsonNode before() {
            return value.before();
        }

        public JsonNode after() {
            return value.after();
        }
    }

    /**
     * Why the step cannot happen, and what to change so that it can.
     *
     * @param alreadyRun the steps of the same stack that {@code pulumi up} will have run before it stops here, as
     *                   {@code <op> <name>}: those the refused resource waits for, or for a refused delete every
     *                   other step (the engine deletes last); independent steps may run too, in parallel
     */
    public record Refusal(String reason, String wayOut, List<String> alreadyRun) {

        public Refusal {
            alreadyRun = List.copyOf(alreadyRun);
        }

        Refusal(String reason, String wayOut) {
            this(reason, wayOut, List.of());
        }
    }
}
