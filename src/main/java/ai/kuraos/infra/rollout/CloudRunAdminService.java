package ai.kuraos.infra.rollout;

import ai.kuraos.infra.backend.BackendNames;
import ai.kuraos.infra.gcp.GoogleApi;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.time.Duration;
import java.time.Instant;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;

/**
 * {@link CloudRunService} through the Cloud Run Admin API (v2): {@code services.get}, {@code revisions.list} and
 * {@code services.patch} with {@code updateMask=traffic}, whose body carries only the split and the etag read (Cloud
 * Run refuses a stale one with 409 ABORTED; see docs/operations.md for the references). The operation is followed
 * until it is done; then the service is read until it no longer reconciles, since the operation says the split was
 * accepted, and only {@code trafficStatuses} say what serves.
 */
public final class CloudRunAdminService implements CloudRunService {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    private static final String REVISION_TARGET = "TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION";

    private final GoogleApi cloudRun;
    private final String service;
    private final Duration pollInterval;
    private final Duration operationTimeout;

    public CloudRunAdminService(GoogleApi cloudRun, String project, String region, Duration pollInterval,
                                Duration operationTimeout) {
        this.cloudRun = cloudRun;
        this.service = "v2/projects/" + project + "/locations/" + region + "/services/" + BackendNames.SERVICE;
        this.pollInterval = pollInterval;
        this.operationTimeout = operationTimeout;
    }

    @Override
    public Optional<Live> read() {
        return rawService().map(raw -> {
            var tagUrls = new HashMap<String, URI>();
            raw.path("trafficStatuses").forEach(status -> text(status.path("tag")).ifPresent(tag ->
                    text(status.path("uri")).ifPresent(uri -> tagUrls.put(tag, URI.create(uri)))));
            var terminal = raw.path("terminalCondition");
            var failure = terminal.path("state").asText("").equals("CONDITION_FAILED")
                    ? Optional.of(terminal.path("message").asText(terminal.path("reason").asText("failed"))) : Optional.<String>empty();
            // int64 fields arrive as JSON strings.
            var reconciliation = new Reconciliation(raw.path("reconciling").asBoolean(false),
                    raw.path("generation").asLong(0), raw.path("observedGeneration").asLong(0), failure);
            return new Live(lines(raw.path("traffic")), lines(raw.path("trafficStatuses")), reconciliation, revisions(),
                    text(raw.path("latestReadyRevision")).map(CloudRunAdminService::shortName), tagUrls,
                    raw.path("etag").asText(""));
        });
    }

    @Override
    public Optional<Live> readSettled() {
        var deadline = Instant.now().plus(operationTimeout);
        var live = read();
        while (live.filter(service -> service.reconciliation().reconciling()).isPresent() && Instant.now().isBefore(deadline)) {
            Pause.of(pollInterval, "Cloud Run to reconcile " + BackendNames.SERVICE);
            live = read();
        }
        return live;
    }

    private static List<TrafficLine> lines(JsonNode split) {
        var lines = new ArrayList<TrafficLine>();
        split.forEach(line -> lines.add(new TrafficLine(
                line.path("type").asText().endsWith("_LATEST") ? Optional.empty()
                        : text(line.path("revision")).map(CloudRunAdminService::shortName),
                line.path("percent").asInt(0), text(line.path("tag")))));
        return lines;
    }

    private Optional<JsonNode> rawService() {
        try {
            return Optional.of(cloudRun.get(service, CALL_TIMEOUT, "read " + BackendNames.SERVICE));
        } catch (GoogleApi.CallFailedException failure) {
            if (failure.status() == 404) {
                return Optional.empty();
            }
            throw failure;
        }
    }

    private List<Revision> revisions() {
        var revisions = new ArrayList<Revision>();
        var pageToken = "";
        do {
            var page = cloudRun.get(service + "/revisions?pageSize=100" + (pageToken.isEmpty() ? "" : "&pageToken=" + pageToken),
                    CALL_TIMEOUT, "list the revisions of " + BackendNames.SERVICE);
            page.path("revisions").forEach(revision -> revisions.add(new Revision(
                    shortName(revision.path("name").asText()),
                    revision.path("terminalCondition").path("state").asText().equals("CONDITION_SUCCEEDED"),
                    revision.path("containers").path(0).path("image").asText(""),
                    revision.path("labels").path("release").asText(""))));
            pageToken = page.path("nextPageToken").asText("");
        } while (!pageToken.isEmpty());
        return revisions;
    }

    @Override
    public void setTraffic(List<TrafficLine> traffic, String etag) {
        var body = JsonNodeFactory.instance.objectNode();
        body.put("etag", etag);
        var lines = body.putArray("traffic");
        traffic.forEach(line -> {
            var node = lines.addObject();
            node.put("type", line.revision().isPresent() ? REVISION_TARGET : "TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST");
            line.revision().ifPresent(revision -> node.put("revision", revision));
            node.put("percent", line.percent());
            line.tag().ifPresent(tag -> node.put("tag", tag));
        });
        JsonNode operation;
        try {
            operation = cloudRun.patch(service + "?updateMask=traffic", body.toString(), CALL_TIMEOUT,
                    "change the traffic of " + BackendNames.SERVICE);
        } catch (GoogleApi.CallFailedException failure) {
            // An etag mismatch answers ABORTED (409); a 412 would mean the same.
            if (failure.status() == 409 || failure.status() == 412) {
                throw new ChangedMeanwhileException(failure.getMessage(), failure);
            }
            throw failure;
        }
        var deadline = Instant.now().plus(operationTimeout);
        while (!operation.path("done").asBoolean(false)) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the traffic change was not done after " + operationTimeout.toSeconds()
                        + " s (operation " + operation.path("name").asText() + ")");
            }
            Pause.of(pollInterval, "the traffic change");
            operation = cloudRun.get("v2/" + operation.path("name").asText(), CALL_TIMEOUT, "follow the traffic change");
        }
        if (operation.has("error")) {
            throw new IllegalStateException("Cloud Run refused the traffic change: "
                    + operation.path("error").path("message").asText(operation.path("error").toString()));
        }
    }

    private static Optional<String> text(JsonNode node) {
        return Optional.of(node.asText("")).filter(value -> !value.isEmpty());
    }

    /** {@code projects/p/locations/r/services/s/revisions/name} → {@code name}. */
    private static String shortName(String name) {
        return name.substring(name.lastIndexOf('/') + 1);
    }
}
