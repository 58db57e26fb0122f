package ai.kuraos.infra.rollout;

/** Another update holds the stack's lock: nothing of this update ran. */
public final class StackLockedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StackLockedException(String stack, Throwable cause) {
        super("stack " + stack + " is locked by another update", cause);
    }
}
