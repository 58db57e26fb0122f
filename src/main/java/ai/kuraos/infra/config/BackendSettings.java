package ai.kuraos.infra.config;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code kura-backend} and {@code kura-migrator}: what runs (image and release), how big and how many, the app's
 * non-secret environment, and where the rollout stands. {@code previousRevision} is the revision that served before
 * the last promotion: where {@code rollback} returns to. {@code templateFingerprint} sums up the settings that shape
 * the revision (see {@link BackendNames#templateFingerprint}); the program adds what other resources feed in.
 */
public record BackendSettings(
        String image,
        String release,
        Optional<String> previousRevision,
        String cpu,
        String memory,
        boolean startupCpuBoost,
        int requestTimeoutSeconds,
        int concurrency,
        int minInstances,
        int maxInstances,
        int migrationTimeoutSeconds,
        Map<String, String> env,
        double traceSampleRatio,
        String templateFingerprint,
        RolloutSettings rollout) {

    public BackendSettings {
        env = Collections.unmodifiableSortedMap(new TreeMap<>(env));
    }

}
