package ai.kuraos.infra.rollout;

import ai.kuraos.infra.config.BackendNames;
import ai.kuraos.infra.config.BackendSettings;
import ai.kuraos.infra.config.RolloutMode;

import java.util.Optional;

/** Where the backend stands, as the stack's config records it. */
public record BackendState(String image, String release, Optional<String> previousRevision, RolloutMode mode,
                           Optional<String> pinnedRevision) {

    public static BackendState of(BackendSettings settings) {
        return new BackendState(settings.image(), settings.release(), settings.previousRevision(),
                settings.rollout().mode(), settings.rollout().servingRevision());
    }

    /** The revision that has all the traffic now. */
    public String servingRevision() {
        return mode == RolloutMode.NORMAL ? BackendNames.revision(release) : pinnedRevision.orElseThrow();
    }
}
