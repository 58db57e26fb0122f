package ai.kuraos.infra;

import ai.kuraos.infra.backend.BackendNames;
import ai.kuraos.infra.data.SecretCatalogue;
import ai.kuraos.infra.data.Secrets;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a stack may adopt ({@code kura-infra:adopt}), by logical name, with the import id's form (the provider's
 * documented import formats): what ran before this program in the seeds' production, created by
 * {@code setup_infra.sh} and {@code gcloud run deploy}. The reading kit's {@link ai.kuraos.infra.config.Adoption}
 * is handed the names.
 */
public final class AdoptableResources {

    public static final Map<String, String> FORMS = forms();

    private AdoptableResources() {
    }

    /** The adoptable names, sorted, for the reader and its messages. */
    public static List<String> names() {
        return List.copyOf(FORMS.keySet());
    }

    private static Map<String, String> forms() {
        var forms = new TreeMap<String, String>();
        forms.put("kura-primary", "projects/<project>/instances/kura-primary");
        forms.put("kuraosbd", "projects/<project>/instances/kura-primary/databases/kuraosbd");
        forms.put("kura-app-user", "<project>/kura-primary/kura_app");
        forms.put("kura-images", "projects/<project>/locations/<region>/repositories/<repositoryId>");
        forms.put(BackendNames.SERVICE, "projects/<project>/locations/<region>/services/" + BackendNames.SERVICE);
        forms.put(BackendNames.MIGRATOR_JOB, "projects/<project>/locations/<region>/jobs/" + BackendNames.MIGRATOR_JOB);
        for (var entry : SecretCatalogue.ALL) {
            forms.put(Secrets.logicalName(entry.name()), "projects/<project>/secrets/" + entry.name());
        }
        return Collections.unmodifiableSortedMap(forms);
    }
}
