package ai.kuraos.infra.plan.steps;

import ai.kuraos.infra.testing.SynthesizedStack;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every resource type in every rendered plan has replacement knowledge with a source. */
class ReplacementKnowledgeCoverageTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyTypeInEveryRenderedPlanHasReplacementKnowledge() throws IOException {
        var types = new TreeSet<String>();
        var plans = Stream.of(SynthesizedStack.PROJECT, SynthesizedStack.BOOTSTRAP)
                .flatMap(project -> project.stacks().stream().map(stack -> project.planDirectory(stack).resolve("plan.json")))
                .toList();
        assertThat(plans).hasSizeGreaterThanOrEqualTo(4);
        for (Path plan : plans) {
            JSON.readTree(Files.readString(plan)).path("resources").forEach(resource -> types.add(resource.path("type").asText()));
        }

        var knowledge = ReplacementKnowledge.shipped();
        assertThat(types).isNotEmpty().allSatisfy(type -> assertThat(knowledge.of(type))
                .as("plan/replacements.yaml has no entry for %s", type).isPresent());
        assertThat(types).allSatisfy(type -> assertThat(knowledge.of(type).orElseThrow().source()).isNotBlank());
    }

    @Test
    void componentsAreCoveredByTheirWildcardAndNeverReplace() {
        var component = ReplacementKnowledge.shipped().of("kura:data:Database").orElseThrow();

        assertThat(component.kind()).isEqualTo(ReplacementKnowledge.Kind.COMPONENT);
        assertThat(component.replaceOn()).isEmpty();
    }

    @Test
    void aTypeWithoutAnEntryIsUnknown() {
        assertThat(ReplacementKnowledge.shipped().of("gcp:compute/instance:Instance")).isEmpty();
    }

    @Test
    void failsOnAnEntryWithoutASource() throws IOException {
        var yaml = new ObjectMapper(new YAMLFactory())
                .readTree("\"gcp:x/y:Y\":\n  replaceOn: [name]\n");

        assertThatThrownBy(() -> ReplacementKnowledge.parse(yaml, new ObjectMapper().createObjectNode()))
                .hasMessageContaining("gcp:x/y:Y: no source");
    }
}
