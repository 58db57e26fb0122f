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
 * What each resource type does when its inputs change: which inputs replace it and which provider deletes first, from
 * {@code plan/provider-rules.yaml} (generated from the pinned providers' source), and what it holds and guards, from
 * {@code plan/replacements.yaml} (kept by hand, a source per type). A type token ending in {@code *} covers every type
 * with that prefix (the platform's components).
 */
public final class ReplacementKnowledge {

    private static final String RESOURCE = "/plan/replacements.yaml";
    private static final String PROVIDER_RULES = "/plan/provider-rules.yaml";
    private static final ReplacementKnowledge SHIPPED = load();

    /** A provider plugin, a component or a plain cloud resource. */
    public enum Kind { RESOURCE, COMPONENT, PROVIDER }

    /**
     * A replacement the provider decides from the old and new value of one input (a CustomizeDiff force-new condition,
     * or a provider setting), not from any change of it.
     *
     * @param when {@code shrinks}, {@code downgrades}, {@code rangeNoLongerContainsOld}, {@code turnsOff},
     *             {@code becomesSet}, {@code becomesUnset} or {@code providerLacks:<setting>}
     */
    public record Condition(String path, String when, String source) {
    }

    /**
     * An input of the old resource with which the provider's delete keeps the data: a policy that abandons it, or a
     * guard that refuses to delete what still holds data; {@code how} says which, from the provider's source.
     */
    public record KeptWhen(String path, List<String> values, String how) {
        public KeptWhen {
            values = List.copyOf(values);
        }
    }

    /**
     * @param provider             the plugin that decides the type's diffs (gcp, kubernetes, random, tls), or null
     * @param replaceWhen          conditional replacements, evaluated on old and new values
     * @param replaceOn            input paths (relative to {@code inputs}) whose change replaces the resource
     * @param cloudName            the input holding the name the cloud knows it by, or null when none is fixed
     * @param providerDeletesFirst the provider deletes first on a replacement that keeps {@code cloudName}
     *                             (pulumi-kubernetes' Diff: a user-set name in the same namespace)
     * @param holdsData            what deleting it loses, or null when nothing is lost
     * @param deletionGuards       inputs that, when true, make the provider or the API refuse a delete
     * @param keptWhen             when the delete keeps {@code holdsData} after all, or null
     * @param autonamed            pulumi-gcp auto-names the type's {@code name} input (every gcp type that has one but
     *                             RecordSet, whose {@code name} is the DNS name)
     */
    public record TypeKnowledge(String type, Kind kind, String source, String provider, List<String> replaceOn,
                                List<Condition> replaceWhen, String cloudName, boolean providerDeletesFirst,
                                String holdsData, List<String> deletionGuards, KeptWhen keptWhen, boolean autonamed) {

        public TypeKnowledge {
            replaceOn = List.copyOf(replaceOn);
            replaceWhen = List.copyOf(replaceWhen);
            deletionGuards = List.copyOf(deletionGuards);
        }

        /**
         * pulumi-gcp auto-names every input called {@code name}, Optional or Required, whatever it names
         * (provider/resources.go {@code SetAutonaming}; pulumi-terraform-bridge pkg/tfbridge/provider.go
         * {@code SetAutonaming}), RecordSet aside; when the program sets it, the bridge answers Diff with
         * DeleteBeforeReplace ({@code nameRequiresDeleteBeforeReplace} in schema.go).
         */
        public boolean bridgeDeletesFirstWhenNamed() {
            return "gcp".equals(provider) && autonamed;
        }
    }

    /** The provider versions and source commits {@code provider-rules.yaml} was generated from. */
    public record ProviderSource(String name, String plugin, String commit) {
    }

    private final Map<String, TypeKnowledge> types;
    private final List<ProviderSource> providers;

    private ReplacementKnowledge(Map<String, TypeKnowledge> types, List<ProviderSource> providers) {
        this.types = Map.copyOf(types);
        this.providers = List.copyOf(providers);
    }

    /** The providers the rules were generated from. */
    public List<ProviderSource> providers() {
        return providers;
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
        return parse(read(RESOURCE), read(PROVIDER_RULES));
    }

    private static JsonNode read(String resource) {
        try (InputStream yaml = ReplacementKnowledge.class.getResourceAsStream(resource)) {
            if (yaml == null) {
                throw new IllegalStateException("the classpath holds no " + resource);
            }
            return new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    static ReplacementKnowledge parse(JsonNode document, JsonNode generated) {
        var providers = new ArrayList<ProviderSource>();
        generated.path("providers").fields().forEachRemaining(entry -> providers.add(new ProviderSource(entry.getKey(),
                entry.getValue().path("plugin").asText(), entry.getValue().path("commit").asText())));
        var rules = generated.path("types");
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
            var rule = rules.path(type);
            var replaceOn = new ArrayList<String>();
            rule.path("replaceOn").forEach(path -> replaceOn.add(path.asText()));
            var replaceWhen = new ArrayList<Condition>();
            rule.path("replaceWhen").forEach(condition -> replaceWhen.add(new Condition(condition.path("path").asText(),
                    condition.path("when").asText(), condition.path("source").asText())));
            if (kind != Kind.COMPONENT && rule.isMissingNode()) {
                errors.add(type + ": provider-rules.yaml has no rules for it (run ProviderRulesGenerator)");
            }
            var ruleSource = rule.isMissingNode() ? source
                    : rule.path("source").asText() + "; " + source;
            var deletionGuards = new ArrayList<String>();
            body.path("deletionGuards").forEach(path -> deletionGuards.add(path.asText()));
            var cloudName = body.path("cloudName").isTextual() ? body.path("cloudName").asText() : null;
            var holdsData = body.path("holdsData").isTextual() ? body.path("holdsData").asText() : null;
            var kept = body.path("keptWhen");
            var keptValues = new ArrayList<String>();
            kept.path("values").forEach(value -> keptValues.add(value.asText()));
            var keptWhen = kept.isMissingNode() ? null
                    : new KeptWhen(kept.path("path").asText(), keptValues, kept.path("how").asText());
            types.put(type, new TypeKnowledge(type, kind, ruleSource, rule.path("provider").asText(null), replaceOn,
                    replaceWhen, cloudName, rule.path("deletesFirst").asText("").equals("whenNameAndNamespaceKept"),
                    holdsData, deletionGuards, keptWhen, body.path("autonamed").asBoolean(true)));
        });
        if (!errors.isEmpty()) {
            throw new IllegalStateException(RESOURCE + " and " + PROVIDER_RULES + " are invalid: " + String.join("; ", errors));
        }
        return new ReplacementKnowledge(types, providers);
    }
}
