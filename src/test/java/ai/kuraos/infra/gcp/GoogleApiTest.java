package ai.kuraos.infra.gcp;

import ai.kuraos.infra.testing.LocalHttpServer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The REST client against a local server: what it sends, and how it reports what the API answers. */
class GoogleApiTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static GoogleApi api(LocalHttpServer server) {
        return new GoogleApi("Cloud Run Admin API", server.url(), () -> "token-1", HttpClient.newHttpClient());
    }

    @Test
    void sendsTheBearerTokenAndJsonBodyAndReadsTheJsonAnswer() throws Exception {
        try (var server = new LocalHttpServer(exchange -> {
            assertThat(exchange.getRequestHeaders().getFirst("Content-Type")).isEqualTo("application/json");
            LocalHttpServer.reply(exchange, 200, "{\"name\": \"operations/op-1\"}");
        })) {

            var answer = api(server).post("v2/projects/p/jobs/j:run", "{}", TIMEOUT, "start j");

            assertThat(answer.path("name").asText()).isEqualTo("operations/op-1");
            assertThat(server.requests).containsExactly("POST /v2/projects/p/jobs/j:run Bearer token-1");
            assertThat(server.bodies).containsExactly("{}");
        }
    }

    @Test
    void refusalNamesTheApiThePurposeTheStatusAndGooglesMessage() throws Exception {
        try (var server = new LocalHttpServer(exchange -> LocalHttpServer.reply(exchange, 404,
                "{\"error\": {\"code\": 404, \"message\": \"Resource 'kura-migrator' was not found\"}}"))) {

            assertThatThrownBy(() -> api(server).get("v2/projects/p/jobs/kura-migrator", TIMEOUT, "read kura-migrator"))
                    .hasMessage("Cloud Run Admin API could not read kura-migrator: HTTP 404 Resource 'kura-migrator' was not found");
        }
    }

    @Test
    void refusalWithANonJsonBodyShowsTheBody() throws Exception {
        try (var server = new LocalHttpServer(exchange -> LocalHttpServer.reply(exchange, 502, "<html>Bad Gateway</html>"))) {

            assertThatThrownBy(() -> api(server).get("v2/x", TIMEOUT, "read x"))
                    .hasMessage("Cloud Run Admin API could not read x: HTTP 502 <html>Bad Gateway</html>");
        }
    }

    @Test
    void unreachableApiIsReportedWithThePurpose() throws Exception {
        URI stopped;
        try (var server = new LocalHttpServer(exchange -> LocalHttpServer.reply(exchange, 200, "{}"))) {
            stopped = server.url();
        }
        var api = new GoogleApi("Cloud Run Admin API", stopped, () -> "token-1", HttpClient.newHttpClient());

        assertThatThrownBy(() -> api.get("v2/x", TIMEOUT, "read x"))
                .hasMessageStartingWith("Cloud Run Admin API could not read x: ");
    }

    @Test
    void patchesAndDeletesAndReadsAnEmptyAnswerAsAnEmptyObject() throws Exception {
        try (var server = new LocalHttpServer(exchange -> {
            if (exchange.getRequestMethod().equals("DELETE")) {
                exchange.sendResponseHeaders(204, -1);
            } else {
                LocalHttpServer.reply(exchange, 200, "{\"done\": true}");
            }
        })) {

            assertThat(api(server).patch("v2/s", "{\"traffic\": []}", TIMEOUT, "change s").path("done").asBoolean()).isTrue();
            assertThat(api(server).delete("storage/v1/b/b/o/x", TIMEOUT, "delete x").isEmpty()).isTrue();
            assertThat(server.requests).containsExactly("PATCH /v2/s Bearer token-1", "DELETE /storage/v1/b/b/o/x Bearer token-1");
        }
    }

    /** A rollout tells an answer it may retry (429, 5xx, none) from a refusal, and "no answer" from "refused". */
    @Test
    void saysWhetherAFailedCallMaySucceedLater() throws Exception {
        try (var server = new LocalHttpServer(exchange -> LocalHttpServer.reply(exchange,
                Integer.parseInt(exchange.getRequestURI().getPath().substring(1)), "{}"))) {
            for (var status : java.util.List.of(429, 500, 503, 400, 403, 409)) {
                assertThatThrownBy(() -> api(server).get(String.valueOf(status), TIMEOUT, "read"))
                        .isInstanceOfSatisfying(GoogleApi.CallFailedException.class, failed -> {
                            assertThat(failed.status()).isEqualTo(status);
                            assertThat(failed.transientFailure()).as("HTTP %s", status).isEqualTo(status == 429 || status >= 500);
                        });
            }
        }
        assertThatThrownBy(() -> new GoogleApi("Cloud Run Admin API", URI.create("http://127.0.0.1:1/"), () -> "t",
                HttpClient.newHttpClient()).get("x", TIMEOUT, "read"))
                .isInstanceOfSatisfying(GoogleApi.CallFailedException.class, failed -> {
                    assertThat(failed.status()).isZero();
                    assertThat(failed.transientFailure()).isTrue();
                });
    }
}
