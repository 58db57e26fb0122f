package ai.kuraos.infra.component;

import ai.kuraos.infra.AdoptableResources;
import ai.kuraos.infra.StackSettings;
import ai.kuraos.infra.config.ConfigError;
import ai.kuraos.infra.config.StackConfigValues;
import ai.kuraos.infra.testing.MinimalConfig;
import ai.kuraos.infra.testing.SynthesizedStack;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Adoption of what already runs: the prod stack imports the seeds' production instead of creating it again. */
class AdoptionTest {

    private static Map<String, String> importsOf(SynthesizedStack stack) {
        var imports = new TreeMap<String, String>();
        for (JsonNode resource : stack.json().path("resources")) {
            if (resource.has("import")) {
                imports.put(resource.path("name").asText(), resource.path("import").asText());
            }
        }
        return imports;
    }

    /**
     * Defect: production already runs, and the prod stack would create kura-primary, kura-backend, kura-migrator,
     * the secrets and the image repository again (409), or replace them. Each is imported by its id instead.
     */
    @Test
    void productionIsAdoptedNotRebuilt() {
        var prod = SynthesizedStack.of("prod");

        assertThat(importsOf(prod)).containsAllEntriesOf(Map.of(
                "kura-primary", "projects/kura-os/instances/kura-primary",
                "kuraosbd", "projects/kura-os/instances/kura-primary/databases/kuraosbd",
                "kura-app-user", "kura-os/kura-primary/kura_app",
                "kura-backend", "projects/kura-os/locations/europe-southwest1/services/kura-backend",
                "kura-migrator", "projects/kura-os/locations/europe-southwest1/jobs/kura-migrator",
                "kura-images", "projects/kura-os/locations/europe-southwest1/repositories/cloud-run-source-deploy",
                "database-url", "projects/kura-os/secrets/DATABASE_URL",
                "stripe-secret-key", "projects/kura-os/secrets/STRIPE_SECRET_KEY",
                "brevo-api-key", "projects/kura-os/secrets/BREVO_API_KEY"));
        // Memorystore and REDIS_AUTH came after the seeds' v1.3.7: they are created.
        assertThat(importsOf(prod)).doesNotContainKeys("redis-auth", "kura-cache");
        prod.resource("gcp:artifactregistry/repository:Repository", "kura-images")
                .hasInput("repositoryId", "cloud-run-source-deploy");
    }

    @Test
    void anAdoptedSecretKeepsTheReplicationItWasCreatedWithSoThatTheImportReplacesNothing() {
        SynthesizedStack.of("prod").resource("gcp:secretmanager/secret:Secret", "stripe-secret-key")
                .hasInput("replication", Map.of("auto", Map.of()));
        SynthesizedStack.of("prod").resource("gcp:secretmanager/secret:Secret", "redis-auth")
                .hasInput("replication.userManaged.replicas[0].location", "europe-southwest1");
    }

    @Test
    void aStackFromAnEmptyProjectImportsNothingAndItsPlanCarriesNoImportField() {
        for (var stack : new String[] {"dev", "staging"}) {
            assertThat(importsOf(SynthesizedStack.of(stack))).as(stack).isEmpty();
            assertThat(SynthesizedStack.of(stack).rendered()).as(stack).doesNotContain("\"import\"");
        }
    }

    /** A hand-kept list that must mirror the program: every adoptable name is a resource of the prod stack. */
    @Test
    void everyAdoptableNameIsAResourceTheProgramDeclares() {
        var names = new ArrayList<String>();
        SynthesizedStack.of("prod").json().path("resources").forEach(resource -> names.add(resource.path("name").asText()));

        assertThat(names).containsAll(AdoptableResources.FORMS.keySet());
    }

    @Test
    void failsWhenTheStackAdoptsANameTheProgramDoesNotDeclare() {
        var errors = StackSettings.read("prod", StackConfigValues.of(MinimalConfig.with(
                "kura-infra:adopt", "{\"kura-primay\":\"projects/kura-os/instances/kura-primary\"}"))).errors();

        assertThat(errors).extracting(ConfigError::key).contains("kura-infra:adopt.kura-primay");
        assertThat(errors.stream().filter(error -> error.key().equals("kura-infra:adopt.kura-primay")).findFirst()
                .orElseThrow().toString()).contains("kura-primary", "kura-backend");
    }

    @Test
    void failsWhenAnImportIdIsMalformed() {
        var errors = StackSettings.read("prod", StackConfigValues.of(MinimalConfig.with(
                "kura-infra:adopt", "{\"kura-primary\":\"projects/kura os\"}"))).errors();

        assertThat(errors).extracting(ConfigError::key).contains("kura-infra:adopt.kura-primary");
    }
}
