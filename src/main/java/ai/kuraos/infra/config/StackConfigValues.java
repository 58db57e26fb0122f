package ai.kuraos.infra.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.pulumi.deployment.internal.DeploymentImpl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One stack's configuration exactly as the Pulumi language host hands it to a program: full keys
 * ({@code namespace:key}) mapped to strings, structured values as JSON text, plus what is secret. Both ways of running
 * the program start from this shape, so the typed settings never know which one they came from.
 *
 * <p>{@code secretPaths} holds keys ({@code kura-infra:secrets}) or paths inside them
 * ({@code kura-infra:secrets.STRIPE_SECRET_KEY}); everything beneath a secret path is secret. The language host only
 * says which top-level keys hold a secret; a stack file says exactly which values are encrypted.
 */
public record StackConfigValues(Map<String, String> values, Set<String> secretPaths) {

    /** What an encrypted value reads as offline: the plan never has the key to decrypt it, and must not print it. */
    public static final String UNREADABLE_SECRET = "[secret]";

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Like the Pulumi CLI (YAML 1.2): only true and false are booleans; on, off, yes and no stay words. */
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
            .build());

    public StackConfigValues {
        values = Collections.unmodifiableSortedMap(new TreeMap<>(values));
        secretPaths = Collections.unmodifiableSortedSet(new TreeSet<>(secretPaths));
    }

    public static StackConfigValues of(Map<String, String> values) {
        return new StackConfigValues(values, Set.of());
    }

    /** Whether the value at a key or path ({@code key.field.field}) is secret, itself or through an enclosing value. */
    public boolean isSecret(String path) {
        for (var candidate = path; ; candidate = candidate.substring(0, candidate.lastIndexOf('.'))) {
            if (secretPaths.contains(candidate)) {
                return true;
            }
            if (candidate.lastIndexOf('.') < 0) {
                return false;
            }
        }
    }

    /** The top-level keys that hold a secret, as the language host lists them in {@code PULUMI_CONFIG_SECRET_KEYS}. */
    public Set<String> secretKeys() {
        var keys = new TreeSet<String>();
        secretPaths.forEach(path -> keys.add(path.contains(".") ? path.substring(0, path.indexOf('.')) : path));
        return keys;
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
     * {@link #UNREADABLE_SECRET}, each with its path marked secret.
     */
    public static StackConfigValues fromStackFile(Path stackFile) {
        JsonNode root;
        try {
            root = YAML.readTree(Files.readString(stackFile));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + stackFile + ": " + e.getMessage(), e);
        }
        var values = new TreeMap<String, String>();
        var secretPaths = new TreeSet<String>();
        var config = root == null ? null : root.get("config");
        if (config == null || config.isNull()) {
            return new StackConfigValues(values, secretPaths);
        }
        if (!config.isObject()) {
            throw new IllegalArgumentException(stackFile + ": 'config' must be a mapping of keys to values");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = config.fields(); it.hasNext(); ) {
            var entry = it.next();
            var key = entry.getKey();
            var value = withoutSecureValues(key, entry.getValue(), secretPaths);
            values.put(key, value.isContainerNode() ? toJson(value) : value.asText());
        }
        return new StackConfigValues(values, secretPaths);
    }

    /** Replaces each {@code secure:} value by {@link #UNREADABLE_SECRET} and records its path (a list as a whole). */
    private static JsonNode withoutSecureValues(String path, JsonNode node, Set<String> secretPaths) {
        if (isSecureValue(node)) {
            secretPaths.add(path);
            return JsonNodeFactory.instance.textNode(UNREADABLE_SECRET);
        }
        if (node.isObject()) {
            var copy = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(f ->
                    copy.set(f.getKey(), withoutSecureValues(path + "." + f.getKey(), f.getValue(), secretPaths)));
            return copy;
        }
        if (node.isArray()) {
            var copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> copy.add(withoutSecureValues(path, element, secretPaths)));
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
