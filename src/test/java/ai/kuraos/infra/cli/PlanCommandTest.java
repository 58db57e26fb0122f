package ai.kuraos.infra.cli;

import ai.kuraos.infra.testing.StackFileEdits;
import ai.kuraos.infra.testing.SynthesizedStack;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PlanCommandTest {

    @TempDir
    Path project;

    @BeforeEach
    void copyTheProject() throws IOException {
        SynthesizedStack.copyProjectTo(project);
    }

    private CliRun plan(String... args) {
        var all = new ArrayList<>(List.of("plan"));
        all.addAll(List.of(args));
        return CliRun.in(project, Map.of(), all.toArray(String[]::new));
    }

    private Path planFile(String stack) {
        return project.resolve("stacks").resolve(stack).resolve("plan.json");
    }

    private static boolean contains(Path file, String text) {
        try {
            return new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1).contains(text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void editStackFile(String stack, String from, String to) throws IOException {
        var file = project.resolve("Pulumi." + stack + ".yaml");
        var text = Files.readString(file);
        assertThat(text).contains(from);
        Files.writeString(file, text.replace(from, to));
    }

    private void addToStackFile(String stack, String configLine) throws IOException {
        Files.writeString(project.resolve("Pulumi." + stack + ".yaml"), "  " + configLine + "\n",
                java.nio.file.StandardOpenOption.APPEND);
    }

    @Test
    void writesEveryStacksPlanAndSummarisesItPerComponent() {
        var run = plan("--all");

        assertThat(run.exitCode()).isZero();
        assertThat(planFile("dev")).exists();
        assertThat(planFile("staging")).exists();
        assertThat(planFile("prod")).exists();
        var prod = SynthesizedStack.of("prod");
        assertThat(run.out()).contains("prod: " + prod.plan().resources().size() + " resources, "
                        + prod.plan().outputs().size() + " outputs -> stacks/prod/ (updated: architecture.md, k8s/")
                .containsPattern("foundation +kura:platform:Foundation +" + prod.childrenOf("foundation").size() + " resources")
                .containsPattern("database +kura:data:Database +" + prod.childrenOf("database").size() + " resources")
                .contains("warning: secrets without a value");
    }

    @Test
    void aStripeKeyInPlaintextInTheBackendsEnvIsRefusedWithAPointerToTheSecretsCatalogueAndPrintedNowhere()
            throws IOException {
        var key = "sk_live_51Hx7QpLkVbXr2TzY9aBcDeFgHi";
        StackFileEdits.set(project.resolve("Pulumi.dev.yaml"), "kura-infra:backend.env.STRIPE_KEY", key);

        var run = plan("--all");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("kura-infra:backend.env.STRIPE_KEY", "a Stripe secret or restricted key",
                "kura-infra:secrets.<NAME>", "nothing was written");
        assertThat(run.out() + run.err()).doesNotContain(key).doesNotContain("sk_live_5");
        try (var files = Files.walk(project)) {
            assertThat(files.filter(Files::isRegularFile).filter(file -> !file.endsWith("Pulumi.dev.yaml"))
                    .filter(file -> contains(file, key))).isEmpty();
        }
    }

    @Test
    void aPasswordInPlaintextInTheInferenceSettingsIsRefusedWithoutShowingIt() throws IOException {
        var password = "hunter2-correct-horse-battery";
        StackFileEdits.set(project.resolve("Pulumi.prod.yaml"), "kura-infra:inference.settings.MQTT_PASSWORD", password);

        var run = plan("--stack", "prod");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("kura-infra:inference.settings.MQTT_PASSWORD", "secrets catalogue")
                .doesNotContain(password);
        assertThat(run.out()).doesNotContain(password);
    }

    @Test
    void writesTheSameContentAsTheRepositorysCommittedPlan() throws IOException {
        plan("--stack", "prod");

        assertThat(Files.readString(planFile("prod"))).isEqualTo(SynthesizedStack.of("prod").rendered());
    }

    @Test
    void rewritingAnUnchangedPlanTouchesNothing() {
        plan("--all");

        var again = plan("--stack", "dev");

        assertThat(again.out()).containsPattern("dev: \\d+ resources, \\d+ outputs -> stacks/dev/ \\(unchanged\\)");
    }

    @Test
    void planningOneStackLeavesTheOthersAlone() {
        assertThat(plan("--stack", "staging").exitCode()).isZero();

        assertThat(planFile("staging")).exists();
        assertThat(planFile("prod")).doesNotExist();
    }

    @Test
    void checkPassesWhenStacksAreUpToDate() {
        plan("--all");

        var check = plan("--all", "--check");

        assertThat(check.exitCode()).isZero();
        assertThat(check.out()).isEqualTo("up to date: stacks/dev, stacks/prod, stacks/staging, bootstrap/stacks/ops,"
                + " docs/reference\n");
    }

    @Test
    void checkFailsWhenTheGeneratedConfigurationReferenceIsStale() throws IOException {
        plan("--all");
        var reference = project.resolve("docs/reference/configuration.md");
        Files.writeString(reference, Files.readString(reference).replace("The SSD's size at creation.", "The disk."));

        var check = plan("--all", "--check");

        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.out()).contains("a/docs/reference/configuration.md").contains("-| `kura-infra:database.diskSizeGb`")
                .contains("+| `kura-infra:database.diskSizeGb`");
        assertThat(check.err()).contains("out of date: docs/reference");
    }

    @Test
    void writesTheGeneratedReferencesWithEveryStack() {
        var run = plan("--all");

        assertThat(run.exitCode()).isZero();
        assertThat(project.resolve("docs/reference/configuration.md")).content()
                .contains("| `kura-infra:database.tier` |").contains("| `kura-bootstrap:github.repository` |");
        assertThat(project.resolve("docs/reference/alerts.md")).content().contains("## Backend: errors");
        assertThat(run.out()).contains("docs/reference/ (updated: alerts.md, configuration.md)");
    }

    @Test
    void checkFailsWithAReadableUnifiedDiffWhenAConfigValueChangesAndWritesNothing() throws IOException {
        plan("--all");
        var committed = Files.readString(planFile("prod"));
        StackFileEdits.set(project.resolve("Pulumi.prod.yaml"), "kura-infra:network.flowLogSampling", 0.75);

        var check = plan("--all", "--check");

        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.out()).contains(
                "--- a/stacks/prod/plan.json\n+++ b/stacks/prod/plan.json\n@@ ",
                "-          \"flowSampling\": 0.5,\n+          \"flowSampling\": 0.75,\n");
        assertThat(check.out()).doesNotContain("stacks/dev/").doesNotContain("stacks/staging/");
        assertThat(check.err()).contains("out of date: stacks/prod; run `java -jar target/kura-infra.jar plan --all`");
        assertThat(Files.readString(planFile("prod"))).isEqualTo(committed);
    }

    @Test
    void checkFailsWhenAPlanWasNeverWritten() throws IOException {
        var check = plan("--stack", "dev", "--check");

        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.out()).startsWith("--- /dev/null\n+++ b/stacks/dev/architecture.md\n")
                .contains("--- /dev/null\n+++ b/stacks/dev/plan.json\n");
        assertThat(check.err()).contains("plan --stack dev");
        assertThat(SynthesizedStack.renderedNothing(project)).isTrue();
    }

    /** Kafka cannot lower a topic's partitions: a catalogue that would is refused before any plan is written. */
    @Test
    void failsWithoutWritingWhenTheCatalogueLowersATopicsPartitionsBelowTheCommittedPlan() throws IOException {
        plan("--stack", "prod");
        var committed = Files.readString(planFile("prod"));
        var topic = "\"partitions\": 12,\n          \"replicas\": 3,\n          \"topicName\": \"inference.detections.v1\"";
        assertThat(committed).contains(topic);
        Files.writeString(planFile("prod"), committed.replace(topic, topic.replace("12", "24")));
        var before = Files.readString(planFile("prod"));

        var run = plan("--stack", "prod");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("error: prod: topic inference.detections.v1: got 12 partitions, but the stack's"
                + " committed plan has 24", "nothing was written");
        assertThat(Files.readString(planFile("prod"))).isEqualTo(before);
    }

    @Test
    void checkReportsAPlanDirectoryThatBelongsToNoStackAndPlanAllRemovesIt() throws IOException {
        plan("--all");
        Files.createDirectories(project.resolve("stacks/qa"));
        Files.writeString(project.resolve("stacks/qa/plan.json"), "{}\n");

        var check = plan("--all", "--check");
        var rewrite = plan("--all");

        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.err()).contains("stacks/qa belongs to no stack (there is no Pulumi.qa.yaml)");
        assertThat(rewrite.out()).contains("stacks/qa: removed");
        assertThat(project.resolve("stacks/qa")).doesNotExist();
    }

    @Test
    void failsWhenTheStackIsUnknownAndListsTheStacksThatExist() throws IOException {
        var run = plan("--stack", "prd");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("error: unknown stack 'prd' (there is no Pulumi.prd.yaml). Did you mean 'prod'?"
                + " Stacks in this project: dev, prod, staging\n");
        assertThat(SynthesizedStack.renderedNothing(project)).isTrue();
    }

    @Test
    void failsWhenNeitherStacksNorAllAreGiven() {
        var run = plan();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--stack NAME", "--all");
    }

    @Test
    void failsOutsideAPulumiProject() throws IOException {
        Files.delete(project.resolve("Pulumi.yaml"));

        var run = plan("--all");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("is not a Pulumi project (no Pulumi.yaml)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown key             | kura-infra:netwrok: {}                     | kura-infra:netwrok: unknown key; did you mean kura-infra:network?",
            "unknown namespace       | gcpp:zone: europe-southwest1-a             | gcpp:zone: unknown namespace 'gcpp'",
            "bad value               | kura-infra:labels: {team: Platform}        | kura-infra:labels.team: got \"Platform\"; expected a label value",
            "prod guard              | kura-infra:overrides: {}                   | kura-infra:deletionProtection: got false; deletion protection cannot be turned off in a prod stack",
            "unknown override        | kura-infra:overrides: {allow-everything: x} | kura-infra:overrides.allow-everything: invalid name; expected one of allow-unprotected-prod",
    })
    void failsWithExit2NamingTheKeyAndWritesNothingWhenConfigIsInvalid(String name, String line, String message)
            throws IOException {
        if (name.equals("prod guard")) {
            StackFileEdits.set(project.resolve("Pulumi.prod.yaml"), "kura-infra:deletionProtection", false);
        }
        if (line.startsWith("kura-infra:labels:")) {
            // The file has labels already, and a key defined twice is refused before any value is read.
            editStackFile("prod", "  kura-infra:labels:\n    team: platform\n    cost-center: kura-prod\n", "");
        }
        addToStackFile("prod", line);

        var run = plan("--all");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("error: stack 'prod' has 1 configuration error:\n  - " + message)
                .endsWith("nothing was written: fix the configuration above and run plan again\n");
        assertThat(SynthesizedStack.renderedNothing(project)).isTrue();
    }

    @Test
    void reportsTheErrorsOfEveryStackAtOnce() throws IOException {
        StackFileEdits.set(project.resolve("Pulumi.dev.yaml"), "kura-infra:network.subnetCidr", "10.30.0.0/33");
        StackFileEdits.set(project.resolve("Pulumi.staging.yaml"), "kura-infra:artifactRegistry.keepRecentImages", -1);

        var run = plan("--all");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("stack 'dev' has 1 configuration error", "kura-infra:network.subnetCidr: got \"10.30.0.0/33\"",
                "stack 'staging' has 1 configuration error", "kura-infra:artifactRegistry.keepRecentImages: got -1");
    }

    @Test
    void neverPrintsAnEncryptedValue() throws IOException {
        editStackFile("dev", "    team: platform\n", "    team: {secure: v1:AAAAAAAAAAAAAAAA}\n");

        var run = plan("--stack", "dev");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("kura-infra:labels.team: got [secret]").doesNotContain("v1:AAAA");
    }

    @Test
    void helpDocumentsTheExitCodes() {
        var help = plan("--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out().replaceAll("\\s+", " ")).contains("--check", "--all", "--stack=NAME", "--diff", "--base=REF",
                "--format=FORMAT", "Exit codes:",
                "2 bad usage, an unknown stack or git ref, or invalid configuration; nothing was written");
    }

    @Test
    void withoutACommandPrintsUsage() {
        var out = new StringWriter();

        var code = KuraCli.execute(new PrintWriter(out), new PrintWriter(new StringWriter()));

        assertThat(code).isEqualTo(2);
        assertThat(out.toString()).contains("Usage: kura-infra", "plan");
    }
}
