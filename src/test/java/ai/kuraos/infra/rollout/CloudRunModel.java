package ai.kuraos.infra.rollout;

import ai.kuraos.infra.rollout.CloudRunService.Live;
import ai.kuraos.infra.rollout.CloudRunService.Revision;
import ai.kuraos.infra.rollout.CloudRunService.TrafficLine;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * An in-memory Cloud Run service as the rollout sees it, with the rules that matter to it: a line without a revision
 * follows the latest ready revision (so a new revision inherits its traffic), a split must name existing revisions and
 * sum to 100, every change moves the etag and a change from a stale etag is refused. It remembers every revision that
 * ever had traffic, for the invariant that only tested revisions get any. Faults are queued per call.
 */
final class CloudRunModel implements CloudRunService {

    static final String URL = "https://kura-backend-abc-no.a.run.app";

    private final Map<String, Revision> revisions = new LinkedHashMap<>();
    private List<TrafficLine> traffic = List.of();
    private int etag = 1;
    private boolean exists;
    private final Set<String> everServed = new LinkedHashSet<>();
    /** What the migrator job runs, as the last update set it. */
    String jobImage = "";

    /** Thrown instead of the next reads of the service. */
    final Deque<RuntimeException> refuseReads = new ArrayDeque<>();
    /** Thrown instead of the next traffic changes, before anything changes. */
    final Deque<RuntimeException> refuseTrafficChanges = new ArrayDeque<>();
    /** Thrown after the next traffic changes were made: the answer was lost. */
    final Deque<RuntimeException> loseTrafficChangeAnswers = new ArrayDeque<>();
    /** Told of every traffic change the rollout makes, once it is made. */
    Consumer<List<TrafficLine>> afterTrafficChange = traffic -> {
    };

    /** A service as `pulumi up` first created it, serving {@code revision} through "latest". */
    static CloudRunModel serving(String revision, String image, String release) {
        var model = new CloudRunModel();
        model.applyTemplate(revision, image, release, true);
        return model;
    }

    /** What an update of the service does: a new revision for a new template; a new service follows "latest". */
    synchronized void applyTemplate(String name, String image, String release, boolean ready) {
        revisions.putIfAbsent(name, new Revision(name, ready, image, release));
        if (!exists) {
            exists = true;
            traffic = List.of(new TrafficLine(Optional.empty(), 100, Optional.empty()));
        }
        etag++;
        remember();
    }

    /** Someone moves traffic by hand, in the console or with gcloud. */
    synchronized void changeTrafficByHand(List<TrafficLine> split) {
        traffic = List.copyOf(split);
        etag++;
        remember();
    }

    synchronized void deleteRevision(String name) {
        revisions.remove(name);
        traffic = traffic.stream().filter(line -> !line.revision().equals(Optional.of(name))).toList();
        etag++;
    }

    synchronized Set<String> everServed() {
        return Set.copyOf(everServed);
    }

    @Override
    public synchronized Optional<Live> read() {
        if (!refuseReads.isEmpty()) {
            throw refuseReads.pop();
        }
        if (!exists) {
            return Optional.empty();
        }
        var tagUrls = new HashMap<String, URI>();
        traffic.forEach(line -> line.tag().ifPresent(tag -> tagUrls.put(tag, URI.create(URL.replace("https://", "https://" + tag + "---")))));
        return Optional.of(new Live(traffic, new ArrayList<>(revisions.values()), latestReady(), tagUrls, "etag-" + etag));
    }

    @Override
    public void setTraffic(List<TrafficLine> split, String expectedEtag) {
        synchronized (this) {
            if (!expectedEtag.equals("etag-" + etag)) {
                throw new ChangedMeanwhileException("HTTP 409 the service changed since " + expectedEtag, null);
            }
            if (!refuseTrafficChanges.isEmpty()) {
                throw refuseTrafficChanges.pop();
            }
            if (split.stream().mapToInt(TrafficLine::percent).sum() != 100) {
                throw new IllegalStateException("HTTP 400 traffic percentages must add up to 100");
            }
            split.stream().flatMap(line -> line.revision().stream()).filter(name -> !revisions.containsKey(name)).findFirst()
                    .ifPresent(missing -> {
                        throw new IllegalStateException("HTTP 400 revision " + missing + " does not exist");
                    });
            traffic = List.copyOf(split);
            etag++;
            remember();
            if (!loseTrafficChangeAnswers.isEmpty()) {
                throw loseTrafficChangeAnswers.pop();
            }
        }
        afterTrafficChange.accept(split);
    }

    private Optional<String> latestReady() {
        String latest = null;
        for (var revision : revisions.values()) {
            if (revision.ready()) {
                latest = revision.name();
            }
        }
        return Optional.ofNullable(latest);
    }

    private void remember() {
        traffic.stream().filter(line -> line.percent() > 0)
                .forEach(line -> line.revision().or(this::latestReady).ifPresent(everServed::add));
    }
}
