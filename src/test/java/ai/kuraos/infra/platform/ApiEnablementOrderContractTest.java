package ai.kuraos.infra.platform;

import ai.kuraos.infra.plan.Plan;
import ai.kuraos.infra.plan.PlannedResource;
import ai.kuraos.infra.testing.ResourceNeeds;
import ai.kuraos.infra.testing.SynthesizedStack;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On the first {@code pulumi up} in a fresh project, a resource created before its API is enabled fails. So every
 * resource whose API a plan enables waits for that {@code gcp:projects/service:Service}: it depends on it, directly or
 * through what it depends on (its dependencies, the outputs it takes, its provider), as the engine orders creates.
 */
class ApiEnablementOrderContractTest {

    private static final String SERVICE = "gcp:projects/service:Service";
    private static final ResourceNeeds NEEDS = ResourceNeeds.documented();

    static List<String> stacks() {
        return SynthesizedStack.PROJECT.stacks();
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void createsNothingInAStackBeforeTheApiItCallsIsEnabled(String stack) {
        assertThat(unordered(SynthesizedStack.of(stack).plan()).keySet())
                .as("resources that may be created before their API is enabled")
                .isEmpty();
    }

    @Test
    void createsNothingInTheBootstrapBeforeTheApiItCallsIsEnabled() {
        assertThat(unordered(SynthesizedStack.bootstrap("ops").plan()).keySet())
                .as("resources that may be created before their API is enabled")
                .isEmpty();
    }

    @Test
    void failsWhenAResourceDoesNotWaitForTheApiItCalls() {
        var api = resource(SERVICE, "api-redis", List.of(), "service", "redis.googleapis.com");
        var cache = resource("gcp:redis/instance:Instance", "kura-cache", List.of(), "name", "kura-cache");
        var network = resource("gcp:compute/network:Network", "kura-vpc", List.of("api-compute"), "name", "kura-vpc");
        var waiting = resource("gcp:redis/instance:Instance", "kura-cache-2", List.of("kura-vpc", "api-redis"), "name", "b");
        var plan = new Plan("kura-infra", "prod", List.of(api, cache, network, waiting),
                JsonNodeFactory.instance.objectNode(), List.of());

        assertThat(unordered(plan)).containsOnlyKeys("kura-cache")
                .containsEntry("kura-cache", "kura-cache (gcp:redis/instance:Instance) may be created before api-redis");
    }

    private static PlannedResource resource(String type, String name, List<String> dependencies, String field,
                                            String value) {
        var inputs = JsonNodeFactory.instance.objectNode().put("project", "kura-os").put(field, value);
        return new PlannedResource(type, name, "data", null, false, null, null, List.of(), inputs, null,
                com.pulumi.resources.CustomResource.class, dependencies, PlannedResource.Lifecycle.DEFAULT);
    }

    /** Each resource that can be created before the plan's Service of the API it calls, by name. */
    static Map<String, String> unordered(Plan plan) {
        var services = new HashMap<String, String>();
        plan.resources().stream().filter(resource -> resource.type().equals(SERVICE))
                .forEach(service -> services.put(service.inputs().path("project").asText() + "/"
                        + service.inputs().path("service").asText(), service.name()));
        var byName = new HashMap<String, PlannedResource>();
        plan.resources().forEach(resource -> byName.put(resource.name(), resource));
        var defaultProject = new TreeSet<String>();
        services.keySet().forEach(key -> defaultProject.add(key.substring(0, key.indexOf('/'))));
        var problems = new TreeMap<String, String>();
        NEEDS.cloudResourcesByType(plan).forEach((type, resources) -> NEEDS.of(type).ifPresent(need -> {
            for (var resource : resources) {
                var project = resource.inputs().path("project").asText(defaultProject.size() == 1 ? defaultProject.first() : "");
                var service = services.get(project + "/" + need.api());
                if (service != null && !waitsFor(resource, service, byName)) {
                    problems.put(resource.name(), resource.name() + " (" + type + ") may be created before " + service);
                }
            }
        }));
        return problems;
    }

    private static boolean waitsFor(PlannedResource resource, String service, Map<String, PlannedResource> byName) {
        Set<String> seen = new HashSet<>();
        var next = new ArrayDeque<PlannedResource>();
        next.add(resource);
        while (!next.isEmpty()) {
            var current = next.poll();
            var edges = new ArrayList<>(current.dependencies());
            if (current.provider() != null) {
                edges.add(current.provider());
            }
            for (var edge : edges) {
                if (edge.equals(service)) {
                    return true;
                }
                if (seen.add(edge) && byName.containsKey(edge)) {
                    next.add(byName.get(edge));
                }
            }
        }
        return false;
    }
}
