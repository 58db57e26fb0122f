package ai.kuraos.infra.config;

import java.util.Optional;

/** How many labels a Google Cloud resource takes. */
public final class LabelLimits {

    /** "Each resource can have up to 64 labels" (https://cloud.google.com/resource-manager/docs/labels-overview#requirements). */
    public static final int MAX_LABELS = 64;

    private LabelLimits() {
    }

    /** Too many labels once the program's own are added, if so. */
    public static Optional<String> countProblem(int stackLabels, int programLabels) {
        var total = stackLabels + programLabels;
        return total > MAX_LABELS
                ? Optional.of("got " + stackLabels + " labels, which with the program's " + programLabels + " (app,"
                + " environment, managed-by) make " + total + "; a Google Cloud resource takes at most " + MAX_LABELS
                + ", so at most " + (MAX_LABELS - programLabels) + " here")
                : Optional.empty();
    }
}
