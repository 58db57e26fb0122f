package ai.kuraos.infra.rollout;

import java.time.Instant;

/**
 * One rollout at a time per stack: a deploy holds the stack's lease from stage to promote. A claim whose deadline has
 * passed is stale (its holder died) and is broken by the next claimer; so is one of the same release, which is the
 * re-run of a deploy that was killed (the run it replaces then loses the lease and stops before promoting).
 */
public interface RolloutLease {

    /** Who holds the lease, for which release, since when and until when. */
    record Claim(String holder, String release, Instant acquired, Instant expires) {

        @Override
        public String toString() {
            return "release " + release + " by " + holder + " since " + acquired + " (stale from " + expires + ")";
        }
    }

    /** A lease this run holds. */
    interface Held {
        /** Whether this run still holds it (nobody broke it since). */
        boolean stillHeld();

        /** Gives it up; does nothing when it was broken meanwhile. */
        void release();
    }

    /** Another rollout holds the lease. */
    final class HeldElsewhereException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        private final Claim claim;

        public HeldElsewhereException(Claim claim) {
            super("another rollout holds the stack's lease: " + claim);
            this.claim = claim;
        }

        public Claim claim() {
            return claim;
        }
    }

    /** Takes the lease, breaking a stale claim or one of the same release; throws {@link HeldElsewhereException}. */
    Held acquire(Claim claim);
}
