package ai.kuraos.infra.plan.steps;

import ai.kuraos.infra.plan.PlanDiff;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Paths into a resource's inputs as {@code plan/replacements.yaml} writes them ({@code settings.tier},
 * {@code template.containers[*].image}) and as the plan diff reports them ({@code inputs.template.containers[0].image},
 * {@code inputs.data["ca.crt"]}).
 */
final class InputPaths {

    private static final Pattern INDEX = Pattern.compile("\\[\\d+]|\\[name=(?:[A-Za-z0-9_$./:-]+|\"(?:[^\"\\\\]|\\\\.)*\")]");
    private static final Pattern DIFF_STEP = Pattern.compile("\\.?([A-Za-z0-9_$-]+)|\\[(\\d+)]|\\[\"((?:[^\"\\\\]|\\\\.)*)\"]"
            + "|\\[name=(?:([A-Za-z0-9_$./:-]+)|\"((?:[^\"\\\\]|\\\\.)*)\")]");
    private static final Pattern QUOTED_KEY = Pattern.compile("\\[\"((?:[^\"\\\\]|\\\\.)*)\"]");

    private InputPaths() {
    }

    /**
     * True when a change at {@code changed} (a diff path relative to the inputs) touches {@code rule}: the same path,
     * a path under it, or a path above it (a whole object that appeared or went away).
     */
    static boolean touches(String changed, String rule) {
        var normal = normalise(changed);
        return within(normal, rule) || within(rule, normal);
    }

    /** {@code inner} equals {@code outer} or lies under it; {@code [*]} matches any index. */
    private static boolean within(String inner, String outer) {
        var innerSteps = steps(inner);
        var outerSteps = steps(outer);
        if (outerSteps.size() > innerSteps.size()) {
            return false;
        }
        for (var index = 0; index < outerSteps.size(); index++) {
            var expected = outerSteps.get(index);
            var actual = innerSteps.get(index);
            if (!expected.equals(actual) && !(expected.equals("[*]") && actual.equals("[*]"))) {
                return false;
            }
        }
        return true;
    }

    /** Indexes become {@code [*]}, quoted keys plain ones. */
    static String normalise(String path) {
        var unquoted = QUOTED_KEY.matcher(path).replaceAll(match -> Matcher.quoteReplacement("." + match.group(1)));
        return INDEX.matcher(unquoted).replaceAll("[*]");
    }

    private static List<String> steps(String path) {
        var steps = new ArrayList<String>();
        for (var part : path.replace("[*]", ".[*]").split("\\.")) {
            if (!part.isEmpty()) {
                steps.add(part);
            }
        }
        return steps;
    }

    /** The value at a dotted path without indexes, e.g. {@code metadata.name}; a missing node when absent. */
    static JsonNode at(JsonNode inputs, String path) {
        var node = inputs;
        for (var key : path.split("\\.")) {
            node = node.path(key);
        }
        return node;
    }

    /** The value at a plan diff path such as {@code inputs.data["ca.crt"]} or {@code inputs.containers[0].image}. */
    static JsonNode atDiffPath(JsonNode root, String path) {
        var node = root;
        var step = DIFF_STEP.matcher(path);
        var end = 0;
        while (step.find() && step.start() == end) {
            end = step.end();
            var embedded = PlanDiff.embeddedJson(node);
            if (embedded != null) {
                node = embedded;
            }
            if (step.group(4) != null || step.group(5) != null) {
                node = PlanDiff.named(node, step.group(4) != null ? step.group(4) : unescape(step.group(5)));
            } else if (step.group(1) != null) {
                node = node.path(step.group(1));
            } else if (step.group(2) != null) {
                node = node.path(Integer.parseInt(step.group(2)));
            } else {
                node = node.path(unescape(step.group(3)));
            }
        }
        return end == path.length() ? node : MissingNode.getInstance();
    }

    private static String unescape(String quoted) {
        return quoted.replace("\\\"", "\"").replace("\\\\", "\\");
    }


    /** A string found at {@code path}. */
    record Located(String path, String value) {
    }

    /** Every string under {@code node} with the path to it (relative to {@code node}), spelled as the plan diff does. */
    static void strings(String path, JsonNode node, List<Located> found) {
        if (node.isTextual()) {
            found.add(new Located(path, node.asText()));
        } else if (node.isObject()) {
            node.fields().forEachRemaining(entry -> strings(PlanDiff.child(path, entry.getKey()), entry.getValue(), found));
        } else if (node.isArray()) {
            for (var index = 0; index < node.size(); index++) {
                strings(PlanDiff.item(path, node, index), node.get(index), found);
            }
        }
    }
}
