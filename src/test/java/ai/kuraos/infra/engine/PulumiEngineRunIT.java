package ai.kuraos.infra.engine;

import ai.kuraos.infra.config.StackConfigValues;
import ai.kuraos.infra.plan.PlanValues;
import ai.kuraos.infra.plan.PlannedResource;
import ai.kuraos.infra.testing.SynthesizedStack;
import ai.kuraos.infra.testing.TestJvm;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;
import pulumirpc.EngineOuterClass.LogSeverity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar run the way {@code pulumi preview} runs it: {@code java -jar target/kura-infra.jar} with no
 * arguments and the language host's environment, against a fake engine. It proves the second way of running the
 * program works and declares what the offline plan shows.
 */
class PulumiEngineRunIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path JAR = SynthesizedStack.PROJECT_ROOT.resolve("target/kura-infra.jar");

    record Run(int exitCode, String output) {
    }

    private static Run runJar(FakePulumiEngine engine, String stack, StackConfigValues config)
            throws IOException, InterruptedException {
        return runJar(engine, "kura-infra", stack, config, true);
    }

    private static Run runJar(FakePulumiEngine engine, String stack, StackConfigValues config, boolean preview)
            throws IOException, InterruptedException {
        return runJar(engine, "kura-infra", stack, config, preview);
    }

    private static Run runJar(FakePulumiEngine engine, String project, String stack, StackConfigValues config,
                              boolean preview) throws IOException, InterruptedException {
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var process = new ProcessBuilder(java, "-jar", JAR.toString()).redirectErrorStream(true);
        var environment = process.environment();
        environment.put("PULUMI_MONITOR", engine.address());
        environment.put("PULUMI_ENGINE", engine.address());
        environment.put("PULUMI_PROJECT", project);
        environment.put("PULUMI_STACK", stack);
        environment.put("PULUMI_DRY_RUN", String.valueOf(preview));
        environment.put("PULUMI_CONFIG", JSON.writeValueAsString(config.values()));
        environment.put("PULUMI_CONFIG_SECRET_KEYS", JSON.writeValueAsString(config.secretKeys()));
        // The workflows give the language host's java the short-run options (ShortRunJvm) the same way.
        if (!TestJvm.options().isEmpty()) {
            environment.put("JDK_JAVA_OPTIONS", String.join(" ", TestJvm.options()));
        }
        var started = process.start();
        var output = new String(started.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(started.waitFor(120, TimeUnit.SECONDS)).as("the program finished").isTrue();
        return new Run(started.exitValue(), output);
    }

    @Test
    void declaresUnderTheEngineExactlyWhatTheOfflinePlanShows() throws Exception {
        var config = StackConfigValues.fromStackFile(SynthesizedStack.PROJECT.stackConfigFile("prod"));
        try (var engine = FakePulumiEngine.preview("kura-infra", "prod")) {
            var run = runJar(engine, "prod", config);

            assertThat(run.exitCode()).as("exit code; output:%n%s", run.output()).isZero();
            assertDeclaredAsPlanned(engine, SynthesizedStack.of("prod"));
        }
    }

    @Test
    void runsTheBootstrapWhenTheCliRunsTheBootstrapProject() throws Exception {
        var config = withRealRepositoryIds(StackConfigValues.fromStackFile(SynthesizedStack.BOOTSTRAP.stackConfigFile("ops")));
        try (var engine = FakePulumiEngine.preview("kura-bootstrap", "ops")) {
            var run = runJar(engine, "kura-bootstrap", "ops", config, true);

            assertThat(run.exitCode()).as("exit code; output:%n%s", run.output()).isZero();
            assertDeclaredAsPlanned(engine, SynthesizedStack.bootstrap("ops"));
        }
    }

    /** Defect: the committed ids are placeholders, and a real run trusted them. */
    @Test
    void refusesToRunTheBootstrapForRealWhileItsRepositoryIdsArePlaceholders() throws Exception {
        var config = StackConfigValues.fromStackFile(SynthesizedStack.BOOTSTRAP.stackConfigFile("ops"));
        try (var engine = FakePulumiEngine.preview("kura-bootstrap", "ops")) {
            var run = runJar(engine, "kura-bootstrap", "ops", config, true);

            assertThat(run.exitCode()).as("exit code; output:%n%s", run.output()).isNotZero();
            assertThat(engine.registrations()).as("resources declared")
                    .allSatisfy(request -> assertThat(request.getType()).isEqualTo("pulumi:pulumi:Stack"));
            assertThat(engine.logs()).filteredOn(log -> log.getSeverity() == LogSeverity.ERROR)
                    .singleElement()
                    .satisfies(log -> assertThat(log.getMessage())
                            .contains("kura-bootstrap:github.idsArePlaceholders: is true"));
        }
    }

    /** The committed stack file, as it is once a platform engineer has put the real ids in. */
    private static StackConfigValues withRealRepositoryIds(StackConfigValues committed) {
        var values = new HashMap<>(committed.values());
        values.put("kura-bootstrap:github", values.get("kura-bootstrap:github")
                .replace(",\"idsArePlaceholders\":true", "").replace("\"idsArePlaceholders\":true,", ""));
        assertThat(values.get("kura-bootstrap:github")).doesNotContain("idsArePlaceholders");
        return new StackConfigValues(values, committed.secretKeys());
    }

    private static void assertDeclaredAsPlanned(FakePulumiEngine engine, SynthesizedStack offline) {
        var declared = new TreeMap<String, JsonNode>();
        var names = new HashMap<String, String>();
        engine.registrations().forEach(request ->
                names.put(engine.urnOf(request.getType(), request.getName()), request.getName()));
        engine.registrations().stream()
                .filter(request -> !request.getType().equals("pulumi:pulumi:Stack"))
                .forEach(request -> declared.put(request.getType() + " " + request.getName(),
                        knownBeforeCreation(PlanValues.object(request.getObject(), urn -> names.getOrDefault(urn, urn)))));
        var planned = new TreeMap<String, JsonNode>();
        for (PlannedResource resource : offline.plan().resources()) {
            planned.put(resource.type() + " " + resource.name(), knownBeforeCreation(resource.inputs()));
        }

        assertThat(declared.keySet()).isEqualTo(planned.keySet());
        planned.forEach((resource, inputs) -> assertThat(declared.get(resource)).as(resource).isEqualTo(inputs));
    }

    @Test
    void endsTheRunWithEveryConfigErrorBeforeDeclaringAnyResource() throws Exception {
        var committed = StackConfigValues.fromStackFile(SynthesizedStack.PROJECT.stackConfigFile("prod"));
        var values = new HashMap<>(committed.values());
        values.put("kura-infra:deletionProtection", "false");
        values.put("kura-infra:netwrok", "{}");
        try (var engine = FakePulumiEngine.preview("kura-infra", "prod")) {
            var run = runJar(engine, "prod", new StackConfigValues(values, committed.secretKeys()));

            assertThat(run.exitCode()).isNotZero();
            assertThat(engine.registrations()).as("resources declared")
                    .allSatisfy(request -> assertThat(request.getType()).isEqualTo("pulumi:pulumi:Stack"));
            assertThat(engine.logs()).filteredOn(log -> log.getSeverity() == LogSeverity.ERROR)
                    .singleElement()
                    .satisfies(log -> assertThat(log.getMessage())
                            .startsWith("stack 'prod' has 2 configuration errors:")
                            .contains("kura-infra:deletionProtection: got false")
                            .contains("kura-infra:netwrok: unknown key; did you mean kura-infra:network?")
                            .doesNotContain("at ai.kuraos"));
        }
    }

    @Test
    void neverShowsAGeneratedSecretInPlaintextInInputsOutputsOrLogs() throws Exception {
        var generated = Map.of(
                "random:index/randomPassword:RandomPassword", Map.of("result", "GENERATED-PASSWORD"),
                "gcp:redis/instance:Instance", Map.of("authString", "GENERATED-AUTH", "host", "10.100.0.3"),
                "gcp:sql/databaseInstance:DatabaseInstance", Map.of("connectionName", "kura-os:europe-southwest1:kura-primary"));
        // Staging generates every secret; prod's adopted user and secrets keep their live values (docs/adoption.md).
        var config = StackConfigValues.fromStackFile(SynthesizedStack.PROJECT.stackConfigFile("staging"));
        try (var engine = FakePulumiEngine.update("kura-infra", "staging", generated)) {
            var run = runJar(engine, "staging", config, false);

            assertThat(run.exitCode()).as("exit code; output:%n%s", run.output()).isZero();
            var shown = new StringBuilder(run.output());
            engine.registrations().forEach(request -> shown.append(PlanValues.object(request.getObject(), urn -> urn)));
            engine.registeredOutputs().forEach(request -> shown.append(PlanValues.object(request.getOutputs(), urn -> urn)));
            // Not DEBUG: the SDK logs raw requests at that level, which the CLI shows only with --debug (see README).
            engine.logs().stream().filter(log -> log.getSeverity() != LogSeverity.DEBUG)
                    .forEach(log -> shown.append(log.getMessage()));
            assertThat(shown.toString()).doesNotContain("GENERATED-");

            var sent = engine.registrations().stream().map(request -> request.getObject().toString()).toList();
            assertThat(sent).as("the generated values did reach the resources that need them, as secrets")
                    .anySatisfy(object -> assertThat(object).contains("GENERATED-PASSWORD-kura-app-password-generated"))
                    .anySatisfy(object -> assertThat(object).contains("GENERATED-AUTH-kura-cache"))
                    .anySatisfy(object -> assertThat(object)
                            .contains("postgresql://kura_app:GENERATED-PASSWORD-kura-app-password-generated@/kuraosbd"
                                    + "?host=/cloudsql/kura-os:europe-southwest1:kura-primary"));
        }
    }

    /**
     * What a preview of a new stack can show: a value the offline plan writes as {@code ${name.output}} is not known
     * yet, a secret computed from one is unknown too, and so is a list or a map computed from unknown values; so both
     * sides' markers become one.
     */
    private static JsonNode knownBeforeCreation(JsonNode node) {
        if (node.isTextual() && (node.asText().contains("${") || PlanValues.isSecret(node.asText()))) {
            return JsonNodeFactory.instance.textNode(PlanValues.UNKNOWN);
        }
        if (node.isObject()) {
            var copy = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(field -> copy.set(field.getKey(), knownBeforeCreation(field.getValue())));
            return unknownWhenAllAre(copy);
        }
        if (node.isArray()) {
            var copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> copy.add(knownBeforeCreation(element)));
            return unknownWhenAllAre(copy);
        }
        return node;
    }

    private static JsonNode unknownWhenAllAre(JsonNode container) {
        var unknown = JsonNodeFactory.instance.textNode(PlanValues.UNKNOWN);
        var allUnknown = container.size() > 0 && java.util.stream.StreamSupport.stream(container.spliterator(), false)
                .allMatch(unknown::equals);
        return allUnknown ? unknown : container;
    }
}
