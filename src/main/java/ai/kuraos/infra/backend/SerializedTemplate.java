package ai.kuraos.infra.backend;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.pulumi.Log;
import com.pulumi.core.Output;
import com.pulumi.core.internal.Constants;
import com.pulumi.core.internal.OutputData;
import com.pulumi.core.internal.OutputInternal;
import com.pulumi.resources.InputArgs;
import com.pulumi.serialization.internal.JsonFormatter;
import com.pulumi.serialization.internal.Serializer;

import java.util.concurrent.CompletableFuture;

/**
 * A resource input as the engine receives it, as canonical JSON (keys sorted): what a revision's name hashes, so that
 * every field the code or the stack sets is part of it without a list of fields to keep in step with the template.
 * Serialized by the SDK's own serializer, the one that sends inputs to the engine. While a value is unknown (a preview
 * before the resource that produces it exists), so is the text.
 */
final class SerializedTemplate {

    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private SerializedTemplate() {
    }

    static Output<String> of(InputArgs args) {
        CompletableFuture<OutputData<String>> text = new Serializer(Log.ignore())
                .serializeAsync("template", args, false)
                .thenApply(serialized -> {
                    var json = JsonFormatter.format(Serializer.createValue(serialized))
                            .orThrow(error -> new IllegalStateException("the template does not serialize", error));
                    return json.contains(Constants.UnknownValue) ? OutputData.<String>unknown() : OutputData.of(canonical(json));
                });
        return new OutputInternal<>(text);
    }

    private static String canonical(String json) {
        try {
            return CANONICAL.writeValueAsString(CANONICAL.readValue(json, Object.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the serialized template is not JSON", e);
        }
    }
}
