package ai.kuraos.infra.config;

/**
 * One key of the configuration reference, as the slice that reads it states it: what it accepts, its default (or
 * {@code required}, {@code none}), and what it does. The reference is generated from these, never written by hand.
 */
public record KeyDoc(String key, String allowed, String defaultValue, String description) {

    /** A structured value: its own keys follow it. */
    static KeyDoc section(String key, String description) {
        return new KeyDoc(key, "object", "", description);
    }
}
