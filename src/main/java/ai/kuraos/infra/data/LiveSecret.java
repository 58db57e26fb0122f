package ai.kuraos.infra.data;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An adopted secret as {@code gcloud secrets describe NAME --format=json} prints it, with the enabled versions
 * {@code gcloud secrets versions list NAME --format=json} lists, reduced to what the program declares or relies on.
 *
 * @param secretId        the last segment of {@code name} ({@code projects/<number>/secrets/<id>})
 * @param automatic       automatic replication ({@code replication.automatic}), what {@code gcloud secrets create} gives
 * @param enabledVersions the numbers of the ENABLED versions, newest first; what {@code latest} resolves to is the first
 */
public record LiveSecret(String secretId, boolean automatic, Map<String, String> labels, List<Integer> enabledVersions) {

    public LiveSecret {
        labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
        enabledVersions = List.copyOf(enabledVersions);
    }

    /** Throws {@link IllegalArgumentException} when {@code describe} is not a secret's description. */
    public static LiveSecret fromDescribe(JsonNode describe, JsonNode versionsList) {
        var name = describe.path("name").asText("");
        if (!name.matches("projects/[^/]+/secrets/[^/]+")) {
            throw new IllegalArgumentException("name is '" + name + "', expected projects/<project>/secrets/<id> (gcloud"
                    + " secrets describe --format=json)");
        }
        var replication = describe.path("replication");
        if (!replication.has("automatic") && !replication.has("userManaged")) {
            throw new IllegalArgumentException("has no replication");
        }
        var labels = new TreeMap<String, String>();
        describe.path("labels").fields().forEachRemaining(label -> labels.put(label.getKey(), label.getValue().asText()));
        var enabled = new ArrayList<Integer>();
        versionsList.forEach(version -> {
            if ("ENABLED".equals(version.path("state").asText())) {
                var versionName = version.path("name").asText();
                enabled.add(Integer.parseInt(versionName.substring(versionName.lastIndexOf('/') + 1)));
            }
        });
        enabled.sort(Collections.reverseOrder());
        return new LiveSecret(name.substring(name.lastIndexOf('/') + 1), replication.has("automatic"), labels, enabled);
    }
}
