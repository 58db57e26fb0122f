package ai.kuraos.infra.cli;

import ai.kuraos.infra.plan.steps.ReplacementKnowledge;
import picocli.CommandLine.IVersionProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * What {@code kura-infra --version} prints: the build's version and SDKs (from {@code kura-infra-version.properties},
 * which the build fills in) and the provider plugins the review's replacement rules were generated from.
 */
final class BuildVersion implements IVersionProvider {

    private static final String RESOURCE = "/kura-infra-version.properties";

    @Override
    public String[] getVersion() {
        var build = new Properties();
        try (var stream = BuildVersion.class.getResourceAsStream(RESOURCE)) {
            if (stream == null) {
                throw new IllegalStateException("the classpath holds no " + RESOURCE + "; build with mvn package");
            }
            build.load(stream);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        var plugins = ReplacementKnowledge.shipped().providers().stream()
                .map(provider -> provider.name() + " " + provider.plugin() + " (source " + provider.commit().substring(0, 8) + ")")
                .collect(Collectors.joining(", "));
        return new String[]{
                "kura-infra " + build.getProperty("version"),
                "Pulumi Java SDK " + build.getProperty("pulumi") + ", gcp SDK " + build.getProperty("gcp")
                        + ", kubernetes SDK " + build.getProperty("kubernetes"),
                "replacement rules generated from the provider plugins " + plugins};
    }
}
