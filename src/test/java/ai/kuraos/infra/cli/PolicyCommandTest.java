package ai.kuraos.infra.cli;

import ai.kuraos.infra.testing.LocalGit;
import ai.kuraos.infra.testing.SynthesizedStack;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** `policy` on a copy of the project with its rendered plans and waivers, as CI runs it. */
class PolicyCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** A fixed day, so that the waivers' expiry dates do not make the test depend on the calendar. */
    private static final String TODAY = "2026-12-01";

    @TempDir
    Path project;

    @BeforeEach
    void copyTheProjectWithItsPlansAndWaivers() throws IOException {
        SynthesizedStack.copyProjectTo(project);
        var root = SynthesizedStack.PROJECT_ROOT;
        for (var tree : List.of("stacks", "bootstrap/stacks")) {
            copyTree(root.resolve(tree), project.resolve(tree));
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (var path : paths.toList()) {
                var target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private CliRun policy(String... args) {
        var all = new ArrayList<>(List.of("policy", "--today", TODAY));
        all.addAll(List.of(args));
        return CliRun.in(project, Map.of(), all.toArray(String[]::new));
    }

    /** Sets {@code path} (dotted, [i] for list items) of the named resource's inputs in a stack's plan.json. */
    private void plant(String stack, String resource, String path, Object value) throws IOException {
        var file = project.resolve("stacks").resolve(stack).resolve("plan.json");
        var plan = JSON.readTree(file.toFile());
        ObjectNode inputs = null;
        for (var entry : plan.path("resources")) {
            if (entry.path("name").asText().equals(resource)) {
                inputs = (ObjectNode) entry.path("inputs");
            }
        }
        assertThat(inputs).as("resource %s in stacks/%s/plan.json", resource, stack).isNotNull();
        var steps = path.split("\\.");
        com.fasterxml.jackson.databind.JsonNode node = inputs;
        for (int i = 0; i < steps.length - 1; i++) {
            var step = steps[i];
            node = step.endsWith("]")
                    ? node.path(step.substring(0, step.indexOf('['))).path(Integer.parseInt(
                    step.substring(step.indexOf('[') + 1, step.length() - 1)))
                    : node.path(step);
            assertThat(node.isMissingNode()).as("%s has %s", resource, step).isFalse();
        }
        ((ObjectNode) node).set(steps[steps.length - 1], JSON.valueToTree(value));
        Files.writeString(file, JSON.writeValueAsString(plan));
    }

    @Test
    void passesOnTheRenderedPlansWithTheReviewedWaivers() {
        var run = policy("--all");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("policy: bootstrap/ops, dev, prod, staging:", "0 findings not waived", "passes");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a public bucket binding | prod | kura-backups-backend-writer | member | allUsers | KURA-GCP-001",
            // prod's adopted instance has a public IP, waived as adoption debt (docs/adoption.md)
            "a Cloud SQL public IP | staging | kura-primary | settings.ipConfiguration.ipv4Enabled | true | KURA-SQL-001",
            "a privileged container | prod | inference-deployment | spec.template.spec.containers[0].securityContext.privileged"
                    + " | true | KURA-K8S-001",
            "a primitive role | prod | backend-log-writer | role | roles/editor | KURA-IAM-001"})
    void failsOnAPlantedViolationNamingTheRuleTheResourceAndThePath(String violation, String stack, String resource,
                                                                   String path, String value, String rule)
            throws IOException {
        plant(stack, resource, path, value.equals("true") ? (Object) Boolean.TRUE : value);

        var run = policy("--all");

        assertThat(run.exitCode()).as(violation).isEqualTo(KuraCli.FAILED);
        assertThat(run.out()).as(violation).containsPattern("\\[high] " + rule + " " + stack + " \\S+ " + resource + " \\("
                + java.util.regex.Pattern.quote(path) + "\\): ")
                .contains("-- fails");
    }

    @Test
    void checksOneStackAndTheBootstrapByName() {
        assertThat(policy("--stack", "prod").exitCode()).isZero();
        var bootstrap = policy("--stack", "bootstrap/ops");

        assertThat(bootstrap.exitCode()).isZero();
        assertThat(bootstrap.out()).startsWith("policy: bootstrap/ops:");
    }

    @Test
    void failsWhenAWaiverHasExpired() {
        var run = CliRun.in(project, Map.of(), "policy", "--all", "--today", "2027-04-01");

        assertThat(run.exitCode()).isEqualTo(KuraCli.FAILED);
        assertThat(run.out()).contains("KURA-POLICY-001", "expired on 2027-03-31", "waiver KURA-K8S-007");
    }

    @Test
    void printsJsonForOtherTools() throws IOException {
        var run = policy("--all", "--format", "json");

        var json = JSON.readTree(run.out());
        assertThat(json.path("passes").asBoolean()).isTrue();
        assertThat(json.path("waived").size()).isPositive();
        assertThat(json.path("waived").get(0).path("reason").asText()).isNotBlank();
    }

    @Test
    void printsMarkdownWithTheWaiversInUse() {
        var run = policy("--all", "--format", "markdown");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("### Policy").contains("| Waiver | Rule | Stack |", "kura-static-public-read");
    }

    @Test
    void failsWithoutStackOrAll() {
        var run = policy();

        assertThat(run.exitCode()).isEqualTo(KuraCli.USAGE);
        assertThat(run.err()).contains("--stack NAME", "--all");
    }

    @Test
    void failsOnAnUnknownStackSuggestingTheClosest() {
        var run = policy("--stack", "prd");

        assertThat(run.exitCode()).isEqualTo(KuraCli.USAGE);
        assertThat(run.err()).contains("stack 'prd' has no rendered plan", "Did you mean 'prod'?");
    }

    @Test
    void failsOnAMalformedWaiverFile() throws IOException {
        Files.writeString(project.resolve("policy/waivers.yaml"), "waivers:\n  - rule: KURA-GCP-001\n    stack: prod\n");

        var run = policy("--all");

        assertThat(run.exitCode()).isEqualTo(KuraCli.USAGE);
        assertThat(run.err()).contains("waiver 1: type, name, path, reason missing");
    }

    @Test
    void thePullRequestSectionShowsWhatTheChangeIntroducesFixesAndWaives() throws IOException {
        LocalGit.run(project, "init", "--quiet");
        LocalGit.commitAll(project, "base");
        plant("staging", "kura-primary", "settings.ipConfiguration.ipv4Enabled", true);
        plant("staging", "kura-backups-backend-writer", "member", "allUsers");
        Files.writeString(project.resolve("policy/waivers.yaml"), Files.readString(project.resolve("policy/waivers.yaml"))
                + """
                  - rule: KURA-GCP-001
                    stack: staging
                    type: gcp:storage/bucketIAMMember:BucketIAMMember
                    name: kura-backups-backend-writer
                    path: "*"
                    reason: a test waiver that the reviewer must see
                """);

        var run = policy("--diff", "--base", "main");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .startsWith("### Policy")
                .contains("`policy --all` **fails**: 1 finding not waived")
                .contains("introduces 2 findings, fixes 0, adds or changes 1 waiver")
                .contains("#### Introduced, not waived")
                .contains("| high | KURA-SQL-001 | staging | `gcp:sql/databaseInstance:DatabaseInstance` kura-primary |"
                        + " `settings.ipConfiguration.ipv4Enabled` |")
                .contains("#### Introduced and waived")
                .contains("#### Waivers added or changed: review each reason")
                .contains("a test waiver that the reviewer must see");
    }

    @Test
    void thePullRequestSectionShowsAFixedFinding() throws IOException {
        plant("staging", "kura-primary", "settings.ipConfiguration.ipv4Enabled", true);
        LocalGit.run(project, "init", "--quiet");
        LocalGit.commitAll(project, "base with a public database");
        plant("staging", "kura-primary", "settings.ipConfiguration.ipv4Enabled", false);

        var run = policy("--diff", "--base", "main");

        assertThat(run.out()).contains("`policy --all` passes", "fixes 1", "#### Fixed", "KURA-SQL-001 | staging");
    }
}
