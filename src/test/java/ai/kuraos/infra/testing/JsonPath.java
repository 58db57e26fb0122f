package ai.kuraos.infra.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.util.regex.Pattern;

/** Reads {@code a.b[0].c} out of a JSON tree; a missing step yields a {@link MissingNode}. */
public final class JsonPath {

    private static final Pattern STEP = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)]");

    private JsonPath() {
    }

    public static JsonNode get(JsonNode root, String path) {
        var node = root;
        var steps = STEP.matcher(path);
        while (steps.find()) {
            node = steps.group(1) != null ? node.path(steps.group(1)) : node.path(Integer.parseInt(steps.group(2)));
        }
        return node;
    }
}
