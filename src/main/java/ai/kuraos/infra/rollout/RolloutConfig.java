package ai.kuraos.infra.rollout;

import ai.kuraos.infra.config.ConfigReader;

import java.util.LinkedHashMap;
import java.util.Map;

/** The stack config a stage sets for its {@code pulumi up}, as {@code --path} keys. */
public final class RolloutConfig {

    private static final String BACKEND = ConfigReader.NAMESPACE + ":backend.";

    private RolloutConfig() {
    }

    public static Map<String, String> stage(String image, String release) {
        var edits = new LinkedHashMap<String, String>();
        edits.put(BACKEND + "image", image);
        edits.put(BACKEND + "release", release);
        return edits;
    }
}
