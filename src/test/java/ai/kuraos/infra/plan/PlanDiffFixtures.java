package ai.kuraos.infra.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Small plan.json documents for the plan diff tests, written with single quotes to stay readable in Java. */
final class PlanDiffFixtures {

    private static final JsonMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_SINGLE_QUOTES).build();

    private PlanDiffFixtures() {
    }

    static JsonNode json(String singleQuoted) {
        try {
            return JSON.readTree(singleQuoted);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("bad fixture: " + singleQuoted, e);
        }
    }

    /** A plan of {@code stack} with {@code outputs} (an object) and the resources, each an object. */
    static ObjectNode plan(String stack, String outputs, String... resources) {
        var plan = JSON.createObjectNode();
        plan.put("project", "kura-infra");
        plan.put("stack", stack);
        var list = plan.putArray("resources");
        for (var resource : resources) {
            list.add(json(resource));
        }
        plan.set("outputs", json(outputs));
        return plan;
    }

    /** A resource under the stack's component {@code app} with these inputs (an object). */
    static String resource(String type, String name, String inputs) {
        return "{'type': '" + type + "', 'name': '" + name + "', 'parent': 'app', 'inputs': " + inputs + "}";
    }
}
