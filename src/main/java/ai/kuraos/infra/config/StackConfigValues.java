package ai.kuraos.infra.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.pulumi.deployment.internal.DeploymentImpl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One stack's configuration exactly as the Pulumi language host hands it to a program: full keys
 * ({@code namespace:key}) mapped to strings, structured values as JSON text, plus the set of keys that are secret.
 * Both ways of running the program start from this shape, so the typed settings never know which one they came from.
 */
public record StackConfigValues(Map<String, String> values, Set<String> secretKeys) {

    /** What an encrypted value reads as offline: the plan never has the key to decrypt it, and must not print it. */
    public static final String UNREADABLE_SECRET = "[secret]";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    public StackConfigValues {
        values = Map.copyOf(new TreeMap<>(values));
        secretKeys = Set.copyOf(new TreeSet<>(secretKeys));
    }

    public static StackConfigValues of(Map<String, String> values) {
        return new StackConfigValues(values, Set.of());
    }

    public boolean isSecret(String fullKey) {
        return secretKeys.contains(fullKey);
    }

    /**
     * Reads the variables the Pulumi Java language host sets for a program run by {@code pulumi preview/up}:
     * {@code PULUMI_CONFIG} and {@code PULUMI_CONFIG_SECRET_KEYS}, parsed by the SDK's own parser.
     */
    public static StackConfigValues fromEngineEnvironment(Map<String, String> environment) {
        var config = environment.get("PULUMI_CONFIG");
        var secretKeys = environment.get("PULUMI_CONFIG_SECRET_KEYS");
        return new StackConfigValues(
                config == null ? Map.of() : DeploymentImpl.Config.parseConfig(config),
                secretKeys == null ? Set.of() : DeploymentImpl.Config.parseConfigSecretKeys(secretKeys));
    }

    /**
     * Reads a {@code Pulumi.<stack>.yaml} file the way the Pulumi CLI passes it on: scalars as their text,
     * objects and lists as JSON, and {@code secure:} values (which only the CLI can decrypt) as
     * {@link #UNREADABLE_SECRET}, with their top-level key marked secret.
     */
    public static StackConfigValues fromStackFile(Path stackFile) {
        JsonNode root;
        try {
            root = YAML.readTree(Files.readString(stackFile));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + stackFile + ": " + e.getMessage(), e);
        }
        var values = new TreeMap<String, String>();
        var secretKeys = new TreeSet<String>();
        var config = root == null ? null : root.get("config");
        if (config == null || config.isNull()) {
            return new StackConfigValues(values, secretKeys);
        }
        if (!config.isObject()) {
            throw new IllegalArgumentException(stackFile + ": 'config' must be a mapping of keys to values");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = config.fields(); it.hasNext(); ) {
            var entry = it.next();
            var key = entry.getKey();
            var hidden = new boolean[] {false};
            var value = withoutSecureValues(entry.getValue(), hidden);
            if (hidden[0]) {
                secretKeys.add(key);
            }
            values.put(key, value.isContainerNode() ? toJson(value) : value.asText());
        }
        return new StackConfigValues(values, secretKeys);
    }

    private static JsonNode withoutSecureValues(JsonNode node, boolean[] hidden) {
        if (isSecureValue(node)) {
            hidden[0] = true;
            return JsonNodeFactory.instance.textNode(UNREADABLE_SECRET);
        }
        if (node.isObject()) {
            var copy = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(f -> copy.set(f.getKey(), withoutSecureValues(f.getValue(), hidden)));
            return copy;
        }
        if (node.isArray()) {
            var copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> copy.add(withoutSecureValues(element, hidden)));
            return copy;
        }
        return node;
    }

    private static boolean isSecureValue(JsonNode node) {
        return node instanceof ObjectNode object && object.size() == 1 && object.has("secure");
    }

    private static String toJson(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
