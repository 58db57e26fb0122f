package ai.kuraos.infra.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.pulumi.Log;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.internal.Constants;
import com.pulumi.core.internal.Urn;
import com.pulumi.resources.Resource;
import com.pulumi.test.Mocks;
import com.pulumi.test.internal.MockMonitor;
import pulumirpc.Resource.RegisterResourceOutputsRequest;
import pulumirpc.Resource.RegisterResourceRequest;
import pulumirpc.Resource.RegisterResourceResponse;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The engine side of the offline plan. It records every registration as the real engine would receive it (parent,
 * raw inputs with secrets still marked, protection, dependencies, the options that change replacements and deletes)
 * and answers like a provider that has just created
 * the resource: inputs echoed back, and every string output only known after creation given as
 * {@code ${<resource name>.<output>}}, so the plan shows what wires to what.
 */
final class RecordingMonitor extends MockMonitor {

    private static final String STACK_TYPE = "pulumi:pulumi:Stack";
    private static final String PROVIDER_TYPE_PREFIX = "pulumi:providers:";
    private static final ClassValue<List<String>> STRING_OUTPUTS = new ClassValue<>() {
        @Override
        protected List<String> computeValue(Class<?> type) {
            var names = new ArrayList<String>();
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    var export = field.getAnnotation(Export.class);
                    if (export != null && export.refs().length == 1 && export.refs()[0] == String.class) {
                        names.add(export.name());
                    }
                }
            }
            return List.copyOf(names);
        }
    };

    private record Registration(Resource resource, RegisterResourceRequest request) {
    }

    private final String project;
    private final String stack;
    private final Map<String, Registration> registrations = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, Struct> registeredOutputs = new ConcurrentHashMap<>();
    private volatile String stackUrn = "";

    RecordingMonitor(String project, String stack, Log log) {
        super(new OfflineMocks(), log);
        this.project = project;
        this.stack = stack;
    }

    @Override
    public CompletableFuture<RegisterResourceResponse> registerResourceAsync(Resource resource, RegisterResourceRequest request) {
        if (STACK_TYPE.equals(request.getType())) {
            return super.registerResourceAsync(resource, request).thenApply(response -> {
                stackUrn = response.getUrn();
                return response;
            });
        }
        var urn = Urn.create(stack, project, Optional.of(request.getParent()), request.getType(), request.getName());
        if (registrations.putIfAbsent(urn, new Registration(resource, request)) != null) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "Duplicate resource URN '" + urn + "': two resources of type " + request.getType()
                            + " are named '" + request.getName() + "' under the same parent"));
        }
        resources.add(resource);
        var state = Struct.newBuilder().putAllFields(request.getObject().getFieldsMap());
        var id = "";
        if (request.getCustom()) {
            id = "${" + request.getName() + ".id}";
            for (var output : STRING_OUTPUTS.get(resource.getClass())) {
                if (!state.containsFields(output)) {
                    state.putFields(output, Value.newBuilder()
                            .setStringValue("${" + request.getName() + "." + output + "}").build());
                }
            }
            // As the engine does: outputs the program asks to keep secret come back secret.
            for (var output : request.getAdditionalSecretOutputsList()) {
                if (state.containsFields(output)) {
                    state.putFields(output, secret(state.getFieldsOrThrow(output)));
                }
            }
        }
        return CompletableFuture.completedFuture(RegisterResourceResponse.newBuilder()
                .setUrn(urn)
                .setId(id)
                .setObject(state.build())
                .build());
    }

    private static Value secret(Value value) {
        return Value.newBuilder().setStructValue(Struct.newBuilder()
                .putFields(Constants.SpecialSigKey, Value.newBuilder().setStringValue(Constants.SpecialSecretSig).build())
                .putFields("value", value)).build();
    }

    @Override
    public CompletableFuture<Void> registerResourceOutputsAsync(RegisterResourceOutputsRequest request) {
        registeredOutputs.put(request.getUrn(), request.getOutputs());
        return CompletableFuture.completedFuture(null);
    }

    /** The recorded registrations as a plan: names instead of URNs, resources in tree order. */
    Plan toPlan(List<String> warnings) {
        Map<String, Registration> byUrn;
        synchronized (registrations) {
            byUrn = new LinkedHashMap<>(registrations);
        }
        Function<String, String> nameOfUrn = urn -> {
            var registration = byUrn.get(urn);
            return registration == null ? urn : registration.request().getName();
        };
        var planned = new ArrayList<PlannedResource>();
        byUrn.forEach((urn, registration) -> {
            var request = registration.request();
            var parent = request.getParent().isEmpty() || request.getParent().equals(stackUrn)
                    ? null : nameOfUrn.apply(request.getParent());
            var outputs = registeredOutputs.get(urn);
            planned.add(new PlannedResource(
                    request.getType(),
                    request.getName(),
                    parent,
                    request.getProvider().isEmpty() ? null : nameOfUrn.apply(providerUrn(request.getProvider())),
                    request.getProtect(),
                    request.getImportId().isEmpty() ? null : request.getImportId(),
                    pinnedPluginVersion(request),
                    explicitDependencies(request).stream().map(nameOfUrn).sorted().toList(),
                    PlanValues.object(request.getObject(), nameOfUrn),
                    outputs == null ? null : PlanValues.object(outputs, nameOfUrn),
                    registration.resource().getClass(),
                    request.getDependenciesList().stream().map(nameOfUrn).distinct().sorted().toList(),
                    new PlannedResource.Lifecycle(request.getDeleteBeforeReplace(),
                            request.getReplaceOnChangesList().stream().sorted().toList(),
                            request.getIgnoreChangesList().stream().sorted().toList(),
                            request.getRetainOnDelete()),
                    hiddenInputSources(request, nameOfUrn)));
        });
        var stackOutputs = registeredOutputs.getOrDefault(stackUrn, Struct.getDefaultInstance());
        return new Plan(project, stack, treeOrder(planned), PlanValues.object(stackOutputs, nameOfUrn), warnings);
    }

    /**
     * The plugin version an explicit provider runs (its {@code version} option, else its SDK's); every other
     * resource's request carries its SDK's version, which says nothing, so it is left out.
     */
    private static String pinnedPluginVersion(RegisterResourceRequest request) {
        return request.getType().startsWith(PROVIDER_TYPE_PREFIX) && !request.getVersion().isEmpty()
                ? request.getVersion() : null;
    }

    /** A provider reference is {@code <urn>::<id>}, and a URN has {@code ::} of its own. */
    private static String providerUrn(String reference) {
        return reference.substring(0, reference.lastIndexOf("::"));
    }

    /**
     * Per top-level input, the resources its property dependencies name that its value does not reference: a known
     * output (a name the program set) reads as a literal, but the engine still follows the edge.
     */
    private static TreeMap<String, List<String>> hiddenInputSources(RegisterResourceRequest request,
                                                                  Function<String, String> nameOfUrn) {
        var hidden = new TreeMap<String, List<String>>();
        request.getPropertyDependenciesMap().forEach((property, dependencies) -> {
            var value = PlanValues.value(request.getObject().getFieldsOrDefault(property, Value.getDefaultInstance()),
                    nameOfUrn);
            var texts = new ArrayList<String>();
            collectTexts(value, texts);
            var names = dependencies.getUrnsList().stream().map(nameOfUrn).distinct().sorted()
                    .filter(name -> texts.stream().noneMatch(text -> PlanValues.references(text, name))).toList();
            if (!names.isEmpty()) {
                hidden.put(property, names);
            }
        });
        return hidden;
    }

    private static void collectTexts(JsonNode node, List<String> texts) {
        if (node.isTextual()) {
            texts.add(node.asText());
        }
        node.forEach(child -> collectTexts(child, texts));
    }

    /** What {@code dependsOn} added: all dependencies minus those that come from inputs. */
    private static List<String> explicitDependencies(RegisterResourceRequest request) {
        var fromInputs = new HashSet<String>();
        request.getPropertyDependenciesMap().values().forEach(deps -> fromInputs.addAll(deps.getUrnsList()));
        return request.getDependenciesList().stream().filter(urn -> !fromInputs.contains(urn)).distinct().toList();
    }

    /**
     * Each component followed by its children, siblings ordered by type then name: the architecture, top down. A
     * child may share its component's name (names are unique per type), so children are matched by the component's
     * position in the tree, not by name alone.
     */
    private static List<PlannedResource> treeOrder(List<PlannedResource> resources) {
        var order = Comparator.comparing(PlannedResource::type).thenComparing(PlannedResource::name);
        var ordered = new ArrayList<PlannedResource>();
        var placed = Collections.newSetFromMap(new IdentityHashMap<PlannedResource, Boolean>());
        appendChildren(null, resources, order, ordered, placed);
        return ordered;
    }

    private static void appendChildren(String parent, List<PlannedResource> all, Comparator<PlannedResource> order,
                                       List<PlannedResource> ordered, Set<PlannedResource> placed) {
        all.stream()
                .filter(resource -> !placed.contains(resource))
                .filter(resource -> parent == null ? resource.parent() == null : parent.equals(resource.parent()))
                .sorted(order)
                .toList()
                .forEach(resource -> {
                    if (placed.add(resource)) {
                        ordered.add(resource);
                        if (resource.type().startsWith("kura:")) {
                            appendChildren(resource.name(), all, order, ordered, placed);
                        }
                    }
                });
    }

    /** The offline plan answers no provider calls: a program that needs a live lookup cannot be planned offline. */
    private static final class OfflineMocks implements Mocks {
        @Override
        public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
            return CompletableFuture.failedFuture(new UnsupportedOperationException(
                    "the program reads the existing resource " + args.type + " '" + args.name
                            + "', which the offline plan cannot look up; declare it instead"));
        }

        @Override
        public CompletableFuture<Map<String, Object>> callAsync(CallArgs args) {
            return CompletableFuture.failedFuture(new UnsupportedOperationException(
                    "the program calls the provider function " + args.token
                            + ", which the offline plan cannot answer; derive the value from settings instead"));
        }
    }
}
