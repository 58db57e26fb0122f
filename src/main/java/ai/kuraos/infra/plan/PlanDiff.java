package ai.kuraos.infra.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

/**
 * What changes between two {@code plan.json} documents of one stack. Resources are matched by type and name; the
 * values are the plan's own, so a secret shows as {@code "[secret]"} on either side and a secret that changed is no
 * change at all. A list whose items all carry a distinct {@code name} is compared item by item under that name
 * ({@code envs[name=REDIS_HOST].value}), so an insert or a removal is one change, not a shift of every later index; a
 * string that holds a JSON object (a dashboard) is compared as the object it holds, under the input's own path.
 *
 * @param added   resources only in the new plan, sorted by type and then name
 * @param removed resources only in the old plan, sorted by type and then name
 * @param changed resources in both plans that differ, sorted by type and then name
 * @param outputs changes of the stack outputs, with paths {@code outputs.<name>}
 */
public record PlanDiff(String stack, List<Resource> added, List<Resource> removed, List<ResourceChange> changed,
                       List<Change> outputs) {

    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_$-]+");
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_$./:-]+");
    private static final String NAME = "name";
    private static final ObjectMapper EMBEDDED = new ObjectMapper();
    /** Equality by value: a plan built in memory may hold 16 as a long where the parsed file holds an int. */
    private static final Comparator<JsonNode> SAME_VALUE = (left, right) ->
            left.isNumber() && right.isNumber()
                    ? left.decimalValue().compareTo(right.decimalValue())
                    : left.equals(right) ? 0 : 1;

    public PlanDiff {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        changed = List.copyOf(changed);
        outputs = List.copyOf(outputs);
    }

    /** Compares two plans of {@code stack}; a null side is a stack that does not exist there. */
    public static PlanDiff of(String stack, JsonNode before, JsonNode after) {
        var oldResources = resources(stack, before);
        var newResources = resources(stack, after);
        var added = new ArrayList<Resource>();
        var removed = new ArrayList<Resource>();
        var changed = new ArrayList<ResourceChange>();
        var keys = new TreeSet<>(oldResources.keySet());
        keys.addAll(newResources.keySet());
        for (var key : keys) {
            var oldResource = oldResources.get(key);
            var newResource = newResources.get(key);
            if (oldResource == null) {
                added.add(key);
            } else if (newResource == null) {
                removed.add(key);
            } else {
                var changes = new ArrayList<Change>();
                compareObjects("", oldResource, newResource, Set.of("type", "name"), changes);
                if (!changes.isEmpty()) {
                    changed.add(new ResourceChange(key, changes));
                }
            }
        }
        var outputs = new ArrayList<Change>();
        compareObjects("outputs", outputsOf(before), outputsOf(after), Set.of(), outputs);
        return new PlanDiff(stack, added, removed, changed, outputs);
    }

    /** True when the two plans describe the same desired state. */
    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && changed.isEmpty() && outputs.isEmpty();
    }

    /** A resource's identity within a stack. */
    public record Resource(String type, String name) implements Comparable<Resource> {

        private static final Comparator<Resource> ORDER =
                Comparator.comparing(Resource::type).thenComparing(Resource::name);

        @Override
        public int compareTo(Resource other) {
            return ORDER.compare(this, other);
        }

        @Override
        public String toString() {
            return type + " " + name;
        }
    }

    /** The changes of one resource in the order their paths appear in the plan. */
    public record ResourceChange(Resource resource, List<Change> changes) {

        public ResourceChange {
            changes = List.copyOf(changes);
        }
    }

    /**
     * One value that differs, e.g. {@code inputs.template.containers[0].image}. A side where the value does not exist
     * is a {@link MissingNode}, distinct from a JSON {@code null}.
     */
    public record Change(String path, JsonNode before, JsonNode after) {

        // Copies in and out: JSON nodes are mutable, the diff is not.
        public Change {
            before = before.deepCopy();
            after = after.deepCopy();
        }

        @Override
        public JsonNode before() {
            return before.deepCopy();
        }

        @Override
        public JsonNode after() {
            return after.deepCopy();
        }
    }

    private static SortedMap<Resource, JsonNode> resources(String stack, JsonNode plan) {
        var resources = new TreeMap<Resource, JsonNode>();
        if (plan == null) {
            return resources;
        }
        for (var resource : plan.path("resources")) {
            var key = new Resource(resource.path("type").asText(), resource.path("name").asText());
            if (resources.put(key, resource) != null) {
                // Matching by type and name is the contract; guessing which twin is which would show a wrong diff.
                throw new IllegalArgumentException("the plan of stack " + stack + " has two resources " + key);
            }
        }
        return resources;
    }

    private static JsonNode outputsOf(JsonNode plan) {
        return plan == null ? MissingNode.getInstance() : plan.path("outputs");
    }

    private static void compareObjects(String path, JsonNode before, JsonNode after, Set<String> skipped,
                                       List<Change> changes) {
        for (var key : keysInOrder(before, after)) {
            if (!skipped.contains(key)) {
                compare(child(path, key), before.path(key), after.path(key), changes);
            }
        }
    }

    private static void compare(String path, JsonNode before, JsonNode after, List<Change> changes) {
        if (before.equals(SAME_VALUE, after)) {
            return;
        }
        var oldJson = embeddedJson(before);
        var newJson = embeddedJson(after);
        if (oldJson != null && newJson != null) {
            compareObjects(path, oldJson, newJson, Set.of(), changes);
        } else if (before.isObject() && after.isObject()) {
            compareObjects(path, before, after, Set.of(), changes);
        } else if (before.isArray() && after.isArray() && namedItems(before) && namedItems(after)) {
            for (var name : namesInOrder(before, after)) {
                compare(path + nameStep(name), named(before, name), named(after, name), changes);
            }
        } else if (before.isArray() && after.isArray() && before.size() == after.size()
                && !(onlyScalars(before) && onlyScalars(after))) {
            for (var index = 0; index < before.size(); index++) {
                compare(path + "[" + index + "]", before.get(index), after.get(index), changes);
            }
        } else {
            changes.add(new Change(path, before, after));
        }
    }

    /**
     * The keys of both objects in the order they appear: the new object's order, with a key only in the old one kept
     * right after the key that precedes it there.
     */
    private static List<String> keysInOrder(JsonNode before, JsonNode after) {
        return merged(fieldNames(before), fieldNames(after));
    }

    private static List<String> merged(List<String> oldKeys, List<String> newKeys) {
        var newKeySet = new HashSet<>(newKeys);
        var ordered = new LinkedHashSet<String>();
        var next = 0;
        for (var oldKey : oldKeys) {
            if (newKeySet.contains(oldKey)) {
                while (!ordered.contains(oldKey)) {
                    ordered.add(newKeys.get(next++));
                }
            } else {
                ordered.add(oldKey);
            }
        }
        ordered.addAll(newKeys);
        return List.copyOf(ordered);
    }

    private static List<String> fieldNames(JsonNode node) {
        var names = new ArrayList<String>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The step to item {@code index} of {@code array}: {@code [name=X]} in a list of named items, else {@code [n]}. */
    public static String item(String path, JsonNode array, int index) {
        return path + (namedItems(array) ? nameStep(array.get(index).path(NAME).asText()) : "[" + index + "]");
    }

    /** The object a string holds when it is a JSON object, e.g. a dashboard's definition; else null. */
    public static JsonNode embeddedJson(JsonNode value) {
        if (!value.isTextual() || !value.asText().startsWith("{")) {
            return null;
        }
        try {
            var parsed = EMBEDDED.readTree(value.asText());
            return parsed != null && parsed.isObject() ? parsed : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static boolean namedItems(JsonNode array) {
        if (array.isEmpty()) {
            return false;
        }
        var names = new HashSet<String>();
        for (var element : array) {
            if (!element.path(NAME).isTextual() || !names.add(element.path(NAME).asText())) {
                return false;
            }
        }
        return true;
    }

    private static String nameStep(String name) {
        return "[" + NAME + "=" + (PLAIN_NAME.matcher(name).matches() ? name : TextNode.valueOf(name).toString()) + "]";
    }

    /** The item of {@code array} whose {@code name} is {@code name}, or a missing node. */
    public static JsonNode named(JsonNode array, String name) {
        for (var element : array) {
            if (element.path(NAME).asText().equals(name)) {
                return element;
            }
        }
        return MissingNode.getInstance();
    }

    /** The names of both lists in the new list's order, an old-only name right after the one before it there. */
    private static List<String> namesInOrder(JsonNode before, JsonNode after) {
        var oldNames = new ArrayList<String>();
        before.forEach(element -> oldNames.add(element.path(NAME).asText()));
        var newNames = new ArrayList<String>();
        after.forEach(element -> newNames.add(element.path(NAME).asText()));
        return merged(oldNames, newNames);
    }

    private static boolean onlyScalars(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).allMatch(JsonNode::isValueNode);
    }

    /** {@code path.key}, or {@code path["key"]} for a key that is not a plain word. */
    public static String child(String path, String key) {
        var step = PLAIN_KEY.matcher(key).matches() ? key : "[" + TextNode.valueOf(key) + "]";
        if (path.isEmpty()) {
            return step;
        }
        return step.startsWith("[") ? path + step : path + "." + step;
    }
}
