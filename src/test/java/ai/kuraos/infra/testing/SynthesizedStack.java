package ai.kuraos.infra.testing;

import ai.kuraos.infra.StackSettings;
import ai.kuraos.infra.config.StackConfigValues;
import ai.kuraos.infra.plan.OfflineEngine;
import ai.kuraos.infra.plan.Plan;
import ai.kuraos.infra.plan.PlanJson;
import ai.kuraos.infra.plan.PlannedResource;
import ai.kuraos.infra.plan.ProjectLayout;
import ai.kuraos.infra.plan.StackPlanner;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.Context;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A stack synthesized the way {@code plan} does it, read back from the rendered {@code plan.json} so that tests
 * see exactly what reviewers see: {@code SynthesizedStack.of("prod").resource(type, name).hasInput(path, value)}.
 */
public final class SynthesizedStack {

    public static final Path PROJECT_ROOT = Path.of("").toAbsolutePath();
    public static final ProjectLayout PROJECT = new ProjectLayout(PROJECT_ROOT);
    public static final ProjectLayout BOOTSTRAP = new ProjectLayout(PROJECT_ROOT.resolve("bootstrap"));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, SynthesizedStack> COMMITTED = new ConcurrentHashMap<>();

    private final Plan plan;
    private final String rendered;
    private final JsonNode json;

    private SynthesizedStack(Plan plan) {
        this.plan = plan;
        this.rendered = PlanJson.render(plan);
        try {
            this.json = JSON.readTree(rendered);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One of the repository's stacks, from its committed {@code Pulumi.<stack>.yaml}. */
    public static SynthesizedStack of(String stack) {
        return COMMITTED.computeIfAbsent(stack, name -> from(StackPlanner.settings(PROJECT, name)));
    }

    /**
     * A repository stack as the program declares it in a project with nothing to adopt, at the end of the adoption
     * sequence (docs/adoption.md): its stack file without {@code kura-infra:adopt}, publishing through Kafka, read
     * without descriptions. What the components' tests of the design assert; {@link #of} is what the plans hold.
     */
    public static SynthesizedStack unadopted(String stack) {
        return COMMITTED.computeIfAbsent("unadopted/" + stack, name -> {
            var changes = new java.util.HashMap<String, String>();
            changes.put("kura-infra:adopt", null);
            var messaging = changedConfig(stack, Map.of()).values().get("kura-infra:messaging");
            try {
                var section = messaging == null ? null : (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(messaging);
                if (section != null && section.path("kafka").path("enabled").asBoolean(false)) {
                    section.put("backend", "kafka");
                    changes.put("kura-infra:messaging", JSON.writeValueAsString(section));
                }
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            return withConfig(stack, changes);
        });
    }

    /** A repository stack with some config keys replaced or (with a null value) removed. */
    public static SynthesizedStack withConfig(String stack, Map<String, String> changes) {
        return from(StackSettings.parse(stack, changedConfig(stack, changes)));
    }

    public static StackConfigValues changedConfig(String stack, Map<String, String> changes) {
        var committed = StackConfigValues.fromStackFile(PROJECT.stackConfigFile(stack));
        var values = new TreeMap<>(committed.values());
        changes.forEach((key, value) -> {
            if (value == null) {
                values.remove(key);
            } else {
                values.put(key, value);
            }
        });
        return new StackConfigValues(values, committed.secretKeys());
    }

    public static SynthesizedStack from(StackSettings settings) {
        return new SynthesizedStack(StackPlanner.plan(PROJECT.projectName(), settings));
    }

    /** The bootstrap's committed stack, as {@code plan} renders it. */
    public static SynthesizedStack bootstrap(String stack) {
        return COMMITTED.computeIfAbsent("bootstrap/" + stack,
                name -> new SynthesizedStack(StackPlanner.prepare(BOOTSTRAP, stack).plan()));
    }

    /** The bootstrap from other settings, e.g. to test a change of them. */
    public static SynthesizedStack bootstrapFrom(ai.kuraos.infra.bootstrap.BootstrapSettings settings) {
        return new SynthesizedStack(OfflineEngine.run(ai.kuraos.infra.bootstrap.BootstrapProgram.PROJECT,
                settings.target().stack(), ctx -> ai.kuraos.infra.bootstrap.BootstrapProgram.define(ctx, settings,
                        ai.kuraos.infra.KuraProgram.PROJECT)));
    }

    /** Any program, e.g. one component built from plain values. */
    public static SynthesizedStack ofProgram(String stack, Consumer<Context> program) {
        return new SynthesizedStack(OfflineEngine.run("kura-infra", stack, program));
    }

    /** The project files, and those of the projects it holds (the bootstrap), without anything rendered. */
    public static void copyProjectTo(Path directory) throws IOException {
        copyProject(PROJECT, directory);
        // The reviewed policy waivers belong to the project: a review of the copy judges it as CI judges the repository.
        var waivers = PROJECT.root().resolve("policy/waivers.yaml");
        Files.copy(waivers, Files.createDirectories(directory.resolve("policy")).resolve("waivers.yaml"));
        for (var nested : PROJECT.nestedProjects()) {
            copyProject(nested, Files.createDirectories(directory.resolve(nested.root().getFileName().toString())));
        }
    }

    /** Whether {@code plan} rendered anything into the project at {@code directory} (the descriptions are input). */
    public static boolean renderedNothing(Path directory) throws IOException {
        var plans = directory.resolve("stacks");
        if (!Files.isDirectory(plans)) {
            return true;
        }
        try (var files = Files.walk(plans)) {
            return files.filter(Files::isRegularFile).noneMatch(file -> !plans.relativize(file).toString()
                    .contains("/" + ai.kuraos.infra.component.LiveDescriptions.DIRECTORY + "/"));
        }
    }

    private static void copyProject(ProjectLayout project, Path directory) throws IOException {
        Files.copy(project.root().resolve("Pulumi.yaml"), directory.resolve("Pulumi.yaml"));
        for (var stack : project.stacks()) {
            var file = project.stackConfigFile(stack).getFileName();
            Files.copy(project.stackConfigFile(stack), directory.resolve(file));
            // The adopted resources' descriptions are the plan's input, like the stack file.
            var descriptions = project.planDirectory(stack).resolve(ai.kuraos.infra.component.LiveDescriptions.DIRECTORY);
            if (Files.isDirectory(descriptions)) {
                var copy = Files.createDirectories(directory.resolve("stacks").resolve(stack)
                        .resolve(ai.kuraos.infra.component.LiveDescriptions.DIRECTORY));
                try (var files = Files.list(descriptions)) {
                    for (var description : files.toList()) {
                        Files.copy(description, copy.resolve(description.getFileName()));
                    }
                }
            }
        }
    }

    public Plan plan() {
        return plan;
    }

    public String rendered() {
        return rendered;
    }

    public JsonNode json() {
        return json;
    }

    public ResourceAssert resource(String type, String name) {
        for (var entry : json.path("resources")) {
            if (entry.path("type").asText().equals(type) && entry.path("name").asText().equals(name)) {
                return new ResourceAssert(entry);
            }
        }
        return fail("stack %s has no %s named %s; it has: %s", plan.stack(), type, name, names(type));
    }

    public List<ResourceAssert> resources(String type) {
        var found = new ArrayList<ResourceAssert>();
        json.path("resources").forEach(entry -> {
            if (entry.path("type").asText().equals(type)) {
                found.add(new ResourceAssert(entry));
            }
        });
        return found;
    }

    public SynthesizedStack hasResourceCount(String type, int count) {
        assertThat(resources(type)).as("%s resources in stack %s", type, plan.stack()).hasSize(count);
        return this;
    }

    /** The children of a component, e.g. to check every child is parented to it. */
    public List<PlannedResource> childrenOf(String component) {
        return plan.resources().stream().filter(resource -> component.equals(resource.parent())).toList();
    }

    public JsonNode output(String name) {
        return json.path("outputs").path(name);
    }

    private List<String> names(String type) {
        return resources(type).stream().map(ResourceAssert::name).toList();
    }
}
