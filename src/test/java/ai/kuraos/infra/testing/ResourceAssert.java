package ai.kuraos.infra.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Assertions on one planned resource, by input path: {@code hasInput("logConfig.flowSampling", 0.5)}. */
public final class ResourceAssert {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode entry;

    ResourceAssert(JsonNode entry) {
        this.entry = entry;
    }

    public String name() {
        return entry.path("name").asText();
    }

    public JsonNode input(String path) {
        return JsonPath.get(entry.path("inputs"), path);
    }

    public ResourceAssert hasInput(String path, Object expected) {
        assertThat(input(path)).as("%s input %s", name(), path).isEqualTo(JSON.valueToTree(expected));
        return this;
    }

    /**
     * The input at {@code path} holds at least the given fields, recursively, as CDK's {@code objectLike}: other fields
     * may be there too. Lists must match element by element.
     */
    public ResourceAssert hasInputLike(String path, Object partial) {
        var actual = input(path);
        var problems = new ArrayList<String>();
        compareLike(path, JSON.valueToTree(partial), actual, problems);
        assertThat(problems).as("%s input %s is like %s, got %s", name(), path, partial, actual).isEmpty();
        return this;
    }

    private static void compareLike(String path, JsonNode expected, JsonNode actual, List<String> problems) {
        if (expected.isObject()) {
            if (!actual.isObject()) {
                problems.add(path + ": expected an object");
                return;
            }
            expected.fields().forEachRemaining(field ->
                    compareLike(path + "." + field.getKey(), field.getValue(), actual.path(field.getKey()), problems));
        } else if (!(expected.isNumber() && actual.isNumber() ? expected.decimalValue().compareTo(actual.decimalValue()) == 0
                : expected.equals(actual))) {
            problems.add(path + ": expected " + expected + ", got " + actual);
        }
    }

    public ResourceAssert hasNoInput(String path) {
        assertThat(input(path).isMissingNode()).as("%s has no input %s, got %s", name(), path, input(path)).isTrue();
        return this;
    }

    public ResourceAssert hasParent(String parent) {
        assertThat(entry.path("parent").asText(null)).as("%s parent", name()).isEqualTo(parent);
        return this;
    }

    public ResourceAssert isProtected() {
        assertThat(entry.path("protect").asBoolean(false)).as("%s is protected", name()).isTrue();
        return this;
    }

    public ResourceAssert isNotProtected() {
        assertThat(entry.has("protect")).as("%s is not protected", name()).isFalse();
        return this;
    }

    public ResourceAssert dependsOn(String... names) {
        var dependsOn = new ArrayList<String>();
        entry.path("dependsOn").forEach(node -> dependsOn.add(node.asText()));
        assertThat(dependsOn).as("%s dependsOn", name()).containsExactlyInAnyOrder(names);
        return this;
    }

    public JsonNode output(String name) {
        return entry.path("outputs").path(name);
    }

    public List<String> inputNames() {
        var names = new ArrayList<String>();
        entry.path("inputs").fieldNames().forEachRemaining(names::add);
        return names;
    }
}
