package ai.kuraos.infra.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One configuration value on its way to a typed setting. Each accessor returns the value when it is valid, or
 * records an error naming the key, what was received and what is allowed, and returns the fallback so that
 * reading goes on and every error is reported at once.
 */
public final class ConfigValue {

    private final ConfigReader reader;
    private final String key;
    private final JsonNode node;
    private final boolean secret;
    private final String description;
    private String shownDefault;

    ConfigValue(ConfigReader reader, String key, JsonNode node, boolean secret, String description) {
        this.reader = reader;
        this.key = key;
        this.node = node;
        this.secret = secret;
        this.description = description;
    }

    /**
     * How the configuration reference states this key's default when the default is derived from other values
     * (e.g. {@code https://app.<domain>}), instead of the value an empty stack file gets.
     */
    public ConfigValue defaultShown(String text) {
        this.shownDefault = text;
        return this;
    }

    /** Records a key that no typed accessor reads (one the stack may not set, say) in the reference. */
    public ConfigValue documented(String allowed, String defaultValue) {
        document(allowed, defaultValue);
        return this;
    }

    /** Records this key in the reference: what it accepts and its default, beside its description. */
    private void document(String allowed, String defaultValue) {
        reader.document(new KeyDoc(key, allowed, shownDefault != null ? shownDefault : defaultValue, description));
    }

    private static String shownText(String text) {
        return text.isEmpty() ? "none" : "`" + text + "`";
    }

    public String key() {
        return key;
    }

    public boolean isSet() {
        return node != null && !node.isNull();
    }

    /**
     * A value that must be stored encrypted ({@code pulumi config set --secret}). A value left in plaintext in the
     * stack file is refused, without printing it, with the command that stores it properly.
     */
    public SecretText secret() {
        document("secret text (`pulumi config set --secret --path '" + key.substring(key.indexOf(':') + 1)
                + "' <value>`)", "none");
        if (!isSet()) {
            return null;
        }
        if (!node.isValueNode() || node.asText().isBlank()) {
            // Never shown, whatever its shape: a secret written in the wrong shape is still a secret.
            reader.reject(key, "got " + shapeOf(node) + "; expected a non-empty secret text");
            return null;
        }
        if (!secret) {
            var path = key.substring(key.indexOf(':') + 1);
            reader.reject(key, "stored in plaintext in the stack file; remove it and run `pulumi config set --secret"
                    + " --path '" + path + "' <value>`");
            return null;
        }
        return new SecretText(node.asText());
    }

    /** One of a few named values, case-insensitively, e.g. a day of the week. */
    public <E extends Enum<E>> E choice(E fallback, Class<E> type) {
        var names = java.util.Arrays.stream(type.getEnumConstants()).map(constant -> constant.name().toLowerCase()).toList();
        document("one of " + String.join(", ", names), shownText(fallback.name().toLowerCase()));
        if (!isSet()) {
            return fallback;
        }
        var text = node.isValueNode() ? node.asText().toLowerCase() : "";
        return names.contains(text) ? Enum.valueOf(type, text.toUpperCase()) : wrong(fallback, "one of " + String.join(", ", names));
    }

    public String text(String fallback, TextRule rule) {
        document(rule.expected(), shownText(fallback));
        if (!isSet()) {
            return fallback;
        }
        return accepted(rule) ? node.asText() : fallback;
    }

    public String requiredText(TextRule rule) {
        document(rule.expected(), "required");
        if (!isSet()) {
            reader.reject(key, "missing; expected " + rule.expected());
            return "";
        }
        return accepted(rule) ? node.asText() : "";
    }

    public boolean bool(boolean fallback) {
        document("`true` / `false`", shownText(String.valueOf(fallback)));
        if (!isSet()) {
            return fallback;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isTextual() && (node.asText().equals("true") || node.asText().equals("false"))) {
            return Boolean.parseBoolean(node.asText());
        }
        return wrong(fallback, "true or false");
    }

    public int integer(int fallback, int min, int max) {
        var expected = "a whole number from " + min + " to " + max;
        document(min + "–" + max, shownText(String.valueOf(fallback)));
        var number = number();
        if (number == null) {
            return isSet() ? wrong(fallback, expected) : fallback;
        }
        try {
            int value = number.intValueExact();
            return value >= min && value <= max ? value : wrong(fallback, expected);
        } catch (ArithmeticException notWhole) {
            return wrong(fallback, expected);
        }
    }

    public double decimal(double fallback, double min, double max) {
        var expected = "a number from " + min + " to " + max;
        document(min + "–" + max, shownText(String.valueOf(fallback)));
        var number = number();
        if (number == null) {
            return isSet() ? wrong(fallback, expected) : fallback;
        }
        double value = number.doubleValue();
        return value >= min && value <= max ? value : wrong(fallback, expected);
    }

    /** A mapping of text to text, e.g. labels; each entry is checked and reported under its own key. */
    public Map<String, String> textMap(Map<String, String> fallback, TextRule keyRule, TextRule valueRule) {
        document("a mapping of " + keyRule.expected() + " to " + valueRule.expected(), fallback.isEmpty() ? "none"
                : fallback.entrySet().stream().map(entry -> "`" + entry.getKey() + ": " + entry.getValue() + "`")
                .collect(java.util.stream.Collectors.joining(", ")));
        if (!isSet()) {
            return fallback;
        }
        var mapping = ConfigReader.structured(node);
        if (!mapping.isObject()) {
            return wrong(fallback, "a mapping of names to values");
        }
        var entries = new TreeMap<String, String>();
        mapping.fields().forEachRemaining(field -> {
            var entryKey = key + "." + field.getKey();
            if (!keyRule.accepts().test(field.getKey())) {
                reader.reject(entryKey, "invalid name; expected " + keyRule.expected());
            }
            var entry = new ConfigValue(reader, entryKey, field.getValue(), secret || reader.isSecret(entryKey), description);
            if (!field.getValue().isValueNode()) {
                entry.wrong(null, valueRule.expected());
            } else if (entry.accepted(valueRule)) {
                entries.put(field.getKey(), field.getValue().asText());
            }
        });
        return entries;
    }

    /**
     * A mapping of plaintext settings (an environment), as {@link #textMap}, that refuses a value looking like a
     * credential ({@link PlaintextCredentials}) with a pointer to the secrets catalogue. The message says what the value
     * looks like, never what it is.
     */
    public Map<String, String> plaintextMap(TextRule keyRule, TextRule valueRule) {
        var entries = new TreeMap<>(textMap(Map.of(), keyRule, valueRule));
        entries.entrySet().removeIf(entry -> {
            var kind = PlaintextCredentials.kind(entry.getKey(), entry.getValue());
            kind.ifPresent(found -> reader.reject(key + "." + entry.getKey(), "plaintext that looks like " + found
                    + " (the value is not shown); plaintext settings are written into the plans, the review and the"
                    + " cloud console. A credential belongs in the secrets catalogue: `kura-infra:secrets.<NAME>`"
                    + " (docs/reference/configuration.md#secrets), set with `pulumi config set --secret --path"
                    + " 'secrets.<NAME>' <value>`"));
            return kind.isPresent();
        });
        return entries;
    }

    /** A list of texts, e.g. origins; each element is checked and reported under its index. */
    public List<String> textList(List<String> fallback, TextRule rule) {
        document("a list of " + rule.expected(), fallback.isEmpty() ? "none" : "`[" + String.join(", ", fallback) + "]`");
        if (!isSet()) {
            return fallback;
        }
        var list = ConfigReader.structured(node);
        if (!list.isArray()) {
            return wrong(fallback, "a list of " + rule.expected());
        }
        var texts = new ArrayList<String>();
        for (int index = 0; index < list.size(); index++) {
            var element = new ConfigValue(reader, key + "[" + index + "]", list.get(index), secret, description);
            if (element.accepted(rule)) {
                texts.add(list.get(index).asText());
            }
        }
        return texts;
    }

    private boolean accepted(TextRule rule) {
        if (!node.isValueNode() || !rule.accepts().test(node.asText())) {
            wrong(null, rule.expected());
            return false;
        }
        return true;
    }

    private BigDecimal number() {
        if (!isSet()) {
            return null;
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isTextual()) {
            try {
                return new BigDecimal(node.asText().trim());
            } catch (NumberFormatException notANumber) {
                return null;
            }
        }
        return null;
    }

    private <T> T wrong(T fallback, String expected) {
        reader.reject(key, "got " + shown() + "; expected " + expected);
        return fallback;
    }

    /** What a value is, without what it says: for values that may be secrets. */
    static String shapeOf(JsonNode node) {
        var value = ConfigReader.structured(node);
        if (value.isObject()) {
            return "a mapping";
        }
        if (value.isArray()) {
            return "a list";
        }
        if (value.isNumber()) {
            return "a number";
        }
        if (value.isBoolean()) {
            return "a boolean";
        }
        return value.asText().isBlank() ? "an empty text" : "a text";
    }

    private String shown() {
        if (secret) {
            return StackConfigValues.UNREADABLE_SECRET;
        }
        return node.isTextual() ? "\"" + node.asText() + "\"" : node.toString();
    }
}
