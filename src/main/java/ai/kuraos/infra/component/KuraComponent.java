package ai.kuraos.infra.component;

import ai.kuraos.infra.config.Adoption;
import ai.kuraos.infra.config.Target;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ProviderResource;
import com.pulumi.resources.Resource;

/**
 * A capability of the platform ({@code kura:<area>:<Name>}). Its children are parented to it, so the resource tree
 * reads like the architecture. Only the children that hold data or an identity that cannot be recreated carry the
 * stack's deletion protection ({@link #protectedChild}, with the reason beside each call): everything else (secret
 * versions, certificates and keys, Kubernetes objects built from other resources, IAM members) is regenerable and
 * its normal life includes replacement, which {@code protect} would refuse.
 */
public abstract class KuraComponent extends ComponentResource {

    private final boolean protect;
    private final Adoption adoption;

    protected KuraComponent(String type, String name, Target target) {
        super(type, name, ComponentResourceOptions.Empty);
        this.protect = target.deletionProtection();
        this.adoption = target.adoption();
    }

    /** Options for a child resource: parented here, created after {@code dependsOn}. */
    protected CustomResourceOptions child(Resource... dependsOn) {
        return childOptions(dependsOn).build();
    }

    /**
     * Options for a child that may exist already (see {@link Adoption}): when the stack adopts {@code logicalName},
     * the engine imports it by its id instead of creating it (Pulumi's {@code import} resource option), and with the
     * declared inputs matching the live resource the import changes nothing.
     */
    protected CustomResourceOptions adoptable(String logicalName, Resource... dependsOn) {
        return adoptableOptions(logicalName, dependsOn).build();
    }

    /** {@link #adoptable} for a child that holds data or an identity that cannot be recreated (see {@link #protectedChild}). */
    protected CustomResourceOptions protectedAdoptable(String logicalName, Resource... dependsOn) {
        return protectedAdoptableOptions(logicalName, dependsOn).build();
    }

    /** The same, to add options. */
    protected CustomResourceOptions.Builder protectedAdoptableOptions(String logicalName, Resource... dependsOn) {
        return adoptableOptions(logicalName, dependsOn).protect(protect);
    }

    /** The same, to add options. */
    protected CustomResourceOptions.Builder adoptableOptions(String logicalName, Resource... dependsOn) {
        var options = childOptions(dependsOn);
        adoption.importId(logicalName).ifPresent(options::importId);
        return options;
    }

    /** The same, to add options such as outputs to keep secret. */
    protected CustomResourceOptions.Builder childOptions(Resource... dependsOn) {
        return CustomResourceOptions.builder().parent(this).dependsOn(dependsOn);
    }

    /**
     * Options for a child that holds data or an identity that cannot be recreated: protected when the stack is, so
     * that the engine refuses to delete or replace it. Give the reason beside the call.
     */
    protected CustomResourceOptions protectedChild(Resource... dependsOn) {
        return protectedChildOptions(dependsOn).build();
    }

    /** The same, to add options. */
    protected CustomResourceOptions.Builder protectedChildOptions(Resource... dependsOn) {
        return childOptions(dependsOn).protect(protect);
    }

    /** {@link #protectedChild} for a child that another provider creates. */
    protected CustomResourceOptions protectedChildThrough(ProviderResource provider, Resource... dependsOn) {
        return protectedChildOptions(dependsOn).provider(provider).build();
    }

    /** Options for a child that another provider creates, e.g. a Kubernetes object through the cluster's provider. */
    protected CustomResourceOptions childThrough(ProviderResource provider, Resource... dependsOn) {
        return childOptions(dependsOn).provider(provider).build();
    }

    protected boolean isProtected() {
        return protect;
    }
}
