package ai.kuraos.infra.plan;

import ai.kuraos.infra.KuraProgram;
import ai.kuraos.infra.config.StackConfigValues;
import ai.kuraos.infra.config.StackSettings;
import ai.kuraos.infra.config.StackSettingsParser;

/** Plans a stack of a project offline: its config file, validated into settings, then the program under the mock engine. */
public final class StackPlanner {

    private StackPlanner() {
    }

    /** The stack's validated settings; throws {@link ai.kuraos.infra.config.InvalidConfigException} with every error. */
    public static StackSettings settings(ProjectLayout layout, String stack) {
        return StackSettingsParser.parse(stack, StackConfigValues.fromStackFile(layout.stackConfigFile(stack)));
    }

    public static Plan plan(String project, StackSettings settings) {
        return OfflineEngine.run(project, settings.target().stack(), ctx -> KuraProgram.define(ctx, settings));
    }
}
