package ai.kuraos.infra.rollout;

import ai.kuraos.infra.testing.LocalHttpServer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The smoke test against a real HTTP server: what counts as healthy, how many times, within what. */
class HttpHealthProbeTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String HEALTHY = "{\"status\": \"healthy\", \"version\": \"1.3.8\"}";

    private static HealthProbe.Result probe(LocalHttpServer server, int consecutive, Duration deadline) {
        return new HttpHealthProbe(HTTP, deadline, consecutive, Duration.ofMillis(10), Clock.systemUTC()).check(server.url());
    }

    @Test
    void isHealthyAfterTheGivenNumberOfHealthyAnswersInARow() throws Exception {
        try (var server = new LocalHttpServer(exchange -> LocalHttpServer.reply(exchange, 200, HEALTHY))) {

            var result = probe(server, 3, Duration.ofSeconds(5));

            assertThat(result.healthy()).isTrue();
            assertThat(result.detail()).isEqualTo("HTTP 200 " + HEALTHY + " (3 in a row)");
            assertThat(server.requests).hasSize(3).allSatisfy(request -> assertThat(request).startsWith("GET /health"));
        }
    }

    @Test
    void smoke503IsUnhealthyUntilTheDeadline() throws Exception {
        try (var server = new LocalHttpServer(exchange -> LocalHttpServer.reply(exchange, 503, "{\"status\": \"unhealthy\"}"))) {

            var result = probe(server, 3, Duration.ofMillis(300));

            assertThat(result.healthy()).isFalse();
            assertThat(result.detail()).startsWith("HTTP 503 {\"status\": \"unhealthy\"} (0 of 3 successes in a row after")
                    .endsWith("in 300 ms)");
        }
    }

    @Test
    void smokeFlappingNeverPassesEvenThoughMostAnswersAreHealthy() throws Exception {
        var calls = new AtomicInteger();
        try (var server = new LocalHttpServer(exchange -> {
            if (calls.incrementAndGet() % 3 == 0) {
                LocalHttpServer.reply(exchange, 503, "upstream connect error");
            } else {
                LocalHttpServer.reply(exchange, 200, HEALTHY);
            }
        })) {

            var result = probe(server, 3, Duration.ofMillis(500));

            assertThat(result.healthy()).isFalse();
            assertThat(calls.get()).isGreaterThan(3);
            assertThat(result.detail()).contains("of 3 successes in a row");
        }
    }

    @Test
    void smokeTimeoutWhenTheAnswerNeverComes() throws Exception {
        try (var server = new LocalHttpServer(exchange -> {
            sleep(2_000);
            LocalHttpServer.reply(exchange, 200, HEALTHY);
        })) {

            var result = probe(server, 1, Duration.ofMillis(300));

            assertThat(result.healthy()).isFalse();
            assertThat(result.detail()).startsWith("no whole answer within 300 ms");
        }
    }

    /** Defect: the timeout only bounded the wait for headers; a revision that stalled mid-body hung the deploy. */
    @Test
    void smokeTimeoutWhenTheHeadersComeButTheBodyStalls() throws Exception {
        try (var server = new LocalHttpServer(exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, HEALTHY.length());
            exchange.getResponseBody().write(HEALTHY.substring(0, 5).getBytes(StandardCharsets.UTF_8));
            exchange.getResponseBody().flush();
            sleep(3_000);
        })) {
            var started = System.nanoTime();

            var result = probe(server, 1, Duration.ofMillis(400));

            assertThat(result.healthy()).isFalse();
            assertThat(result.detail()).startsWith("no whole answer within 400 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the deadline bounds the whole exchange")
                    .isLessThan(Duration.ofMillis(2_500));
        }
    }

    @Test
    void isUnhealthyWhenTheBodyDoesNotSayHealthy() throws Exception {
        try (var server = new LocalHttpServer(exchange -> LocalHttpServer.reply(exchange, 200, "{\"status\": \"degraded\"}"))) {

            var result = probe(server, 1, Duration.ofMillis(200));

            assertThat(result.detail()).startsWith("HTTP 200 but status is \"degraded\": {\"status\": \"degraded\"}");
        }
    }

    @Test
    void isUnhealthyWhenTheBodyIsNotTheHealthJson() throws Exception {
        try (var server = new LocalHttpServer(exchange -> LocalHttpServer.reply(exchange, 200, "<html>Welcome</html>"))) {

            var result = probe(server, 1, Duration.ofMillis(200));

            assertThat(result.detail()).startsWith("HTTP 200 but the body is not the health JSON: <html>Welcome</html>");
        }
    }

    @Test
    void isUnhealthyWhenNothingListens() {
        var result = new HttpHealthProbe(HTTP, Duration.ofMillis(300), 1, Duration.ofMillis(10), Clock.systemUTC())
                .check(URI.create("http://127.0.0.1:1/"));

        assertThat(result.healthy()).isFalse();
        assertThat(result.detail()).startsWith("cannot connect");
    }

    @Test
    void givesAColdRevisionTimeToStartThenCountsFromItsFirstHealthyAnswer() throws Exception {
        var calls = new AtomicInteger();
        try (var server = new LocalHttpServer(exchange -> {
            if (calls.incrementAndGet() < 3) {
                LocalHttpServer.reply(exchange, 503, "starting");
            } else {
                LocalHttpServer.reply(exchange, 200, HEALTHY);
            }
        })) {

            var result = probe(server, 2, Duration.ofSeconds(5));

            assertThat(result.healthy()).isTrue();
            assertThat(calls).hasValue(4);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
