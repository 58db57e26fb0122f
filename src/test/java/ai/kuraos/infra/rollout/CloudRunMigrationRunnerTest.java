package ai.kuraos.infra.rollout;

import ai.kuraos.infra.gcp.GoogleApi;
import ai.kuraos.infra.rollout.MigrationRunner.Outcome;
import ai.kuraos.infra.testing.LocalHttpServer;
import com.sun.net.httpserver.HttpExchange;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The migration runner against a local server that speaks the Cloud Run Admin API's executions list, jobs:run,
 * operations and executions.
 */
class CloudRunMigrationRunnerTest {

    private static final String JOB = "/v2/projects/kura-os/locations/europe-southwest1/jobs/kura-migrator";
    private static final String OPERATION = "projects/kura-os/locations/europe-southwest1/operations/op-123";
    private static final String EXECUTION = "projects/kura-os/locations/europe-southwest1/jobs/kura-migrator/executions/kura-migrator-x7k2p";
    private static final String EARLIER = "projects/kura-os/locations/europe-southwest1/jobs/kura-migrator/executions/kura-migrator-earlier";
    private static final String NONE_RUNNING = "{\"executions\": [{\"name\": \"" + EARLIER + "\", \"completionTime\": \"2026-12-07T09:00:00Z\"}]}";

    private static MigrationRunner runner(LocalHttpServer server, Duration timeout) {
        var cloudRun = new GoogleApi("Cloud Run Admin API", server.url(), () -> "token-123", HttpClient.newHttpClient());
        return new CloudRunMigrationRunner(cloudRun, "kura-os", "europe-southwest1", Duration.ofMillis(20), timeout, 2);
    }

    private static String running() {
        return "{\"name\": \"" + OPERATION + "\", \"done\": false, \"metadata\": {\"name\": \"" + EXECUTION + "\"}}";
    }

    private static String succeeded() {
        return "{\"name\": \"" + OPERATION + "\", \"done\": true, \"metadata\": {\"name\": \"" + EXECUTION
                + "\"}, \"response\": {\"name\": \"" + EXECUTION + "\", \"succeededCount\": 1}}";
    }

    /** A job with no execution running; {@code operation} answers every poll of the operation. */
    private interface OperationPolls {
        void answer(HttpExchange exchange, int poll) throws IOException;
    }

    private static LocalHttpServer job(OperationPolls operation) throws IOException {
        var polls = new AtomicInteger();
        return new LocalHttpServer(exchange -> {
            var path = exchange.getRequestURI().getPath();
            if (path.equals(JOB + "/executions")) {
                LocalHttpServer.reply(exchange, 200, NONE_RUNNING);
            } else if (path.equals(JOB + ":run")) {
                LocalHttpServer.reply(exchange, 200, running());
            } else {
                operation.answer(exchange, polls.incrementAndGet());
            }
        });
    }

    @Test
    void looksForARunningExecutionStartsTheJobFollowsTheOperationAndReportsSuccess() throws Exception {
        try (var server = job((exchange, poll) -> LocalHttpServer.reply(exchange, 200, poll < 3 ? running() : succeeded()))) {

            var result = runner(server, Duration.ofSeconds(10)).run();

            assertThat(result).isEqualTo(new MigrationRunner.Result(Outcome.SUCCEEDED, "kura-migrator-x7k2p", "succeeded"));
            assertThat(server.requests).startsWith("GET " + JOB + "/executions Bearer token-123",
                    "POST " + JOB + ":run Bearer token-123", "GET /v2/" + OPERATION + " Bearer token-123");
            assertThat(server.requests).hasSize(5);
        }
    }

    @Test
    void migrationFailsWithTheExecutionsFailedConditions() throws Exception {
        try (var server = job((exchange, poll) -> LocalHttpServer.reply(exchange, 200,
                "{\"name\": \"" + OPERATION + "\", \"done\": true, \"metadata\": {\"name\": \"" + EXECUTION + "\"},"
                        + " \"response\": {\"failedCount\": 1, \"conditions\": [{\"type\": \"Completed\","
                        + " \"state\": \"CONDITION_FAILED\", \"message\": \"Task kura-migrator-x7k2p-task0 failed with exit code 1\"},"
                        + " {\"type\": \"ResourcesAvailable\", \"state\": \"CONDITION_SUCCEEDED\"}]}}"))) {

            var result = runner(server, Duration.ofSeconds(10)).run();

            assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(result.execution()).isEqualTo("kura-migrator-x7k2p");
            assertThat(result.detail()).isEqualTo("Completed: Task kura-migrator-x7k2p-task0 failed with exit code 1");
        }
    }

    @Test
    void migrationFailsWithAnOperationError() throws Exception {
        try (var server = job((exchange, poll) -> LocalHttpServer.reply(exchange, 200,
                "{\"name\": \"" + OPERATION + "\", \"done\": true, \"error\": {\"code\": 9, \"message\": \"The execution was cancelled\"}}"))) {

            var result = runner(server, Duration.ofSeconds(10)).run();

            assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(result.detail()).isEqualTo("The execution was cancelled");
        }
    }

    @Test
    void failsWhenCloudRunRefusesToStartTheJob() throws Exception {
        try (var server = new LocalHttpServer(exchange -> {
            if (exchange.getRequestURI().getPath().endsWith("/executions")) {
                LocalHttpServer.reply(exchange, 200, "{}");
            } else {
                LocalHttpServer.reply(exchange, 403, "{\"error\": {\"code\": 403, \"message\": \"Permission 'run.jobs.run' denied\"}}");
            }
        })) {

            assertThatThrownBy(() -> runner(server, Duration.ofSeconds(10)).run())
                    .hasMessage("Cloud Run Admin API could not start kura-migrator: HTTP 403 Permission 'run.jobs.run' denied");
        }
    }

    @Test
    void migrationHangsPastItsTimeoutAndTheRunnerSaysItGoesOn() throws Exception {
        try (var server = job((exchange, poll) -> LocalHttpServer.reply(exchange, 200, running()))) {

            var result = runner(server, Duration.ofMillis(150)).run();

            assertThat(result.outcome()).isEqualTo(Outcome.TIMED_OUT);
            assertThat(result.execution()).isEqualTo("kura-migrator-x7k2p");
            assertThat(result.detail()).contains("still running after", "goes on running in Cloud Run");
        }
    }

    /** Defect: one poll answered 503 and the deploy failed while the migration went on. */
    @Test
    void migrationPollTransient503IsTriedAgain() throws Exception {
        try (var server = job((exchange, poll) -> {
            if (poll == 1) {
                LocalHttpServer.reply(exchange, 503, "{\"error\": {\"code\": 503, \"message\": \"The service is currently unavailable.\"}}");
            } else {
                LocalHttpServer.reply(exchange, 200, succeeded());
            }
        })) {

            var result = runner(server, Duration.ofSeconds(10)).run();

            assertThat(result.outcome()).isEqualTo(Outcome.SUCCEEDED);
        }
    }

    @Test
    void migrationPollsThatKeepFailingLoseTrackOfTheExecutionWhichIsNotAFailure() throws Exception {
        try (var server = job((exchange, poll) -> LocalHttpServer.reply(exchange, 503,
                "{\"error\": {\"code\": 503, \"message\": \"The service is currently unavailable.\"}}"))) {

            var result = runner(server, Duration.ofSeconds(10)).run();

            assertThat(result.outcome()).isEqualTo(Outcome.LOST_TRACK);
            assertThat(result.execution()).isEqualTo("kura-migrator-x7k2p");
            assertThat(result.detail()).startsWith("lost track of the execution: Cloud Run Admin API could not follow the"
                    + " migration: HTTP 503 The service is currently unavailable. (after 2 retries)")
                    .contains("unknown", "deploying again waits for it");
        }
    }

    @Test
    void migrationStartWithNoAnswerLosesTrackInsteadOfFailing() throws Exception {
        try (var server = new LocalHttpServer(exchange -> {
            if (exchange.getRequestURI().getPath().endsWith("/executions")) {
                LocalHttpServer.reply(exchange, 200, "{}");
            }
            // jobs:run gets no answer: the connection closes (the server may have started the execution).
        })) {

            var result = runner(server, Duration.ofSeconds(10)).run();

            assertThat(result.outcome()).isEqualTo(Outcome.LOST_TRACK);
            assertThat(result.detail()).contains("no usable answer to jobs:run", "an execution may have started");
        }
    }

    /** Defect (review 12): one 503 listing the executions aborted the deploy before anything ran. */
    @Test
    void executionsListTransient503IsTriedAgain() throws Exception {
        var lists = new AtomicInteger();
        try (var server = new LocalHttpServer(exchange -> {
            var path = exchange.getRequestURI().getPath();
            if (path.equals(JOB + "/executions")) {
                if (lists.incrementAndGet() == 1) {
                    LocalHttpServer.reply(exchange, 503, "{\"error\": {\"code\": 503, \"message\": \"The service is currently unavailable.\"}}");
                } else {
                    LocalHttpServer.reply(exchange, 200, NONE_RUNNING);
                }
            } else if (path.equals(JOB + ":run")) {
                LocalHttpServer.reply(exchange, 200, running());
            } else {
                LocalHttpServer.reply(exchange, 200, succeeded());
            }
        })) {

            var result = runner(server, Duration.ofSeconds(10)).run();

            assertThat(result.outcome()).isEqualTo(Outcome.SUCCEEDED);
            assertThat(lists).hasValue(2);
        }
    }

    /** Defect (review 12): an executions list that keeps failing must not let a second migration start. */
    @Test
    void executionsListThatKeepsFailingStartsNothingAndLosesTrack() throws Exception {
        try (var server = new LocalHttpServer(exchange -> LocalHttpServer.reply(exchange, 503,
                "{\"error\": {\"code\": 503, \"message\": \"The service is currently unavailable.\"}}"))) {

            var result = runner(server, Duration.ofSeconds(10)).run();

            assertThat(result.outcome()).isEqualTo(Outcome.LOST_TRACK);
            assertThat(result.detail()).contains("could not list the executions of kura-migrator", "none was started");
            assertThat(server.requests).noneMatch(request -> request.startsWith("POST"));
        }
    }

    /** Defect (review 12): a 429 on jobs:run (refused before anything ran) failed the deploy instead of asking again. */
    @Test
    void jobsRun429IsAskedAgainAndA503IsNeverRepeated() throws Exception {
        var runs = new AtomicInteger();
        try (var server = new LocalHttpServer(exchange -> {
            var path = exchange.getRequestURI().getPath();
            if (path.equals(JOB + "/executions")) {
                LocalHttpServer.reply(exchange, 200, NONE_RUNNING);
            } else if (path.equals(JOB + ":run")) {
                if (runs.incrementAndGet() == 1) {
                    LocalHttpServer.reply(exchange, 429, "{\"error\": {\"code\": 429, \"message\": \"Quota exceeded\"}}");
                } else {
                    LocalHttpServer.reply(exchange, 503, "{\"error\": {\"code\": 503, \"message\": \"Backend error\"}}");
                }
            }
        })) {

            var result = runner(server, Duration.ofSeconds(10)).run();

            assertThat(runs).as("the 429 asked again, the 503 not").hasValue(2);
            assertThat(result.outcome()).isEqualTo(Outcome.LOST_TRACK);
            assertThat(result.detail()).contains("HTTP 503 Backend error", "an execution may have started");
        }
    }

    /** Defect: a re-run started a second `alembic upgrade` beside the one a killed deploy had started. */
    @Test
    void waitsForAnExecutionStillRunningBeforeStartingItsOwn() throws Exception {
        var earlierPolls = new AtomicInteger();
        try (var server = new LocalHttpServer(exchange -> {
            var path = exchange.getRequestURI().getPath();
            var earlierDone = earlierPolls.get() >= 2;
            if (path.equals(JOB + "/executions")) {
                LocalHttpServer.reply(exchange, 200, earlierDone ? NONE_RUNNING
                        : "{\"executions\": [{\"name\": \"" + EARLIER + "\"}]}");
            } else if (path.equals("/v2/" + EARLIER)) {
                earlierPolls.incrementAndGet();
                LocalHttpServer.reply(exchange, 200, earlierPolls.get() >= 2
                        ? "{\"name\": \"" + EARLIER + "\", \"completionTime\": \"2026-12-07T10:00:00Z\"}"
                        : "{\"name\": \"" + EARLIER + "\"}");
            } else if (path.equals(JOB + ":run")) {
                assertThat(earlierPolls.get()).as("started only once the earlier one completed").isGreaterThanOrEqualTo(2);
                LocalHttpServer.reply(exchange, 200, running());
            } else {
                LocalHttpServer.reply(exchange, 200, succeeded());
            }
        })) {

            var result = runner(server, Duration.ofSeconds(10)).run();

            assertThat(result.outcome()).isEqualTo(Outcome.SUCCEEDED);
            assertThat(server.requests).filteredOn(request -> request.startsWith("POST")).hasSize(1);
        }
    }

    @Test
    void startsNoExecutionBesideOneThatKeepsRunningPastTheTimeout() throws Exception {
        try (var server = new LocalHttpServer(exchange -> LocalHttpServer.reply(exchange, 200,
                exchange.getRequestURI().getPath().endsWith("/executions")
                        ? "{\"executions\": [{\"name\": \"" + EARLIER + "\"}]}" : "{\"name\": \"" + EARLIER + "\"}"))) {

            var result = runner(server, Duration.ofMillis(150)).run();

            assertThat(result.outcome()).isEqualTo(Outcome.TIMED_OUT);
            assertThat(result.execution()).isEqualTo("kura-migrator-earlier");
            assertThat(result.detail()).contains("an earlier execution is still running", "none was started beside it");
            assertThat(server.requests).noneMatch(request -> request.startsWith("POST"));
        }
    }

}
