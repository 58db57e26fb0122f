package ai.kuraos.infra.backend;


import java.util.List;
import java.util.Optional;

/**
 * One line of a Cloud Run traffic split: the latest revision, a named one, or (no name, not latest) the revision of
 * the stack's release, whose name the program knows only once its template is known; its share, an optional tag.
 */
public record TrafficTarget(boolean latest, Optional<String> revision, int percent, Optional<String> tag) {

    static TrafficTarget latest(int percent) {
        return new TrafficTarget(true, Optional.empty(), percent, Optional.empty());
    }

    static TrafficTarget revision(String revision, int percent) {
        return new TrafficTarget(false, Optional.of(revision), percent, Optional.empty());
    }

    static TrafficTarget candidate() {
        return new TrafficTarget(false, Optional.empty(), 0, Optional.of(BackendNames.CANDIDATE_TAG));
    }

    /**
     * The split for a rollout state: normally everything on the latest revision; staged, everything on the serving
     * revision and the release's own revision at 0 % with its own URL; pinned, everything on one revision.
     */
    public static List<TrafficTarget> split(RolloutSettings rollout) {
        return switch (rollout.mode()) {
            case NORMAL -> List.of(latest(100));
            case STAGED -> List.of(revision(rollout.servingRevision().orElseThrow(), 100),
                    candidate());
            case PINNED -> List.of(revision(rollout.servingRevision().orElseThrow(), 100));
        };
    }
}
