package ai.kuraos.infra.cli;

import ai.kuraos.infra.edge.EdgeNames;
import ai.kuraos.infra.rollout.Preflight;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "purge-cdn",
        mixinStandardHelpOptions = true,
        description = {
                "The seeds' \"Purge CDN\" button as a command: invalidates a path of the stack's URL map (kura-lb) and"
                        + " waits until Cloud CDN has dropped it, printing the operation's id.",
                "Prefer publish-static, which invalidates only what changed; the next request for each purged path is"
                        + " slower."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:the path is invalidated",
                "1:the invalidation failed",
                "2:bad arguments, configuration, a stack without an edge, or missing credentials"})
final class PurgeCdnCommand implements Callable<Integer> {

    @Mixin
    private StackOptions stackOptions = new StackOptions();

    @Option(names = "--path", paramLabel = "PATH", defaultValue = "/*",
            description = "The URL path to invalidate, e.g. /index.html or /assets/* (default: /*, everything).")
    private String path;

    @Spec
    private CommandSpec spec;

    private final Preflight preflight;

    PurgeCdnCommand() {
        this(Preflight.ofThisMachine());
    }

    PurgeCdnCommand(Preflight preflight) {
        this.preflight = preflight;
    }

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        var badPath = !path.startsWith("/") || path.contains(" ");
        if (badPath) {
            err.println("error: --path " + path + ": expected a URL path starting with /, e.g. /index.html or /*");
        }
        var settings = stackOptions.settings(err);
        var edge = settings.flatMap(present -> EdgeCommands.edgeOf(present, err));
        if (badPath || edge.isEmpty()) {
            return KuraCli.USAGE;
        }
        if (!EdgeCommands.cloudReachable(preflight, err)) {
            return KuraCli.USAGE;
        }
        try {
            var invalidator = EdgeCommands.invalidator(settings.get());
            var operation = invalidator.invalidate(path);
            out.println("invalidating " + path + " on " + EdgeNames.URL_MAP + " (operation " + operation + ")...");
            invalidator.awaitDone(operation);
            out.println("done: " + path + " is no longer cached (operation " + operation + ")");
            return KuraCli.OK;
        } catch (RuntimeException failure) {
            err.println("error: " + failure.getMessage());
            return KuraCli.FAILED;
        }
    }
}
