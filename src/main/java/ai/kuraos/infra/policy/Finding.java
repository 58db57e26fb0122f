package ai.kuraos.infra.policy;

import java.util.Comparator;

/**
 * A rule's violation in a stack's resource. Two findings are the same finding when {@link #key()} is equal.
 *
 * @param value what the violation is about where a waiver must name it (the role of a grant, a flag's value), or empty
 */
public record Finding(String ruleId, Severity severity, String title, String stack, String type, String name,
                      String path, String message, String value) {

    public Finding(String ruleId, Severity severity, String title, String stack, String type, String name, String path,
                   String message) {
        this(ruleId, severity, title, stack, type, name, path, message, "");
    }

    public static final Comparator<Finding> ORDER = Comparator.comparing(Finding::stack)
            .thenComparing(Finding::severity)
            .thenComparing(Finding::ruleId)
            .thenComparing(Finding::type)
            .thenComparing(Finding::name)
            .thenComparing(Finding::path);

    /** What identifies the finding across two versions of the plans: the message may be reworded. */
    public String key() {
        return String.join("\u0000", ruleId, stack, type, name, path);
    }

    /** One line: {@code [high] KURA-GCP-001 prod gcp:... name (path): message}. */
    public String line() {
        return "[" + severity.label() + "] " + ruleId + " " + stack + " " + type + " " + name
                + (path.isEmpty() ? "" : " (" + path + ")") + ": " + message;
    }
}
