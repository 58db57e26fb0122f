package ai.kuraos.infra.component;

import ai.kuraos.infra.backend.BackendNames;
import ai.kuraos.infra.config.ConfigValue;
import ai.kuraos.infra.config.TextRule;
import ai.kuraos.infra.data.SecretCatalogue;

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

    /**
     * What a stack may adopt, by logical name, with the import id's form (the provider's documented import formats):
     * what ran before this program in the seeds' production, created by {@code setup_infra.sh} and
     * {@code gcloud run deploy}.
     */
    public static final Map<String, String> ADOPTABLE = adoptable();

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

    private static Map<String, String> adoptable() {
        var forms = new TreeMap<String, String>();
        forms.put("kura-primary", "projects/<project>/instances/kura-primary");
        forms.put("kuraosbd", "projects/<project>/instances/kura-primary/databases/kuraosbd");
        forms.put("kura-app-user", "<project>/kura-primary/kura_app");
        forms.put("kura-images", "projects/<project>/locations/<region>/repositories/<repositoryId>");
        forms.put(BackendNames.SERVICE, "projects/<project>/locations/<region>/services/" + BackendNames.SERVICE);
        forms.put(BackendNames.MIGRATOR_JOB, "projects/<project>/locations/<region>/jobs/" + BackendNames.MIGRATOR_JOB);
        for (var entry : SecretCatalogue.ALL) {
            forms.put(secretLogicalName(entry.name()), "projects/<project>/secrets/" + entry.name());
        }
        return Collections.unmodifiableSortedMap(forms);
    }

    /** {@code STRIPE_SECRET_KEY} becomes {@code stripe-secret-key}: the secret's name in the program. */
    public static String secretLogicalName(String secretName) {
        return secretName.toLowerCase().replace('_', '-');
    }

    static final TextRule ADOPTABLE_NAME = TextRule.oneOf(adoptableNames());
    static final TextRule IMPORT_ID = TextRule.matching("[A-Za-z0-9][A-Za-z0-9_.:/@-]{0,1023}",
            "a resource id such as projects/kura-os/instances/kura-primary (the forms are in docs/adoption.md)");

    /**
     * {@code kura-infra:adopt}: a mapping of logical resource names to the ids of resources that already exist, e.g.
     * {@code kura-primary: projects/kura-os/instances/kura-primary}. Unknown names and malformed ids are errors.
     */
    public static Adoption read(ConfigValue value) {
        return new Adoption(value.textMap(Map.of(), ADOPTABLE_NAME, IMPORT_ID));
    }

    /** The adoptable names, for messages. */
    public static List<String> adoptableNames() {
        return List.copyOf(ADOPTABLE.keySet());
    }
}
