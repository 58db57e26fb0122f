package ai.kuraos.infra.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pulumi.resources.Resource;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One resource as the program declared it. {@code parent} is the name of the component it belongs to (null at the
 * top); {@code provider} the name of the explicit provider it goes through (null for the default one, e.g. every
 * Google Cloud resource); {@code importId} the id of the existing resource the engine imports instead of creating
 * one (null for a create); {@code version} the plugin version an explicit provider runs (null for other resources);
 * {@code outputs} is what a component registered, null for other resources; {@code lifecycle} the options that
 * change how the engine replaces or deletes it.
 * {@code dependsOn} is what the program added with the option; {@code dependencies} every resource the engine waits
 * for before this one, those whose outputs it takes included (known values hide them in the inputs), not rendered.
 * {@code inputsFrom} names, per top-level input, the resources whose outputs feed it where its value does not show
 * them (a known output such as a set name reads as a literal): the engine still replaces through those edges.
 */
public record PlannedResource(
        String type,
        String name,
        String parent,
        String provider,
        boolean protect,
        String importId,
        String version,
        List<String> dependsOn,
        ObjectNode inputs,
        ObjectNode outputs,
        Class<? extends Resource> resourceClass,
        List<String> dependencies,
        Lifecycle lifecycle,
        SortedMap<String, List<String>> inputsFrom) {

    public PlannedResource {
        dependsOn = List.copyOf(dependsOn);
        dependencies = List.copyOf(dependencies);
        inputsFrom = Collections.unmodifiableSortedMap(new TreeMap<>(inputsFrom));
    }

    public PlannedResource(String type, String name, String parent, String provider, boolean protect, String importId,
                           String version, List<String> dependsOn, ObjectNode inputs, ObjectNode outputs,
                           Class<? extends Resource> resourceClass, List<String> dependencies, Lifecycle lifecycle) {
        this(type, name, parent, provider, protect, importId, version, dependsOn, inputs, outputs, resourceClass,
                dependencies, lifecycle, new TreeMap<>());
    }

    /**
     * A resource created (not imported) through no pinned provider, with default lifecycle options, waiting for what
     * it explicitly depends on.
     */
    public PlannedResource(String type, String name, String parent, String provider, boolean protect,
                           List<String> dependsOn, ObjectNode inputs, ObjectNode outputs,
                           Class<? extends Resource> resourceClass) {
        this(type, name, parent, provider, protect, null, null, dependsOn, inputs, outputs, resourceClass, dependsOn,
                Lifecycle.DEFAULT);
    }

    /**
     * The resource options the step analysis needs: {@code deleteBeforeReplace}, {@code replaceOnChanges},
     * {@code ignoreChanges} (input paths) and {@code retainOnDelete}.
     */
    public record Lifecycle(boolean deleteBeforeReplace, List<String> replaceOnChanges, List<String> ignoreChanges,
                            boolean retainOnDelete) {

        /** What a resource that sets none of these options gets. */
        public static final Lifecycle DEFAULT = new Lifecycle(false, List.of(), List.of(), false);

        public Lifecycle {
            replaceOnChanges = List.copyOf(replaceOnChanges);
            ignoreChanges = List.copyOf(ignoreChanges);
        }
    }
}
