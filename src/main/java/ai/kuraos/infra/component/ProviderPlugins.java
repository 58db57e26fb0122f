package ai.kuraos.infra.component;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Versions of the providers this program declares resources of without their Java SDK (random, tls). Each has a
 * {@code com/pulumi/<name>/plugin.json} in the jar, which is also how the Pulumi CLI learns to install the plugin.
 */
public final class ProviderPlugins {

    private ProviderPlugins() {
    }

    public static String version(String provider) {
        var descriptor = "/com/pulumi/" + provider + "/plugin.json";
        try (var stream = ProviderPlugins.class.getResourceAsStream(descriptor)) {
            if (stream == null) {
                throw new IllegalStateException("missing resource " + descriptor);
            }
            return new ObjectMapper().readTree(stream).path("version").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
