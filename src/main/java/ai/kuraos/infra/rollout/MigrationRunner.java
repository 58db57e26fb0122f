package ai.kuraos.infra.rollout;

/** Runs the {@code kura-migrator} job once, with the image it now has, and waits for the outcome. */
public interface MigrationRunner {

    /** The outcome of one execution: its name (to look it up) and, when it failed, why. */
    record Result(boolean succeeded, String execution, String detail) {
    }

    Result run();
}
