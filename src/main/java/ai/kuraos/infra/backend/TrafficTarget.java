package ai.kuraos.infra.backend;


import java.util.List;
import java.util.Optional;

/** One line of a Cloud Run traffic split: the latest revision or a named one, its share, and an optional tag. */
public record TrafficTarget(boolean latest, Optional<String> revision, int percent, Optional<String> tag) {

    static TrafficTarget latest(int percent) {
        return new TrafficTarget(true, Optional.empty(), percent, Optional.empty());
    }

    static TrafficTarget revision(String revision, int percent) {
        return new TrafficTarget(false, Optional.of(revision), percent, Optional.empty());
    }

    static TrafficTarget candidate(String revision) {
        return new TrafficTarget(false, Optional.of(revision), 0, Optional.of(BackendNames.CANDIDATE_TAG));
    }

    /**
     * The split for a rollout state: normally everything on the latest revision; staged, everything on the serving
     * revision and the release's own revision at 0 % with its own URL; pinned, everything on one revision.
     */
    public static List<TrafficTarget> split(RolloutSettings rollout, String releaseRevision) {
        return switch (rollout.mode()) {
            case NORMAL -> List.of(latest(100));
            case STAGED -> List.of(revision(rollout.servingRevision().orElseThrow(), 100),
                    candidate(releaseRevision));
            case PINNED -> List.of(revision(rollout.servingRevision().orElseThrow(), 100));
        };
    }
}
