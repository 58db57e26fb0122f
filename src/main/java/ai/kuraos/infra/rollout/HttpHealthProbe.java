package ai.kuraos.infra.rollout;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * {@code GET <url>/health}, healthy when it answers 200 with {@code {"status": "healthy"}} (the backend's health
 * endpoint). A revision without traffic may be starting from zero instances, so it gets a few attempts.
 */
public final class HttpHealthProbe implements HealthProbe {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SHOWN_BODY_CHARACTERS = 200;

    private final HttpClient http;
    private final Duration timeout;
    private final int attempts;
    private final Duration pause;

    public HttpHealthProbe(HttpClient http, Duration timeout, int attempts, Duration pause) {
        this.http = http;
        this.timeout = timeout;
        this.attempts = attempts;
        this.pause = pause;
    }

    @Override
    public Result check(URI baseUrl) {
        var url = URI.create(baseUrl.toString().replaceAll("/+$", "") + "/health");
        var last = "not checked";
        for (int attempt = 1; attempt <= attempts; attempt++) {
            var result = once(url);
            if (result.healthy()) {
                return result;
            }
            last = result.detail();
            if (attempt < attempts) {
                pause();
            }
        }
        return new Result(false, last + (attempts > 1 ? " (" + attempts + " attempts)" : ""));
    }

    private Result once(URI url) {
        try {
            var response = http.send(HttpRequest.newBuilder(url).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            var body = response.body();
            if (response.statusCode() != 200) {
                return new Result(false, "HTTP " + response.statusCode() + " " + shown(body));
            }
            String status;
            try {
                status = JSON.readTree(body).path("status").asText("");
            } catch (IOException notJson) {
                return new Result(false, "HTTP 200 but the body is not the health JSON: " + shown(body));
            }
            return status.equals("healthy") ? new Result(true, "HTTP 200 " + shown(body))
                    : new Result(false, "HTTP 200 but status is \"" + status + "\": " + shown(body));
        } catch (HttpTimeoutException e) {
            return new Result(false, "no answer within " + (timeout.toSeconds() > 0 ? timeout.toSeconds() + " s"
                    : timeout.toMillis() + " ms"));
        } catch (IOException e) {
            return new Result(false, "cannot connect: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, "interrupted");
        }
    }

    private static String shown(String body) {
        var flat = body.replaceAll("\\s+", " ").trim();
        return flat.length() <= SHOWN_BODY_CHARACTERS ? flat : flat.substring(0, SHOWN_BODY_CHARACTERS) + "...";
    }

    private void pause() {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
