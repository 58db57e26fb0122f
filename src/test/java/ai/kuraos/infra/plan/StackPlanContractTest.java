package ai.kuraos.infra.plan;

import ai.kuraos.infra.testing.SynthesizedStack;
import com.fasterxml.jackson.databind.JsonNode;
import com.pulumi.core.annotations.Export;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What holds for every stack of the repository, whatever its configuration. */
class StackPlanContractTest {

    static List<String> stacks() {
        return SynthesizedStack.PROJECT.stacks();
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void followsThePlanJsonContract(String stack) {
        var json = SynthesizedStack.of(stack).json();

        // warnings comes last and only when the program gives any.
        assertThat(fieldNames(json)).isIn(List.of("project", "stack", "resources", "outputs"),
                List.of("project", "stack", "resources", "outputs", "warnings"));
        json.path("warnings").forEach(warning -> assertThat(warning.isTextual()).isTrue());
        assertThat(json.path("project").asText()).isEqualTo("kura-infra");
        assertThat(json.path("stack").asText()).isEqualTo(stack);
        assertThat(json.path("resources")).isNotEmpty().allSatisfy(resource -> {
            assertThat(fieldNames(resource)).containsSubsequence("type", "name", "parent", "inputs");
            assertThat(Set.of("type", "name", "parent", "provider", "protect", "import", "version", "dependsOn",
                    "deleteBeforeReplace", "replaceOnChanges", "ignoreChanges", "retainOnDelete", "inputsFrom", "inputs", "outputs"))
                    .containsAll(fieldNames(resource));
            assertThat(resource.path("inputs").isObject()).isTrue();
        });
        assertThat(json.path("outputs").isObject()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void parentsEveryResourceToAComponentOfTheSameStack(String stack) {
        var resources = SynthesizedStack.of(stack).plan().resources();
        var components = resources.stream().filter(resource -> resource.type().startsWith("kura:"))
                .map(PlannedResource::name).toList();

        assertThat(resources).allSatisfy(resource -> {
            if (resource.type().startsWith("kura:")) {
                assertThat(resource.type()).matches("kura:[a-z0-9]+:[A-Z][A-Za-z0-9]+");
            } else {
                assertThat(components).as("parent of %s", resource.name()).contains(resource.parent());
            }
        });
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void namesEachResourceOnceSoPlaceholdersAreUnambiguous(String stack) {
        var counts = new HashMap<String, Integer>();
        SynthesizedStack.of(stack).plan().resources().forEach(resource -> counts.merge(resource.name(), 1, Integer::sum));

        assertThat(counts).allSatisfy((name, count) -> assertThat(count).as("resources named %s", name).isEqualTo(1));
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void labelsEveryResourceThatTakesLabels(String stack) {
        var synthesized = SynthesizedStack.of(stack);
        // An imported resource keeps its live labels until its own step (docs/adoption.md); the policy gate lists it
        // as adoption debt.
        var labelled = synthesized.plan().resources().stream()
                .filter(resource -> takesLabels(resource.resourceClass()))
                .filter(resource -> resource.importId() == null)
                .toList();

        assertThat(labelled).as("resources that take labels").isNotEmpty().allSatisfy(resource -> {
            var labels = resource.inputs().path(labelsField(resource));
            assertThat(labels.path("app").asText()).as("%s app label", resource.name()).isEqualTo("kura");
            assertThat(labels.path("environment").asText()).as("%s environment label", resource.name()).isEqualTo(stack);
            assertThat(labels.path("managed-by").asText()).as("%s managed-by label", resource.name()).isEqualTo("pulumi");
        });
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void runsNothingAsADefaultServiceAccount(String stack) {
        // An imported service keeps the account it runs as until backend.template: program (docs/adoption.md).
        assertThat(SynthesizedStack.of(stack).plan().resources()).filteredOn(resource -> resource.importId() == null)
                .allSatisfy(resource -> assertThat(resource.inputs().toString()).as(resource.name())
                        .doesNotContain("-compute@developer.gserviceaccount.com")
                        .doesNotContain("@appspot.gserviceaccount.com"));
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void grantsNoPrimitiveRole(String stack) {
        assertThat(SynthesizedStack.of(stack).rendered())
                .doesNotContain("\"roles/owner\"")
                .doesNotContain("\"roles/editor\"")
                .doesNotContain("\"roles/viewer\"");
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void rendersTheSameBytesEveryTime(String stack) {
        var settings = StackPlanner.settings(SynthesizedStack.PROJECT, stack);

        var first = PlanJson.render(StackPlanner.plan("kura-infra", settings));
        var second = PlanJson.render(StackPlanner.plan("kura-infra", settings));

        assertThat(second).isEqualTo(first).endsWith("}\n");
    }

    /** A notification channel's {@code labels} are its type's parameters (an address); its labels are userLabels. */
    private static String labelsField(PlannedResource resource) {
        return resource.type().equals("gcp:monitoring/notificationChannel:NotificationChannel") ? "userLabels" : "labels";
    }

    private static boolean takesLabels(Class<?> resourceClass) {
        return Arrays.stream(resourceClass.getDeclaredFields())
                .map(field -> field.getAnnotation(Export.class))
                .anyMatch(export -> export != null && export.name().equals("labels"));
    }

    private static List<String> fieldNames(JsonNode node) {
        var names = new ArrayList<String>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
