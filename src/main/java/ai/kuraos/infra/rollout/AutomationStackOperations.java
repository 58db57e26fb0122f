package ai.kuraos.infra.rollout;

import ai.kuraos.infra.plan.ProjectLayout;
import com.pulumi.automation.AutomationException;
import com.pulumi.automation.ConcurrentUpdateException;
import com.pulumi.automation.ConfigValue;
import com.pulumi.automation.LocalWorkspace;
import com.pulumi.automation.LocalWorkspaceOptions;
import com.pulumi.automation.OutputValue;
import com.pulumi.automation.PulumiCommand;
import com.pulumi.automation.RefreshOptions;
import com.pulumi.automation.UpOptions;
import com.pulumi.automation.WorkspaceStack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@link StackOperations} through the Pulumi Automation API: a local workspace on this project, so that each update is
 * {@code pulumi up} of this very program (the CLI runs the jar, with {@link ShortRunJvm}'s options). The refresh
 * before it matters: the service's traffic is not declared, so the provider sends back the split the state holds,
 * which must be the live one.
 */
public final class AutomationStackOperations implements StackOperations {

    /** The stack output naming the revision of the stack's release (KuraProgram). */
    static final String REVISION_OUTPUT = "backendRevision";

    /** Where the Pulumi CLI comes from: found on PATH when the first update needs it. */
    public interface Cli {
        PulumiCommand find() throws AutomationException;
    }

    private final ProjectLayout layout;
    private final String stackName;
    private final Cli cli;
    private final Consumer<String> output;
    private WorkspaceStack stack;

    public AutomationStackOperations(ProjectLayout layout, String stackName, Cli cli, Consumer<String> output) {
        this.layout = layout;
        this.stackName = stackName;
        this.cli = cli;
        this.output = output;
    }

    @Override
    public Staged stage(String image, String release) {
        var stackFile = layout.stackConfigFile(stackName);
        byte[] committed;
        try {
            committed = Files.readAllBytes(stackFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            var workspaceStack = stack();
            for (var edit : RolloutConfig.stage(image, release).entrySet()) {
                workspaceStack.setConfig(edit.getKey(), new ConfigValue(edit.getValue()), true);
            }
            workspaceStack.refresh(RefreshOptions.builder().onStandardOutput(line -> output.accept("  | " + line)).build());
            var outputs = workspaceStack.up(UpOptions.builder().onStandardOutput(line -> output.accept("  | " + line)).build())
                    .outputs();
            var serving = optional(outputs, "apiUrl").or(() -> optional(outputs, "backendUrl")).orElseThrow(
                    () -> new IllegalStateException("the update finished but the stack has no backendUrl output"));
            return new Staged(optional(outputs, REVISION_OUTPUT).orElseThrow(() -> new IllegalStateException(
                    "the update finished but the stack has no " + REVISION_OUTPUT + " output")),
                    optional(outputs, "backendCandidateUrl").map(URI::create), URI.create(serving));
        } catch (ConcurrentUpdateException locked) {
            throw new StackLockedException(stackName, locked);
        } catch (AutomationException failure) {
            throw new IllegalStateException(failure.getMessage(), failure);
        } finally {
            try {
                Files.write(stackFile, committed);
            } catch (IOException e) {
                output.accept("could not restore " + stackFile + " (" + e.getMessage() + "): `git checkout` it");
            }
        }
    }

    private static Optional<String> optional(Map<String, OutputValue> outputs, String name) {
        return Optional.ofNullable(outputs.get(name)).map(value -> String.valueOf(value.value()))
                .filter(value -> !value.isBlank());
    }

    private WorkspaceStack stack() throws AutomationException {
        if (stack == null) {
            // The CLI runs this program again (Pulumi.yaml): the same short-run JVM as every other run of it.
            var options = LocalWorkspaceOptions.builder()
                    .pulumiCommand(cli.find())
                    .environmentVariables(ShortRunJvm.forPulumiCli(System.getenv()))
                    .build();
            stack = LocalWorkspace.selectStack(stackName, layout.root(), options);
        }
        return stack;
    }
}
