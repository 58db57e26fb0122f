package ai.kuraos.infra.cli;

import ai.kuraos.infra.StackSettings;
import ai.kuraos.infra.bootstrap.StateBackend;
import ai.kuraos.infra.gcp.GoogleAccessTokens;
import ai.kuraos.infra.gcp.GoogleApi;
import ai.kuraos.infra.rollout.AutomationStackOperations;
import com.pulumi.automation.LocalPulumiCommand;
import ai.kuraos.infra.rollout.CloudRunAdminService;
import ai.kuraos.infra.rollout.CloudRunMigrationRunner;
import ai.kuraos.infra.rollout.GcsRolloutLease;
import ai.kuraos.infra.rollout.HttpHealthProbe;
import ai.kuraos.infra.rollout.Rollout;
import ai.kuraos.infra.rollout.RolloutFailedException;
import ai.kuraos.infra.rollout.RolloutLease;
import ai.kuraos.infra.rollout.RolloutReport;

import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** What {@code deploy} and {@code rollback} share: the preflight, the wiring of the real adapters, the reporting. */
final class RolloutCommands {

    /** Where the Pulumi CLI keeps the state: a gs:// URL, whose bucket also holds each stack's rollout lease. */
    static final String BACKEND_URL_VARIABLE = "PULUMI_BACKEND_URL";
    /** Transient errors in a row a poll of Cloud Run survives. */
    private static final int TRANSIENT_RETRIES = 5;

    private RolloutCommands() {
    }

    /** Prints every missing prerequisite; true when there is none. */
    static boolean ready(List<String> problems, PrintWriter err) {
        problems.forEach(problem -> err.println("error: " + problem));
        if (!problems.isEmpty()) {
            err.println("nothing was changed: fix the above and run the command again");
        }
        return problems.isEmpty();
    }

    /** The state bucket's name and the path under it, from {@code gs://bucket[/path]}. */
    record StateBucket(String bucket, String prefix) {

        static Optional<StateBucket> from(Map<String, String> environment) {
            var url = environment.getOrDefault(BACKEND_URL_VARIABLE, "");
            if (!url.startsWith("gs://") || url.length() == "gs://".length()) {
                return Optional.empty();
            }
            var path = url.substring("gs://".length()).replaceAll("/+$", "");
            var slash = path.indexOf('/');
            return Optional.of(slash < 0 ? new StateBucket(path, "") : new StateBucket(path.substring(0, slash),
                    path.substring(slash + 1) + "/"));
        }

        String leaseObject(String stack) {
            return prefix + StateBackend.rolloutLeaseObject(stack);
        }
    }

    static String leaseProblem() {
        return BACKEND_URL_VARIABLE + " must be the gs:// URL of the Pulumi state bucket (as for `pulumi login`): each"
                + " stack's rollout lease lives there";
    }

    /** @param state where the lease lives; a rollback may go without (it warns that no deploy in flight hears of it) */
    static Rollout rollout(StackOptions options, StackSettings settings, Optional<StateBucket> state, PrintWriter out) {
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        var target = settings.target();
        var tokens = GoogleAccessTokens.fromEnvironment();
        var cloudRun = new GoogleApi("Cloud Run Admin API", GoogleApi.CLOUD_RUN, tokens, http);
        var migrationTimeout = Duration.ofSeconds(settings.backend().migrationTimeoutSeconds()).plusMinutes(5);
        var clock = Clock.systemUTC();
        return new Rollout(
                new AutomationStackOperations(options.layout(), options.stack, LocalPulumiCommand::create, out::println),
                new CloudRunAdminService(cloudRun, target.project(), target.region(), Duration.ofSeconds(2),
                        Duration.ofMinutes(5)),
                new CloudRunMigrationRunner(cloudRun, target.project(), target.region(), Duration.ofSeconds(5),
                        migrationTimeout, TRANSIENT_RETRIES),
                // Three healthy answers in a row within two minutes, each bounded whole by what is left of them.
                new HttpHealthProbe(http, Duration.ofMinutes(2), 3, Duration.ofSeconds(5), clock),
                state.<RolloutLease>map(bucket -> new GcsRolloutLease(new GoogleApi("Cloud Storage JSON API",
                                GoogleApi.STORAGE, tokens, http), bucket.bucket(), bucket.leaseObject(options.stack), clock))
                        .orElse(new RolloutLease() {
                            @Override
                            public Held acquire(Claim claim) {
                                throw new IllegalStateException(leaseProblem());
                            }

                            @Override
                            public Preemption preempt(Claim claim) {
                                throw new IllegalStateException(leaseProblem());
                            }

                            @Override
                            public Optional<Standing> standing() {
                                throw new IllegalStateException(leaseProblem());
                            }
                        }),
                holder(System.getenv()),
                // Longer than any deploy takes (the migration's wait dominates): only a dead run's claim goes stale.
                migrationTimeout.plusMinutes(30),
                clock,
                line -> out.println("==> " + line));
    }

    /** Who holds the lease: the CI run, or the person and machine. */
    static String holder(Map<String, String> environment) {
        if (environment.containsKey("GITHUB_RUN_ID")) {
            return "GitHub Actions run " + environment.getOrDefault("GITHUB_SERVER_URL", "https://github.com") + "/"
                    + environment.getOrDefault("GITHUB_REPOSITORY", "") + "/actions/runs/" + environment.get("GITHUB_RUN_ID");
        }
        var host = environment.getOrDefault("HOSTNAME", environment.getOrDefault("COMPUTERNAME", "an unnamed machine"));
        return System.getProperty("user.name") + " on " + host;
    }

    /** Runs a rollout action and reports its outcome; the exit code. */
    static int report(String stack, Supplier<RolloutReport> action, PrintWriter out, PrintWriter err) {
        try {
            var report = action.get();
            out.println();
            out.println(report.servingRevision() + " has all the traffic of stack " + stack + ".");
            out.println("  " + report.describeTimings());
            out.println(report.previousRevision().map(previous -> "  previous revision: " + previous
                            + " (`java -jar target/kura-infra.jar rollback --stack " + stack + "` returns to it)")
                    .orElse("  no previous revision is recorded: `rollback` needs --revision"));
            out.println("Cloud Run holds this state (its traffic split and tags): there is nothing to commit.");
            return KuraCli.OK;
        } catch (RolloutFailedException failed) {
            err.println("error: " + failed.getMessage());
            err.println("  " + failed.advice());
            return KuraCli.FAILED;
        }
    }
}
