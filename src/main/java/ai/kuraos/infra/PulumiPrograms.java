package ai.kuraos.infra;

import ai.kuraos.infra.bootstrap.BootstrapProgram;
import com.pulumi.Pulumi;

/** Under the Pulumi CLI, the project being run ({@code Pulumi.yaml}'s name) decides which program the jar is. */
public final class PulumiPrograms {

    private PulumiPrograms() {
    }

    public static void runUnderPulumiEngine() {
        Pulumi.run(ctx -> {
            switch (ctx.projectName()) {
                case KuraProgram.PROJECT -> KuraProgram.define(ctx);
                case BootstrapProgram.PROJECT -> BootstrapProgram.define(ctx, KuraProgram.PROJECT);
                default -> throw new IllegalStateException("this jar runs the Pulumi projects " + KuraProgram.PROJECT
                        + " and " + BootstrapProgram.PROJECT + ", not '" + ctx.projectName() + "'");
            }
        });
    }
}
