package ai.kuraos.infra.cli;

import ai.kuraos.infra.edge.EdgeNames;
import ai.kuraos.infra.publish.StaticSitePublisher;
import ai.kuraos.infra.publish.SyncPlan;
import ai.kuraos.infra.rollout.Preflight;
import com.google.cloud.storage.StorageOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

@Command(name = "publish-static",
        mixinStandardHelpOptions = true,
        description = {
                "Publishes a built front end to the stack's assets bucket (kura-static-<stack>) so that users see the"
                        + " new version at once, like `gsutil rsync -c -d`:",
                "  - uploads only files that are new or whose checksum differs, fingerprinted assets first and HTML last;",
                "  - sets Content-Type by extension, and Cache-Control by kind: files with a content hash in their name"
                        + " `public, max-age=31536000, immutable`, HTML and other files short-lived and revalidated;",
                "  - deletes the files the build no longer has, once the new ones are up;",
                "  - invalidates the CDN for the changed or deleted files that keep their URL (one `/*` when many).",
                "--dry-run prints every file's action, Content-Type and Cache-Control, and the invalidations, without"
                        + " reading or writing anything in the cloud."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:published (or, with --dry-run, planned)",
                "1:an upload or invalidation failed",
                "2:bad arguments, configuration, a stack without an edge, or missing credentials"})
final class PublishStaticCommand implements Callable<Integer> {

    @Mixin
    private StackOptions stackOptions = new StackOptions();

    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "The built front end, e.g. apps/platform/out.")
    private Path directory;

    @Option(names = "--dry-run", description = "Plan only: print what would happen, touch nothing.")
    private boolean dryRun;

    @Spec
    private CommandSpec spec;

    private final Preflight preflight;

    PublishStaticCommand() {
        this(Preflight.ofThisMachine());
    }

    PublishStaticCommand(Preflight preflight) {
        this.preflight = preflight;
    }

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        var buildProblem = buildProblem();
        buildProblem.ifPresent(problem -> err.println("error: --dir " + directory + ": " + problem));
        var settings = stackOptions.settings(err);
        var edge = settings.flatMap(present -> EdgeCommands.edgeOf(present, err));
        if (buildProblem.isPresent() || edge.isEmpty()) {
            return KuraCli.USAGE;
        }
        var bucket = EdgeNames.assetsBucket(stackOptions.stack);
        var publisher = new StaticSitePublisher(edge.get().cdn(), line -> out.println("==> " + line));
        var build = StaticSitePublisher.readBuild(directory);
        if (dryRun) {
            print(SyncPlan.withoutRemote(build, edge.get().cdn()), bucket, out);
            return KuraCli.OK;
        }
        if (!EdgeCommands.cloudReachable(preflight, err)) {
            return KuraCli.USAGE;
        }
        try {
            var storage = StorageOptions.newBuilder().setProjectId(settings.get().target().project()).build().getService();
            var report = publisher.publish(directory, storage, bucket, EdgeCommands.invalidator(settings.get()));
            out.printf("published %s to gs://%s: %d uploaded, %d unchanged, %d deleted; invalidated %s%n", directory, bucket,
                    report.uploaded(), report.unchanged(), report.deleted(),
                    report.invalidated().isEmpty() ? "nothing" : String.join(", ", report.invalidated()));
            return KuraCli.OK;
        } catch (RuntimeException failure) {
            err.println("error: publishing failed: " + failure.getMessage());
            err.println("  Files already uploaded are consistent (assets go up before the pages that use them);"
                    + " run the same command again to finish.");
            return KuraCli.FAILED;
        }
    }

    private Optional<String> buildProblem() {
        if (!Files.isDirectory(directory)) {
            return Optional.of("not a directory (build the front end first, e.g. `npm run build`)");
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.anyMatch(Files::isRegularFile) ? Optional.empty()
                    : Optional.of("the directory has no files: nothing to publish");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void print(SyncPlan plan, String bucket, PrintWriter out) {
        out.println("Dry run for gs://" + bucket + ": the bucket is not read, so every file is listed as it would be"
                + " uploaded if it differs.");
        out.printf("%-8s %-14s %-34s %-45s %s%n", "ACTION", "KIND", "CONTENT-TYPE", "CACHE-CONTROL", "FILE");
        for (var action : plan.actions()) {
            out.printf("%-8s %-14s %-34s %-45s %s%n", "upload", action.kind().name().toLowerCase(), action.contentType(),
                    action.cacheControl(), action.name());
        }
        out.println("Invalidations if every such file changed: "
                + (plan.invalidations().isEmpty() ? "none" : String.join(", ", plan.invalidations())));
    }
}
