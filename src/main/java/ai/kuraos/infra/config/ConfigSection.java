package ai.kuraos.infra.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A group of settings: the {@code kura-infra:} namespace itself, or one structured value inside it. It remembers
 * which keys the program asked for, so that any other key is reported as unknown with the closest known one.
 */
public final class ConfigSection {

    private final ConfigReader reader;
    private final String path;
    private final boolean isNamespace;
    private final JsonNode node;
    private final boolean secret;
    private final Set<String> known = new TreeSet<>();

    ConfigSection(ConfigReader reader, String path, boolean isNamespace, JsonNode node, boolean secret) {
        this.reader = reader;
        this.path = path;
        this.isNamespace = isNamespace;
        this.node = node == null ? JsonNodeFactory.instance.objectNode() : node;
        this.secret = secret;
    }

    /** @param description what the key controls, as the configuration reference states it */
    public ConfigValue value(String name, String description) {
        known.add(name);
        return new ConfigValue(reader, keyOf(name), node.get(name), secret || reader.isSecret(keyOf(name)), description);
    }

    /** @param description what the structured value holds, as the configuration reference states it */
    public ConfigSection section(String name, String description) {
        known.add(name);
        reader.document(KeyDoc.section(keyOf(name), description));
        var value = node.get(name);
        return reader.sectionOf(keyOf(name), value != null && !value.isNull() ? value : null, secret);
    }

    /** Whether the stack file gives this section any key. */
    public boolean isSet() {
        return node.size() > 0;
    }

    /** The full key of one of this section's settings, as users write it. */
    public String keyOf(String name) {
        return isNamespace ? path + ":" + name : path + "." + name;
    }

    List<ConfigError> unknownKeys() {
        var errors = new ArrayList<ConfigError>();
        node.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                var hint = Suggestions.closest(name, known)
                        .map(match -> "did you mean " + keyOf(match) + "?")
                        .orElse("known keys here: " + String.join(", ", known));
                errors.add(new ConfigError(keyOf(name), "unknown key; " + hint));
            }
        });
        return errors;
    }
}
