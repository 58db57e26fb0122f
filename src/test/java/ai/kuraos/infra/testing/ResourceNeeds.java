package ai.kuraos.infra.testing;

import ai.kuraos.infra.plan.Plan;
import ai.kuraos.infra.plan.PlannedResource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What each resource type needs from Google Cloud, as Google documents it ({@code contracts/resource-needs.yaml}):
 * the API it calls and the permissions its changes take, each with predefined roles that include it. The contract
 * tests hold the hand-kept lists of the program (the deployer's roles, the project's APIs) against it, resource by
 * resource of the rendered plans; nothing here is read from the code under test.
 */
public final class ResourceNeeds {

    /** One type's needs: {@code permissions} maps each permission to roles that include it (any one suffices). */
    public record Need(String type, String api, String source, Map<String, List<String>> permissions) {
    }

    private static final String FILE = "/contracts/resource-needs.yaml";
    private static final ResourceNeeds DOCUMENTED = read();

    private final List<String> localPrefixes;
    private final Set<String> preEnabledApis;
    private final Map<String, String> calledAtRuntime;
    private final Map<String, Need> byType;

    private ResourceNeeds(List<String> localPrefixes, Set<String> preEnabledApis, Map<String, String> calledAtRuntime,
                          Map<String, Need> byType) {
        this.localPrefixes = localPrefixes;
        this.preEnabledApis = preEnabledApis;
        this.calledAtRuntime = calledAtRuntime;
        this.byType = byType;
    }

    public static ResourceNeeds documented() {
        return DOCUMENTED;
    }

    /** Components, providers and engine-made values: they call no cloud API and need no role. */
    public boolean callsNoCloudApi(String type) {
        return localPrefixes.stream().anyMatch(type::startsWith);
    }

    /** APIs on in every project before any program runs (the one that enables the others). */
    public Set<String> preEnabledApis() {
        return preEnabledApis;
    }

    /** APIs that what runs in a stack calls, though no resource does, each with who calls it. */
    public Map<String, String> calledAtRuntime() {
        return calledAtRuntime;
    }

    public Optional<Need> of(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    /**
     * The resources of a plan that call a cloud API, grouped by type (in order), so that a problem is said once per
     * type with the resources that have it.
     */
    public Map<String, List<PlannedResource>> cloudResourcesByType(Plan plan) {
        var byPlannedType = new TreeMap<String, List<PlannedResource>>();
        for (var resource : plan.resources()) {
            if (!callsNoCloudApi(resource.type())) {
                byPlannedType.computeIfAbsent(resource.type(), type -> new ArrayList<>()).add(resource);
            }
        }
        return byPlannedType;
    }

    /** What to say of a type the table does not know: it fails every contract until someone adds it, with a source. */
    public static String unknownType(String type, List<PlannedResource> resources) {
        return type + " (" + names(resources) + ") is not in " + FILE.substring(1)
                + ": add its API and the permissions its changes take, with Google's page as the source";
    }

    public static String names(List<PlannedResource> resources) {
        var names = new TreeSet<String>();
        resources.forEach(resource -> names.add(resource.name()));
        return String.join(", ", names);
    }

    private static ResourceNeeds read() {
        try (var in = ResourceNeeds.class.getResourceAsStream(FILE)) {
            if (in == null) {
                throw new IllegalStateException(FILE + " is not on the test class path");
            }
            var root = new ObjectMapper(new YAMLFactory()).readTree(in);
            var local = new ArrayList<String>();
            root.path("local").forEach(prefix -> local.add(prefix.asText()));
            var preEnabled = new TreeSet<String>();
            root.path("preEnabled").forEach(api -> preEnabled.add(api.asText()));
            var runtime = new TreeMap<String, String>();
            root.path("calledAtRuntime").fields().forEachRemaining(entry -> runtime.put(entry.getKey(), entry.getValue().asText()));
            var types = new LinkedHashMap<String, Need>();
            root.path("types").fields().forEachRemaining(entry -> types.put(entry.getKey(), need(entry.getKey(), entry.getValue())));
            return new ResourceNeeds(List.copyOf(local), Set.copyOf(preEnabled), Map.copyOf(runtime), Map.copyOf(types));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Need need(String type, JsonNode entry) {
        var permissions = new LinkedHashMap<String, List<String>>();
        entry.path("permissions").fields().forEachRemaining(permission -> {
            var roles = new ArrayList<String>();
            permission.getValue().forEach(role -> roles.add(role.asText()));
            permissions.put(permission.getKey(), List.copyOf(roles));
        });
        if (entry.path("api").asText().isEmpty() || entry.path("source").asText().isEmpty() || permissions.isEmpty()) {
            throw new IllegalStateException(type + " in " + FILE + " needs an api, a source and its permissions");
        }
        return new Need(type, entry.path("api").asText(), entry.path("source").asText(), permissions);
    }
}
