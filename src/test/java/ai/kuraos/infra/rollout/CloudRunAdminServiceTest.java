package ai.kuraos.infra.rollout;

import ai.kuraos.infra.gcp.GoogleApi;
import ai.kuraos.infra.rollout.CloudRunService.TrafficLine;
import ai.kuraos.infra.testing.LocalHttpServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Cloud Run adapter against a local server that keeps a service as the Admin API v2 does
 * (https://cloud.google.com/run/docs/reference/rest/v2/projects.locations.services, and .../services/patch):
 * {@code services.patch} changes only the fields its {@code updateMask} names (all of the body's without one), refuses
 * a stale etag with 409 ABORTED (AIP-154, https://google.aip.dev/154), answers with an operation, and reconciles
 * afterwards: {@code reconciling} stays true for a few reads with the old {@code trafficStatuses} and
 * {@code observedGeneration}, then they follow {@code traffic} and {@code generation} (int64 fields as JSON strings).
 */
class CloudRunAdminServiceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SERVICE = "/v2/projects/kura-os/locations/europe-southwest1/services/kura-backend";
    private static final String NAME = "projects/kura-os/locations/europe-southwest1/services/kura-backend";
    private static final String OPERATION = "projects/kura-os/locations/europe-southwest1/operations/op-9";
    private static final String REV_137 = "kura-backend-v1-3-7-4f2a9c";
    private static final String REV_138 = "kura-backend-v1-3-8-1b2c3d";
    private static final String REVISIONS = "{\"revisions\": ["
            + "{\"name\": \"" + NAME + "/revisions/" + REV_138 + "\", \"labels\": {\"release\": \"v1-3-8\"},"
            + " \"containers\": [{\"image\": \"img:v1-3-8\"}], \"terminalCondition\": {\"type\": \"Ready\", \"state\": \"CONDITION_SUCCEEDED\"}},"
            + "{\"name\": \"" + NAME + "/revisions/" + REV_137 + "\", \"labels\": {\"release\": \"v1-3-7\"},"
            + " \"containers\": [{\"image\": \"img:v1-3-7\"}], \"terminalCondition\": {\"type\": \"Ready\", \"state\": \"CONDITION_FAILED\"}}]}";

    /** The service as the fake Cloud Run keeps it. */
    private static final class FakeCloudRun {
        final ObjectNode service = (ObjectNode) parse("{\"name\": \"" + NAME + "\", \"etag\": \"\\\"e-7\\\"\","
                + " \"generation\": \"7\", \"observedGeneration\": \"7\", \"reconciling\": false,"
                + " \"terminalCondition\": {\"type\": \"Ready\", \"state\": \"CONDITION_SUCCEEDED\"},"
                + " \"template\": {\"revision\": \"" + REV_138 + "\", \"containers\": [{\"image\": \"img:v1-3-8\"}]},"
                + " \"latestReadyRevision\": \"" + NAME + "/revisions/" + REV_138 + "\","
                + " \"traffic\": [" + line(REV_137, 100, null) + ", " + line(REV_138, 0, "candidate") + "],"
                + " \"trafficStatuses\": [" + line(REV_137, 100, null) + ", {\"type\": \"TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION\","
                + " \"revision\": \"" + REV_138 + "\", \"tag\": \"candidate\", \"uri\": \"https://candidate---kura-backend-abc-no.a.run.app\"}]}");
        final List<String> queries = Collections.synchronizedList(new ArrayList<>());
        /** Reads left until a change is reconciled. */
        int readsUntilReconciled;
        /** Why the next reconciliation fails, if it does: what served goes on serving. */
        Optional<String> failNextReconciliation = Optional.empty();

        synchronized void handle(HttpExchange exchange) throws IOException {
            var path = exchange.getRequestURI().getPath();
            queries.add(exchange.getRequestMethod() + " " + path + Optional.ofNullable(exchange.getRequestURI().getQuery())
                    .map(query -> "?" + query).orElse(""));
            if (exchange.getRequestMethod().equals("PATCH")) {
                patch(exchange);
            } else if (path.equals(SERVICE)) {
                reconcileOneStep();
                LocalHttpServer.reply(exchange, 200, service.toString());
            } else if (path.equals(SERVICE + "/revisions")) {
                LocalHttpServer.reply(exchange, 200, REVISIONS);
            } else {
                LocalHttpServer.reply(exchange, 200, "{\"name\": \"" + OPERATION + "\", \"done\": true}");
            }
        }

        private void patch(HttpExchange exchange) throws IOException {
            var body = (ObjectNode) parse((String) exchange.getAttribute(LocalHttpServer.BODY));
            var sentEtag = body.path("etag").asText("");
            if (!sentEtag.isEmpty() && !sentEtag.equals(service.path("etag").asText())) {
                LocalHttpServer.reply(exchange, 409, "{\"error\": {\"code\": 409, \"message\": \"Etag mismatch: the resource"
                        + " was modified since it was read\", \"status\": \"ABORTED\"}}");
                return;
            }
            var query = Optional.ofNullable(exchange.getRequestURI().getQuery()).orElse("");
            var mask = query.startsWith("updateMask=") ? List.of(query.substring("updateMask=".length()).split(","))
                    : List.copyOf(iterable(body.fieldNames()));
            mask.stream().filter(field -> !field.equals("etag")).forEach(field -> service.set(field, body.get(field)));
            var generation = service.path("generation").asLong() + 1;
            service.put("generation", String.valueOf(generation));
            service.put("etag", "\"e-" + generation + "\"");
            service.put("reconciling", true);
            readsUntilReconciled = 2;
            LocalHttpServer.reply(exchange, 200, "{\"name\": \"" + OPERATION + "\", \"done\": false}");
        }

        private void reconcileOneStep() {
            if (!service.path("reconciling").asBoolean() || --readsUntilReconciled > 0) {
                return;
            }
            service.put("reconciling", false);
            if (failNextReconciliation.isPresent()) {
                service.set("terminalCondition", parse("{\"type\": \"Ready\", \"state\": \"CONDITION_FAILED\", \"message\": "
                        + JSON.valueToTree(failNextReconciliation.get()) + "}"));
                failNextReconciliation = Optional.empty();
                return;
            }
            service.set("trafficStatuses", service.path("traffic").deepCopy());
            service.put("observedGeneration", service.path("generation").asText());
        }

        synchronized JsonNode field(String name) {
            return service.path(name).deepCopy();
        }
    }

    private final FakeCloudRun cloudRun = new FakeCloudRun();
    private final LocalHttpServer server;

    CloudRunAdminServiceTest() throws IOException {
        server = new LocalHttpServer(cloudRun::handle);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private CloudRunService service() {
        return new CloudRunAdminService(new GoogleApi("Cloud Run Admin API", server.url(), () -> "token-1",
                HttpClient.newHttpClient()), "kura-os", "europe-southwest1", Duration.ofMillis(10), Duration.ofSeconds(5));
    }

    @Test
    void readsTheSplitAskedForApartFromTheSplitThatServesTheRevisionsAndTheTagUrls() {
        cloudRun.service.set("traffic", parse("[" + line(REV_138, 100, null) + "]"));
        cloudRun.service.put("generation", "8");
        cloudRun.service.put("reconciling", true);
        cloudRun.readsUntilReconciled = 99;

        var live = service().read().orElseThrow();

        assertThat(live.traffic()).containsExactly(TrafficLine.serving(REV_138));
        assertThat(live.serving()).containsExactly(TrafficLine.serving(REV_137), TrafficLine.tagged(REV_138, "candidate"));
        assertThat(live.servingRevision()).as("from trafficStatuses").contains(REV_137);
        assertThat(live.reconciliation()).isEqualTo(new CloudRunService.Reconciliation(true, 8, 7, Optional.empty()));
        assertThat(live.serves(live.traffic())).isFalse();
        assertThat(live.describeTraffic()).contains(REV_137 + " 100 %", "asked: " + REV_138 + " 100 %", "still reconciling");
        assertThat(live.revisions()).containsExactly(
                new CloudRunService.Revision(REV_138, true, "img:v1-3-8", "v1-3-8"),
                new CloudRunService.Revision(REV_137, false, "img:v1-3-7", "v1-3-7"));
        assertThat(live.tagUrl("candidate")).contains(URI.create("https://candidate---kura-backend-abc-no.a.run.app"));
        assertThat(live.etag()).isEqualTo("\"e-7\"");
    }

    @Test
    void readsAServiceThatDoesNotExistAsEmpty() throws Exception {
        try (var missing = new LocalHttpServer(exchange -> LocalHttpServer.reply(exchange, 404,
                "{\"error\": {\"code\": 404, \"message\": \"Resource 'kura-backend' was not found\"}}"))) {

            assertThat(new CloudRunAdminService(new GoogleApi("Cloud Run Admin API", missing.url(), () -> "token-1",
                    HttpClient.newHttpClient()), "kura-os", "europe-southwest1", Duration.ofMillis(10),
                    Duration.ofSeconds(5)).read()).isEmpty();
        }
    }

    /** Defect (review 3): the PATCH sent the whole service as read, without a mask, and no etag Cloud Run checked. */
    @Test
    void changesOnlyTheTrafficUnderUpdateMaskWithTheEtagReadAndWaitsUntilCloudRunServesIt() throws Exception {
        var template = cloudRun.field("template");
        var split = List.of(TrafficLine.serving(REV_138), TrafficLine.tagged(REV_137, "previous"));

        service().setTraffic(split, "\"e-7\"");
        var settled = service().readSettled().orElseThrow();

        assertThat(cloudRun.queries).contains("PATCH " + SERVICE + "?updateMask=traffic");
        var sent = JSON.readTree(server.bodies.get(server.requests.indexOf("PATCH " + SERVICE + " Bearer token-1")));
        assertThat(iterable(sent.fieldNames())).containsExactlyInAnyOrder("etag", "traffic");
        assertThat(sent.path("etag").asText()).isEqualTo("\"e-7\"");
        assertThat(sent.path("traffic").toString()).isEqualTo("[{\"type\":\"TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION\","
                + "\"revision\":\"" + REV_138 + "\",\"percent\":100},{\"type\":\"TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION\","
                + "\"revision\":\"" + REV_137 + "\",\"percent\":0,\"tag\":\"previous\"}]");
        assertThat(cloudRun.field("template")).as("the template is not the traffic change's").isEqualTo(template);
        assertThat(settled.reconciliation().succeeded()).isTrue();
        assertThat(settled.serves(split)).isTrue();
        assertThat(settled.servingRevision()).contains(REV_138);
    }

    /** Defect (review 3): two traffic changes could cross; Cloud Run's own etag check now refuses the later one. */
    @Test
    void aChangeFromAStaleReadIsRefusedByCloudRunAndChangesNothing() {
        var before = cloudRun.field("traffic");

        assertThatThrownBy(() -> service().setTraffic(List.of(TrafficLine.serving(REV_138)), "\"e-6\""))
                .isInstanceOf(CloudRunService.ChangedMeanwhileException.class)
                .hasMessageContaining("HTTP 409", "Etag mismatch");
        assertThat(cloudRun.field("traffic")).isEqualTo(before);
    }

    /** Defect (review 2): a split Cloud Run accepted but could not serve was read back as served. */
    @Test
    void aReconciliationThatFailsLeavesWhatServedServingAndSaysWhy() {
        cloudRun.failNextReconciliation = Optional.of("Revision '" + REV_138 + "' is not ready and cannot serve traffic.");

        service().setTraffic(List.of(TrafficLine.serving(REV_138)), "\"e-7\"");
        var settled = service().readSettled().orElseThrow();

        assertThat(settled.reconciliation().reconciling()).isFalse();
        assertThat(settled.reconciliation().failure()).contains("Revision '" + REV_138 + "' is not ready and cannot serve traffic.");
        assertThat(settled.servingRevision()).contains(REV_137);
        assertThat(settled.serves(List.of(TrafficLine.serving(REV_138)))).isFalse();
    }

    @Test
    void reportsAnOperationThatEndsInAnError() throws Exception {
        try (var refusing = new LocalHttpServer(exchange -> LocalHttpServer.reply(exchange, 200, "{\"name\": \"" + OPERATION
                + "\", \"done\": true, \"error\": {\"code\": 3, \"message\": \"Revision kura-backend-v1-3-9 is not ready\"}}"))) {
            var service = new CloudRunAdminService(new GoogleApi("Cloud Run Admin API", refusing.url(), () -> "token-1",
                    HttpClient.newHttpClient()), "kura-os", "europe-southwest1", Duration.ofMillis(10), Duration.ofSeconds(5));

            assertThatThrownBy(() -> service.setTraffic(List.of(new TrafficLine(Optional.empty(), 100, Optional.empty())), "\"e-7\""))
                    .hasMessage("Cloud Run refused the traffic change: Revision kura-backend-v1-3-9 is not ready");
        }
    }

    private static String line(String revision, int percent, String tag) {
        return "{\"type\": \"TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION\", \"revision\": \"" + revision + "\""
                + (percent > 0 ? ", \"percent\": " + percent : "") + (tag == null ? "" : ", \"tag\": \"" + tag + "\"") + "}";
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    private static <T> List<T> iterable(java.util.Iterator<T> items) {
        var list = new ArrayList<T>();
        items.forEachRemaining(list::add);
        return list;
    }
}
