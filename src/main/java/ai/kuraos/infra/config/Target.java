package ai.kuraos.infra.config;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a stack deploys and how its resources are marked and guarded: shared by every component.
 * {@code deletionProtection} turns on every guard against deleting stateful resources (Pulumi's and the APIs' own);
 * {@code adoption} names the resources that exist already and are imported rather than created.
 */
public record Target(
        String stack,
        Environment environment,
        String project,
        String region,
        Map<String, String> labels,
        boolean deletionProtection,
        Adoption adoption) {

    public Target {
        labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    }

    /** A stack that adopts nothing. */
    public Target(String stack, Environment environment, String project, String region, Map<String, String> labels,
                  boolean deletionProtection) {
        this(stack, environment, project, region, labels, deletionProtection, Adoption.NONE);
    }

    public boolean isProd() {
        return environment == Environment.PROD;
    }
}
