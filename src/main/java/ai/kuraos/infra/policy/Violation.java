package ai.kuraos.infra.policy;

/**
 * What a rule found wrong in one resource: the input path (dotted, list items by index, e.g.
 * {@code settings.ipConfiguration.ipv4Enabled}) and a message that says what is wrong and how to fix it.
 *
 * @param value what a waiver must name to accept it (the role of a grant, a flag's value), or empty
 */
public record Violation(String path, String message, String value) {

    public Violation(String path, String message) {
        this(path, message, "");
    }
}
