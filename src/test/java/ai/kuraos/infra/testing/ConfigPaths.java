package ai.kuraos.infra.testing;

import ai.kuraos.infra.config.StackConfigValues;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Applies {@code --path} config edits ({@code kura-infra:backend.rollout.mode}) to raw stack config the way
 * {@code pulumi config set --path} / {@code config rm --path} change a stack file; an empty value removes the key.
 */
public final class ConfigPaths {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ConfigPaths() {
    }

    public static StackConfigValues apply(StackConfigValues raw, Map<String, Optional<String>> edits) {
        var values = new TreeMap<>(raw.values());
        edits.forEach((path, value) -> {
            var key = path.substring(0, path.indexOf('.'));
            var steps = path.substring(path.indexOf('.') + 1).split("\\.");
            var root = read(values.get(key));
            var node = root;
            for (int i = 0; i < steps.length - 1; i++) {
                node = node.has(steps[i]) ? (ObjectNode) node.get(steps[i]) : node.putObject(steps[i]);
            }
            if (value.isPresent()) {
                node.put(steps[steps.length - 1], value.get());
            } else {
                node.remove(steps[steps.length - 1]);
            }
            values.put(key, root.toString());
        });
        return new StackConfigValues(values, raw.secretPaths());
    }

    private static ObjectNode read(String json) {
        if (json == null) {
            return JsonNodeFactory.instance.objectNode();
        }
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
