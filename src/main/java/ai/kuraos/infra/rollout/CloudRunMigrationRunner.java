package ai.kuraos.infra.rollout;

import ai.kuraos.infra.config.BackendNames;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Runs {@code kura-migrator} through the Cloud Run Admin API (v2): {@code jobs:run} starts an execution as a
 * long-running operation, which is polled until it is done.
 */
public final class CloudRunMigrationRunner implements MigrationRunner {

    public static final URI CLOUD_RUN_API = URI.create("https://run.googleapis.com/");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI api;
    private final String project;
    private final String region;
    private final Supplier<String> accessToken;
    private final HttpClient http;
    private final Duration pollInterval;
    private final Duration timeout;

    public CloudRunMigrationRunner(URI api, String project, String region, Supplier<String> accessToken, HttpClient http,
                                   Duration pollInterval, Duration timeout) {
        this.api = api;
        this.project = project;
        this.region = region;
        this.accessToken = accessToken;
        this.http = http;
        this.pollInterval = pollInterval;
        this.timeout = timeout;
    }

    @Override
    public Result run() {
        var job = "v2/projects/" + project + "/locations/" + region + "/jobs/" + BackendNames.MIGRATOR_JOB;
        var operation = call(HttpRequest.newBuilder(api.resolve(job + ":run"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")), "start " + BackendNames.MIGRATOR_JOB);
        var deadline = Instant.now().plus(timeout);
        while (!operation.path("done").asBoolean(false)) {
            if (Instant.now().isAfter(deadline)) {
                return new Result(false, execution(operation), "still running after " + timeout.toMinutes()
                        + " minutes; it goes on running in Cloud Run");
            }
            sleep();
            operation = call(HttpRequest.newBuilder(api.resolve("v2/" + operation.path("name").asText())).GET(),
                    "follow the migration");
        }
        if (operation.has("error")) {
            return new Result(false, execution(operation), operation.path("error").path("message").asText("failed"));
        }
        var execution = operation.path("response");
        var succeeded = execution.path("succeededCount").asInt(0) >= 1 && execution.path("failedCount").asInt(0) == 0;
        return new Result(succeeded, execution(operation), succeeded ? "succeeded" : conditions(execution));
    }

    private JsonNode call(HttpRequest.Builder request, String purpose) {
        try {
            var response = http.send(request
                    .header("Authorization", "Bearer " + accessToken.get())
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("Cloud Run Admin API could not " + purpose + ": HTTP " + response.statusCode()
                        + " " + JSON.readTree(response.body()).path("error").path("message").asText(response.body()));
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("Cloud Run Admin API could not " + purpose + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while trying to " + purpose, e);
        }
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
