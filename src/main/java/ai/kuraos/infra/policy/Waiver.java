package ai.kuraos.infra.policy;

import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A reviewed exception: the findings of {@code rule} on the resources that {@code stack}, {@code type} and {@code name}
 * match, at the input paths {@code path} matches ({@code *} matches any run of characters), are accepted for
 * {@code reason}, until {@code expires} if given (the waiver holds through that day). With {@code values}, only the
 * findings whose value (the role of a grant, the value of a flag) is one of them: a new role granted under a waived
 * rule is a new finding, not one the reviewer already accepted.
 *
 * @param entry the waiver's position in the file, from 1, for messages
 */
public record Waiver(int entry, String rule, String stack, String type, String name, String path, List<String> values,
                     String reason, LocalDate expires) {

    public Waiver {
        values = List.copyOf(values);
    }

    public boolean matches(Finding finding) {
        return rule.equals(finding.ruleId()) && glob(stack).matcher(finding.stack()).matches()
                && glob(type).matcher(finding.type()).matches() && glob(name).matcher(finding.name()).matches()
                && glob(path).matcher(finding.path()).matches()
                && (values.isEmpty() || values.contains(finding.value()));
    }

    public boolean appliesToStack(String candidate) {
        return glob(stack).matcher(candidate).matches();
    }

    public boolean expiredOn(LocalDate today) {
        return expires != null && today.isAfter(expires);
    }

    /** The waiver without its position, to tell whether a pull request adds or changes it. */
    public String identity() {
        return String.join("\u0000", rule, stack, type, name, path, String.join(",", values), reason,
                String.valueOf(expires));
    }

    /** {@code RULE on stack type name (path) [values]}. */
    public String shown() {
        return rule + " on " + stack + " " + type + " " + name + (path.equals("*") ? "" : " (" + path + ")")
                + (values.isEmpty() ? "" : " " + values);
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
