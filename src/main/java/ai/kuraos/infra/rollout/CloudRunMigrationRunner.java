package ai.kuraos.infra.rollout;

import ai.kuraos.infra.backend.BackendNames;
import ai.kuraos.infra.gcp.GoogleApi;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Runs {@code kura-migrator} through the Cloud Run Admin API (v2). It first lists the job's executions and waits for
 * one that is still running; then {@code jobs:run} starts an execution as a long-running operation, which is polled
 * until it is done. A poll that fails transiently (no answer, 429, 5xx) is tried again, up to
 * {@code transientRetries} times in a row; past that the runner has lost track of the execution, which is not the
 * same as the execution failing.
 */
public final class CloudRunMigrationRunner implements MigrationRunner {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final GoogleApi cloudRun;
    private final String job;
    private final Duration pollInterval;
    private final Duration timeout;
    private final int transientRetries;
    private String lastPollFailure = "";

    public CloudRunMigrationRunner(GoogleApi cloudRun, String project, String region, Duration pollInterval,
                                   Duration timeout, int transientRetries) {
        this.cloudRun = cloudRun;
        this.job = "v2/projects/" + project + "/locations/" + region + "/jobs/" + BackendNames.MIGRATOR_JOB;
        this.pollInterval = pollInterval;
        this.timeout = timeout;
        this.transientRetries = transientRetries;
    }

    @Override
    public Result run() {
        var deadline = Instant.now().plus(timeout);
        var listed = runningExecution();
        if (listed.isEmpty()) {
            return new Result(Outcome.LOST_TRACK, "(unknown)", cannotList());
        }
        var running = listed.get();
        while (running.isPresent()) {
            var fullName = running.get();
            var name = shortName(fullName);
            if (Instant.now().isAfter(deadline)) {
                return new Result(Outcome.TIMED_OUT, name, "an earlier execution is still running after "
                        + timeout.toMinutes() + " minutes; none was started beside it");
            }
            Pause.of(pollInterval, "the earlier migration " + name);
            var execution = poll(() -> cloudRun.get("v2/" + fullName, CALL_TIMEOUT, "follow the earlier migration " + name));
            if (execution.isEmpty()) {
                return new Result(Outcome.LOST_TRACK, name, lostTrack("the earlier execution"));
            }
            if (execution.get().hasNonNull("completionTime")) {
                var relisted = runningExecution();
                if (relisted.isEmpty()) {
                    return new Result(Outcome.LOST_TRACK, name, cannotList());
                }
                running = relisted.get();
            }
        }
        JsonNode operation = null;
        for (int refusals = 0; operation == null; refusals++) {
            try {
                operation = cloudRun.post(job + ":run", "{}", CALL_TIMEOUT, "start " + BackendNames.MIGRATOR_JOB);
            } catch (GoogleApi.CallFailedException failure) {
                // 429 refuses the request before anything runs, so it is safe to ask again; a 5xx or no answer may
                // come after an execution started, and asking again could start a second migration beside it.
                if (failure.status() == 429 && refusals < transientRetries) {
                    Pause.of(pollInterval, "Cloud Run's quota");
                    continue;
                }
                if (failure.status() != 0 && failure.status() < 500) {
                    throw failure;
                }
                return new Result(Outcome.LOST_TRACK, "(unknown)", "no usable answer to jobs:run (" + failure.getMessage()
                        + "); an execution may have started: list them with `gcloud run jobs executions list --job "
                        + BackendNames.MIGRATOR_JOB + "`; deploying again waits for it if it still runs");
            }
        }
        var execution = execution(operation);
        while (!operation.path("done").asBoolean(false)) {
            if (Instant.now().isAfter(deadline)) {
                return new Result(Outcome.TIMED_OUT, execution, "still running after " + timeout.toMinutes()
                        + " minutes; it goes on running in Cloud Run");
            }
            Pause.of(pollInterval, "the migration");
            var name = operation.path("name").asText();
            var polled = poll(() -> cloudRun.get("v2/" + name, CALL_TIMEOUT, "follow the migration"));
            if (polled.isEmpty()) {
                return new Result(Outcome.LOST_TRACK, execution, lostTrack("it"));
            }
            operation = polled.get();
        }
        if (operation.has("error")) {
            return new Result(Outcome.FAILED, execution(operation), operation.path("error").path("message").asText("failed"));
        }
        var result = operation.path("response");
        var succeeded = result.path("succeededCount").asInt(0) >= 1 && result.path("failedCount").asInt(0) == 0;
        return new Result(succeeded ? Outcome.SUCCEEDED : Outcome.FAILED, execution(operation),
                succeeded ? "succeeded" : conditions(result));
    }

    /** The answer, or empty after more transient failures in a row than allowed (or one that is not transient). */
    private Optional<JsonNode> poll(Supplier<JsonNode> call) {
        for (int failures = 0; ; failures++) {
            try {
                return Optional.of(call.get());
            } catch (GoogleApi.CallFailedException failure) {
                lastPollFailure = failure.getMessage();
                if (!failure.transientFailure() || failures >= transientRetries) {
                    return Optional.empty();
                }
                Pause.of(pollInterval, "Cloud Run to answer again");
            }
        }
    }

    private String lostTrack(String what) {
        return "lost track of the execution: " + lastPollFailure + " (after " + transientRetries + " retries). "
                + "Whether " + what + " runs, failed or succeeded is unknown: `gcloud run jobs executions describe`"
                + " it; deploying again waits for it if it still runs";
    }

    /**
     * The full name of an execution of the job that has not completed, if there is one; empty when the list could not
     * be read (transient failures retried as a poll's).
     */
    private Optional<Optional<String>> runningExecution() {
        return poll(() -> cloudRun.get(job + "/executions?pageSize=20", CALL_TIMEOUT,
                "list the executions of " + BackendNames.MIGRATOR_JOB))
                .map(executions -> StreamSupport.stream(executions.path("executions").spliterator(), false)
                        .filter(execution -> !execution.hasNonNull("completionTime"))
                        .map(execution -> execution.path("name").asText())
                        .findFirst());
    }

    private String cannotList() {
        return "could not list the executions of " + BackendNames.MIGRATOR_JOB + ": " + lastPollFailure + " (after "
                + transientRetries + " retries); none was started, since one may still run";
    }

    /** The execution's short name, from the operation's metadata or result. */
    private static String execution(JsonNode operation) {
        var name = operation.path("metadata").path("name").asText(operation.path("response").path("name").asText(""));
        return name.isEmpty() ? shortName(operation.path("name").asText("(unknown)")) : shortName(name);
    }

    private static String shortName(String name) {
        return name.substring(name.lastIndexOf('/') + 1);
    }

    private static String conditions(JsonNode execution) {
        var failures = StreamSupport.stream(execution.path("conditions").spliterator(), false)
                .filter(condition -> condition.path("state").asText().equals("CONDITION_FAILED"))
                .map(condition -> condition.path("type").asText() + ": " + condition.path("message").asText())
                .collect(Collectors.joining("; "));
        return failures.isEmpty() ? execution.path("failedCount").asInt(0) + " task(s) failed" : failures;
    }
}
