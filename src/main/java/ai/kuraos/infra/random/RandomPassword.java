package ai.kuraos.infra.random;

import ai.kuraos.infra.component.ProviderPlugins;
import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;

/**
 * The random provider's {@code RandomPassword}, declared here because its Java SDK is not on Maven Central. The value
 * is generated once by the provider and kept in the stack's state, so it stays the same across updates; it is a
 * secret output. The provider version comes from {@code com/pulumi/random/plugin.json}, which is also how the Pulumi
 * CLI learns to install the plugin.
 */
@ResourceType(type = RandomPassword.TYPE)
public final class RandomPassword extends CustomResource {

    public static final String TYPE = "random:index/randomPassword:RandomPassword";
    public static final String PROVIDER_VERSION = ProviderPlugins.version("random");

    @Export(name = "result", refs = {String.class}, tree = "[0]")
    private Output<String> result;

    public RandomPassword(String name, RandomPasswordArgs args, CustomResourceOptions options) {
        super(TYPE, name, args, CustomResourceOptions.merge(CustomResourceOptions.builder()
                .version(PROVIDER_VERSION)
                .additionalSecretOutputs("result", "bcryptHash")
                .build(), options, null));
    }

    public Output<String> result() {
        return result;
    }
}
