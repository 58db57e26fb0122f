package ai.kuraos.infra.rollout;

import ai.kuraos.infra.gcp.GoogleApi;
import ai.kuraos.infra.testing.LocalHttpServer;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The migration runner against a local server that speaks the Cloud Run Admin API's jobs:run and operations. */
class CloudRunMigrationRunnerTest {

    private static final String JOB = "/v2/projects/kura-os/locations/europe-southwest1/jobs/kura-migrator";
    private static final String OPERATION = "projects/kura-os/locations/europe-southwest1/operations/op-123";
    private static final String EXECUTION = "projects/kura-os/locations/europe-southwest1/jobs/kura-migrator/executions/kura-migrator-x7k2p";

    private static MigrationRunner runner(LocalHttpServer server, Duration timeout) {
        var cloudRun = new GoogleApi("Cloud Run Admin API", server.url(), () -> "token-123", HttpClient.newHttpClient());
        return new CloudRunMigrationRunner(cloudRun, "kura-os", "europe-southwest1", Duration.ofMillis(20), timeout);
    }

    private static String running() {
        return "{\"name\": \"" + OPERATION + "\", \"done\": false, \"metadata\": {\"name\": \"" + EXECUTION + "\"}}";
    }

    @Test
    void startsTheJobFollowsTheOperationAndReportsSuccess() throws Exception {
        var polls = new AtomicInteger();
        try (var server = new LocalHttpServer(exchange -> {
            if (exchange.getRequestURI().getPath().equals(JOB + ":run")) {
                LocalHttpServer.reply(exchange, 200, running());
            } else if (polls.incrementAndGet() < 3) {
                LocalHttpServer.reply(exchange, 200, running());
            } else {
                LocalHttpServer.reply(exchange, 200, "{\"name\": \"" + OPERATION + "\", \"done\": true, \"metadata\": {\"name\": \""
                        + EXECUTION + "\"}, \"response\": {\"name\": \"" + EXECUTION + "\", \"succeededCount\": 1}}");
            }
        })) {

            var result = runner(server, Duration.ofSeconds(10)).run();

            assertThat(result).isEqualTo(new MigrationRunner.Result(true, "kura-migrator-x7k2p", "succeeded"));
            assertThat(server.requests).first().isEqualTo("POST " + JOB + ":run Bearer token-123");
            assertThat(server.requests).element(1).isEqualTo("GET /v2/" + OPERATION + " Bearer token-123");
            assertThat(server.requests).hasSize(4);
        }
    }

    @Test
    void reportsAFailedExecutionWithItsFailedConditions() throws Exception {
        try (var server = new LocalHttpServer(exchange -> LocalHttpServer.reply(exchange, 200,
                "{\"name\": \"" + OPERATION + "\", \"done\": true, \"metadata\": {\"name\": \"" + EXECUTION + "\"},"
                        + " \"response\": {\"failedCount\": 1, \"conditions\": [{\"type\": \"Completed\","
                        + " \"state\": \"CONDITION_FAILED\", \"message\": \"Task kura-migrator-x7k2p-task0 failed with exit code 1\"},"
                        + " {\"type\": \"ResourcesAvailable\", \"state\": \"CONDITION_SUCCEEDED\"}]}}"))) {

            var result = runner(server, Duration.ofSeconds(10)).run();

            assertThat(result.succeeded()).isFalse();
            assertThat(result.execution()).isEqualTo("kura-migrator-x7k2p");
            assertThat(result.detail()).isEqualTo("Completed: Task kura-migrator-x7k2p-task0 failed with exit code 1");
        }
    }

    @Test
    void reportsAnOperationError() throws Exception {
        try (var server = new LocalHttpServer(exchange -> LocalHttpServer.reply(exchange, 200,
                "{\"name\": \"" + OPERATION + "\", \"done\": true, \"error\": {\"code\": 9, \"message\": \"The execution was cancelled\"}}"))) {

            var result = runner(server, Duration.ofSeconds(10)).run();

            assertThat(result.succeeded()).isFalse();
            assertThat(result.detail()).isEqualTo("The execution was cancelled");
        }
    }

    @Test
    void failsWhenCloudRunRefusesToStartTheJob() throws Exception {
        try (var server = new LocalHttpServer(exchange -> LocalHttpServer.reply(exchange, 403,
                "{\"error\": {\"code\": 403, \"message\": \"Permission 'run.jobs.run' denied\"}}"))) {

            assertThatThrownBy(() -> runner(server, Duration.ofSeconds(10)).run())
                    .hasMessage("Cloud Run Admin API could not start kura-migrator: HTTP 403 Permission 'run.jobs.run' denied");
        }
    }

    @Test
    void stopsWaitingAfterTheTimeoutAndSaysTheExecutionGoesOn() throws Exception {
        try (var server = new LocalHttpServer(exchange -> LocalHttpServer.reply(exchange, 200, running()))) {

            var result = runner(server, Duration.ofMillis(100)).run();

            assertThat(result.succeeded()).isFalse();
            assertThat(result.execution()).isEqualTo("kura-migrator-x7k2p");
            assertThat(result.detail()).contains("still running after", "goes on running in Cloud Run");
        }
    }
}
