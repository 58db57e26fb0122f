package ai.kuraos.infra.architecture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes an {@link ArchitectureDiagram} as a Mermaid flowchart, which GitHub renders in markdown: the picture of
 * {@code stacks/<stack>/architecture.md}, and the picture of a change with added, changed and removed parts marked.
 */
public final class ArchitectureMermaid {

    public static final String FILE = "architecture.md";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How a node fares in a change. */
    public enum Change { ADDED, CHANGED, REMOVED }

    private ArchitectureMermaid() {
    }

    /** The flowchart of a plan, e.g. {@code PlanJson.toJson(plan)} or a parsed {@code plan.json}. */
    public static String flowchart(JsonNode plan) {
        return render(ArchitectureDiagram.of(plan), Map.of());
    }

    /** The content of {@code stacks/<stack>/architecture.md}. */
    public static String markdown(String stack, JsonNode plan) {
        return "# Architecture of stack " + stack + "\n\n"
                + "Drawn by `kura-infra plan` from `plan.json` (do not edit): the components and the paths a request and\n"
                + "the data take. IAM bindings, APIs, service accounts and the network are left out; `plan.json` has them.\n\n"
                + "```mermaid\n" + flowchart(plan) + "```\n";
    }

    /**
     * The picture of a stack as changed from {@code base} to {@code now}: both plans' components, those added, changed
     * (any resource they stand for added, removed or with other inputs) and removed marked with classes; empty when
     * nothing in the picture changed. A missing side (a new or deleted stack) is an empty plan.
     */
    public static Optional<String> changedFlowchart(JsonNode base, JsonNode now) {
        var before = ArchitectureDiagram.of(base);
        var after = ArchitectureDiagram.of(now);
        var baseResources = resourcesByName(base);
        var nowResources = resourcesByName(now);
        var marks = new LinkedHashMap<String, Change>();
        var nodes = new ArrayList<ArchitectureDiagram.Node>(after.nodes());
        for (var node : after.nodes()) {
            var old = before.node(node.id());
            if (old.isEmpty()) {
                marks.put(node.id(), Change.ADDED);
            } else if (changed(old.get(), node, baseResources, nowResources)) {
                marks.put(node.id(), Change.CHANGED);
            }
        }
        for (var node : before.nodes()) {
            if (after.node(node.id()).isEmpty()) {
                nodes.add(node);
                marks.put(node.id(), Change.REMOVED);
            }
        }
        if (marks.isEmpty()) {
            return Optional.empty();
        }
        var edges = new LinkedHashSet<>(after.edges());
        edges.addAll(before.edges());
        var groups = new TreeMap<>(before.groups());
        groups.putAll(after.groups());
        return Optional.of(render(new ArchitectureDiagram.Diagram(nodes, List.copyOf(edges), groups), marks));
    }

    /**
     * For a PR comment: each stack whose picture changes between two sets of plan texts (e.g. {@code GitPlans.atRef}
     * and {@code GitPlans.inWorkingTree}), as a fenced Mermaid block ready to embed, keyed by stack.
     */
    public static SortedMap<String, String> changedPictures(Map<String, String> basePlans, Map<String, String> newPlans) {
        var stacks = new TreeSet<>(basePlans.keySet());
        stacks.addAll(newPlans.keySet());
        var pictures = new TreeMap<String, String>();
        for (var stack : stacks) {
            changedFlowchart(parse(stack, basePlans.get(stack)), parse(stack, newPlans.get(stack)))
                    .ifPresent(flowchart -> pictures.put(stack, "```mermaid\n" + flowchart + "```\n"));
        }
        return pictures;
    }

    private static JsonNode parse(String stack, String planText) {
        if (planText == null) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(planText);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("the plan of stack " + stack + " is not JSON", e);
        }
    }

    static String render(ArchitectureDiagram.Diagram diagram, Map<String, Change> marks) {
        var out = new StringBuilder("flowchart LR\n");
        for (var node : diagram.nodes()) {
            if (node.group().isEmpty()) {
                out.append("  ").append(declaration(node)).append('\n');
            }
        }
        diagram.groups().forEach((group, title) -> {
            out.append("  subgraph ").append(group).append("[\"").append(escape(title)).append("\"]\n");
            diagram.nodes().stream().filter(node -> node.group().filter(group::equals).isPresent())
                    .forEach(node -> out.append("    ").append(declaration(node)).append('\n'));
            out.append("  end\n");
        });
        for (var edge : diagram.edges()) {
            var known = diagram.node(edge.from()).isPresent() || diagram.groups().containsKey(edge.from());
            var knownTarget = diagram.node(edge.to()).isPresent() || diagram.groups().containsKey(edge.to());
            if (!known || !knownTarget) {
                continue;
            }
            out.append("  ").append(edge.from()).append(edge.dotted() ? " -.->" : " -->");
            if (!edge.label().isEmpty()) {
                out.append("|\"").append(escape(edge.label())).append("\"|");
            }
            out.append(' ').append(edge.to()).append('\n');
        }
        if (!marks.isEmpty()) {
            out.append("  classDef added fill:#e6ffed,stroke:#1a7f37,stroke-width:2px\n");
            out.append("  classDef changed fill:#fff8c5,stroke:#9a6700,stroke-width:2px\n");
            out.append("  classDef removed fill:#ffebe9,stroke:#cf222e,stroke-width:2px,stroke-dasharray:5 5\n");
            for (var change : Change.values()) {
                var ids = marks.entrySet().stream().filter(mark -> mark.getValue() == change).map(Map.Entry::getKey).toList();
                if (!ids.isEmpty()) {
                    out.append("  class ").append(String.join(",", ids)).append(' ').append(change.name().toLowerCase()).append('\n');
                }
            }
        }
        return out.toString();
    }

    private static String declaration(ArchitectureDiagram.Node node) {
        var label = "\"" + escape(node.label()) + "\"";
        return node.id() + switch (node.shape()) {
            case "db" -> "[(" + label + ")]";
            case "round" -> "([" + label + "])";
            case "circle" -> "((" + label + "))";
            default -> "[" + label + "]";
        };
    }

    /** Quotes would end a Mermaid label; "<br/>" is kept, as the line break GitHub renders. */
    private static String escape(String text) {
        return text.replace("\"", "#quot;");
    }

    private static boolean changed(ArchitectureDiagram.Node before, ArchitectureDiagram.Node after,
                                   Map<String, JsonNode> baseResources, Map<String, JsonNode> nowResources) {
        if (!before.label().equals(after.label()) || !before.resources().equals(after.resources())) {
            return true;
        }
        return after.resources().stream().anyMatch(name ->
                !Objects.equals(baseResources.get(name), nowResources.get(name)));
    }

    private static Map<String, JsonNode> resourcesByName(JsonNode plan) {
        var byName = new LinkedHashMap<String, JsonNode>();
        plan.path("resources").forEach(resource -> byName.put(resource.path("name").asText(), resource.path("inputs")));
        return byName;
    }
}
