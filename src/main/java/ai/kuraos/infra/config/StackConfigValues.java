package ai.kuraos.infra.config;

import com.pulumi.deployment.internal.DeploymentImpl;

import java.nio.file.Path;
import java.util.Collections;
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
     * {@link #UNREADABLE_SECRET}, each with its path marked secret. See {@link StackFileReader} for what is refused.
     *
     * @throws InvalidConfigException naming each key (and line) the file cannot be read at
     */
    public static StackConfigValues fromStackFile(Path stackFile) {
        return StackFileReader.read(stackFile);
    }

    /** Reads the text of stack {@code stack}'s file (e.g. as a git commit holds it) like {@link #fromStackFile}. */
    public static StackConfigValues fromStackText(String stack, String text) {
        return StackFileReader.parse(stack, "Pulumi." + stack + ".yaml", text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
