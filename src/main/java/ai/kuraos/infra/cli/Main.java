package ai.kuraos.infra.cli;

import ai.kuraos.infra.PulumiPrograms;

/**
 * One jar, two roles. Started by the Pulumi CLI (which passes no arguments and sets {@code PULUMI_MONITOR}), it is
 * the Pulumi program; started by a person or CI, it is the {@code kura-infra} command line.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0 && System.getenv("PULUMI_MONITOR") != null) {
            PulumiPrograms.runUnderPulumiEngine();
            return;
        }
        System.exit(KuraCli.execute(args));
    }
}
