package ai.kuraos.infra.rollout;

import ai.kuraos.infra.backend.BackendSettings;
import ai.kuraos.infra.backend.RolloutMode;

import java.util.Optional;

/**
 * Where the backend stands: as the stack's config records it, plus {@code releaseRevision}, the revision the
 * stack's release runs as (its {@code backendRevision} output after the last update: the name hashes values only an
 * update knows, such as secret versions, so the config alone cannot tell it).
 */
public record BackendState(String image, String release, Optional<String> releaseRevision,
                           Optional<String> previousRevision, RolloutMode mode, Optional<String> pinnedRevision) {

    public static BackendState of(BackendSettings settings, Optional<String> releaseRevision) {
        return new BackendState(settings.image(), settings.release(), releaseRevision, settings.previousRevision(),
                settings.rollout().mode(), settings.rollout().servingRevision());
    }

    /** The revision that has all the traffic now. */
    public String servingRevision() {
        if (mode != RolloutMode.NORMAL) {
            return pinnedRevision.orElseThrow();
        }
        return releaseRevision.orElseThrow(() -> new IllegalStateException("the stack has no backendRevision output:"
                + " run `pulumi up` of the stack once before the first deploy"));
    }
}
