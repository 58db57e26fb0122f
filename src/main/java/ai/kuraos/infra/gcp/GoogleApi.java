package ai.kuraos.infra.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * One Google Cloud REST API (JSON over HTTPS with a bearer token). The Java client libraries of Cloud Run and Compute
 * would bring a gRPC version that conflicts with the one the Pulumi SDK talks to its engine with, so the few calls the
 * commands make go through the JDK's HTTP client.
 */
public final class GoogleApi {

    public static final URI CLOUD_RUN = URI.create("https://run.googleapis.com/");
    public static final URI COMPUTE = URI.create("https://compute.googleapis.com/");
    public static final URI STORAGE = URI.create("https://storage.googleapis.com/");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final URI base;
    private final Supplier<String> accessToken;
    private final HttpClient http;

    /** @param name how errors name the API, e.g. "Cloud Run Admin API" */
    public GoogleApi(String name, URI base, Supplier<String> accessToken, HttpClient http) {
        this.name = name;
        this.base = base;
        this.accessToken = accessToken;
        this.http = http;
    }

    public JsonNode get(String path, Duration timeout, String purpose) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET(), timeout, purpose);
    }

    public JsonNode post(String path, String jsonBody, Duration timeout, String purpose) {
        return send(HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.ofString(jsonBody)),
                timeout, purpose);
    }

    public JsonNode patch(String path, String jsonBody, Duration timeout, String purpose) {
        return send(HttpRequest.newBuilder(base.resolve(path)).method("PATCH", HttpRequest.BodyPublishers.ofString(jsonBody)),
                timeout, purpose);
    }

    public JsonNode delete(String path, Duration timeout, String purpose) {
        return send(HttpRequest.newBuilder(base.resolve(path)).DELETE(), timeout, purpose);
    }

    /** A call that failed; {@code status} is the HTTP status, or 0 when no answer came (the call may have happened). */
    public static final class CallFailedException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        private final int status;

        public CallFailedException(String message, int status, Throwable cause) {
            super(message, cause);
            this.status = status;
        }

        public int status() {
            return status;
        }

        /** Whether trying again later may succeed: no answer, 429 or a 5xx. */
        public boolean transientFailure() {
            return status == 0 || status == 429 || status >= 500;
        }
    }

    /** @param purpose what the call is for, completing "could not …" in an error */
    private JsonNode send(HttpRequest.Builder request, Duration timeout, String purpose) {
        try {
            var response = http.send(request
                    .header("Authorization", "Bearer " + accessToken.get())
                    .header("Content-Type", "application/json")
                    .timeout(timeout)
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new CallFailedException(name + " could not " + purpose + ": HTTP " + response.statusCode() + " "
                        + errorMessage(response.body()), response.statusCode(), null);
            }
            return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new CallFailedException(name + " could not " + purpose + ": " + e.getMessage(), 0, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while trying to " + purpose, e);
        }
    }

    /** Google's error body's message, or the body itself when it is not one (a proxy's HTML page, say). */
    private static String errorMessage(String body) {
        try {
            return JSON.readTree(body).path("error").path("message").asText(body);
        } catch (IOException notJson) {
            return body;
        }
    }
}
