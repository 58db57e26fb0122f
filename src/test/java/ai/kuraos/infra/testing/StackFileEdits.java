package ai.kuraos.infra.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Edits a {@code Pulumi.<stack>.yaml} the way {@code pulumi config set --path} does, whether or not the stack file
 * already states the key: stack files hold only what differs from the defaults, so a test cannot count on a line.
 */
public final class StackFileEdits {

    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build());

    private StackFileEdits() {
    }

    /** Sets {@code key.path.to.field} (e.g. {@code kura-infra:database.tier}) to a scalar value. */
    public static void set(Path stackFile, String path, Object value) throws IOException {
        var root = (ObjectNode) YAML.readTree(Files.readString(stackFile));
        var config = root.has("config") ? (ObjectNode) root.get("config") : root.putObject("config");
        var dot = path.indexOf('.');
        var key = dot < 0 ? path : path.substring(0, dot);
        if (dot < 0) {
            config.set(key, YAML.valueToTree(value));
        } else {
            var node = config.has(key) ? (ObjectNode) config.get(key) : config.putObject(key);
            var steps = path.substring(dot + 1).split("\\.");
            for (int i = 0; i < steps.length - 1; i++) {
                node = node.has(steps[i]) ? (ObjectNode) node.get(steps[i]) : node.putObject(steps[i]);
            }
            node.set(steps[steps.length - 1], YAML.valueToTree(value));
        }
        Files.writeString(stackFile, YAML.writeValueAsString(root));
    }

    /** The value at {@code path}, or null when the stack file does not state it. */
    public static JsonNode get(Path stackFile, String path) throws IOException {
        JsonNode node = YAML.readTree(Files.readString(stackFile)).path("config");
        var dot = path.indexOf('.');
        node = node.path(dot < 0 ? path : path.substring(0, dot));
        if (dot >= 0) {
            for (var step : path.substring(dot + 1).split("\\.")) {
                node = node.path(step);
            }
        }
        return node.isMissingNode() ? null : node;
    }
}
