package ai.kuraos.infra.rollout;

import ai.kuraos.infra.testing.LocalHttpServer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class HttpHealthProbeTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HealthProbe.Result probe(LocalHttpServer server, int attempts, Duration timeout) {
        return new HttpHealthProbe(HTTP, timeout, attempts, Duration.ofMillis(10)).check(server.url());
    }

    @Test
    void isHealthyWhenTheEndpointAnswers200WithAHealthyStatus() throws Exception {
        try (var server = new LocalHttpServer(exchange ->
                LocalHttpServer.reply(exchange, 200, "{\"status\": \"healthy\", \"version\": \"1.3.8\"}"))) {

            var result = probe(server, 1, Duration.ofSeconds(5));

            assertThat(result.healthy()).isTrue();
            assertThat(result.detail()).isEqualTo("HTTP 200 {\"status\": \"healthy\", \"version\": \"1.3.8\"}");
            assertThat(server.requests).singleElement().asString().startsWith("GET /health");
        }
    }

    @Test
    void isUnhealthyWhenTheEndpointAnswers503() throws Exception {
        try (var server = new LocalHttpServer(exchange -> LocalHttpServer.reply(exchange, 503, "{\"status\": \"unhealthy\"}"))) {

            var result = probe(server, 2, Duration.ofSeconds(5));

            assertThat(result.healthy()).isFalse();
            assertThat(result.detail()).isEqualTo("HTTP 503 {\"status\": \"unhealthy\"} (2 attempts)");
            assertThat(server.requests).hasSize(2);
        }
    }

    @Test
    void isUnhealthyWhenTheBodyDoesNotSayHealthy() throws Exception {
        try (var server = new LocalHttpServer(exchange -> LocalHttpServer.reply(exchange, 200, "{\"status\": \"degraded\"}"))) {

            var result = probe(server, 1, Duration.ofSeconds(5));

            assertThat(result.healthy()).isFalse();
            assertThat(result.detail()).isEqualTo("HTTP 200 but status is \"degraded\": {\"status\": \"degraded\"}");
        }
    }

    @Test
    void isUnhealthyWhenTheBodyIsNotTheHealthJson() throws Exception {
        try (var server = new LocalHttpServer(exchange -> LocalHttpServer.reply(exchange, 200, "<html>Welcome</html>"))) {

            var result = probe(server, 1, Duration.ofSeconds(5));

            assertThat(result.healthy()).isFalse();
            assertThat(result.detail()).isEqualTo("HTTP 200 but the body is not the health JSON: <html>Welcome</html>");
        }
    }

    @Test
    void isUnhealthyWhenTheEndpointDoesNotAnswerInTime() throws Exception {
        try (var server = new LocalHttpServer(exchange -> {
            try {
                Thread.sleep(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            LocalHttpServer.reply(exchange, 200, "{\"status\": \"healthy\"}");
        })) {

            var result = probe(server, 1, Duration.ofMillis(300));

            assertThat(result.healthy()).isFalse();
            assertThat(result.detail()).isEqualTo("no answer within 300 ms");
        }
    }

    @Test
    void isUnhealthyWhenNothingListens() {
        var result = new HttpHealthProbe(HTTP, Duration.ofSeconds(2), 1, Duration.ZERO).check(URI.create("http://127.0.0.1:1/"));

        assertThat(result.healthy()).isFalse();
        assertThat(result.detail()).startsWith("cannot connect");
    }

    @Test
    void givesAColdRevisionFurtherAttempts() throws Exception {
        var calls = new AtomicInteger();
        try (var server = new LocalHttpServer(exchange -> {
            if (calls.incrementAndGet() < 3) {
                LocalHttpServer.reply(exchange, 503, "starting");
            } else {
                LocalHttpServer.reply(exchange, 200, "{\"status\": \"healthy\"}");
            }
        })) {

            var result = probe(server, 5, Duration.ofSeconds(5));

            assertThat(result.healthy()).isTrue();
            assertThat(calls).hasValue(3);
        }
    }
}
