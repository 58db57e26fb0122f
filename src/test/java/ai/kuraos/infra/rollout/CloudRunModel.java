package ai.kuraos.infra.rollout;

import ai.kuraos.infra.rollout.CloudRunService.Live;
import ai.kuraos.infra.rollout.CloudRunService.Reconciliation;
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
 * An in-memory Cloud Run service with the Admin API v2's semantics as Google documents them
 * (https://cloud.google.com/run/docs/reference/rest/v2/projects.locations.services): the desired state ({@code traffic},
 * {@code generation}) is what a change writes; what serves ({@code trafficStatuses}, {@code observedGeneration}) only
 * follows once Cloud Run has reconciled, which it does asynchronously ({@code reconciling} is true meanwhile, and
 * {@link #readSettled()} lets that time pass). A reconciliation that fails (a split naming a revision that is not
 * ready) leaves what served before serving, with a failed {@code terminalCondition}. A traffic change is
 * {@code services.patch} with {@code updateMask=traffic}: it touches the split alone and is refused with 409 ABORTED
 * when its etag is stale (AIP-154). The provider's update ({@link #applyTemplate}) is a PATCH of the whole service
 * without etag or mask, carrying the split of the Pulumi state, as terraform-provider-google-beta v5.0.0 sends it
 * ({@code resourceCloudRunV2ServiceUpdate}). A line without a revision follows the latest ready revision. The model
 * remembers every revision that ever served, for the invariant that only tested revisions get traffic. Faults are
 * queued per call.
 */
final class CloudRunModel implements CloudRunService {

    static final String URL = "https://kura-backend-abc-no.a.run.app";

    private final Map<String, Revision> revisions = new LinkedHashMap<>();
    private List<TrafficLine> traffic = List.of();
    private List<TrafficLine> statuses = List.of();
    private long generation;
    private long observedGeneration;
    private boolean reconciling;
    private Optional<String> failure = Optional.empty();
    private int etag = 1;
    private boolean exists;
    private final Set<String> everServed = new LinkedHashSet<>();
    /** What the migrator job runs, as the last update set it. */
    String jobImage = "";

    /** Thrown instead of the next reads of the service. */
    final Deque<RuntimeException> refuseReads = new ArrayDeque<>();
    /** Thrown instead of the next traffic changes, before anything changes. */
    final Deque<RuntimeException> refuseTrafficChanges = new ArrayDeque<>();
    /** Thrown after the next traffic changes were accepted: the answer was lost. */
    final Deque<RuntimeException> loseTrafficChangeAnswers = new ArrayDeque<>();
    /** Why the next reconciliations fail although every revision they name is ready (a crash on first requests). */
    final Deque<String> failReconciliations = new ArrayDeque<>();
    /** Runs once at the next traffic change, before Cloud Run looks at it: another writer's change lands first. */
    Runnable beforeNextTrafficChange = () -> {
    };
    /** Told of every traffic change the rollout makes, once it is accepted. */
    Consumer<List<TrafficLine>> afterTrafficChange = traffic -> {
    };

    /** A service as `pulumi up` first created it, serving {@code revision} through "latest". */
    static CloudRunModel serving(String revision, String image, String release) {
        var model = new CloudRunModel();
        model.applyTemplate(revision, image, release, true, List.of());
        model.readSettled();
        return model;
    }

    /**
     * The provider's create or update: a new revision for a new template. A new service gets no split from the
     * program and so follows "latest"; an existing one gets {@code stateTraffic} back, the split of the Pulumi state.
     */
    synchronized void applyTemplate(String name, String image, String release, boolean ready, List<TrafficLine> stateTraffic) {
        revisions.putIfAbsent(name, new Revision(name, ready, image, release));
        if (!exists) {
            exists = true;
            traffic = List.of(new TrafficLine(Optional.empty(), 100, Optional.empty()));
        } else {
            traffic = List.copyOf(stateTraffic);
        }
        changed();
    }

    /** The split as the Pulumi state would record it after a refresh: what was asked. */
    synchronized List<TrafficLine> askedTraffic() {
        return traffic;
    }

    /** What serves, whatever was asked. */
    synchronized List<TrafficLine> servingTraffic() {
        return statuses;
    }

    /** Someone moves traffic by hand, in the console or with gcloud. */
    synchronized void changeTrafficByHand(List<TrafficLine> split) {
        traffic = List.copyOf(split);
        changed();
        settle();
    }

    synchronized void deleteRevision(String name) {
        revisions.remove(name);
        traffic = traffic.stream().filter(line -> !line.revision().equals(Optional.of(name))).toList();
        statuses = statuses.stream().filter(line -> !line.revision().equals(Optional.of(name))).toList();
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
        statuses.forEach(line -> line.tag().ifPresent(tag -> tagUrls.put(tag, URI.create(URL.replace("https://", "https://" + tag + "---")))));
        return Optional.of(new Live(traffic, statuses, new Reconciliation(reconciling, generation, observedGeneration, failure),
                new ArrayList<>(revisions.values()), latestReady(), tagUrls, "etag-" + etag));
    }

    @Override
    public synchronized Optional<Live> readSettled() {
        if (exists && refuseReads.isEmpty()) {
            settle();
        }
        return read();
    }

    @Override
    public void setTraffic(List<TrafficLine> split, String expectedEtag) {
        var otherWriter = beforeNextTrafficChange;
        beforeNextTrafficChange = () -> {
        };
        otherWriter.run();
        synchronized (this) {
            if (!refuseTrafficChanges.isEmpty()) {
                throw refuseTrafficChanges.pop();
            }
            if (!expectedEtag.equals("etag-" + etag)) {
                throw new ChangedMeanwhileException("Cloud Run Admin API could not change the traffic of kura-backend:"
                        + " HTTP 409 etag mismatch: the service changed since " + expectedEtag, null);
            }
            if (split.stream().mapToInt(TrafficLine::percent).sum() != 100) {
                throw new IllegalStateException("HTTP 400 traffic percentages must add up to 100");
            }
            split.stream().flatMap(line -> line.revision().stream()).filter(name -> !revisions.containsKey(name)).findFirst()
                    .ifPresent(missing -> {
                        throw new IllegalStateException("HTTP 400 revision " + missing + " does not exist");
                    });
            traffic = List.copyOf(split);
            changed();
            if (!loseTrafficChangeAnswers.isEmpty()) {
                throw loseTrafficChangeAnswers.pop();
            }
        }
        afterTrafficChange.accept(split);
    }

    /** A change of the desired state: a new generation and etag, reconciled later. */
    private void changed() {
        generation++;
        etag++;
        reconciling = true;
    }

    /** Cloud Run brings what serves to what was asked, or fails to and keeps what served. */
    private void settle() {
        if (!reconciling) {
            return;
        }
        reconciling = false;
        var notReady = traffic.stream().flatMap(line -> line.revision().stream())
                .filter(name -> !revisions.containsKey(name) || !revisions.get(name).ready()).findFirst();
        var why = notReady.map(name -> "Revision '" + name + "' is not ready and cannot serve traffic.")
                .or(() -> Optional.ofNullable(failReconciliations.poll()));
        if (why.isPresent()) {
            failure = why;
            return;
        }
        failure = Optional.empty();
        statuses = traffic;
        observedGeneration = generation;
        statuses.stream().filter(line -> line.percent() > 0)
                .forEach(line -> line.revision().or(this::latestReady).ifPresent(everServed::add));
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
}
