package ai.kuraos.infra.rollout;

/** A step failed; the message says what happened, and {@code advice} where traffic is and what to do next. */
public final class RolloutFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Step step;
    private final String advice;

    public RolloutFailedException(Step step, String problem, String advice, Throwable cause) {
        super(step.label() + " failed: " + problem, cause);
        this.step = step;
        this.advice = advice;
    }

    public Step step() {
        return step;
    }

    public String advice() {
        return advice;
    }
}
