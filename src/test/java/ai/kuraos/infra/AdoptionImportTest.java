package ai.kuraos.infra;

import ai.kuraos.infra.component.LiveDescriptions;
import ai.kuraos.infra.plan.steps.PlanSteps;
import ai.kuraos.infra.plan.steps.Step;
import ai.kuraos.infra.testing.JsonPath;
import ai.kuraos.infra.testing.SynthesizedStack;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Prod's adoption update with the committed descriptions of the live project (stacks/prod/adopted/): every adopted
 * resource is imported with the inputs its gcloud description states, so that the first update changes none of them.
 * Each expectation pairs a path of the describe JSON with the input path the provider compares it with.
 */
class AdoptionImportTest {

    private static final LiveDescriptions LIVE = LiveDescriptions.ofStack(SynthesizedStack.PROJECT_ROOT, "prod");
    private static final SynthesizedStack PROD = SynthesizedStack.of("prod");
    private static final List<String> SECRETS = List.of("DATABASE_URL", "SECRET_KEY", "DB_PASSWORD", "STRIPE_SECRET_KEY",
            "STRIPE_WEBHOOK_SECRET", "TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_WHATSAPP_NUMBER", "OPENAI_API_KEY",
            "GOOGLE_API_KEY", "GOOGLE_CLIENT_ID", "GOOGLE_CLIENT_SECRET", "BREVO_API_KEY");

    private static JsonNode live(String logicalName, String path) {
        return JsonPath.get(LIVE.of(logicalName).orElseThrow(), path);
    }

    @Test
    void theAdoptionUpdateImportsEveryDescribedResourceAndOnlyCreatesTheRest() {
        var empty = "{\"stack\": \"prod\", \"resources\": [], \"outputs\": {}}";
        var steps = PlanSteps.ofTexts(Map.of("prod", empty), Map.of("prod", PROD.rendered())).stacks().get(0);

        var imported = steps.steps().stream().filter(step -> step.op() == Step.Op.IMPORT).map(Step::name).toList();
        var described = new ArrayList<>(List.of("kura-primary", "kuraosbd", "kura-app-user", "kura-images",
                "kura-backend", "kura-migrator"));
        SECRETS.forEach(secret -> described.add(secret.toLowerCase().replace('_', '-')));
        assertThat(imported).containsExactlyInAnyOrderElementsOf(described);
        assertThat(LIVE.byLogicalName().keySet()).allMatch(name -> described.contains(name.replace(".versions", "")));
        assertThat(steps.steps()).extracting(Step::op).containsOnly(Step.Op.IMPORT, Step.Op.CREATE);
    }

    @Nested
    class TheCloudSqlInstance {

        private final String describe = "kura-primary";

        @Test
        void declaresWhatItsDescriptionSays() {
            PROD.resource("gcp:sql/databaseInstance:DatabaseInstance", "kura-primary")
                    .hasInput("region", live(describe, "region"))
                    .hasInput("databaseVersion", live(describe, "databaseVersion"))
                    .hasInput("settings.tier", live(describe, "settings.tier"))
                    .hasInput("settings.edition", live(describe, "settings.edition"))
                    .hasInput("settings.availabilityType", live(describe, "settings.availabilityType"))
                    .hasInput("settings.diskType", live(describe, "settings.dataDiskType"))
                    // int64 fields come as strings from the API
                    .hasInput("settings.diskSize", Integer.parseInt(live(describe, "settings.dataDiskSizeGb").asText()))
                    .hasInput("settings.diskAutoresize", live(describe, "settings.storageAutoResize"))
                    .hasInput("settings.diskAutoresizeLimit",
                            Integer.parseInt(live(describe, "settings.storageAutoResizeLimit").asText()))
                    .hasInput("settings.ipConfiguration.ipv4Enabled", live(describe, "settings.ipConfiguration.ipv4Enabled"))
                    .hasInput("settings.ipConfiguration.requireSsl", live(describe, "settings.ipConfiguration.requireSsl"))
                    .hasNoInput("settings.ipConfiguration.privateNetwork")
                    .hasInput("settings.backupConfiguration.enabled", live(describe, "settings.backupConfiguration.enabled"))
                    .hasInput("settings.backupConfiguration.startTime",
                            live(describe, "settings.backupConfiguration.startTime"))
                    .hasInput("settings.backupConfiguration.pointInTimeRecoveryEnabled",
                            live(describe, "settings.backupConfiguration.pointInTimeRecoveryEnabled"))
                    .hasInput("settings.backupConfiguration.transactionLogRetentionDays",
                            live(describe, "settings.backupConfiguration.transactionLogRetentionDays"))
                    .hasInput("settings.backupConfiguration.backupRetentionSettings.retainedBackups",
                            live(describe, "settings.backupConfiguration.backupRetentionSettings.retainedBackups"))
                    .hasInput("settings.deletionProtectionEnabled", live(describe, "settings.deletionProtectionEnabled"))
                    // the description has none of these: declaring one is an update of the import
                    .hasNoInput("settings.maintenanceWindow")
                    .hasNoInput("settings.insightsConfig")
                    .hasNoInput("settings.databaseFlags")
                    .hasNoInput("settings.userLabels")
                    .isProtected();
        }

        @Test
        void theAdoptedUserKeepsItsPasswordAndTheGeneratedSecretsKeepTheirVersions() {
            PROD.resource("gcp:sql/user:User", "kura-app-user").hasNoInput("password");
            assertThat(PROD.json().path("resources").findValues("name")).extracting(JsonNode::asText)
                    .doesNotContain("kura-app-password-generated", "secret-key-generated", "database-url-version",
                            "db-password-version", "secret-key-version");
        }
    }

    @Test
    void theRegistryIsDeclaredAsDescribedWithoutCleanupPoliciesOrImmutableTags() {
        PROD.resource("gcp:artifactregistry/repository:Repository", "kura-images")
                .hasInput("repositoryId", "cloud-run-source-deploy")
                .hasInput("format", live("kura-images", "format"))
                .hasInput("description", live("kura-images", "description"))
                .hasNoInput("cleanupPolicies")
                .hasNoInput("cleanupPolicyDryRun")
                .hasNoInput("dockerConfig")
                .hasNoInput("labels");
    }

    @Test
    void everyAdoptedSecretKeepsItsAutomaticReplicationAndItsLabels() {
        for (var secret : SECRETS) {
            var logical = secret.toLowerCase().replace('_', '-');
            assertThat(live(logical, "replication").has("automatic")).isTrue();
            PROD.resource("gcp:secretmanager/secret:Secret", logical)
                    .hasInput("secretId", secret)
                    .hasInput("replication", Map.of("auto", Map.of()))
                    .hasNoInput("labels");
        }
    }

    @Nested
    class TheCloudRunService {

        private final String describe = "kura-backend";

        @Test
        void keepsTheTemplateThatRuns() {
            assertThat(live(describe, "spec.template.metadata.annotations").path("run.googleapis.com/cloudsql-instances")
                    .asText()).isEqualTo(live("kura-primary", "connectionName").asText());
            var service = PROD.resource("gcp:cloudrunv2/service:Service", "kura-backend");
            var container = live(describe, "spec.template.spec.containers[0]");
            service.hasInput("ingress", "INGRESS_TRAFFIC_ALL")
                    .hasInput("template.containers[0].image", container.path("image"))
                    .hasInput("template.containers[0].name", container.path("name"))
                    .hasInput("template.containers[0].ports[0].containerPort", container.path("ports").get(0).path("containerPort"))
                    .hasInput("template.containers[0].resources.limits", container.path("resources").path("limits"))
                    .hasInput("template.containers[0].resources.startupCpuBoost", true)
                    .hasInput("template.serviceAccount", live(describe, "spec.template.spec.serviceAccountName"))
                    .hasInput("template.maxInstanceRequestConcurrency", live(describe, "spec.template.spec.containerConcurrency"))
                    .hasInput("template.timeout", live(describe, "spec.template.spec.timeoutSeconds").asInt() + "s")
                    .hasInput("template.scaling.minInstanceCount", 1)
                    .hasInput("template.scaling.maxInstanceCount", 10)
                    // the instance's connection name, which the description names
                    .hasInput("template.volumes[name=cloudsql].cloudSqlInstance.instances",
                            List.of("${kura-primary.connectionName}"))
                    // no split: traffic is optional and computed, so the import keeps the live one (the rollout owns it)
                    .hasNoInput("traffics")
                    .hasNoInput("template.vpcAccess")
                    .hasNoInput("template.revision")
                    .hasNoInput("labels");
            for (var variable : container.path("env")) {
                var name = variable.path("name").asText();
                if (variable.has("value")) {
                    service.hasInput("template.containers[0].envs[name=" + name + "].value", variable.path("value"));
                } else {
                    var ref = variable.path("valueFrom").path("secretKeyRef");
                    service.hasInput("template.containers[0].envs[name=" + name + "].valueSource.secretKeyRef",
                            Map.of("secret", ref.path("name").asText(), "version", ref.path("key").asText()));
                }
            }
            assertThat(service.input("template.containers[0].envs").size()).isEqualTo(container.path("env").size());
        }

        @Test
        void exportsTheRevisionThatServes() {
            assertThat(PROD.output("backendRevision").asText())
                    .isEqualTo(live(describe, "status.latestReadyRevisionName").asText());
        }
    }

    @Test
    void theMigratorJobKeepsItsTemplate() {
        var task = live("kura-migrator", "spec.template.spec.template.spec");
        PROD.resource("gcp:cloudrunv2/job:Job", "kura-migrator")
                .hasInput("template.template.containers[0].image", task.path("containers").get(0).path("image"))
                .hasInput("template.template.containers[0].commands", List.of("alembic"))
                .hasInput("template.template.containers[0].args", List.of("upgrade", "heads"))
                .hasInput("template.template.serviceAccount", task.path("serviceAccountName"))
                .hasInput("template.template.maxRetries", 0)
                .hasInput("template.template.timeout", "600s")
                .hasInput("template.template.executionEnvironment", "EXECUTION_ENVIRONMENT_GEN2")
                .hasNoInput("template.template.vpcAccess");
    }
}
