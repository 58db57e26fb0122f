package ai.kuraos.infra.rollout;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code kura-backend} as Cloud Run serves it now: its traffic split, its revisions and their readiness. Traffic is the
 * rollout's to set (the program declares none, see docs/operations.md): every change names its revisions and is checked
 * against the etag the caller read, client-side only (Cloud Run v2 takes no etag precondition).
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

    /** The service at one moment; {@code etag} makes the next traffic change conditional on it. */
    record Live(List<TrafficLine> traffic, List<Revision> revisions, Optional<String> latestReadyRevision,
                Map<String, URI> tagUrls, String etag) {

        public Live {
            traffic = List.copyOf(traffic);
            revisions = List.copyOf(revisions);
            tagUrls = Map.copyOf(tagUrls);
        }

        /** The URL a tag answers on (Cloud Run's traffic status). */
        public Optional<URI> tagUrl(String tag) {
            return Optional.ofNullable(tagUrls.get(tag));
        }

        /** The revision with all the traffic, if one has it ("latest" resolved to the latest ready revision). */
        public Optional<String> servingRevision() {
            var full = traffic.stream().filter(line -> line.percent() == 100).findFirst();
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

        /** The split as a person reads it, e.g. "kura-backend-v1-3-7-4f2a9c 100 %, kura-backend-v1-3-8-1b2c3d 0 % (tag candidate)". */
        public String describeTraffic() {
            return traffic.isEmpty() ? "no traffic lines"
                    : traffic.stream().map(TrafficLine::toString).collect(Collectors.joining(", "));
        }

        public String describeReadyRevisions() {
            var ready = revisions.stream().filter(Revision::ready).map(Revision::name).collect(Collectors.joining(", "));
            return ready.isEmpty() ? "none" : ready;
        }
    }

    /** Cloud Run refused a traffic change because the service changed since it was read (etag mismatch, HTTP 409/412). */
    final class ChangedMeanwhileException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        public ChangedMeanwhileException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The service now, or empty when it does not exist yet (the stack was never updated). */
    Optional<Live> read();

    /**
     * Replaces the whole split with {@code traffic}, provided the service's etag is still {@code etag}; waits for
     * Cloud Run to finish. Throws {@link ChangedMeanwhileException} when the service changed in between.
     */
    void setTraffic(List<TrafficLine> traffic, String etag);
}
