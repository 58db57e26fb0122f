package ai.kuraos.infra.cli;

import ai.kuraos.infra.backend.BackendNames;
import ai.kuraos.infra.rollout.Preflight;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "rollback",
        mixinStandardHelpOptions = true,
        description = {
                "Sends all of kura-backend's traffic back to the revision tagged `previous` (the one that served before"
                        + " the last promotion) or to the one named with --revision, in one traffic change through the"
                        + " Cloud Run Admin API, done when Cloud Run serves it: nothing is built or migrated, the"
                        + " revision's own image and database connection are reused, no Pulumi update or lock is involved.",
                "It never waits for the stack's rollout lease: it replaces the claim with its own (in the state bucket of"
                        + " PULUMI_BACKEND_URL), so that a deploy in flight puts the rollback's split back and stops.",
                "Without --revision while a deploy's candidate is staged, it takes the candidate out of the split and"
                        + " keeps the serving revision.",
                "A revision that no longer exists or is not ready is refused before anything changes.",
                "The database is not rolled back: a revision can serve only a schema it is compatible with."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:the revision serves all traffic",
                "1:the traffic change failed or was refused; the message says where traffic is",
                "2:bad arguments, configuration or missing prerequisites; nothing was changed"})
final class RollbackCommand implements Callable<Integer> {

    @Mixin
    private StackOptions stackOptions = new StackOptions();

    @Option(names = "--revision", paramLabel = "REVISION",
            description = "The revision to return to, e.g. kura-backend-v1-3-7-4f2a9c"
                    + " (default: the one tagged `previous`).")
    private Optional<String> revision = Optional.empty();

    @Spec
    private CommandSpec spec;

    private final Preflight preflight;

    RollbackCommand() {
        this(Preflight.ofThisMachine());
    }

    RollbackCommand(Preflight preflight) {
        this.preflight = preflight;
    }

    /** A rollback is one Cloud Run call: it needs credentials, neither the Pulumi CLI nor the jar. */
    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        var badRevision = revision.flatMap(BackendNames::revisionProblem);
        badRevision.ifPresent(problem -> err.println("error: --revision " + revision.get() + ": " + problem));
        var settings = stackOptions.settings(err);
        if (badRevision.isPresent() || settings.isEmpty() || !RolloutCommands.ready(preflight.cloudAccessProblems(), err)) {
            return KuraCli.USAGE;
        }
        // The lease records the rollback for a deploy in flight; without the state bucket it warns and goes on.
        var rollout = RolloutCommands.rollout(stackOptions, settings.get(),
                RolloutCommands.StateBucket.from(System.getenv()), out);
        return RolloutCommands.report(stackOptions.stack, () -> rollout.rollback(revision), out, err);
    }
}
