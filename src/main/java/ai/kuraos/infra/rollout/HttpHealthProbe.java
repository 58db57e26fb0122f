package ai.kuraos.infra.rollout;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code GET <url>/health}, healthy when it answers 200 with {@code {"status": "healthy"}} (the backend's health
 * endpoint) {@code consecutive} times in a row before the deadline. The deadline bounds every exchange whole, headers
 * and body: a revision that sends its headers and then stalls fails like one that never answers. A revision without
 * traffic may be starting from zero instances, so failures before the first success only restart the count.
 */
public final class HttpHealthProbe implements HealthProbe {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SHOWN_BODY_CHARACTERS = 200;

    private final HttpClient http;
    private final Duration deadline;
    private final int consecutive;
    private final Duration pause;
    private final Clock clock;

    public HttpHealthProbe(HttpClient http, Duration deadline, int consecutive, Duration pause, Clock clock) {
        this.http = http;
        this.deadline = deadline;
        this.consecutive = consecutive;
        this.pause = pause;
        this.clock = clock;
    }

    @Override
    public Result check(URI baseUrl) {
        var url = URI.create(baseUrl.toString().replaceAll("/+$", "") + "/health");
        var end = clock.instant().plus(deadline);
        var inARow = 0;
        var attempts = 0;
        var last = "no whole answer within " + shown(deadline);
        var answered = false;
        while (true) {
            var remaining = Duration.between(clock.instant(), end);
            if (remaining.isNegative() || remaining.isZero()) {
                return new Result(false, last + " (" + inARow + " of " + consecutive + " successes in a row after "
                        + attempts + " attempts in " + shown(deadline) + ")");
            }
            var result = once(url, remaining);
            attempts++;
            inARow = result.healthy() ? inARow + 1 : 0;
            // An exchange the deadline cut short says less than the last answer before it.
            if (result.answered() || !answered) {
                last = result.detail();
                answered |= result.answered();
            }
            if (inARow == consecutive) {
                return new Result(true, last + " (" + consecutive + " in a row)");
            }
            if (Duration.between(clock.instant(), end).compareTo(pause) > 0) {
                Pause.of(pause, "the next health check");
            }
        }
    }

    private record Attempt(boolean healthy, boolean answered, String detail) {
    }

    private Attempt once(URI url, Duration remaining) {
        var exchange = http.sendAsync(HttpRequest.newBuilder(url).timeout(remaining).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        try {
            var response = exchange.get(remaining.toMillis(), TimeUnit.MILLISECONDS);
            var body = response.body();
            if (response.statusCode() != 200) {
                return new Attempt(false, true, "HTTP " + response.statusCode() + " " + shown(body));
            }
            String status;
            try {
                status = JSON.readTree(body).path("status").asText("");
            } catch (IOException notJson) {
                return new Attempt(false, true, "HTTP 200 but the body is not the health JSON: " + shown(body));
            }
            return status.equals("healthy") ? new Attempt(true, true, "HTTP 200 " + shown(body))
                    : new Attempt(false, true, "HTTP 200 but status is \"" + status + "\": " + shown(body));
        } catch (TimeoutException late) {
            exchange.cancel(true);
            return new Attempt(false, false, "no whole answer within " + shown(deadline));
        } catch (ExecutionException failed) {
            var cause = failed.getCause();
            if (cause instanceof java.net.http.HttpTimeoutException) {
                return new Attempt(false, false, "no whole answer within " + shown(deadline));
            }
            return new Attempt(false, true, "cannot connect: " + java.util.Objects.toString(cause.getMessage(), cause.getClass().getSimpleName()));
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            return new Attempt(false, false, "interrupted");
        }
    }

    private static String shown(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private static String shown(String body) {
        var flat = body.replaceAll("\\s+", " ").trim();
        return flat.length() <= SHOWN_BODY_CHARACTERS ? flat : flat.substring(0, SHOWN_BODY_CHARACTERS) + "...";
    }
}
