package ai.kuraos.infra.policy;

import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * A reviewed exception: the findings of {@code rule} on the resources that {@code stack}, {@code type} and {@code name}
 * match ({@code *} matches any run of characters) are accepted for {@code reason}, until {@code expires} if given (the
 * waiver holds through that day).
 *
 * @param entry the waiver's position in the file, from 1, for messages
 */
public record Waiver(int entry, String rule, String stack, String type, String name, String reason, LocalDate expires) {

    public boolean matches(Finding finding) {
        return rule.equals(finding.ruleId()) && glob(stack).matcher(finding.stack()).matches()
                && glob(type).matcher(finding.type()).matches() && glob(name).matcher(finding.name()).matches();
    }

    public boolean appliesToStack(String candidate) {
        return glob(stack).matcher(candidate).matches();
    }

    public boolean expiredOn(LocalDate today) {
        return expires != null && today.isAfter(expires);
    }

    /** The waiver without its position, to tell whether a pull request adds or changes it. */
    public String identity() {
        return String.join("\u0000", rule, stack, type, name, reason, String.valueOf(expires));
    }

    /** {@code RULE on stack type name}. */
    public String shown() {
        return rule + " on " + stack + " " + type + " " + name;
    }

    private static Pattern glob(String pattern) {
        var regex = new StringBuilder();
        for (var part : pattern.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }
}
