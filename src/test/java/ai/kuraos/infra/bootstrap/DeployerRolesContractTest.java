package ai.kuraos.infra.bootstrap;

import ai.kuraos.infra.plan.Plan;
import ai.kuraos.infra.plan.PlannedResource;
import ai.kuraos.infra.testing.ResourceNeeds;
import ai.kuraos.infra.testing.SynthesizedStack;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DeployerRoles#DEPLOYER} is kept by hand; the plans say what the deployer must be able to do. For every
 * resource type in every stack's plan, the deployer of that stack (the roles the bootstrap's plan grants it on the
 * stack's project) must hold, for each permission the type's changes take, one of the predefined roles Google
 * documents as including it ({@code contracts/resource-needs.yaml}); and no deployer may give itself more: no role it
 * holds, may grant or may edit carries a permission of an escalation path ({@code contracts/escalation-permissions.yaml}),
 * one test per path.
 */
class DeployerRolesContractTest {

    private static final String PROJECT_IAM = "gcp:projects/iAMMember:IAMMember";
    private static final ResourceNeeds NEEDS = ResourceNeeds.documented();
    private static final String CUSTOM_ROLE = "gcp:projects/iAMCustomRole:IAMCustomRole";
    private static final Map<String, Map<String, List<String>>> ESCALATION = escalationPaths();

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
                .startsWith("gcp:redis/instance:Instance (kura-cache, kura-celery-broker) needs redis.instances.create"
                        + " (roles/redis.admin),")
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

    @ParameterizedTest
    @MethodSource("stacks")
    void noDeployerCanEditACustomRole(String stack) {
        assertThat(escalations("editACustomRole", deployerProjectGrants(stack))).isEmpty();
    }

    @Test
    void failsWhenADeployerHoldsRoleAdminAgain() {
        var grants = new ArrayList<>(deployerProjectGrants("prod"));
        grants.add(new ProjectGrant("roles/iam.roleAdmin", ""));

        assertThat(escalations("editACustomRole", grants)).singleElement().asString()
                .isEqualTo("roles/iam.roleAdmin includes iam.roles.update, iam.roles.create");
    }

    /** setIamPolicy on the project only with a condition that names the roles (IAM's modifiedGrantsByRole). */
    @ParameterizedTest
    @MethodSource("stacks")
    void noDeployerSetsTheProjectsIamPolicyWithoutAConditionOnTheRolesItGrants(String stack) {
        var unconditioned = deployerProjectGrants(stack).stream()
                .filter(grant -> !grant.condition().contains("api.getAttribute('iam.googleapis.com/modifiedGrantsByRole', [])"
                        + ".hasOnly(["))
                .toList();

        assertThat(escalations("grantAnyProjectRole", unconditioned)).isEmpty();
        assertThat(deployerProjectGrants(stack)).extracting(ProjectGrant::role)
                .contains("roles/resourcemanager.projectIamAdmin");
    }

    /**
     * The condition limits the roles, not who gets them (IAM conditions on role grants know the roles only), so the
     * deployer can grant each delegable role to itself: none may carry a permission of any escalation path, and the
     * custom roles among them are the bootstrap's, whose permissions no deployer can change.
     */
    @Test
    void noRoleTheDeployerMayGrantCarriesAPermissionThatGrantsMore() {
        var project = "kura-os";
        var delegable = DeployerRoles.delegable(project);
        var customRoles = SynthesizedStack.bootstrap("ops").resources(CUSTOM_ROLE).stream()
                .filter(role -> role.input("project").asText().equals(project)).toList();
        var escalating = new TreeSet<String>();
        ESCALATION.values().forEach(path -> path.values().forEach(escalating::addAll));

        assertThat(delegable).doesNotContainAnyElementsOf(escalating);
        assertThat(customRoles).extracting(role -> "projects/" + project + "/roles/" + role.input("roleId").asText())
                .containsExactlyInAnyOrderElementsOf(delegable.stream().filter(role -> role.startsWith("projects/")).toList());
        var escalatingPermissions = new TreeSet<String>();
        ESCALATION.values().forEach(path -> escalatingPermissions.addAll(path.keySet()));
        customRoles.forEach(role -> role.input("permissions").forEach(permission ->
                assertThat(escalatingPermissions).as(role.name()).doesNotContain(permission.asText())));
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void noDeployerMintsTokensOrKeysOfAServiceAccount(String stack) {
        assertThat(escalations("mintServiceAccountCredentials", deployerProjectGrants(stack))).isEmpty();
    }

    /**
     * Not yet closed, and held where it is: the deployer creates the runtime service accounts in the same update that
     * attaches them, and IAM conditions cannot narrow either role to some accounts (resource attributes exist for no
     * iam.googleapis.com type; service accounts take no conditional role bindings), so both are project-wide, waived
     * in policy/waivers.yaml until the bootstrap owns the runtime accounts. Any other role that reaches every service
     * account (Editor, Owner, Security Admin) fails here.
     */
    @ParameterizedTest
    @MethodSource("stacks")
    void noDeployerRoleButTheWaivedServiceAccountPairReachesEveryServiceAccount(String stack) {
        assertThat(escalations("actAsEveryServiceAccount", deployerProjectGrants(stack)))
                .containsExactlyInAnyOrder(
                        "roles/iam.serviceAccountAdmin includes iam.serviceAccounts.setIamPolicy",
                        "roles/iam.serviceAccountUser includes iam.serviceAccounts.actAs");
    }

    /** A deployer's grant on its stack's project, as the bootstrap's plan declares it. */
    record ProjectGrant(String role, String condition) {
    }

    static List<ProjectGrant> deployerProjectGrants(String stack) {
        var project = projectOf(SynthesizedStack.of(stack).plan());
        var member = "${kura-deployer-" + stack + ".member}";
        return SynthesizedStack.bootstrap("ops").resources(PROJECT_IAM).stream()
                .filter(grant -> grant.input("member").asText().equals(member))
                .filter(grant -> grant.input("project").asText().equals(project))
                .map(grant -> new ProjectGrant(grant.input("role").asText(),
                        grant.input("condition").path("expression").asText("")))
                .toList();
    }

    /** Each grant whose role includes a permission of {@code path}, with those permissions. */
    static List<String> escalations(String path, List<ProjectGrant> grants) {
        var problems = new ArrayList<String>();
        for (var grant : grants) {
            var permissions = new ArrayList<String>();
            ESCALATION.get(path).forEach((permission, roles) -> {
                if (roles.contains(grant.role())) {
                    permissions.add(permission);
                }
            });
            if (!permissions.isEmpty()) {
                problems.add(grant.role() + " includes " + String.join(", ", permissions));
            }
        }
        return problems;
    }

    private static Map<String, Map<String, List<String>>> escalationPaths() {
        try (var in = DeployerRolesContractTest.class.getResourceAsStream("/contracts/escalation-permissions.yaml")) {
            var root = new ObjectMapper(new YAMLFactory()).readTree(in).path("paths");
            var paths = new LinkedHashMap<String, Map<String, List<String>>>();
            root.fields().forEachRemaining(path -> {
                var permissions = new LinkedHashMap<String, List<String>>();
                path.getValue().fields().forEachRemaining(permission -> {
                    var roles = new ArrayList<String>();
                    permission.getValue().forEach(role -> roles.add(role.asText()));
                    permissions.put(permission.getKey(), List.copyOf(roles));
                });
                paths.put(path.getKey(), permissions);
            });
            return paths;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
