package ai.kuraos.infra.rollout;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code kura-backend} as Cloud Run holds it now: the split asked for ({@code traffic}), the split that serves
 * ({@code trafficStatuses}), how far Cloud Run got in bringing the one to the other ({@code reconciling},
 * {@code generation}, {@code observedGeneration}, {@code terminalCondition}), its revisions and their readiness.
 * Traffic is the rollout's to set: every change names its revisions and carries the etag the caller read, which Cloud
 * Run checks (a change from a stale read is refused, HTTP 409 ABORTED).
 */
public interface CloudRunService {

    /** The tag of the revision a staged release runs as, with its own URL. */
    String CANDIDATE_TAG = ai.kuraos.infra.backend.BackendNames.CANDIDATE_TAG;
    /** The tag of the revision that served before the last promotion: where a bare rollback returns to. */
    String PREVIOUS_TAG = "previous";

    /** One line of the split; {@code revision} is empty for "the latest ready revision". */
    record TrafficLine(Optional<String> revision, int percent, Optional<String> tag) {

        public static TrafficLine serving(String revision) {
            return new TrafficLine(Optional.of(revision), 100, Optional.empty());
        }

        public static TrafficLine tagged(String revision, String tag) {
            return new TrafficLine(Optional.of(revision), 0, Optional.of(tag));
        }

        @Override
        public String toString() {
            return revision.orElse("latest") + " " + percent + " %" + tag.map(name -> " (tag " + name + ")").orElse("");
        }
    }

    /** A revision: its name, whether Cloud Run says it is ready, its image and the release label it carries. */
    record Revision(String name, boolean ready, String image, String release) {
    }

    /**
     * How far Cloud Run got with the service's latest desired state. Settled when it no longer reconciles; then it
     * either succeeded (what serves is what was asked, {@code observedGeneration == generation}) or failed, and what
     * serves is still the last state that served ({@code failure} says why).
     */
    record Reconciliation(boolean reconciling, long generation, long observedGeneration, Optional<String> failure) {

        public static Reconciliation done(long generation) {
            return new Reconciliation(false, generation, generation, Optional.empty());
        }

        public boolean succeeded() {
            return !reconciling && observedGeneration >= generation && failure.isEmpty();
        }

        @Override
        public String toString() {
            return reconciling ? "still reconciling generation " + generation + " (serving generation " + observedGeneration + ")"
                    : failure.map(why -> "generation " + generation + " failed to serve (" + why + "); generation "
                            + observedGeneration + " serves").orElse("generation " + observedGeneration + " serves");
        }
    }

    /**
     * The service at one moment: {@code traffic} is the split asked for, {@code serving} the split that serves;
     * {@code etag} makes the next traffic change conditional on this read.
     */
    record Live(List<TrafficLine> traffic, List<TrafficLine> serving, Reconciliation reconciliation,
                List<Revision> revisions, Optional<String> latestReadyRevision, Map<String, URI> tagUrls, String etag) {

        public Live {
            traffic = List.copyOf(traffic);
            serving = List.copyOf(serving);
            revisions = List.copyOf(revisions);
            tagUrls = Map.copyOf(tagUrls);
        }

        /** Whether Cloud Run serves exactly {@code split}, done reconciling and without a failure. */
        public boolean serves(List<TrafficLine> split) {
            return reconciliation.succeeded() && resolved(serving).equals(resolved(split));
        }

        /**
         * Whether Cloud Run is done and what serves is what is asked, even if the last change of something else (a
         * template whose revision failed) did not succeed.
         */
        public boolean asksWhatServes() {
            return !reconciliation.reconciling() && resolved(serving).equals(resolved(traffic));
        }

        private List<TrafficLine> resolved(List<TrafficLine> split) {
            return split.stream().map(line -> new TrafficLine(line.revision().or(() -> latestReadyRevision),
                    line.percent(), line.tag())).sorted(java.util.Comparator.comparing(TrafficLine::toString)).toList();
        }

        /** The URL a tag answers on (Cloud Run's traffic status). */
        public Optional<URI> tagUrl(String tag) {
            return Optional.ofNullable(tagUrls.get(tag));
        }

        /**
         * The revision that serves all the traffic, if one does ("latest" resolved to the latest ready revision). Read
         * from what serves, not from what was asked: a split that failed to reconcile serves nothing new.
         */
        public Optional<String> servingRevision() {
            var full = serving.stream().filter(line -> line.percent() == 100).findFirst();
            return full.flatMap(line -> line.revision().or(() -> latestReadyRevision));
        }

        public Optional<String> tagged(String tag) {
            return traffic.stream().filter(line -> line.tag().filter(tag::equals).isPresent())
                    .flatMap(line -> line.revision().stream()).findFirst();
        }

        public Optional<Revision> revision(String name) {
            return revisions.stream().filter(revision -> revision.name().equals(name)).findFirst();
        }

        /** Whether some line follows "the latest revision", which would hand a new revision traffic untested. */
        public boolean followsLatest() {
            return traffic.stream().anyMatch(line -> line.revision().isEmpty() && line.percent() > 0);
        }

        /**
         * What serves as a person reads it, e.g. "kura-backend-v1-3-7-4f2a9c 100 %, kura-backend-v1-3-8-1b2c3d 0 %
         * (tag candidate)", and what was asked when Cloud Run has not brought it about.
         */
        public String describeTraffic() {
            var served = describe(serving);
            return serves(traffic) ? served : served + " (asked: " + describe(traffic) + "; " + reconciliation + ")";
        }

        private static String describe(List<TrafficLine> split) {
            return split.isEmpty() ? "no traffic lines" : split.stream().map(TrafficLine::toString).collect(Collectors.joining(", "));
        }

        public String describeReadyRevisions() {
            var ready = revisions.stream().filter(Revision::ready).map(Revision::name).collect(Collectors.joining(", "));
            return ready.isEmpty() ? "none" : ready;
        }
    }

    /** Cloud Run refused a traffic change because the service changed since it was read (etag mismatch: HTTP 409 ABORTED). */
    final class ChangedMeanwhileException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        public ChangedMeanwhileException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The service now, or empty when it does not exist yet (the stack was never updated). */
    Optional<Live> read();

    /**
     * The service once Cloud Run no longer reconciles it (bounded by a timeout, after which it is returned as it is):
     * what serves then is either what was asked or, when the reconciliation failed, the last state that served.
     */
    Optional<Live> readSettled();

    /**
     * Replaces the split with {@code traffic} and nothing else ({@code updateMask=traffic}), on condition that the
     * service's etag is still {@code etag}; waits for the operation. Throws {@link ChangedMeanwhileException} when
     * Cloud Run refuses it because the service changed in between. What serves afterwards is for
     * {@link #readSettled()} to say.
     */
    void setTraffic(List<TrafficLine> traffic, String etag);
}
