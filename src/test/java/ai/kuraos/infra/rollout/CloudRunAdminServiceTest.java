package ai.kuraos.infra.rollout;

import ai.kuraos.infra.gcp.GoogleApi;
import ai.kuraos.infra.rollout.CloudRunService.TrafficLine;
import ai.kuraos.infra.testing.LocalHttpServer;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Cloud Run adapter against a local server that speaks the Admin API's services, revisions and operations. */
class CloudRunAdminServiceTest {

    private static final String SERVICE = "/v2/projects/kura-os/locations/europe-southwest1/services/kura-backend";
    private static final String NAME = "projects/kura-os/locations/europe-southwest1/services/kura-backend";
    private static final String OPERATION = "projects/kura-os/locations/europe-southwest1/operations/op-9";
    private static final String SERVICE_BODY = "{\"name\": \"" + NAME + "\", \"etag\": \"\\\"e-7\\\"\","
            + " \"template\": {\"revision\": \"kura-backend-v1-3-8-1b2c3d\", \"containers\": [{\"image\": \"img:v1-3-8\"}]},"
            + " \"latestReadyRevision\": \"" + NAME + "/revisions/kura-backend-v1-3-8-1b2c3d\","
            + " \"traffic\": [{\"type\": \"TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION\", \"revision\": \"kura-backend-v1-3-7-4f2a9c\", \"percent\": 100},"
            + " {\"type\": \"TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION\", \"revision\": \"kura-backend-v1-3-8-1b2c3d\", \"tag\": \"candidate\"}],"
            + " \"trafficStatuses\": [{\"revision\": \"kura-backend-v1-3-8-1b2c3d\", \"tag\": \"candidate\","
            + " \"uri\": \"https://candidate---kura-backend-abc-no.a.run.app\"}]}";
    private static final String REVISIONS = "{\"revisions\": ["
            + "{\"name\": \"" + NAME + "/revisions/kura-backend-v1-3-8-1b2c3d\", \"labels\": {\"release\": \"v1-3-8\"},"
            + " \"containers\": [{\"image\": \"img:v1-3-8\"}], \"terminalCondition\": {\"type\": \"Ready\", \"state\": \"CONDITION_SUCCEEDED\"}},"
            + "{\"name\": \"" + NAME + "/revisions/kura-backend-v1-3-7-4f2a9c\", \"labels\": {\"release\": \"v1-3-7\"},"
            + " \"containers\": [{\"image\": \"img:v1-3-7\"}], \"terminalCondition\": {\"type\": \"Ready\", \"state\": \"CONDITION_FAILED\"}}]}";

    private static CloudRunService service(LocalHttpServer server) {
        return new CloudRunAdminService(new GoogleApi("Cloud Run Admin API", server.url(), () -> "token-1",
                HttpClient.newHttpClient()), "kura-os", "europe-southwest1", Duration.ofMillis(10), Duration.ofSeconds(5));
    }

    private static LocalHttpServer cloudRun(LocalHttpServer.Handler patch) throws Exception {
        return new LocalHttpServer(exchange -> {
            var path = exchange.getRequestURI().getPath();
            if (exchange.getRequestMethod().equals("PATCH")) {
                patch.handle(exchange);
            } else if (path.equals(SERVICE)) {
                LocalHttpServer.reply(exchange, 200, SERVICE_BODY);
            } else if (path.equals(SERVICE + "/revisions")) {
                LocalHttpServer.reply(exchange, 200, REVISIONS);
            } else {
                LocalHttpServer.reply(exchange, 200, "{\"name\": \"" + OPERATION + "\", \"done\": true}");
            }
        });
    }

    @Test
    void readsTheSplitTheRevisionsTheirReadinessAndTheTagUrls() throws Exception {
        try (var server = cloudRun(exchange -> LocalHttpServer.reply(exchange, 500, "{}"))) {

            var live = service(server).read().orElseThrow();

            assertThat(live.traffic()).containsExactly(TrafficLine.serving("kura-backend-v1-3-7-4f2a9c"),
                    TrafficLine.tagged("kura-backend-v1-3-8-1b2c3d", "candidate"));
            assertThat(live.servingRevision()).contains("kura-backend-v1-3-7-4f2a9c");
            assertThat(live.revisions()).containsExactly(
                    new CloudRunService.Revision("kura-backend-v1-3-8-1b2c3d", true, "img:v1-3-8", "v1-3-8"),
                    new CloudRunService.Revision("kura-backend-v1-3-7-4f2a9c", false, "img:v1-3-7", "v1-3-7"));
            assertThat(live.tagUrl("candidate")).contains(URI.create("https://candidate---kura-backend-abc-no.a.run.app"));
            assertThat(live.etag()).isEqualTo("\"e-7\"");
            assertThat(live.followsLatest()).isFalse();
        }
    }

    @Test
    void readsAServiceThatDoesNotExistAsEmpty() throws Exception {
        try (var server = new LocalHttpServer(exchange -> LocalHttpServer.reply(exchange, 404,
                "{\"error\": {\"code\": 404, \"message\": \"Resource 'kura-backend' was not found\"}}"))) {

            assertThat(service(server).read()).isEmpty();
        }
    }

    @Test
    void changesOnlyTheTrafficOfTheServiceAsReadWithItsEtagAndFollowsTheOperation() throws Exception {
        var polls = new AtomicInteger();
        try (var server = new LocalHttpServer(exchange -> {
            var path = exchange.getRequestURI().getPath();
            if (exchange.getRequestMethod().equals("PATCH")) {
                LocalHttpServer.reply(exchange, 200, "{\"name\": \"" + OPERATION + "\", \"done\": false}");
            } else if (path.equals(SERVICE)) {
                LocalHttpServer.reply(exchange, 200, SERVICE_BODY);
            } else {
                LocalHttpServer.reply(exchange, 200, "{\"name\": \"" + OPERATION + "\", \"done\": " + (polls.incrementAndGet() > 1) + "}");
            }
        })) {

            service(server).setTraffic(List.of(TrafficLine.serving("kura-backend-v1-3-8-1b2c3d"),
                    TrafficLine.tagged("kura-backend-v1-3-7-4f2a9c", "previous")), "\"e-7\"");

            assertThat(server.requests).containsExactly("GET " + SERVICE + " Bearer token-1", "PATCH " + SERVICE + " Bearer token-1",
                    "GET /v2/" + OPERATION + " Bearer token-1", "GET /v2/" + OPERATION + " Bearer token-1");
            var sent = new ObjectMapper().readTree(server.bodies.get(1));
            assertThat(sent.path("etag").asText()).isEqualTo("\"e-7\"");
            assertThat(sent.path("template").path("revision").asText()).as("the template as read").isEqualTo("kura-backend-v1-3-8-1b2c3d");
            assertThat(sent.path("traffic").toString()).isEqualTo("[{\"type\":\"TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION\","
                    + "\"revision\":\"kura-backend-v1-3-8-1b2c3d\",\"percent\":100},{\"type\":\"TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION\","
                    + "\"revision\":\"kura-backend-v1-3-7-4f2a9c\",\"percent\":0,\"tag\":\"previous\"}]");
        }
    }

    @Test
    void refusesATrafficChangeFromAStaleReadWithoutSendingIt() throws Exception {
        try (var server = cloudRun(exchange -> LocalHttpServer.reply(exchange, 200, "{}"))) {

            assertThatThrownBy(() -> service(server).setTraffic(List.of(TrafficLine.serving("kura-backend-v1-3-8-1b2c3d")), "\"e-6\""))
                    .isInstanceOf(CloudRunService.ChangedMeanwhileException.class);
            assertThat(server.requests).noneMatch(request -> request.startsWith("PATCH"));
        }
    }

    @Test
    void reportsCloudRunsEtagConflictAsAChangeMeanwhile() throws Exception {
        try (var server = cloudRun(exchange -> LocalHttpServer.reply(exchange, 409,
                "{\"error\": {\"code\": 409, \"message\": \"etag mismatch\", \"status\": \"ABORTED\"}}"))) {

            assertThatThrownBy(() -> service(server).setTraffic(List.of(TrafficLine.serving("kura-backend-v1-3-8-1b2c3d")), "\"e-7\""))
                    .isInstanceOf(CloudRunService.ChangedMeanwhileException.class).hasMessageContaining("HTTP 409 etag mismatch");
        }
    }

    @Test
    void reportsAnOperationThatEndsInAnError() throws Exception {
        try (var server = cloudRun(exchange -> LocalHttpServer.reply(exchange, 200, "{\"name\": \"" + OPERATION
                + "\", \"done\": true, \"error\": {\"code\": 3, \"message\": \"Revision kura-backend-v1-3-9 is not ready\"}}"))) {

            assertThatThrownBy(() -> service(server).setTraffic(List.of(new TrafficLine(Optional.empty(), 100, Optional.empty())), "\"e-7\""))
                    .hasMessage("Cloud Run refused the traffic change: Revision kura-backend-v1-3-9 is not ready");
        }
    }
}
