package ai.kuraos.infra.platform;

import ai.kuraos.infra.plan.Plan;
import ai.kuraos.infra.plan.PlannedResource;
import ai.kuraos.infra.testing.ResourceNeeds;
import ai.kuraos.infra.testing.SynthesizedStack;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ProjectApis#REQUIRED} (and the bootstrap's own APIs) are kept by hand; the plans say which APIs are called.
 * Every resource in a plan calls the API Google documents for its type ({@code contracts/resource-needs.yaml}), and
 * that API must be enabled, by a {@code gcp:projects/service:Service} of a plan, in the project the resource lives in.
 */
class ProjectApisContractTest {

    private static final String SERVICE = "gcp:projects/service:Service";
    private static final ResourceNeeds NEEDS = ResourceNeeds.documented();

    static List<String> stacks() {
        return SynthesizedStack.PROJECT.stacks();
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void enablesInEachStackEveryApiItsResourcesCall(String stack) {
        var plan = SynthesizedStack.of(stack).plan();

        assertThat(missingApis(plan, enabledApis(List.of(plan)))).isEmpty();
    }

    /**
     * The bootstrap enables the automation project's APIs; its grants on an environment's project go through that
     * project's Resource Manager API, which the environment's own stack enables.
     */
    @Test
    void enablesEveryApiTheBootstrapsResourcesCall() {
        var plans = new ArrayList<Plan>();
        plans.add(SynthesizedStack.bootstrap("ops").plan());
        stacks().forEach(stack -> plans.add(SynthesizedStack.of(stack).plan()));

        assertThat(missingApis(plans.get(0), enabledApis(plans))).isEmpty();
    }

    /** One list serves every stack: an API is stale when no resource of any stack, nor what runs, calls it. */
    @Test
    void enablesNoApiThatNeitherAResourceOfAnyStackNorWhatRunsCalls() {
        var plans = new ArrayList<Plan>();
        stacks().forEach(stack -> plans.add(SynthesizedStack.of(stack).plan()));
        assertThat(staleApis(plans)).isEmpty();
    }

    @Test
    void enablesNoApiInTheAutomationProjectThatNeitherTheBootstrapNorCiCalls() {
        assertThat(staleApis(List.of(SynthesizedStack.bootstrap("ops").plan()))).isEmpty();
    }

    @Test
    void failsWhenAStackDoesNotEnableTheApiOfOneOfItsResources() {
        var prod = SynthesizedStack.of("prod").plan();
        var withoutRedis = new Plan(prod.project(), prod.stack(), prod.resources().stream()
                .filter(resource -> !resource.name().equals("api-redis")).toList(), prod.outputs(), prod.warnings());

        assertThat(missingApis(withoutRedis, enabledApis(List.of(withoutRedis)))).singleElement().asString()
                .isEqualTo("gcp:redis/instance:Instance (kura-cache, kura-celery-broker) calls redis.googleapis.com,"
                        + " which no plan enables in project kura-os");
    }

    @Test
    void failsWhenAStackEnablesAnApiThatNothingCalls() {
        var api = new PlannedResource(SERVICE, "api-pubsub", "foundation", null, false, List.of(),
                JsonNodeFactory.instance.objectNode().put("project", "kura-os").put("service", "pubsub.googleapis.com"),
                null, com.pulumi.resources.CustomResource.class);
        var plan = new Plan("kura-infra", "prod", List.of(api), JsonNodeFactory.instance.objectNode(), List.of());

        assertThat(staleApis(List.of(plan))).containsExactly("pubsub.googleapis.com");
    }

    @Test
    void failsWhenAPlanHoldsAResourceTypeThatTheDocumentedNeedsDoNotKnow() {
        var topic = new PlannedResource("gcp:pubsub/topic:Topic", "events", "messaging", null, false, List.of(),
                JsonNodeFactory.instance.objectNode().put("project", "kura-os"), null,
                com.pulumi.resources.CustomResource.class);
        var plan = new Plan("kura-infra", "prod", List.of(topic), JsonNodeFactory.instance.objectNode(), List.of());

        assertThat(missingApis(plan, Map.of("kura-os", Set.of("pubsub.googleapis.com")))).singleElement().asString()
                .startsWith("gcp:pubsub/topic:Topic (events) is not in contracts/resource-needs.yaml");
    }

    /** Each API a planned resource calls that is not enabled in its project, said once per type and project. */
    static List<String> missingApis(Plan plan, Map<String, Set<String>> enabledByProject) {
        var defaultProject = ownProject(plan);
        var problems = new ArrayList<String>();
        NEEDS.cloudResourcesByType(plan).forEach((type, resources) -> NEEDS.of(type).ifPresentOrElse(need -> {
            var byProject = new TreeMap<String, List<PlannedResource>>();
            resources.forEach(resource -> byProject.computeIfAbsent(
                    resource.inputs().path("project").asText(defaultProject), project -> new ArrayList<>()).add(resource));
            byProject.forEach((project, inProject) -> {
                var enabled = enabledByProject.getOrDefault(project, Set.of());
                if (!enabled.contains(need.api()) && !NEEDS.preEnabledApis().contains(need.api())) {
                    problems.add(type + " (" + ResourceNeeds.names(inProject) + ") calls " + need.api()
                            + ", which no plan enables in project " + project);
                }
            });
        }, () -> problems.add(ResourceNeeds.unknownType(type, resources))));
        return problems;
    }

    /** The APIs the plans enable that none of their resources calls, nor anything that runs in them. */
    static Set<String> staleApis(List<Plan> plans) {
        var called = new TreeSet<>(NEEDS.calledAtRuntime().keySet());
        var stale = new TreeSet<String>();
        for (var plan : plans) {
            NEEDS.cloudResourcesByType(plan).keySet().forEach(type -> NEEDS.of(type).ifPresent(need -> called.add(need.api())));
            enabledApis(List.of(plan)).values().forEach(stale::addAll);
        }
        stale.removeAll(called);
        return stale;
    }

    /** What the plans' {@code gcp:projects/service:Service} resources enable, per project. */
    static Map<String, Set<String>> enabledApis(List<Plan> plans) {
        var enabled = new TreeMap<String, Set<String>>();
        plans.forEach(plan -> plan.resources().stream().filter(resource -> resource.type().equals(SERVICE))
                .forEach(service -> enabled.computeIfAbsent(service.inputs().path("project").asText(),
                        project -> new TreeSet<>()).add(service.inputs().path("service").asText())));
        return enabled;
    }

    /**
     * Where a resource that names no project lives: the provider's project, the one the plan enables its APIs in (the
     * bootstrap also enables the IAM API of each environment's project, for the custom roles it owns there: the
     * provider's project is the one with the most).
     */
    private static String ownProject(Plan plan) {
        return enabledApis(List.of(plan)).entrySet().stream()
                .max(java.util.Comparator.comparingInt(entry -> entry.getValue().size()))
                .map(Map.Entry::getKey).orElse("(the provider's project)");
    }
}
