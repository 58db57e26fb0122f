package ai.kuraos.infra.testing;

import ai.kuraos.infra.StackSettings;
import ai.kuraos.infra.config.ConfigError;
import ai.kuraos.infra.config.StackConfigValues;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Raw stack config with the least a stack needs, for tests that vary one key at a time. */
public final class MinimalConfig {

    private MinimalConfig() {
    }

    /**
     * Project, region, the backend's image and release, the edge's domain, who alerts go to, plus (or overridden by)
     * the given pairs.
     */
    /** Reads a stack of {@link #with} config: its settings, errors and documented keys. */
    public static StackSettings.Result read(String stack, String... keysAndValues) {
        return StackSettings.read(stack, StackConfigValues.of(with(keysAndValues)));
    }

    /** The one error of a stack of {@link #with} config; fails when there is not exactly one. */
    public static ConfigError onlyError(String stack, String... keysAndValues) {
        var errors = read(stack, keysAndValues).errors();
        assertThat(errors).as("errors").hasSize(1);
        return errors.get(0);
    }

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
