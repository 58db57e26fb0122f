package ai.kuraos.infra.rollout;

import ai.kuraos.infra.plan.ProjectLayout;
import ai.kuraos.infra.plan.StackPlanner;
import com.pulumi.automation.AutomationException;
import com.pulumi.automation.ConcurrentUpdateException;
import com.pulumi.automation.ConfigValue;
import com.pulumi.automation.LocalWorkspace;
import com.pulumi.automation.LocalWorkspaceOptions;
import com.pulumi.automation.UpOptions;
import com.pulumi.automation.WorkspaceStack;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@link StackOperations} through the Pulumi Automation API: a local workspace on this project, so that each update is
 * {@code pulumi up} of this very program (the CLI runs the jar, with {@link ShortRunJvm}'s options). Config changes land
 * in {@code Pulumi.<stack>.yaml}.
 */
public final class AutomationStackOperations implements StackOperations {

    /** The stack output naming the revision of the stack's release (KuraProgram). */
    static final String REVISION_OUTPUT = "backendRevision";

    private final ProjectLayout layout;
    private final String stackName;
    private final Consumer<String> output;
    private WorkspaceStack stack;

    public AutomationStackOperations(ProjectLayout layout, String stackName, Consumer<String> output) {
        this.layout = layout;
        this.stackName = stackName;
        this.output = output;
    }

    @Override
    public BackendState current() {
        try {
            var revision = Optional.ofNullable(stack().getOutputs().get(REVISION_OUTPUT))
                    .map(output -> String.valueOf(output.value())).filter(name -> !name.isBlank());
            return BackendState.of(StackPlanner.settings(layout, stackName).backend(), revision);
        } catch (AutomationException failure) {
            throw new IllegalStateException(failure.getMessage(), failure);
        }
    }

    @Override
    public Staged stage(String image, String release, String servingRevision) {
        var outputs = update(RolloutConfig.stage(image, release, servingRevision)).outputs();
        return new Staged(required(outputs, REVISION_OUTPUT), URI.create(required(outputs, "backendCandidateUrl")));
    }

    private static String required(Map<String, com.pulumi.automation.OutputValue> outputs, String name) {
        var output = outputs.get(name);
        if (output == null || String.valueOf(output.value()).isBlank()) {
            throw new IllegalStateException("the update finished but the stack has no " + name + " output");
        }
        return String.valueOf(output.value());
    }

    @Override
    public void promote(String previousRevision) {
        update(RolloutConfig.promote(previousRevision));
    }

    @Override
    public void pin(String revision) {
        update(RolloutConfig.pin(revision));
    }

    private com.pulumi.automation.UpResult update(Map<String, Optional<String>> edits) {
        try {
            var workspaceStack = stack();
            for (var edit : edits.entrySet()) {
                if (edit.getValue().isPresent()) {
                    workspaceStack.setConfig(edit.getKey(), new ConfigValue(edit.getValue().get()), true);
                } else {
                    workspaceStack.removeConfig(edit.getKey(), true);
                }
            }
            return workspaceStack.up(UpOptions.builder().onStandardOutput(line -> output.accept("  | " + line)).build());
        } catch (ConcurrentUpdateException locked) {
            throw new StackLockedException(stackName, locked);
        } catch (AutomationException failure) {
            throw new IllegalStateException(failure.getMessage(), failure);
        }
    }

    private WorkspaceStack stack() throws AutomationException {
        if (stack == null) {
            // The CLI runs this program again (Pulumi.yaml): the same short-run JVM as every other run of it.
            var options = LocalWorkspaceOptions.builder()
                    .environmentVariables(ShortRunJvm.forPulumiCli(System.getenv()))
                    .build();
            stack = LocalWorkspace.selectStack(stackName, layout.root(), options);
        }
        return stack;
    }
}
