package ai.kuraos.infra.rollout;

import ai.kuraos.infra.config.ConfigReader;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The stack config each rollout step writes before its {@code pulumi up}, as {@code --path} keys: the stack file is
 * the record of what runs. A value of empty means "remove the key".
 */
public final class RolloutConfig {

    private static final String BACKEND = ConfigReader.NAMESPACE + ":backend.";

    private RolloutConfig() {
    }

    public static Map<String, Optional<String>> stage(String image, String release, String servingRevision) {
        var edits = new LinkedHashMap<String, Optional<String>>();
        edits.put(BACKEND + "image", Optional.of(image));
        edits.put(BACKEND + "release", Optional.of(release));
        edits.put(BACKEND + "rollout.mode", Optional.of("staged"));
        edits.put(BACKEND + "rollout.servingRevision", Optional.of(servingRevision));
        return edits;
    }

    public static Map<String, Optional<String>> promote(String previousRevision) {
        var edits = new LinkedHashMap<String, Optional<String>>();
        edits.put(BACKEND + "rollout.mode", Optional.of("normal"));
        edits.put(BACKEND + "rollout.servingRevision", Optional.empty());
        edits.put(BACKEND + "previousRevision", Optional.of(previousRevision));
        return edits;
    }

    public static Map<String, Optional<String>> pin(String revision) {
        var edits = new LinkedHashMap<String, Optional<String>>();
        edits.put(BACKEND + "rollout.mode", Optional.of("pinned"));
        edits.put(BACKEND + "rollout.servingRevision", Optional.of(revision));
        return edits;
    }
}
