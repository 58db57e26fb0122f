package ai.kuraos.infra.rollout;

/**
 * Runs the {@code kura-migrator} job once, with the image it now has, and waits for the outcome. An execution that is
 * still running (a killed deploy's) is waited for first, so that two migrations never run side by side.
 */
public interface MigrationRunner {

    enum Outcome {
        SUCCEEDED,
        /** The execution ended and did not succeed. */
        FAILED,
        /** Still running when the wait ended: it goes on in Cloud Run. */
        TIMED_OUT,
        /** Cloud Run stopped answering about it: whether it runs, failed or succeeded is unknown. */
        LOST_TRACK
    }

    /** The outcome of one execution: its name (to look it up) and what happened. */
    record Result(Outcome outcome, String execution, String detail) {

        public boolean succeeded() {
            return outcome == Outcome.SUCCEEDED;
        }
    }

    Result run();
}
