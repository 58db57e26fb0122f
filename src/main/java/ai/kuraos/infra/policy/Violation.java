package ai.kuraos.infra.policy;

/**
 * What a rule found wrong in one resource: the input path (dotted, list items by index, e.g.
 * {@code settings.ipConfiguration.ipv4Enabled}) and a message that says what is wrong and how to fix it.
 */
public record Violation(String path, String message) {
}
