package ai.kuraos.infra.config;

import java.util.Map;
import java.util.TreeMap;

/** Where a stack deploys and how its resources are marked: shared by every component. */
public record Target(String stack, Environment environment, String project, String region, Map<String, String> labels) {

    public Target {
        labels = Map.copyOf(new TreeMap<>(labels));
    }

    public boolean isProd() {
        return environment == Environment.PROD;
    }
}
