package ai.kuraos.infra.plan;

import ai.kuraos.infra.KuraProgram;
import ai.kuraos.infra.StackSettings;
import ai.kuraos.infra.bootstrap.BootstrapProgram;
import ai.kuraos.infra.bootstrap.BootstrapSettingsParser;
import ai.kuraos.infra.component.LiveDescriptions;
import ai.kuraos.infra.config.StackConfigValues;

import java.util.function.Supplier;

/**
 * Plans a stack of a project offline: its config file, validated into settings, then the project's program under the
 * mock engine. The repository has two projects: the platform ({@value KuraProgram#PROJECT}) and its bootstrap
 * ({@value BootstrapProgram#PROJECT}, in {@code bootstrap/}).
 */
public final class StackPlanner {

    private StackPlanner() {
    }

    /** A stack whose configuration is valid, ready to plan. */
    public record PreparedStack(ProjectLayout layout, String stack, Supplier<Plan> planner) {

        public Plan plan() {
            return planner.get();
        }
    }

    /** Validates a stack of whichever project {@code layout} holds; throws with every error of its configuration. */
    public static PreparedStack prepare(ProjectLayout layout, String stack) {
        var project = layout.projectName();
        var values = StackConfigValues.fromStackFile(layout.stackConfigFile(stack));
        return switch (project) {
            case KuraProgram.PROJECT -> {
                var settings = StackSettings.parse(stack, values, LiveDescriptions.ofStack(layout.root(), stack));
                yield new PreparedStack(layout, stack, () -> plan(project, settings));
            }
            case BootstrapProgram.PROJECT -> {
                var settings = BootstrapSettingsParser.parse(stack, values);
                yield new PreparedStack(layout, stack,
                        () -> OfflineEngine.run(project, stack, ctx -> BootstrapProgram.define(ctx, settings,
                                KuraProgram.PROJECT)));
            }
            default -> throw new IllegalArgumentException(layout.root().resolve("Pulumi.yaml") + " names project '"
                    + project + "'; this jar holds the programs " + KuraProgram.PROJECT + " and " + BootstrapProgram.PROJECT);
        };
    }

    /** The platform stack's validated settings; throws {@link ai.kuraos.infra.config.InvalidConfigException} with every error. */
    public static StackSettings settings(ProjectLayout layout, String stack) {
        return StackSettings.parse(stack, StackConfigValues.fromStackFile(layout.stackConfigFile(stack)),
                LiveDescriptions.ofStack(layout.root(), stack));
    }

    public static Plan plan(String project, StackSettings settings) {
        return OfflineEngine.run(project, settings.target().stack(), ctx -> KuraProgram.define(ctx, settings));
    }
}
