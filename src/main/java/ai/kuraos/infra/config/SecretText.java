package ai.kuraos.infra.config;

/**
 * A secret from the stack's encrypted config. It never prints itself: settings can be logged or compared in tests
 * without leaking it. Offline the plan cannot decrypt it, and {@link #value()} is {@code "[secret]"}.
 */
public final class SecretText {

    private final String value;

    public SecretText(String value) {
        this.value = value;
    }

    /** The secret itself, for the one place that hands it to a resource as a secret output. */
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return StackConfigValues.UNREADABLE_SECRET;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SecretText text && text.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
