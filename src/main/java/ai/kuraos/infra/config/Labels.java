package ai.kuraos.infra.config;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The labels every resource that takes labels carries, so billing and inventory can be sliced per environment. */
public final class Labels {

    public static final Set<String> RESERVED = Set.of("app", "environment", "managed-by");

    static final TextRule KEY = TextRule.matching("[a-z][a-z0-9_-]{0,62}",
            "a label key: up to 63 lowercase letters, digits, '_' or '-', starting with a letter");
    static final TextRule VALUE = TextRule.matching("[a-z0-9_-]{0,63}",
            "a label value: up to 63 lowercase letters, digits, '_' or '-'");

    private Labels() {
    }

    /** The common labels (app, environment, managed-by) plus the stack's own extra labels. */
    public static Map<String, String> forStack(Environment environment, Map<String, String> extra) {
        var labels = new TreeMap<>(extra);
        labels.put("app", "kura");
        labels.put("environment", environment.id());
        labels.put("managed-by", "pulumi");
        return Collections.unmodifiableSortedMap(labels);
    }
}
