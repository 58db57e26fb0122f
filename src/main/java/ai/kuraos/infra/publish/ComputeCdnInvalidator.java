package ai.kuraos.infra.publish;

import ai.kuraos.infra.gcp.GoogleApi;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/** {@link CdnInvalidator} through the Compute Engine API: {@code urlMaps.invalidateCache} and {@code globalOperations.wait}. */
public final class ComputeCdnInvalidator implements CdnInvalidator {

    /** The wait method answers after about two minutes even when the operation is not done. */
    private static final Duration CALL_TIMEOUT = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GoogleApi compute;
    private final String project;
    private final String urlMap;
    private final Duration timeout;

    public ComputeCdnInvalidator(GoogleApi compute, String project, String urlMap, Duration timeout) {
        this.compute = compute;
        this.project = project;
        this.urlMap = urlMap;
        this.timeout = timeout;
    }

    @Override
    public String invalidate(String path) {
        var body = JSON.valueToTree(Map.of("path", path)).toString();
        var operation = compute.post("compute/v1/projects/" + project + "/global/urlMaps/" + urlMap + "/invalidateCache",
                body, CALL_TIMEOUT, "invalidate " + path);
        failIfErrored(operation);
        return operation.path("name").asText();
    }

    @Override
    public void awaitDone(String operation) {
        var deadline = Instant.now().plus(timeout);
        var current = waitFor(operation);
        while (!current.path("status").asText().equals("DONE")) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("invalidation " + operation + " is not done after " + timeout.toMinutes()
                        + " minutes; it goes on in the background");
            }
            current = waitFor(operation);
        }
        failIfErrored(current);
    }

    private JsonNode waitFor(String operation) {
        return compute.post("compute/v1/projects/" + project + "/global/operations/" + operation + "/wait", "",
                CALL_TIMEOUT, "wait for " + operation);
    }

    private static void failIfErrored(JsonNode operation) {
        var errors = operation.path("error").path("errors");
        if (errors.isArray() && !errors.isEmpty()) {
            throw new IllegalStateException("invalidation " + operation.path("name").asText() + " failed: "
                    + StreamSupport.stream(errors.spliterator(), false).map(error -> error.path("message").asText())
                    .collect(Collectors.joining("; ")));
        }
    }
}
