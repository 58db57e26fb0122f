package ai.kuraos.infra.config;

/**
 * Reads {@code kura-infra:adopt}: a mapping of logical resource names to the ids of resources that already exist,
 * e.g. {@code kura-primary: projects/kura-os/instances/kura-primary}. Unknown names and malformed ids are errors.
 */
public final class AdoptionSettingsParser {

    static final TextRule ADOPTABLE_NAME = TextRule.oneOf(Adoption.adoptableNames());
    static final TextRule IMPORT_ID = TextRule.matching("[A-Za-z0-9][A-Za-z0-9_.:/@-]{0,1023}",
            "a resource id such as projects/kura-os/instances/kura-primary (the forms are in docs/adoption.md)");

    private AdoptionSettingsParser() {
    }

    public static Adoption read(ConfigValue value) {
        return new Adoption(value.textMap(java.util.Map.of(), ADOPTABLE_NAME, IMPORT_ID));
    }
}
