package ai.kuraos.infra.platform;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * An adopted Docker repository as {@code gcloud artifacts repositories describe ID --location REGION --format=json}
 * prints it, reduced to the inputs the program declares.
 *
 * @param hasCleanupPolicies whether it has any cleanup policy ({@code cleanupPolicies}, a map by policy id)
 * @param cleanupDryRun      {@code cleanupPolicyDryRun}: policies only report what they would delete
 */
public record LiveRepository(
        String location,
        String repositoryId,
        String format,
        String description,
        Map<String, String> labels,
        boolean immutableTags,
        boolean hasCleanupPolicies,
        boolean cleanupDryRun) {

    public LiveRepository {
        labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    }

    /** Throws {@link IllegalArgumentException} when {@code describe} is not a repository's description. */
    public static LiveRepository fromDescribe(JsonNode describe) {
        var name = describe.path("name").asText("");
        var parts = name.split("/");
        if (parts.length != 6 || !parts[0].equals("projects") || !parts[2].equals("locations")
                || !parts[4].equals("repositories")) {
            throw new IllegalArgumentException("name is '" + name + "', expected projects/<project>/locations/<region>/"
                    + "repositories/<id> (gcloud artifacts repositories describe --format=json)");
        }
        var labels = new TreeMap<String, String>();
        describe.path("labels").fields().forEachRemaining(label -> labels.put(label.getKey(), label.getValue().asText()));
        return new LiveRepository(parts[3], parts[5], describe.path("format").asText(""),
                describe.path("description").asText(""), labels,
                describe.path("dockerConfig").path("immutableTags").asBoolean(false),
                describe.path("cleanupPolicies").size() > 0,
                describe.path("cleanupPolicyDryRun").asBoolean(false));
    }
}
