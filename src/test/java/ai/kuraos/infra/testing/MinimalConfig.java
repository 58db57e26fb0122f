package ai.kuraos.infra.testing;

import java.util.HashMap;
import java.util.Map;

/** Raw stack config with the least a stack needs, for tests that vary one key at a time. */
public final class MinimalConfig {

    private MinimalConfig() {
    }

    /**
     * Project, region, the backend's image and release, the edge's domain, who alerts go to, plus (or overridden by)
     * the given pairs.
     */
    public static Map<String, String> with(String... keysAndValues) {
        var config = new HashMap<String, String>();
        config.put("gcp:project", "kura-os");
        config.put("gcp:region", "europe-southwest1");
        config.put("kura-infra:backend", "{\"image\":\"europe-southwest1-docker.pkg.dev/kura-os/kura/kura-backend:v1-3-7\","
                + "\"release\":\"v1-3-7\"}");
        config.put("kura-infra:edge", "{\"domain\":\"kuraos.ai\"}");
        config.put("kura-infra:monitoring", "{\"notificationEmails\":[\"ops@kuraos.ai\"]}");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            config.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return config;
    }
}
