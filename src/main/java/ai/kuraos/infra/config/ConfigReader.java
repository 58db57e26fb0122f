package ai.kuraos.infra.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads raw stack configuration into typed values while gathering every problem: wrong types, values out of range,
 * unknown keys (with the closest known key), unknown namespaces.
 */
public final class ConfigReader {

    /** The namespace of the platform program's settings. */
    public static final String NAMESPACE = "kura-infra";
    /** Namespaces a stack file may hold besides ours: the providers the programs use, and Pulumi's own. */
    private static final Set<String> OTHER_NAMESPACES = Set.of("gcp", "kubernetes", "random", "tls", "pulumi");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final StackConfigValues raw;
    private final String namespaceName;
    private final List<ConfigError> errors = new ArrayList<>();
    private final List<ConfigSection> sections = new ArrayList<>();
    private final ConfigSection namespace;
    private final Map<String, KeyDoc> documented = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();

    public ConfigReader(StackConfigValues raw) {
        this(raw, NAMESPACE);
    }

    /** @param namespaceName the program's own namespace, e.g. {@code kura-bootstrap} */
    public ConfigReader(StackConfigValues raw, String namespaceName) {
        this.raw = raw;
        this.namespaceName = namespaceName;
        var own = JsonNodeFactory.instance.objectNode();
        raw.values().forEach((key, value) -> {
            if (key.startsWith(namespaceName + ":")) {
                own.put(key.substring(namespaceName.length() + 1), value);
            }
        });
        this.namespace = sectionOf(namespaceName, own, false, true);
    }

    /** A setting in the program's namespace, e.g. {@code kura-infra:}. */
    public ConfigValue setting(String name, String description) {
        return namespace.value(name, description);
    }

    /** A structured setting in the program's namespace, written as an object in the stack file. */
    public ConfigSection section(String name, String description) {
        return namespace.section(name, description);
    }

    /** A setting of another namespace that the program reads too, such as {@code gcp:project}. */
    public ConfigValue providerSetting(String fullKey, String description) {
        var value = raw.values().get(fullKey);
        return new ConfigValue(this, fullKey,
                value == null ? null : JsonNodeFactory.instance.textNode(value), raw.isSecret(fullKey), description);
    }

    public void reject(String key, String problem) {
        errors.add(new ConfigError(key, problem));
    }

    /** A legal but noteworthy choice: printed on every plan and preview. */
    public void warn(String warning) {
        warnings.add(warning);
    }

    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** Every error found so far, plus unknown keys and namespaces; call once everything has been read. */
    public List<ConfigError> errors() {
        var all = new ArrayList<>(errors);
        sections.forEach(section -> all.addAll(section.unknownKeys()));
        raw.values().keySet().forEach(key -> {
            var namespaceOfKey = key.contains(":") ? key.substring(0, key.indexOf(':')) : "";
            if (!namespaceOfKey.equals(namespaceName) && !OTHER_NAMESPACES.contains(namespaceOfKey)) {
                var known = new TreeSet<>(OTHER_NAMESPACES);
                known.add(namespaceName);
                var hint = Suggestions.closest(namespaceOfKey, known)
                        .map(match -> "did you mean " + match + key.substring(namespaceOfKey.length()) + "?")
                        .orElse("known namespaces: " + String.join(", ", known));
                all.add(new ConfigError(key, "unknown namespace '" + namespaceOfKey + "'; " + hint));
            } else if (!namespaceOfKey.equals(namespaceName)) {
                ProviderConfigKeys.problem(namespaceOfKey, key.substring(namespaceOfKey.length() + 1))
                        .ifPresent(problem -> all.add(new ConfigError(key, problem)));
            }
        });
        return all;
    }

    /** Every key read so far with what it accepts, its default and its description, in reading order. */
    public List<KeyDoc> documented() {
        return List.copyOf(documented.values());
    }

    void document(KeyDoc doc) {
        documented.putIfAbsent(doc.key(), doc);
    }

    boolean isSecret(String fullKey) {
        return raw.isSecret(fullKey);
    }

    ConfigSection sectionOf(String key, JsonNode value, boolean secret) {
        var node = value == null ? null : structured(value);
        if (node != null && !node.isObject()) {
            // Only its shape: a section such as secrets holds secrets even when it is written wrong.
            reject(key, "got " + ConfigValue.shapeOf(value) + "; expected a mapping of settings (an object in the stack file)");
            node = null;
        }
        return sectionOf(key, node, secret || isSecret(key), false);
    }

    private ConfigSection sectionOf(String key, JsonNode node, boolean secret, boolean isNamespace) {
        var section = new ConfigSection(this, key, isNamespace, node, secret);
        sections.add(section);
        return section;
    }

    /**
     * Pulumi hands top-level structured values to the program as JSON text; nested ones arrive already structured.
     * Returns the object or list a text holds, or the node itself.
     */
    static JsonNode structured(JsonNode node) {
        if (!node.isTextual()) {
            return node;
        }
        try {
            var parsed = JSON.readTree(node.asText());
            return parsed != null && parsed.isContainerNode() ? parsed : node;
        } catch (IOException notJson) {
            return node;
        }
    }
}
