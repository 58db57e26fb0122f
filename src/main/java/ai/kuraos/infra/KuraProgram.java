package ai.kuraos.infra;

import ai.kuraos.infra.config.StackConfigValues;
import ai.kuraos.infra.config.StackSettings;
import ai.kuraos.infra.config.StackSettingsParser;
import ai.kuraos.infra.platform.Foundation;
import com.pulumi.Context;
import com.pulumi.Pulumi;

/**
 * The Pulumi program: wires every component from one stack's validated settings. The Pulumi CLI runs it with the
 * stack's configuration from the language host; {@code plan} runs the very same function under the mock engine.
 */
public final class KuraProgram {

    private KuraProgram() {
    }

    public static void define(Context ctx, StackSettings settings) {
        settings.configWarnings().forEach(ctx.log()::warn);

        var foundation = new Foundation("foundation", settings.target(), settings.foundation());

        ctx.export("network", foundation.networkName());
        ctx.export("subnetwork", foundation.subnetworkName());
        ctx.export("artifactRegistry", foundation.registryUrl());
        ctx.export("backendServiceAccount", foundation.backendServiceAccount().email());
        ctx.export("migratorServiceAccount", foundation.migratorServiceAccount().email());
    }

    /** Entry point under {@code pulumi preview/up}: configuration comes from the language host's environment. */
    static void runUnderPulumiEngine() {
        Pulumi.run(ctx -> define(ctx, StackSettingsParser.parse(
                ctx.stackName(), StackConfigValues.fromEngineEnvironment(System.getenv()))));
    }
}
