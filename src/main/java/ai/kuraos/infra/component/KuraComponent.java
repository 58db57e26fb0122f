package ai.kuraos.infra.component;

import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

/**
 * A capability of the platform ({@code kura:<area>:<Name>}). Its children are parented to it, so the resource tree
 * reads like the architecture, and carry its deletion protection explicitly (Pulumi does not inherit it).
 */
public abstract class KuraComponent extends ComponentResource {

    private final boolean protect;

    protected KuraComponent(String type, String name, boolean protect) {
        super(type, name, ComponentResourceOptions.Empty);
        this.protect = protect;
    }

    /** Options for a child resource: parented here, protected when the component is, created after {@code dependsOn}. */
    protected CustomResourceOptions child(Resource... dependsOn) {
        return CustomResourceOptions.builder().parent(this).protect(protect).dependsOn(dependsOn).build();
    }
}
