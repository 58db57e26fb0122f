package ai.kuraos.infra.rollout;

import ai.kuraos.infra.rollout.CloudRunService.TrafficLine;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One rollout at a time per stack: a deploy holds the stack's lease from stage to promote. A claim whose deadline has
 * passed is stale (its holder died) and is broken by the next claimer; so is one of the same release, which is the
 * re-run of a deploy that was killed (the run it replaces then loses the lease and stops before promoting). A rollback
 * never waits: it pre-empts whatever claim stands with its own, which records the split it set, so that a deploy
 * whose update may have sent an older split back puts the rollback's split back and stops.
 */
public interface RolloutLease {

    /**
     * Who holds the lease, for which release, since when and until when; a rollback's claim also names the split it
     * set ({@code rollbackSplit}, empty for a deploy's).
     */
    record Claim(String holder, String release, Instant acquired, Instant expires, List<TrafficLine> rollbackSplit) {

        public Claim {
            rollbackSplit = List.copyOf(rollbackSplit);
        }

        /** A deploy's claim. */
        public Claim(String holder, String release, Instant acquired, Instant expires) {
            this(holder, release, acquired, expires, List.of());
        }

        public boolean isRollback() {
            return !rollbackSplit.isEmpty();
        }

        public boolean staleAt(Instant now) {
            return now.isAfter(expires);
        }

        @Override
        public String toString() {
            return (isRollback() ? "a rollback to " + rollbackSplit : "release " + release) + " by " + holder + " since "
                    + acquired + " (stale from " + expires + ")";
        }
    }

    /** A claim that stands, and how to give it up (it may be another run's). */
    record Standing(Claim claim, Held held) {
    }

    /** A pre-emption: the lease now held, and the claim it displaced, if one stood. */
    record Preemption(Held held, Optional<Claim> displaced) {
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

    /** Takes the lease whoever holds it, replacing their claim with {@code claim} (a rollback's). */
    Preemption preempt(Claim claim);

    /** The claim that stands now, if any. */
    Optional<Standing> standing();
}
