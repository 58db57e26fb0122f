package ai.kuraos.infra.rollout;

import ai.kuraos.infra.plan.ProjectLayout;
import ai.kuraos.infra.testing.SynthesizedStack;
import com.pulumi.automation.CommandException;
import com.pulumi.automation.CommandResult;
import com.pulumi.automation.CommandRunOptions;
import com.pulumi.automation.ConcurrentUpdateException;
import com.pulumi.automation.PulumiCommand;
import com.pulumi.automation.Version;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The stage's update through the real Automation API, with a Pulumi CLI that edits the stack file as the real one does
 * on {@code config set} and then fails the update: the stack file is as committed afterwards, whatever failed.
 */
class AutomationStackOperationsTest {

    private static final String IMAGE = "europe-southwest1-docker.pkg.dev/kura-os/kura/kura-backend:v1-3-8";

    @TempDir
    Path project;

    private final List<String> commands = new ArrayList<>();
    private String committed;

    @BeforeEach
    void copyTheProject() throws IOException {
        SynthesizedStack.copyProjectTo(project);
        committed = Files.readString(project.resolve("Pulumi.prod.yaml"));
    }

    /** A CLI that answers {@code up} with {@code upResult}, after writing every {@code config set} to the file. */
    private PulumiCommand cli(CommandResult upResult) {
        return new PulumiCommand() {
            @Override
            public Version version() {
                return Version.of(3, 130, 0);
            }

            @Override
            public CommandResult run(List<String> args, CommandRunOptions options) throws CommandException {
                commands.add(String.join(" ", args));
                if (args.contains("config") && args.contains("set")) {
                    try {
                        Files.writeString(project.resolve("Pulumi.prod.yaml"), "  " + args.get(args.size() - 1) + "\n",
                                java.nio.file.StandardOpenOption.APPEND);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                if (args.get(0).equals("up")) {
                    if (upResult.code() != 0) {
                        throw upResult.standardError().contains("[409] Conflict") ? new ConcurrentUpdateException(upResult)
                                : new CommandException(upResult);
                    }
                    return upResult;
                }
                if (args.contains("history")) {
                    return new CommandResult(0, "[{\"kind\": \"refresh\", \"startTime\": \"2026-12-07T10:00:00.000Z\","
                            + " \"endTime\": \"2026-12-07T10:00:05.000Z\", \"message\": \"\", \"environment\": {},"
                            + " \"config\": {}, \"result\": \"succeeded\", \"resourceChanges\": {}}]", "");
                }
                return new CommandResult(0, "", "");
            }
        };
    }

    private StackOperations stack(CommandResult upResult) {
        return new AutomationStackOperations(new ProjectLayout(project), "prod", () -> cli(upResult), line -> {
        });
    }

    @Test
    void refreshesBeforeTheUpdateSoThatTheProviderSendsBackTheLiveSplit() {
        var stack = stack(new CommandResult(255, "", "error: update failed"));

        assertThatThrownBy(() -> stack.stage(IMAGE, "v1-3-8")).isInstanceOf(IllegalStateException.class);

        assertThat(commands).filteredOn(command -> command.startsWith("refresh") || command.startsWith("up"))
                .extracting(command -> command.split(" ")[0]).containsExactly("refresh", "up");
    }

    /**
     * Defect (review 1): a bare `pulumi up` sent back the split its state recorded at the last update, undoing a
     * rollback or a promotion made since. The project refreshes before every preview and update (Pulumi CLI 3.259.0,
     * `getRefreshOption`: `options.refresh: always` in Pulumi.yaml), so the split sent back is the live one.
     */
    @Test
    void everyPreviewAndUpdateOfTheProjectRefreshesFirst() throws IOException {
        var projectFile = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                .readTree(Path.of("Pulumi.yaml").toFile());

        assertThat(projectFile.path("options").path("refresh").asText()).isEqualTo("always");
    }

    /** Defect: a failed promote left the stack file edited, and the advised re-run was refused on a false state. */
    @Test
    void updateFailsAndTheStackFileIsAsCommitted() throws IOException {
        var stack = stack(new CommandResult(255, "", "error: googleapi: Error 400: Image not found"));

        assertThatThrownBy(() -> stack.stage(IMAGE, "v1-3-8")).hasMessageContaining("Image not found");

        assertThat(commands).anySatisfy(command -> assertThat(command).contains("config set", IMAGE));
        assertThat(Files.readString(project.resolve("Pulumi.prod.yaml"))).isEqualTo(committed);
    }

    @Test
    void updateLockedByAnotherIsSaidSoAndTheStackFileIsAsCommitted() throws IOException {
        var stack = stack(new CommandResult(255, "", "error: [409] Conflict: Another update is currently in progress."));

        assertThatThrownBy(() -> stack.stage(IMAGE, "v1-3-8")).isInstanceOf(StackLockedException.class)
                .hasMessage("stack prod is locked by another update");

        assertThat(Files.readString(project.resolve("Pulumi.prod.yaml"))).isEqualTo(committed);
    }
}
