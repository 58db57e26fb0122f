package ai.kuraos.infra.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

/**
 * Reads {@code a.b[0].c} out of a JSON tree; a missing step yields a {@link MissingNode}. A list element can be picked
 * by key instead of position, {@code rules[priority=1000].action} or {@code envs[name=PORT].value}, so that a test
 * does not depend on the order a list happens to be declared in.
 */
public final class JsonPath {

    private static final Pattern STEP = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)]|\\[([A-Za-z0-9_]+)=([^\\]]*)]");

    private JsonPath() {
    }

    public static JsonNode get(JsonNode root, String path) {
        var node = root;
        var steps = STEP.matcher(path);
        while (steps.find()) {
            if (steps.group(1) != null) {
                node = node.path(steps.group(1));
            } else if (steps.group(2) != null) {
                node = node.path(Integer.parseInt(steps.group(2)));
            } else {
                node = byKey(node, steps.group(3), steps.group(4));
            }
        }
        return node;
    }

    /** The one element whose {@code key} reads as {@code value}; missing when none or several do. */
    private static JsonNode byKey(JsonNode list, String key, String value) {
        var matches = StreamSupport.stream(list.spliterator(), false)
                .filter(element -> element.path(key).isValueNode() && element.path(key).asText().equals(value))
                .toList();
        return matches.size() == 1 ? matches.get(0) : MissingNode.getInstance();
    }
}
