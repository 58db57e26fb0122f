package ai.kuraos.infra.rollout;

import ai.kuraos.infra.backend.BackendNames;
import ai.kuraos.infra.gcp.GoogleApi;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Runs {@code kura-migrator} through the Cloud Run Admin API (v2): {@code jobs:run} starts an execution as a
 * long-running operation, which is polled until it is done.
 */
public final class CloudRunMigrationRunner implements MigrationRunner {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final GoogleApi cloudRun;
    private final String project;
    private final String region;
    private final Duration pollInterval;
    private final Duration timeout;

    public CloudRunMigrationRunner(GoogleApi cloudRun, String project, String region, Duration pollInterval,
                                   Duration timeout) {
        this.cloudRun = cloudRun;
        this.project = project;
        this.region = region;
        this.pollInterval = pollInterval;
        this.timeout = timeout;
    }

    @Override
    public Result run() {
        var job = "v2/projects/" + project + "/locations/" + region + "/jobs/" + BackendNames.MIGRATOR_JOB;
        var operation = cloudRun.post(job + ":run", "{}", CALL_TIMEOUT, "start " + BackendNames.MIGRATOR_JOB);
        var deadline = Instant.now().plus(timeout);
        while (!operation.path("done").asBoolean(false)) {
            if (Instant.now().isAfter(deadline)) {
                return new Result(false, execution(operation), "still running after " + timeout.toMinutes()
                        + " minutes; it goes on running in Cloud Run");
            }
            sleep();
            operation = cloudRun.get("v2/" + operation.path("name").asText(), CALL_TIMEOUT, "follow the migration");
        }
        if (operation.has("error")) {
            return new Result(false, execution(operation), operation.path("error").path("message").asText("failed"));
        }
        var execution = operation.path("response");
        var succeeded = execution.path("succeededCount").asInt(0) >= 1 && execution.path("failedCount").asInt(0) == 0;
        return new Result(succeeded, execution(operation), succeeded ? "succeeded" : conditions(execution));
    }

    /** The execution's short name, from the operation's metadata or result. */
    private static String execution(JsonNode operation) {
        var name = operation.path("metadata").path("name").asText(operation.path("response").path("name").asText(""));
        return name.isEmpty() ? operation.path("name").asText("(unknown)") : name.substring(name.lastIndexOf('/') + 1);
    }

    private static String conditions(JsonNode execution) {
        var failures = StreamSupport.stream(execution.path("conditions").spliterator(), false)
                .filter(condition -> condition.path("state").asText().equals("CONDITION_FAILED"))
                .map(condition -> condition.path("type").asText() + ": " + condition.path("message").asText())
                .collect(Collectors.joining("; "));
        return failures.isEmpty() ? execution.path("failedCount").asInt(0) + " task(s) failed" : failures;
    }

    private void sleep() {
        try {
            Thread.sleep(pollInterval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the migration", e);
        }
    }
}
