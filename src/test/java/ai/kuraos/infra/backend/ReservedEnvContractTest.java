package ai.kuraos.infra.backend;

import ai.kuraos.infra.StackSettings;
import ai.kuraos.infra.config.StackConfigValues;
import ai.kuraos.infra.data.SecretCatalogue;
import ai.kuraos.infra.plan.StackPlanner;
import ai.kuraos.infra.testing.ConfigPaths;
import ai.kuraos.infra.testing.SynthesizedStack;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link BackendNames#RESERVED_ENV} is kept by hand: the names a stack's {@code backend.env} may not use because the
 * program sets them. The plans say what the program sets: with the stack's own env taken away, every variable the
 * backend's service and migrator job still declare is the program's, and must be reserved (or be a secret of
 * {@link SecretCatalogue}, which the stack's env may not use either). Otherwise a stack could set the same name and
 * one of the two values would silently win.
 */
class ReservedEnvContractTest {

    private static final String SERVICE = "gcp:cloudrunv2/service:Service";
    private static final String JOB = "gcp:cloudrunv2/job:Job";
    /** What Cloud Run sets in a service's container: https://cloud.google.com/run/docs/container-contract#env-vars */
    private static final Set<String> SET_BY_CLOUD_RUN = Set.of("PORT", "K_SERVICE", "K_REVISION", "K_CONFIGURATION");

    static List<String> stacks() {
        return SynthesizedStack.PROJECT.stacks();
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void reservesEveryVariableTheProgramSetsOnTheBackend(String stack) {
        var programOnly = withoutStackEnv(stack);

        assertThat(unreserved(programSet(programOnly), BackendNames.RESERVED_ENV)).isEmpty();
    }

    /** A reserved name neither the program (in any stack) nor Cloud Run sets is stale: it refuses a stack's env for nothing. */
    @Test
    void reservesOnlyNamesTheProgramOrCloudRunSets() {
        var set = new TreeSet<>(SET_BY_CLOUD_RUN);
        stacks().forEach(stack -> set.addAll(programSet(withoutStackEnv(stack)).keySet()));

        assertThat(BackendNames.RESERVED_ENV).allSatisfy(name -> assertThat(set).as("names set for the backend").contains(name));
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void takesEachSecretVariableFromTheSecretCatalogue(String stack) {
        var secretNames = new TreeSet<String>();
        envs(SynthesizedStack.of(stack)).forEach(env -> {
            if (env.has("valueSource")) {
                secretNames.add(env.path("name").asText());
            }
        });

        assertThat(secretNames).isNotEmpty()
                .allSatisfy(name -> assertThat(SecretCatalogue.byName(name)).as("secret %s", name).isPresent());
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void passesEachVariableOfTheStacksEnvToTheServiceAsTheStackSetsIt(String stack) {
        var env = StackPlanner.settings(SynthesizedStack.PROJECT, stack).backend().env();
        var declared = new TreeMap<String, String>();
        SynthesizedStack.of(stack).resource(SERVICE, BackendNames.SERVICE).input("template.containers[0].envs")
                .forEach(entry -> declared.put(entry.path("name").asText(), entry.path("value").asText(null)));

        assertThat(env).isNotEmpty();
        env.forEach((name, value) -> assertThat(declared).as("the service's env").containsEntry(name, value));
    }

    @Test
    void failsWhenTheProgramSetsAVariableThatIsNotReserved() {
        var reserved = new TreeSet<>(BackendNames.RESERVED_ENV);
        reserved.remove("REDIS_HOST");

        assertThat(unreserved(programSet(withoutStackEnv("dev")), reserved)).containsExactly("REDIS_HOST");
    }

    /** The program-set names neither reserved nor a secret of the catalogue. */
    static Set<String> unreserved(Map<String, JsonNode> programSet, Set<String> reserved) {
        var unreserved = new TreeSet<String>();
        programSet.forEach((name, env) -> {
            var secret = env.has("valueSource") && SecretCatalogue.byName(name).isPresent();
            if (!secret && !reserved.contains(name)) {
                unreserved.add(name);
            }
        });
        return unreserved;
    }

    /** Every variable the backend's service and job declare, by name. */
    private static Map<String, JsonNode> programSet(SynthesizedStack stack) {
        var byName = new TreeMap<String, JsonNode>();
        envs(stack).forEach(env -> byName.put(env.path("name").asText(), env));
        return byName;
    }

    private static List<JsonNode> envs(SynthesizedStack stack) {
        var envs = new ArrayList<JsonNode>();
        stack.resource(SERVICE, BackendNames.SERVICE).input("template.containers")
                .forEach(container -> container.path("envs").forEach(envs::add));
        stack.resource(JOB, BackendNames.MIGRATOR_JOB).input("template.template.containers")
                .forEach(container -> container.path("envs").forEach(envs::add));
        assertThat(envs).as("the backend's environment variables").isNotEmpty();
        return envs;
    }

    private static SynthesizedStack withoutStackEnv(String stack) {
        var committed = StackConfigValues.fromStackFile(SynthesizedStack.PROJECT.stackConfigFile(stack));
        var settings = StackSettings.parse(stack,
                ConfigPaths.apply(committed, Map.of("kura-infra:backend.env", Optional.empty())));
        assertThat(settings.backend().env()).as("the stack's own env").isEmpty();
        return SynthesizedStack.from(settings);
    }
}
