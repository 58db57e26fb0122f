package ai.kuraos.infra.tools;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough of Go's composite literals to read provider schemas: split a literal's body into its key-value
 * elements at depth zero, skipping strings, raw strings, runes and comments.
 */
final class GoLiterals {

    private GoLiterals() {
    }

    /** A {@code key: value} element of a composite literal; {@code key} is unquoted, empty for a positional one. */
    record Element(String key, String value) {
    }

    /** The text between the first {@code {} at or after {@code from} and its matching {@code }}. */
    static String braced(String text, int from) {
        var open = text.indexOf('{', from);
        if (open < 0) {
            throw new IllegalArgumentException("no composite literal after offset " + from);
        }
        var depth = 0;
        for (var index = open; index < text.length(); index++) {
            var skipped = skip(text, index);
            if (skipped != index) {
                index = skipped - 1;
                continue;
            }
            var c = text.charAt(index);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return text.substring(open + 1, index);
            }
        }
        throw new IllegalArgumentException("unbalanced composite literal at offset " + open);
    }

    /** The elements of a composite literal's body. */
    static List<Element> elements(String body) {
        var elements = new ArrayList<Element>();
        var depth = 0;
        var start = 0;
        var colon = -1;
        for (var index = 0; index <= body.length(); index++) {
            if (index < body.length()) {
                var skipped = skip(body, index);
                if (skipped != index) {
                    index = skipped - 1;
                    continue;
                }
            }
            var c = index < body.length() ? body.charAt(index) : ',';
            switch (c) {
                case '{', '(', '[' -> depth++;
                case '}', ')', ']' -> depth--;
                case ':' -> {
                    if (depth == 0 && colon < 0) {
                        colon = index;
                    }
                }
                case ',' -> {
                    if (depth == 0) {
                        var key = colon < 0 ? "" : unquote(body.substring(start, colon).replaceAll("//[^\\n]*", "").strip());
                        var value = body.substring(colon < 0 ? start : colon + 1, index).replaceAll("(?m)^\\s*//[^\\n]*$", "").strip();
                        if (!key.isEmpty() || !value.isEmpty()) {
                            elements.add(new Element(key, value));
                        }
                        start = index + 1;
                        colon = -1;
                    }
                }
                default -> { }
            }
        }
        return elements;
    }

    /** Every double-quoted string literal in {@code text}, comments excluded. */
    static List<String> strings(String text) {
        var found = new ArrayList<String>();
        var matcher = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(withoutComments(text));
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    static String withoutComments(String text) {
        return text.replaceAll("(?m)^\\s*//.*$", "").replaceAll("\\s//[^\"\\n]*$", "");
    }

    /** The first group of {@code pattern} in {@code text}, or null. */
    static String first(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? matcher.group(1) : null;
    }

    private static String unquote(String key) {
        return key.startsWith("\"") && key.endsWith("\"") ? key.substring(1, key.length() - 1) : key;
    }

    /** The offset after a string, raw string, rune or comment starting at {@code index}, or {@code index}. */
    private static int skip(String text, int index) {
        var c = text.charAt(index);
        if (c == '/' && index + 1 < text.length() && text.charAt(index + 1) == '/') {
            var end = text.indexOf('\n', index);
            return end < 0 ? text.length() : end;
        }
        if (c == '/' && index + 1 < text.length() && text.charAt(index + 1) == '*') {
            return text.indexOf("*/", index + 2) + 2;
        }
        if (c == '`') {
            return text.indexOf('`', index + 1) + 1;
        }
        if (c == '"' || c == '\'') {
            var at = index + 1;
            while (text.charAt(at) != c) {
                at += text.charAt(at) == '\\' ? 2 : 1;
            }
            return at + 1;
        }
        return index;
    }
}
