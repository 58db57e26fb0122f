package ai.kuraos.infra.backend;

/**
 * How {@code kura-backend}'s traffic is split; the {@code deploy} and {@code rollback} commands set it.
 * NORMAL: all traffic on the latest revision. STAGED: traffic stays on the serving revision while the new release's
 * revision waits at 0 % under the {@code candidate} tag. PINNED: all traffic on one named revision (a rollback).
 */
public enum RolloutMode {
    NORMAL, STAGED, PINNED
}
