package ai.kuraos.infra.random;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The random provider's {@code RandomPassword}, declared here because its Java SDK is not on Maven Central. The value
 * is generated once by the provider and kept in the stack's state, so it stays the same across updates; it is a
 * secret output. The provider version comes from {@code com/pulumi/random/plugin.json}, which is also how the Pulumi
 * CLI learns to install the plugin.
 */
@ResourceType(type = RandomPassword.TYPE)
public final class RandomPassword extends CustomResource {

    public static final String TYPE = "random:index/randomPassword:RandomPassword";
    public static final String PLUGIN_DESCRIPTOR = "/com/pulumi/random/plugin.json";
    public static final String PROVIDER_VERSION = providerVersion();

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

    private static String providerVersion() {
        try (var descriptor = RandomPassword.class.getResourceAsStream(PLUGIN_DESCRIPTOR)) {
            if (descriptor == null) {
                throw new IllegalStateException("missing resource " + PLUGIN_DESCRIPTOR);
            }
            return new ObjectMapper().readTree(descriptor).path("version").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
