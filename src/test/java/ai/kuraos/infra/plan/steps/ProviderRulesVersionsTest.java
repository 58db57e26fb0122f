package ai.kuraos.infra.plan.steps;

import ai.kuraos.infra.component.ProviderPlugins;
import ai.kuraos.infra.plan.steps.ReplacementKnowledge.ProviderSource;
import ai.kuraos.infra.testing.SynthesizedStack;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The generated provider rules come from the plugins the engine runs for these plans. */
class ProviderRulesVersionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ProviderSource provider(String name) {
        return ReplacementKnowledge.shipped().providers().stream()
                .collect(Collectors.toMap(ProviderSource::name, Function.identity())).get(name);
    }

    @Test
    void everyProviderVersionInThePlansIsTheOneTheRulesWereGeneratedFrom() throws IOException {
        var pinned = new TreeSet<String>();
        for (var stack : SynthesizedStack.PROJECT.stacks()) {
            JSON.readTree(Files.readString(SynthesizedStack.PROJECT.planDirectory(stack).resolve("plan.json")))
                    .path("resources").forEach(resource -> {
                        if (resource.path("type").asText().startsWith("pulumi:providers:")) {
                            pinned.add(resource.path("type").asText().substring("pulumi:providers:".length())
                                    + "@" + resource.path("version").asText());
                        }
                    });
        }

        assertThat(pinned).isNotEmpty().allSatisfy(plugin -> {
            var name = plugin.substring(0, plugin.indexOf('@'));
            assertThat(provider(name)).as("provider-rules.yaml has no %s", name).isNotNull();
            assertThat(name + "@" + provider(name).plugin()).isEqualTo(plugin);
        });
    }

    @Test
    void theRulesOfTheSdkDeclaredProvidersComeFromTheirPinnedVersions() throws IOException {
        try (var gcp = ProviderRulesVersionsTest.class.getResourceAsStream("/com/pulumi/gcp/plugin.json")) {
            assertThat(provider("gcp").plugin()).isEqualTo(JSON.readTree(gcp).path("version").asText());
        }
        assertThat(provider("random").plugin()).isEqualTo(ProviderPlugins.version("random"));
        assertThat(provider("tls").plugin()).isEqualTo(ProviderPlugins.version("tls"));
    }

    @Test
    void theGcpRulesComeFromTheTerraformProviderCommitPulumiGcpBridges() {
        assertThat(provider("gcp").commit()).isEqualTo("925e6d960598b9250dcd3b813f7ab977636e3e00");
        assertThat(provider("kubernetes").commit()).matches("[0-9a-f]{40}");
    }
}
