package ai.kuraos.infra.rollout;

import java.time.Duration;

/** Waiting between two polls; an interrupt ends the wait and the rollout step. */
final class Pause {

    private Pause() {
    }

    /** @param waitingFor what is awaited, completing "interrupted while waiting for …" */
    static void of(Duration pause, String waitingFor) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + waitingFor, e);
        }
    }
}
