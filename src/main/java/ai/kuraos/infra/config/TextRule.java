package ai.kuraos.infra.config;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** What a text setting accepts, and how to say so to the person who got it wrong. */
public record TextRule(Predicate<String> accepts, String expected) {

    public static TextRule matching(String regex, String expected) {
        var pattern = Pattern.compile(regex);
        return new TextRule(value -> pattern.matcher(value).matches(), expected);
    }

    public static TextRule oneOf(List<String> allowed) {
        return new TextRule(allowed::contains, "one of " + String.join(", ", allowed));
    }

    public static TextRule nonBlank(String expected) {
        return new TextRule(value -> !value.isBlank(), expected);
    }
}
