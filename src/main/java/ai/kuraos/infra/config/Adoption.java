package ai.kuraos.infra.config;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Resources of a stack that already exist and that the stack takes over instead of creating them: by logical name
 * (the name in {@code plan.json}), the id Pulumi's {@code import} resource option reads the existing resource by.
 * Empty for a stack built from an empty project. See docs/adoption.md.
 */
public record Adoption(Map<String, String> importIds) {

    /** Nothing adopted: every resource is created. */
    public static final Adoption NONE = new Adoption(Map.of());

    public Adoption {
        importIds = Collections.unmodifiableSortedMap(new TreeMap<>(importIds));
    }

    /** The id to import the resource {@code logicalName} by, when the stack adopts it. */
    public Optional<String> importId(String logicalName) {
        return Optional.ofNullable(importIds.get(logicalName));
    }

    public boolean adopts(String logicalName) {
        return importIds.containsKey(logicalName);
    }

    static final TextRule IMPORT_ID = TextRule.matching("[A-Za-z0-9][A-Za-z0-9_.:/@-]{0,1023}",
            "a resource id such as projects/kura-os/instances/kura-primary (the forms are in docs/adoption.md)");

    /**
     * {@code kura-infra:adopt}: a mapping of logical resource names to the ids of resources that already exist, e.g.
     * {@code kura-primary: projects/kura-os/instances/kura-primary}. Unknown names and malformed ids are errors.
     *
     * @param adoptable the logical names the program can adopt, in the order messages list them
     */
    public static Adoption read(ConfigValue value, List<String> adoptable) {
        return new Adoption(value.textMap(Map.of(), TextRule.oneOf(List.copyOf(adoptable)), IMPORT_ID));
    }
}
