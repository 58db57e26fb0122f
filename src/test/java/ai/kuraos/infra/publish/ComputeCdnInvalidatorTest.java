package ai.kuraos.infra.publish;

import ai.kuraos.infra.gcp.GoogleApi;
import ai.kuraos.infra.testing.LocalHttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The invalidator against a local server that speaks the Compute Engine API's invalidateCache and operations.wait. */
class ComputeCdnInvalidatorTest {

    private LocalHttpServer server;

    /** Each response is "<status> <body>"; the last one repeats. */
    private ComputeCdnInvalidator invalidator(String... responses) throws IOException {
        var calls = new AtomicInteger();
        server = new LocalHttpServer(exchange -> {
            var answer = responses[Math.min(calls.getAndIncrement(), responses.length - 1)];
            LocalHttpServer.reply(exchange, Integer.parseInt(answer.substring(0, 3)), answer.substring(4));
        });
        var compute = new GoogleApi("Compute Engine API", server.url(), () -> "token", HttpClient.newHttpClient());
        return new ComputeCdnInvalidator(compute, "kura-os", "kura-lb", Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void invalidatesAPathOnTheUrlMapAndWaitsForTheOperation() throws IOException {
        var invalidator = invalidator(
                "200 {\"name\": \"operation-1\", \"status\": \"RUNNING\"}",
                "200 {\"name\": \"operation-1\", \"status\": \"RUNNING\"}",
                "200 {\"name\": \"operation-1\", \"status\": \"DONE\"}");

        var operation = invalidator.invalidate("/index.html");
        invalidator.awaitDone(operation);

        assertThat(operation).isEqualTo("operation-1");
        assertThat(server.requests).containsExactly(
                "POST /compute/v1/projects/kura-os/global/urlMaps/kura-lb/invalidateCache Bearer token",
                "POST /compute/v1/projects/kura-os/global/operations/operation-1/wait Bearer token",
                "POST /compute/v1/projects/kura-os/global/operations/operation-1/wait Bearer token");
        assertThat(server.bodies).containsExactly("{\"path\":\"/index.html\"}", "", "");
    }

    @Test
    void failsWhenTheOperationEndsInError() throws IOException {
        var invalidator = invalidator("200 {\"name\": \"operation-2\", \"status\": \"DONE\", \"error\": {\"errors\":"
                + " [{\"code\": \"RATE_LIMIT_EXCEEDED\", \"message\": \"Rate Limit Exceeded\"}]}}");

        assertThatThrownBy(() -> invalidator.awaitDone("operation-2"))
                .hasMessage("invalidation operation-2 failed: Rate Limit Exceeded");
    }

    @Test
    void failsWhenTheApiRefuses() throws IOException {
        var invalidator = invalidator("403 {\"error\": {\"message\": \"Required 'compute.urlMaps.invalidateCache' permission\"}}");

        assertThatThrownBy(() -> invalidator.invalidate("/*"))
                .hasMessage("Compute Engine API could not invalidate /*: HTTP 403 Required 'compute.urlMaps.invalidateCache' permission");
    }
}
