package ai.kuraos.infra.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The three kinds of stack this platform runs; each brings its own defaults. */
public enum Environment {
    DEV, STAGING, PROD;

    public String id() {
        return name().toLowerCase();
    }

    /**
     * This environment's value of a per-environment default, stated beside its key: production keeps more, survives a
     * zone outage, never cold-starts and protects everything; dev stays cheap and disposable; staging sits between,
     * close enough to prod to rehearse a release on it.
     */
    public <T> T pick(T dev, T staging, T prod) {
        return switch (this) {
            case DEV -> dev;
            case STAGING -> staging;
            case PROD -> prod;
        };
    }

    /**
     * The environment whose tested image a release brings here: a release goes dev, then staging, then prod, each stack
     * running the bytes the one before it tested.
     */
    public Optional<Environment> releasedFrom() {
        return pick(Optional.empty(), Optional.of(DEV), Optional.of(STAGING));
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(Environment::id).toList();
    }

    public static Optional<Environment> byId(String id) {
        return Arrays.stream(values()).filter(environment -> environment.id().equals(id)).findFirst();
    }
}
