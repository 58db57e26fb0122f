package ai.kuraos.infra.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/** The desired state of one stack: its resources in tree order, its outputs, and the warnings the program gave. */
public record Plan(String project, String stack, List<PlannedResource> resources, ObjectNode outputs, List<String> warnings) {

    public Plan {
        resources = List.copyOf(resources);
        warnings = List.copyOf(warnings);
    }
}
