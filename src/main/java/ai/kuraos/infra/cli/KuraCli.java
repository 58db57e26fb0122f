package ai.kuraos.infra.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine;

import java.io.PrintWriter;

/** The {@code kura-infra} command line: the offline plan, the backend's rollout, and the edge's publishing. */
@Command(name = "kura-infra",
        mixinStandardHelpOptions = true,
        versionProvider = BuildVersion.class,
        description = "Infrastructure of the Kura platform on Google Cloud. Run by the Pulumi CLI without arguments,"
                + " it is the Pulumi program; with a command, it is this tool.",
        subcommands = {PlanCommand.class, AdoptCommand.class, DeployCommand.class, RollbackCommand.class, PublishStaticCommand.class,
                PurgeCdnCommand.class, CostCommand.class, RefreshPricesCommand.class, PolicyCommand.class,
                CertificatesCommand.class})
public final class KuraCli {

    /** Exit codes shared by every command. */
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    public static int execute(String... args) {
        return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        return execute(out, err, CommandLine.defaultFactory(), args);
    }

    /** With a factory for the commands, e.g. to give {@code deploy} a preflight that does not look at this machine. */
    static int execute(PrintWriter out, PrintWriter err, CommandLine.IFactory factory, String... args) {
        var commandLine = new CommandLine(new KuraCli(), factory).setOut(out).setErr(err);
        if (args.length == 0) {
            commandLine.usage(out);
            return USAGE;
        }
        var code = commandLine.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
