package ai.kuraos.infra.rollout;

import ai.kuraos.infra.backend.BackendNames;
import ai.kuraos.infra.backend.BackendSettings;
import ai.kuraos.infra.backend.RolloutMode;

import java.util.Optional;

/** Where the backend stands, as the stack's config records it. */
public record BackendState(String image, String release, String templateFingerprint, Optional<String> previousRevision,
                           RolloutMode mode, Optional<String> pinnedRevision) {

    public static BackendState of(BackendSettings settings) {
        return new BackendState(settings.image(), settings.release(), settings.templateFingerprint(),
                settings.previousRevision(), settings.rollout().mode(), settings.rollout().servingRevision());
    }

    /** The revision that has all the traffic now. */
    public String servingRevision() {
        return mode == RolloutMode.NORMAL ? revisionOf(release) : pinnedRevision.orElseThrow();
    }

    /** The revision a release runs as under this configuration. */
    public String revisionOf(String release) {
        return BackendNames.revision(release, templateFingerprint);
    }
}
