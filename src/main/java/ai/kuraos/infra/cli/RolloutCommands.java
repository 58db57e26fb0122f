package ai.kuraos.infra.cli;

import ai.kuraos.infra.StackSettings;
import ai.kuraos.infra.gcp.GoogleAccessTokens;
import ai.kuraos.infra.gcp.GoogleApi;
import ai.kuraos.infra.plan.ProjectLayout;
import ai.kuraos.infra.rollout.AutomationStackOperations;
import ai.kuraos.infra.rollout.CloudRunMigrationRunner;
import ai.kuraos.infra.rollout.HttpHealthProbe;
import ai.kuraos.infra.rollout.Preflight;
import ai.kuraos.infra.rollout.Rollout;
import ai.kuraos.infra.rollout.RolloutFailedException;
import ai.kuraos.infra.rollout.RolloutReport;

import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/** What {@code deploy} and {@code rollback} share: the preflight, the wiring of the real adapters, the reporting. */
final class RolloutCommands {

    private RolloutCommands() {
    }

    /** Prints every missing prerequisite; true when there is none. */
    static boolean ready(Preflight preflight, ProjectLayout layout, PrintWriter err) {
        var problems = preflight.problems(layout);
        problems.forEach(problem -> err.println("error: " + problem));
        if (!problems.isEmpty()) {
            err.println("nothing was changed: fix the above and run the command again");
        }
        return problems.isEmpty();
    }

    static Rollout rollout(StackOptions options, StackSettings settings, PrintWriter out) {
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        var target = settings.target();
        var migrationTimeout = Duration.ofSeconds(settings.backend().migrationTimeoutSeconds()).plusMinutes(5);
        return new Rollout(
                new AutomationStackOperations(options.layout(), options.stack, out::println),
                new CloudRunMigrationRunner(
                        new GoogleApi("Cloud Run Admin API", GoogleApi.CLOUD_RUN, GoogleAccessTokens.fromEnvironment(), http),
                        target.project(), target.region(), Duration.ofSeconds(5), migrationTimeout),
                new HttpHealthProbe(http, Duration.ofSeconds(30), 5, Duration.ofSeconds(10)),
                Clock.systemUTC(),
                line -> out.println("==> " + line));
    }

    /** Runs a rollout action and reports its outcome; the exit code. */
    static int report(String stack, Supplier<RolloutReport> action, PrintWriter out, PrintWriter err) {
        try {
            var report = action.get();
            out.println();
            out.println(report.servingRevision() + " has all the traffic of stack " + stack + ".");
            out.println("  " + report.describeTimings());
            out.println("  previous revision: " + report.previousRevision() + " (`java -jar target/kura-infra.jar"
                    + " rollback --stack " + stack + "` returns to it)");
            out.println("Pulumi." + stack + ".yaml now records this state: commit it, so that the next `pulumi up` keeps it.");
            return KuraCli.OK;
        } catch (RolloutFailedException failed) {
            err.println("error: " + failed.getMessage());
            err.println("  " + failed.advice());
            return KuraCli.FAILED;
        }
    }
}
