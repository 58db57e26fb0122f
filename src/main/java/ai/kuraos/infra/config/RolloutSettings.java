package ai.kuraos.infra.config;

import java.util.Optional;

/** The rollout state: the mode, and in STAGED and PINNED modes the revision that keeps all traffic. */
public record RolloutSettings(RolloutMode mode, Optional<String> servingRevision) {

    public static final RolloutSettings NORMAL = new RolloutSettings(RolloutMode.NORMAL, Optional.empty());
}
