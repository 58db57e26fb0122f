package ai.kuraos.infra.plan.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What each resource type does when its inputs change, as {@code plan/replacements.yaml} states it with a source per
 * type. A type token ending in {@code *} covers every type with that prefix (the platform's components).
 */
public final class ReplacementKnowledge {

    private static final String RESOURCE = "/plan/replacements.yaml";
    private static final ReplacementKnowledge SHIPPED = load();

    /** A provider plugin, a component or a plain cloud resource. */
    public enum Kind { RESOURCE, COMPONENT, PROVIDER }

    /**
     * @param replaceOn            input paths (relative to {@code inputs}) whose change replaces the resource
     * @param cloudName            the input holding the name the cloud knows it by, or null when none is fixed
     * @param providerDeletesFirst the provider deletes first on a replacement that keeps {@code cloudName}
     * @param holdsData            what deleting it loses, or null when nothing is lost
     * @param deletionGuards       inputs that, when true, make the provider or the API refuse a delete
     */
    public record TypeKnowledge(String type, Kind kind, String source, List<String> replaceOn, String cloudName,
                                boolean providerDeletesFirst, String holdsData, List<String> deletionGuards) {

        public TypeKnowledge {
            replaceOn = List.copyOf(replaceOn);
            deletionGuards = List.copyOf(deletionGuards);
        }
    }

    private final Map<String, TypeKnowledge> types;

    private ReplacementKnowledge(Map<String, TypeKnowledge> types) {
        this.types = Map.copyOf(types);
    }

    /** The knowledge shipped with the program. */
    public static ReplacementKnowledge shipped() {
        return SHIPPED;
    }

    /** What is known about {@code type}, from its own entry or else from the longest matching wildcard. */
    public Optional<TypeKnowledge> of(String type) {
        var exact = types.get(type);
        if (exact != null) {
            return Optional.of(exact);
        }
        return types.entrySet().stream()
                .filter(entry -> entry.getKey().endsWith("*"))
                .filter(entry -> type.startsWith(entry.getKey().substring(0, entry.getKey().length() - 1)))
                .max(Map.Entry.comparingByKey((left, right) -> Integer.compare(left.length(), right.length())))
                .map(Map.Entry::getValue);
    }

    private static ReplacementKnowledge load() {
        try (InputStream yaml = ReplacementKnowledge.class.getResourceAsStream(RESOURCE)) {
            if (yaml == null) {
                throw new IllegalStateException("the classpath holds no " + RESOURCE);
            }
            return parse(new ObjectMapper(new YAMLFactory()).readTree(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    static ReplacementKnowledge parse(JsonNode document) {
        var types = new LinkedHashMap<String, TypeKnowledge>();
        var errors = new ArrayList<String>();
        document.fields().forEachRemaining(entry -> {
            var type = entry.getKey();
            var body = entry.getValue();
            var source = body.path("source").asText("");
            if (source.isBlank()) {
                errors.add(type + ": no source");
            }
            var kind = switch (body.path("kind").asText("resource")) {
                case "component" -> Kind.COMPONENT;
                case "provider" -> Kind.PROVIDER;
                case "resource" -> Kind.RESOURCE;
                default -> {
                    errors.add(type + ": kind is '" + body.path("kind").asText() + "', allowed: resource, component, provider");
                    yield Kind.RESOURCE;
                }
            };
            var replaceOn = new ArrayList<String>();
            body.path("replaceOn").forEach(path -> replaceOn.add(path.asText()));
            var deletionGuards = new ArrayList<String>();
            body.path("deletionGuards").forEach(path -> deletionGuards.add(path.asText()));
            var cloudName = body.path("cloudName").isTextual() ? body.path("cloudName").asText() : null;
            var holdsData = body.path("holdsData").isTextual() ? body.path("holdsData").asText() : null;
            types.put(type, new TypeKnowledge(type, kind, source, replaceOn, cloudName,
                    body.path("providerDeletesFirst").asBoolean(false), holdsData, deletionGuards));
        });
        if (!errors.isEmpty()) {
            throw new IllegalStateException(RESOURCE + " is invalid: " + String.join("; ", errors));
        }
        return new ReplacementKnowledge(types);
    }
}
