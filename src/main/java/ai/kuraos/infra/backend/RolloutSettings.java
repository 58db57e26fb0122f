package ai.kuraos.infra.backend;

import ai.kuraos.infra.config.ConfigReader;
import ai.kuraos.infra.config.ConfigSection;

import java.util.Optional;

/** The rollout state: the mode, and in STAGED and PINNED modes the revision that keeps all traffic. */
public record RolloutSettings(RolloutMode mode, Optional<String> servingRevision) {

    public static final RolloutSettings NORMAL = new RolloutSettings(RolloutMode.NORMAL, Optional.empty());

    /** @param release the release the stack runs */
    static RolloutSettings read(ConfigSection section, String release, ConfigReader config) {
        var mode = section.value("mode", "`normal`: 100 % on the latest revision. `staged`: 100 % on `servingRevision`,"
                + " and the release's revision at 0 % under the `candidate` tag. `pinned`: 100 % on `servingRevision`.")
                .choice(RolloutMode.NORMAL, RolloutMode.class);
        var servingValue = section.value("servingRevision", "The revision that keeps all traffic; required when staged"
                + " or pinned.");
        var serving = Optional.of(servingValue.text("", BackendNames.REVISION)).filter(text -> !text.isEmpty());
        if (mode != RolloutMode.NORMAL && serving.isEmpty() && !servingValue.isSet()) {
            config.reject(servingValue.key(), "missing; the " + mode.name().toLowerCase() + " rollout mode keeps all"
                    + " traffic on a named revision such as " + BackendNames.SERVICE + "-v1-3-7-4f2a9c");
        }
        if (mode == RolloutMode.STAGED && serving.filter(name -> BackendNames.isRevisionOf(name, release)).isPresent()) {
            config.reject(servingValue.key(), "got \"" + serving.get() + "\", the revision of the release being staged;"
                    + " expected the revision serving before it");
        }
        return new RolloutSettings(mode, mode == RolloutMode.NORMAL ? Optional.empty() : serving);
    }
}
