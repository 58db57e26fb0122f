package ai.kuraos.infra.cli;

import ai.kuraos.infra.testing.LocalGit;
import ai.kuraos.infra.testing.SynthesizedStack;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the examples of docs/reviewing.md true: each is the output of `plan --diff` on a real branch of the project,
 * made here again and compared. Run with {@code -Dkura.updateDocs=true} to write the current output into the doc.
 */
class ReviewingDocTest {

    private static final Path DOC = SynthesizedStack.PROJECT_ROOT.resolve("docs/reviewing.md");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path project;

    /** A change on a branch: a stack file's text replaced, then the stack planned; or a rendered plan edited. */
    interface Change {
        void apply(Path project) throws IOException;
    }

    /** {@code format} is the --format of plan --diff: text, or markdown for the pull-request comment. */
    record Example(String id, String stack, String format, Change change) {

        Example(String id, String stack, Change change) {
            this(id, stack, "text", change);
        }

        @Override
        public String toString() {
            return id;
        }
    }

    static Change config(String stack, String path, Object value) {
        return project -> StackFileChange.apply(project, stack, path, value);
    }

    /** The adoption issue 13 renders: the new resource carries the id of the one that already runs. */
    static Change importing(String stack, String type, String name, String id) {
        return project -> {
            var file = project.resolve("stacks/" + stack + "/plan.json");
            var plan = JSON.readTree(Files.readString(file));
            plan.path("resources").forEach(resource -> {
                if (resource.path("type").asText().equals(type) && resource.path("name").asText().equals(name)) {
                    ((ObjectNode) resource).put("import", id);
                }
            });
            Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(plan));
        };
    }

    static List<Example> examples() {
        var addEmail = config("dev", "kura-infra:monitoring.notificationEmails", List.of("ops@kuraos.ai", "oncall@kuraos.ai"));
        return List.of(
                new Example("update", "prod", config("prod", "kura-infra:database.tier", "db-custom-2-7680")),
                new Example("create", "dev", addEmail),
                new Example("import", "dev", project -> {
                    addEmail.apply(project);
                    importing("dev", "gcp:monitoring/notificationChannel:NotificationChannel", "email-oncall-kuraos-ai",
                            "projects/kura-os-dev/notificationChannels/1234567890").apply(project);
                }),
                new Example("delete", "dev", config("dev", "kura-infra:monitoring.notificationEmails", List.of("oncall@kuraos.ai"))),
                new Example("replace", "dev", config("dev", "kura-infra:artifactRegistry.repositoryId", "kura-images")),
                new Example("replace-delete-first", "prod", config("prod", "kura-infra:inference.settings.LOG_FORMAT", "text")),
                new Example("refused-protected", "staging", config("staging", "kura-infra:artifactRegistry.repositoryId", "kura-images")),
                new Example("refused-collision", "dev", config("dev", "kura-infra:cache.tier", "STANDARD_HA")),
                new Example("refused-collision-comment", "dev", "markdown",
                        config("dev", "kura-infra:cache.tier", "STANDARD_HA")));
    }

    @BeforeAll
    static void commitTheProjectOnMain() throws IOException {
        SynthesizedStack.copyProjectTo(project);
        assertThat(CliRun.in(project, Map.of(), "plan", "--all").exitCode()).isZero();
        LocalGit.run(project, "init", "--quiet");
        LocalGit.commitAll(project, "the project, planned");
    }

    @ParameterizedTest
    @MethodSource("examples")
    void theDocShowsWhatPlanDiffSaysForThisChange(Example example) throws IOException {
        LocalGit.run(project, "checkout", "--quiet", "--force", "-B", example.id(), "main");
        LocalGit.run(project, "clean", "--quiet", "-fd");
        example.change().apply(project);

        var run = CliRun.in(project, Map.of(), "plan", "--diff", "--stack", example.stack(), "--format", example.format());
        var shown = example.format().equals("text")
                ? "$ java -jar target/kura-infra.jar plan --diff --stack " + example.stack() + "\n" + run.out()
                        + "$ echo $?\n" + run.exitCode() + "\n"
                : run.out();

        var marker = "<!-- example: " + example.id() + " -->\n";
        var fence = example.format().equals("text") ? "```text\n" : "````markdown\n";
        var end = example.format().equals("text") ? "```\n" : "````\n";
        var block = Pattern.compile(Pattern.quote(marker + fence) + "(.*?)" + Pattern.quote(end), Pattern.DOTALL);
        var doc = Files.readString(DOC);
        var match = block.matcher(doc);
        assertThat(match.find()).as("docs/reviewing.md has a %s block after %s", fence.strip(), marker.strip()).isTrue();
        if (Boolean.getBoolean("kura.updateDocs")) {
            Files.writeString(DOC, doc.substring(0, match.start(1)) + shown + doc.substring(match.end(1)));
        } else {
            assertThat(match.group(1)).as("the %s example of docs/reviewing.md; rerun with -Dkura.updateDocs=true",
                    example.id()).isEqualTo(shown);
        }
    }
}
