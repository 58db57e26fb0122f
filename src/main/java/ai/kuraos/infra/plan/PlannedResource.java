package ai.kuraos.infra.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pulumi.resources.Resource;

import java.util.List;

/**
 * One resource as the program declared it. {@code parent} is the name of the component it belongs to (null at the
 * top); {@code provider} the name of the explicit provider it goes through (null for the default one, e.g. every
 * Google Cloud resource); {@code outputs} is what a component registered, null for other resources;
 * {@code lifecycle} the options that change how the engine replaces or deletes it.
 */
public record PlannedResource(
        String type,
        String name,
        String parent,
        String provider,
        boolean protect,
        List<String> dependsOn,
        ObjectNode inputs,
        ObjectNode outputs,
        Class<? extends Resource> resourceClass,
        Lifecycle lifecycle) {

    public PlannedResource {
        dependsOn = List.copyOf(dependsOn);
    }

    /**
     * The resource options the step analysis needs: {@code deleteBeforeReplace}, {@code replaceOnChanges},
     * {@code ignoreChanges} (input paths) and {@code retainOnDelete}.
     */
    public record Lifecycle(boolean deleteBeforeReplace, List<String> replaceOnChanges, List<String> ignoreChanges,
                            boolean retainOnDelete) {

        public Lifecycle {
            replaceOnChanges = List.copyOf(replaceOnChanges);
            ignoreChanges = List.copyOf(ignoreChanges);
        }
    }
}
