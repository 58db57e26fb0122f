package ai.kuraos.infra.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code plan.json}, the reviewable desired state of a stack. Its shape is a contract that tests, PR diffs and
 * policy checks rely on: project, stack, resources (type, name, parent, inputs, plus provider, protect, import,
 * version, dependsOn, deleteBeforeReplace, replaceOnChanges, ignoreChanges, retainOnDelete and inputsFrom when set),
 * outputs, and
 * when there are any the program's warnings (what {@code pulumi preview} prints too), which the review carries.
 * {@code import} is the id of an existing resource the engine adopts. Output is deterministic and laid out one value
 * per line so that a git diff is the review.
 */
public final class PlanJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DefaultPrettyPrinter LAYOUT = new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));

    private PlanJson() {
    }

    public static ObjectNode toJson(Plan plan) {
        var root = JsonNodeFactory.instance.objectNode();
        root.put("project", plan.project());
        root.put("stack", plan.stack());
        var resources = root.putArray("resources");
        for (var resource : plan.resources()) {
            var entry = resources.addObject();
            entry.put("type", resource.type());
            entry.put("name", resource.name());
            entry.put("parent", resource.parent());
            if (resource.provider() != null) {
                entry.put("provider", resource.provider());
            }
            if (resource.protect()) {
                entry.put("protect", true);
            }
            if (resource.importId() != null) {
                entry.put("import", resource.importId());
            }
            if (resource.version() != null) {
                entry.put("version", resource.version());
            }
            if (!resource.dependsOn().isEmpty()) {
                var dependsOn = entry.putArray("dependsOn");
                resource.dependsOn().forEach(dependsOn::add);
            }
            var lifecycle = resource.lifecycle();
            if (lifecycle.deleteBeforeReplace()) {
                entry.put("deleteBeforeReplace", true);
            }
            if (!lifecycle.replaceOnChanges().isEmpty()) {
                lifecycle.replaceOnChanges().forEach(entry.putArray("replaceOnChanges")::add);
            }
            if (!lifecycle.ignoreChanges().isEmpty()) {
                lifecycle.ignoreChanges().forEach(entry.putArray("ignoreChanges")::add);
            }
            if (lifecycle.retainOnDelete()) {
                entry.put("retainOnDelete", true);
            }
            if (!resource.inputsFrom().isEmpty()) {
                var inputsFrom = entry.putObject("inputsFrom");
                resource.inputsFrom().forEach((input, sources) -> sources.forEach(inputsFrom.putArray(input)::add));
            }
            entry.set("inputs", resource.inputs());
            if (resource.outputs() != null) {
                entry.set("outputs", resource.outputs());
            }
        }
        root.set("outputs", plan.outputs());
        if (!plan.warnings().isEmpty()) {
            var warnings = root.putArray("warnings");
            plan.warnings().forEach(warnings::add);
        }
        return root;
    }

    public static String render(Plan plan) {
        try {
            return JSON.writer(LAYOUT).writeValueAsString(toJson(plan)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the plan of stack " + plan.stack(), e);
        }
    }
}
