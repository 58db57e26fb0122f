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

    public static List<String> ids() {
        return Arrays.stream(values()).map(Environment::id).toList();
    }

    public static Optional<Environment> byId(String id) {
        return Arrays.stream(values()).filter(environment -> environment.id().equals(id)).findFirst();
    }
}
