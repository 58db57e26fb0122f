package ai.kuraos.infra.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Reading plan inputs by the dotted paths findings name ({@code template.containers[0].image}). */
final class Json {

    private static final Pattern STEP = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)]");

    private Json() {
    }

    static JsonNode at(JsonNode node, String path) {
        var current = node;
        var step = STEP.matcher(path);
        while (step.find()) {
            if (current == null || current.isMissingNode()) {
                return MissingNode.getInstance();
            }
            current = step.group(1) != null ? current.path(step.group(1)) : current.path(Integer.parseInt(step.group(2)));
        }
        return current == null ? MissingNode.getInstance() : current;
    }

    /** True for JSON true and for the text "true" (provider inputs such as {@code compat} are strings). */
    static boolean isTrue(JsonNode node) {
        return node.isBoolean() ? node.booleanValue() : "true".equalsIgnoreCase(node.asText(""));
    }

    static boolean isFalse(JsonNode node) {
        return node.isBoolean() ? !node.booleanValue() : "false".equalsIgnoreCase(node.asText(""));
    }

    static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? "" : node.asText("");
    }

    static List<String> texts(JsonNode array) {
        var values = new ArrayList<String>();
        array.forEach(item -> values.add(item.asText("")));
        return values;
    }

    static String join(String path, String step) {
        return path.isEmpty() ? step : step.startsWith("[") ? path + step : path + "." + step;
    }
}
