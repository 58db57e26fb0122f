package ai.kuraos.infra.bootstrap;

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
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DeployerRoles#DEPLOYER} is kept by hand; the plans say what the deployer must be able to do. For every
 * resource type in every stack's plan, the deployer of that stack (the roles the bootstrap's plan grants it on the
 * stack's project) must hold, for each permission the type's changes take, one of the predefined roles Google
 * documents as including it ({@code contracts/resource-needs.yaml}).
 */
class DeployerRolesContractTest {

    private static final String PROJECT_IAM = "gcp:projects/iAMMember:IAMMember";
    private static final ResourceNeeds NEEDS = ResourceNeeds.documented();

    static List<String> stacks() {
        return SynthesizedStack.PROJECT.stacks();
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void givesEachStacksDeployerARoleForEveryPermissionItsResourcesTake(String stack) {
        var plan = SynthesizedStack.of(stack).plan();

        assertThat(missingRoles(plan, deployerRoles(stack, projectOf(plan)))).isEmpty();
    }

    @Test
    void grantsTheDeployerNoRoleThatNoPlannedResourceNeeds() {
        var needed = new TreeSet<String>();
        for (var stack : stacks()) {
            NEEDS.cloudResourcesByType(SynthesizedStack.of(stack).plan()).keySet().forEach(type -> NEEDS.of(type)
                    .ifPresent(need -> need.permissions().values().forEach(needed::addAll)));
        }
        var granted = deployerRoles("prod", projectOf(SynthesizedStack.of("prod").plan()));

        assertThat(granted).isNotEmpty().allSatisfy(role -> assertThat(needed).as("roles some planned resource needs")
                .contains(role));
    }

    @Test
    void failsWhenTheDeployerLacksTheOnlyRoleThatCreatesAResourceType() {
        var plan = SynthesizedStack.of("prod").plan();
        var roles = new TreeSet<>(deployerRoles("prod", projectOf(plan)));
        roles.remove("roles/redis.admin");

        assertThat(missingRoles(plan, roles)).singleElement().asString()
                .startsWith("gcp:redis/instance:Instance (kura-cache) needs redis.instances.create (roles/redis.admin),")
                .contains(", and the deployer holds none of those roles");
    }

    @Test
    void failsWhenTheDeployerCannotActAsTheServiceAccountsItsServicesRunAs() {
        var plan = SynthesizedStack.of("dev").plan();
        var roles = new TreeSet<>(deployerRoles("dev", projectOf(plan)));
        roles.remove("roles/iam.serviceAccountUser");

        assertThat(missingRoles(plan, roles))
                .anySatisfy(problem -> assertThat(problem).startsWith("gcp:cloudrunv2/service:Service (kura-backend)"
                        + " needs iam.serviceAccounts.actAs (roles/iam.serviceAccountUser),"))
                .anySatisfy(problem -> assertThat(problem).startsWith("gcp:cloudrunv2/job:Job (kura-migrator)"
                        + " needs iam.serviceAccounts.actAs (roles/iam.serviceAccountUser),"));
    }

    @Test
    void failsWhenAPlanHoldsAResourceTypeThatTheDocumentedNeedsDoNotKnow() {
        var topic = new PlannedResource("gcp:pubsub/topic:Topic", "events", "messaging", null, false, List.of(),
                JsonNodeFactory.instance.objectNode(), null, com.pulumi.resources.CustomResource.class);
        var plan = new Plan("kura-infra", "dev", List.of(topic), JsonNodeFactory.instance.objectNode(), List.of());

        assertThat(missingRoles(plan, Set.of("roles/owner"))).singleElement().asString()
                .startsWith("gcp:pubsub/topic:Topic (events) is not in contracts/resource-needs.yaml");
    }

    /** Each planned type with a permission none of {@code roles} includes, with those permissions and their roles. */
    static List<String> missingRoles(Plan plan, Set<String> roles) {
        var problems = new ArrayList<String>();
        NEEDS.cloudResourcesByType(plan).forEach((type, resources) -> NEEDS.of(type).ifPresentOrElse(need -> {
            var uncovered = new ArrayList<String>();
            need.permissions().forEach((permission, grantedBy) -> {
                if (grantedBy.stream().noneMatch(roles::contains)) {
                    uncovered.add(permission + " (" + String.join(" or ", grantedBy) + ")");
                }
            });
            if (!uncovered.isEmpty()) {
                problems.add(type + " (" + ResourceNeeds.names(resources) + ") needs " + String.join(", ", uncovered)
                        + ", and the deployer holds none of those roles; see " + need.source());
            }
        }, () -> problems.add(ResourceNeeds.unknownType(type, resources))));
        return problems;
    }

    /** The roles the bootstrap's plan grants the stack's deployer on the stack's project. */
    static Set<String> deployerRoles(String stack, String project) {
        var member = "${kura-deployer-" + stack + ".member}";
        var roles = new TreeSet<String>();
        SynthesizedStack.bootstrap("ops").resources(PROJECT_IAM).stream()
                .filter(grant -> grant.input("member").asText().equals(member))
                .filter(grant -> grant.input("project").asText().equals(project))
                .forEach(grant -> roles.add(grant.input("role").asText()));
        return roles;
    }

    /** The project whose APIs a stack enables: the one its resources live in. */
    static String projectOf(Plan plan) {
        var projects = new TreeSet<String>();
        plan.resources().stream().filter(resource -> resource.type().equals("gcp:projects/service:Service"))
                .forEach(service -> projects.add(service.inputs().path("project").asText()));
        assertThat(projects).as("projects whose APIs stack %s enables", plan.stack()).hasSize(1);
        return projects.first();
    }
}
