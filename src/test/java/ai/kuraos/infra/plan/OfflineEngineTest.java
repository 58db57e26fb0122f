package ai.kuraos.infra.plan;

import ai.kuraos.infra.testing.SynthesizedStack;
import com.fasterxml.jackson.databind.JsonNode;
import com.pulumi.core.Output;
import com.pulumi.gcp.organizations.OrganizationsFunctions;
import com.pulumi.gcp.organizations.inputs.GetProjectArgs;
import com.pulumi.gcp.projects.Service;
import com.pulumi.gcp.projects.ServiceArgs;
import com.pulumi.gcp.serviceaccount.Account;
import com.pulumi.gcp.serviceaccount.AccountArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.CustomResourceOptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OfflineEngineTest {

    private static final String ACCOUNT = "gcp:serviceaccount/account:Account";
    private static final String SERVICE = "gcp:projects/service:Service";

    @Test
    void showsWhatWiresToWhatWithPlaceholdersForValuesKnownOnlyAfterCreation() {
        var stack = SynthesizedStack.ofProgram("test", ctx -> {
            var account = new Account("runner", AccountArgs.builder().accountId("runner").build());
            new Account("peer", AccountArgs.builder().accountId("peer").description(account.email()).build());
            ctx.export("runnerEmail", account.email());
            ctx.export("runnerAccountId", account.accountId());
        });

        stack.resource(ACCOUNT, "peer").hasInput("description", "${runner.email}");
        assertThat(stack.output("runnerEmail").asText()).isEqualTo("${runner.email}");
        assertThat(stack.output("runnerAccountId").asText()).as("inputs are echoed back").isEqualTo("runner");
    }

    @Test
    void keepsSecretsSecretAcrossResources() {
        var stack = SynthesizedStack.ofProgram("test", ctx -> {
            var first = new Account("first", AccountArgs.builder().accountId(Output.ofSecret("do-not-print")).build());
            new Account("second", AccountArgs.builder().accountId("second").description(first.accountId()).build());
            ctx.export("leak", first.accountId());
        });

        stack.resource(ACCOUNT, "first").hasInput("accountId", "[secret]");
        stack.resource(ACCOUNT, "second").hasInput("description", "[secret]");
        assertThat(stack.output("leak").asText()).isEqualTo("[secret]");
        assertThat(stack.rendered()).doesNotContain("do-not-print");
    }

    @Test
    void recordsTheOptionsThatChangeReplacementsAndDeletesOnlyWhenSet() {
        var stack = SynthesizedStack.ofProgram("test", ctx -> {
            new Account("swapped", AccountArgs.builder().accountId("swapped").description("d").build(),
                    CustomResourceOptions.builder().deleteBeforeReplace(true).replaceOnChanges("description")
                            .ignoreChanges("displayName").retainOnDelete(true).build());
            new Account("plain", AccountArgs.builder().accountId("plain").build());
        });

        var swapped = resourceNamed(stack.json(), "swapped");
        assertThat(swapped.path("deleteBeforeReplace").asBoolean()).isTrue();
        assertThat(swapped.path("replaceOnChanges").toString()).isEqualTo("[\"description\"]");
        assertThat(swapped.path("ignoreChanges").toString()).isEqualTo("[\"displayName\"]");
        assertThat(swapped.path("retainOnDelete").asBoolean()).isTrue();
        var plain = resourceNamed(stack.json(), "plain");
        assertThat(plain.has("deleteBeforeReplace") || plain.has("replaceOnChanges") || plain.has("ignoreChanges")
                || plain.has("retainOnDelete")).as("options left out when not set").isFalse();
    }

    private static JsonNode resourceNamed(JsonNode plan, String name) {
        for (var resource : plan.path("resources")) {
            if (resource.path("name").asText().equals(name)) {
                return resource;
            }
        }
        throw new AssertionError("no resource " + name);
    }

    @Test
    void recordsParentsProtectionAndExplicitDependencies() {
        var stack = SynthesizedStack.ofProgram("test", ctx -> {
            var component = new ComponentResource("kura:test:Group", "group");
            var api = new Service("api", ServiceArgs.builder().service("run.googleapis.com").build(),
                    CustomResourceOptions.builder().parent(component).build());
            new Account("guarded", AccountArgs.builder().accountId("guarded").build(),
                    CustomResourceOptions.builder().parent(component).protect(true).dependsOn(api).build());
        });

        stack.resource("kura:test:Group", "group").hasParent(null);
        stack.resource(SERVICE, "api").hasParent("group").isNotProtected();
        stack.resource(ACCOUNT, "guarded").hasParent("group").isProtected().dependsOn("api");
    }

    @Test
    void ordersResourcesAsATreeWhateverTheDeclarationOrder() {
        var forwards = SynthesizedStack.ofProgram("test", ctx -> {
            var group = new ComponentResource("kura:test:Group", "group");
            new Service("b", ServiceArgs.builder().service("b").build(), CustomResourceOptions.builder().parent(group).build());
            new Account("a", AccountArgs.builder().accountId("aaaaaa").build(), CustomResourceOptions.builder().parent(group).build());
            new Service("top", ServiceArgs.builder().service("top").build());
        });
        var backwards = SynthesizedStack.ofProgram("test", ctx -> {
            new Service("top", ServiceArgs.builder().service("top").build());
            var group = new ComponentResource("kura:test:Group", "group");
            new Account("a", AccountArgs.builder().accountId("aaaaaa").build(), CustomResourceOptions.builder().parent(group).build());
            new Service("b", ServiceArgs.builder().service("b").build(), CustomResourceOptions.builder().parent(group).build());
        });

        assertThat(forwards.rendered()).isEqualTo(backwards.rendered());
        assertThat(forwards.plan().resources()).extracting(PlannedResource::name).containsExactly("top", "group", "b", "a");
    }

    @Test
    void capturesTheProgramsWarnings() {
        var stack = SynthesizedStack.ofProgram("test", ctx -> ctx.log().warn("secret STRIPE_SECRET_KEY has no version"));

        assertThat(stack.plan().warnings()).containsExactly("secret STRIPE_SECRET_KEY has no version");
    }

    @Test
    void failsWhenTheProgramThrows() {
        assertThatThrownBy(() -> OfflineEngine.run("kura-infra", "test", ctx -> {
            throw new IllegalStateException("backend image is not set");
        })).isInstanceOf(PlanFailedException.class)
                .hasMessageStartingWith("the program failed for stack 'test':")
                .hasMessageContaining("backend image is not set");
    }

    @Test
    void failsWhenTwoResourcesShareATypeAndName() {
        assertThatThrownBy(() -> OfflineEngine.run("kura-infra", "test", ctx -> {
            new Service("api", ServiceArgs.builder().service("a").build());
            new Service("api", ServiceArgs.builder().service("b").build());
        })).isInstanceOf(PlanFailedException.class).hasMessageContaining("Duplicate resource URN");
    }

    @Test
    void failsWhenTheProgramNeedsALiveLookup() {
        assertThatThrownBy(() -> OfflineEngine.run("kura-infra", "test", ctx -> {
            var project = OrganizationsFunctions.getProject(GetProjectArgs.builder().projectId("kura-os").build());
            new Service("api", ServiceArgs.builder().service("run.googleapis.com")
                    .project(project.applyValue(p -> p.number())).build());
        })).isInstanceOf(PlanFailedException.class)
                .hasMessageContaining("gcp:organizations/getProject:getProject")
                .hasMessageContaining("offline plan cannot answer");
    }

    @Test
    void runsOneDeploymentAfterAnotherInTheSameJvm() {
        var first = SynthesizedStack.ofProgram("one", ctx -> new Service("a", ServiceArgs.builder().service("a").build()));
        var second = SynthesizedStack.ofProgram("two", ctx -> new Service("b", ServiceArgs.builder().service("b").build()));

        assertThat(first.plan().resources()).extracting(PlannedResource::name).containsExactly("a");
        assertThat(second.plan().resources()).extracting(PlannedResource::name).containsExactly("b");
    }
}
