package ai.kuraos.infra.plan.steps;

import ai.kuraos.infra.plan.PlanDiff;
import ai.kuraos.infra.plan.PlanValues;
import ai.kuraos.infra.plan.steps.ReplacementKnowledge.Kind;
import ai.kuraos.infra.plan.steps.ReplacementKnowledge.TypeKnowledge;
import ai.kuraos.infra.plan.steps.Step.Op;
import ai.kuraos.infra.plan.steps.Step.PathChange;
import ai.kuraos.infra.plan.steps.Step.Refusal;
import ai.kuraos.infra.plan.steps.Step.ReplaceMode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The engine's rules, applied offline to two plans of one stack. For each resource it decides the step Pulumi's step
 * generator would take, from the replacement knowledge and the resource options recorded in the plans:
 * <ul>
 *   <li>a change of an input the provider cannot update, of the resource's provider or of its parent (a new URN)
 *       replaces it; a replacement spreads to the resources whose replacement-forcing inputs reference it
 *       ({@code ${name.output}}), and to everything created through a replaced provider;</li>
 *   <li>a replacement creates the new copy first unless {@code deleteBeforeReplace} is set or the provider deletes
 *       first (a Kubernetes object that keeps its name);</li>
 *   <li>refused: replacing a resource protected before and after, deleting one protected before (the engine's
 *       "unable to replace/delete resource … marked for protection", pkg/resource/deploy/step_generator.go and
 *       step.go); creating a copy with the same fixed name before the old one is gone ("already exists"); deleting
 *       first a resource another one still uses; deleting one whose deletion guard input is on.</li>
 * </ul>
 */
public final class StepAnalysis {


    private static final String CLOUD_SQL_INSTANCE = "gcp:sql/databaseInstance:DatabaseInstance";
    private static final String GKE_CLUSTER = "gcp:container/cluster:Cluster";
    private static final String KUBERNETES_PROVIDER = "pulumi:providers:kubernetes";

    private final ReplacementKnowledge knowledge;

    public StepAnalysis(ReplacementKnowledge knowledge) {
        this.knowledge = knowledge;
    }

    /** The steps from {@code before} to {@code after}; a null side is a stack that does not exist there. */
    public StackSteps analyse(String stack, JsonNode before, JsonNode after) {
        var diff = PlanDiff.of(stack, before, after);
        var oldResources = resources(before);
        var newResources = resources(after);
        var drafts = new TreeMap<PlanDiff.Resource, Draft>();
        for (var added : diff.added()) {
            var resource = newResources.get(added);
            drafts.put(added, new Draft(added, resource.has("import") ? Op.IMPORT : Op.CREATE, null, resource));
        }
        for (var removed : diff.removed()) {
            drafts.put(removed, new Draft(removed, Op.DELETE, oldResources.get(removed), null));
        }
        for (var changed : diff.changed()) {
            var draft = new Draft(changed.resource(), Op.UPDATE, oldResources.get(changed.resource()),
                    newResources.get(changed.resource()));
            var type = knowledgeOf(changed.resource().type());
            if (type.kind() == Kind.COMPONENT) {
                continue;
            }
            var ignored = strings(draft.after.path("ignoreChanges"));
            changed.changes().stream()
                    .filter(change -> ignored.stream().noneMatch(rule -> change.path().startsWith("inputs")
                            && InputPaths.touches(inputPath(change.path()), rule)))
                    .forEach(change -> draft.add(ownChange(type, draft.after, change, newResources)));
            if (!draft.changes.isEmpty()) {
                drafts.put(changed.resource(), draft);
            }
        }
        spreadReplacements(drafts, newResources, oldResources);
        var steps = drafts.values().stream().map(draft -> finish(draft, drafts, newResources)).toList();
        var previous = before == null ? List.<String>of() : strings(before.path("warnings"));
        var warnings = after == null ? List.<StackSteps.Warning>of() : strings(after.path("warnings")).stream()
                .map(warning -> new StackSteps.Warning(warning, !previous.contains(warning))).toList();
        return new StackSteps(stack, steps.stream().map(step -> withWhatRunsFirst(step, steps, newResources, oldResources)).toList(),
                diff.outputs(), warnings);
    }

    private TypeKnowledge knowledgeOf(String type) {
        return knowledge.of(type).orElseThrow(() -> new IllegalArgumentException("no replacement knowledge for"
                + " resource type " + type + ": add it to plan/replacements.yaml with its source"));
    }

    private static PathChange ownChange(TypeKnowledge type, JsonNode resource, PlanDiff.Change change,
                                        Map<PlanDiff.Resource, JsonNode> newResources) {
        var path = change.path();
        boolean forces;
        if (path.startsWith("inputs.") || path.startsWith("inputs[")) {
            var input = inputPath(path);
            var providerInputs = providerInputs(resource, newResources);
            forces = type.replaceOn().stream().anyMatch(rule -> InputPaths.touches(input, rule))
                    || strings(resource.path("replaceOnChanges")).stream().anyMatch(rule -> InputPaths.touches(input, rule))
                    || type.replaceWhen().stream().anyMatch(condition -> InputPaths.touches(input, condition.path())
                            && ForceNewConditions.holds(condition, change.before(), change.after(), providerInputs));
        } else {
            // Another provider or another parent (part of the URN) is another resource to the engine.
            forces = path.equals("provider") || path.equals("parent");
        }
        return new PathChange(change, forces, null);
    }

    /** The inputs of the explicit provider {@code resource} is created through, or a missing node. */
    private static JsonNode providerInputs(JsonNode resource, Map<PlanDiff.Resource, JsonNode> newResources) {
        var provider = resource.path("provider").asText("");
        return newResources.entrySet().stream()
                .filter(entry -> entry.getKey().type().startsWith("pulumi:providers:") && entry.getKey().name().equals(provider))
                .map(entry -> entry.getValue().path("inputs")).findFirst().orElse(MissingNode.getInstance());
    }

    /** A plan diff path under {@code inputs}, relative to the inputs. */
    private static String inputPath(String path) {
        return path.substring("inputs".length()).replaceFirst("^\\.", "");
    }

    /** Until nothing more changes: resources fed by a replaced resource's outputs, or created through a replaced provider. */
    private void spreadReplacements(Map<PlanDiff.Resource, Draft> drafts, Map<PlanDiff.Resource, JsonNode> newResources,
                                    Map<PlanDiff.Resource, JsonNode> oldResources) {
        var spreading = true;
        while (spreading) {
            spreading = false;
            var replaced = drafts.values().stream().filter(draft -> draft.op == Op.REPLACE)
                    .map(draft -> draft.resource.name()).collect(Collectors.toCollection(TreeSet::new));
            for (var entry : newResources.entrySet()) {
                var key = entry.getKey();
                var resource = entry.getValue();
                var draft = drafts.get(key);
                if (!oldResources.containsKey(key) || knowledgeOf(key.type()).kind() == Kind.COMPONENT) {
                    continue;
                }
                var type = knowledgeOf(key.type());
                var found = new ArrayList<InputPaths.Located>();
                InputPaths.strings("", resource.path("inputs"), found);
                var provider = resource.path("provider").asText(null);
                if (provider != null && replaced.contains(provider) && (draft == null || !draft.hasPath("provider"))) {
                    draft = drafts.computeIfAbsent(key, k -> new Draft(k, Op.UPDATE, oldResources.get(k), resource));
                    draft.add(new PathChange(new PlanDiff.Change("provider", resource.path("provider"),
                            resource.path("provider")), true, provider));
                    spreading = true;
                }
                // Inputs fed by a replaced resource through a value the plan shows as a literal (a set name).
                var inputsFrom = resource.path("inputsFrom");
                for (var input : iterable(inputsFrom.fieldNames())) {
                    var path = "inputs." + input;
                    for (var source : strings(inputsFrom.path(input))) {
                        if (!replaced.contains(source) || source.equals(key.name()) || draft != null && draft.hasPath(path)) {
                            continue;
                        }
                        var forces = type.replaceOn().stream().anyMatch(rule -> InputPaths.touches(input, rule));
                        draft = drafts.computeIfAbsent(key, k -> new Draft(k, Op.UPDATE, oldResources.get(k), resource));
                        draft.add(new PathChange(new PlanDiff.Change(path, InputPaths.atDiffPath(oldResources.get(key), path),
                                TextNode.valueOf(PlanValues.UNKNOWN)), forces, source));
                        spreading = true;
                    }
                }
                for (var located : found) {
                    var path = "inputs." + located.path();
                    for (var reference : replaced) {
                        if (reference.equals(key.name()) || !PlanValues.references(located.value(), reference)) {
                            continue;
                        }
                        if (draft != null && draft.hasPath(path)) {
                            continue;
                        }
                        var forces = type.replaceOn().stream().anyMatch(rule -> InputPaths.touches(located.path(), rule))
                                || type.replaceWhen().stream().anyMatch(condition -> InputPaths.touches(located.path(),
                                        condition.path()) && ForceNewConditions.holds(condition,
                                        InputPaths.atDiffPath(oldResources.get(key), path),
                                        TextNode.valueOf(PlanValues.UNKNOWN), providerInputs(resource, newResources)));
                        draft = drafts.computeIfAbsent(key, k -> new Draft(k, Op.UPDATE, oldResources.get(k), resource));
                        draft.add(new PathChange(new PlanDiff.Change(path, InputPaths.atDiffPath(oldResources.get(key), path),
                                TextNode.valueOf(PlanValues.UNKNOWN)), forces, reference));
                        spreading = true;
                    }
                }
            }
        }
    }

    private Step finish(Draft draft, Map<PlanDiff.Resource, Draft> drafts, Map<PlanDiff.Resource, JsonNode> newResources) {
        var type = knowledgeOf(draft.resource.type());
        var ownMode = draft.op == Op.REPLACE ? replaceMode(type, draft) : null;
        var mode = ownMode;
        if (mode == ReplaceMode.CREATE_BEFORE_DELETE && rootDeletesFirst(draft, drafts)) {
            // pulumi v3.259.0 (the CLI the workflows pin) step_generator.go calculateDependentReplacements: a delete-first root deletes the
            // dependents it replaces first too.
            mode = ReplaceMode.DELETE_BEFORE_REPLACE;
        }
        var kept = keptOnDelete(type, draft);
        var dataLoss = type.holdsData() == null || kept != null ? null : switch (draft.op) {
            case DELETE -> "deletes " + type.holdsData();
            case REPLACE -> "the old one is deleted and the new one starts empty: " + type.holdsData() + " is lost";
            default -> null;
        };
        var removedLater = draft.op == Op.CREATE ? sameObjectDeletedLater(type, draft, drafts) : null;
        if (removedLater != null) {
            dataLoss = removedLater;
        }
        var consequences = new ArrayList<String>(Consequences.of(type, draft.op, draft.before, draft.after, draft.changes));
        consequences.addAll(Exposure.of(draft.resource.type(), draft.op, draft.before, draft.after));
        if (kept != null && (draft.op == Op.DELETE || draft.op == Op.REPLACE)) {
            consequences.add(type.keptWhen().how().replace("{path}", type.keptWhen().path() + " " + kept));
        }
        if (mode == ReplaceMode.DELETE_BEFORE_REPLACE && draft.resource.type().equals(CLOUD_SQL_INSTANCE)
                && keepsCloudName(type, draft)) {
            consequences.add("deleted first and created again with the same name "
                    + InputPaths.at(draft.after.path("inputs"), "name") + ": Cloud SQL keeps a deleted instance's name"
                    + " for up to a week, so the create is refused until then and the stack has no database");
        }
        if (draft.op == Op.REPLACE && draft.resource.type().equals(GKE_CLUSTER) && drafts.values().stream()
                .noneMatch(other -> other.op == Op.REPLACE && other.resource.type().equals(KUBERNETES_PROVIDER))) {
            consequences.add("the Kubernetes objects the program declares are not created again: the Kubernetes"
                    + " provider's kubeconfig does not change (it names the fleet membership), so the engine believes"
                    + " they still run; after this update, `pulumi refresh` drops them from the state and the next"
                    + " `pulumi up` creates them in the new cluster");
        }
        if (draft.op == Op.REPLACE && type.kind() == Kind.PROVIDER) {
            consequences.add("every resource created through this provider is replaced too");
        }
        // The refusals judge the resource's own order: a dependent deleted first with its root is no option of its own,
        // but the engine refuses to delete a protected one for it (step_generator.go, "as part of replacing").
        var refused = draft.op == Op.REPLACE && protectedIn(draft.before) && rootDeletesFirst(draft, drafts)
                ? new Refusal("unable to replace resource " + draft.resource.name() + " as part of replacing "
                        + String.join(", ", rootsDeletedFirst(draft, drafts)) + " as it is currently marked for protection",
                        "keep what forces the root's replacement as it is; or remove `protect` from "
                                + draft.resource.name() + " in the same change, after taking a backup")
                : refusal(type, draft, ownMode, drafts, newResources);
        return new Step(draft.resource.type(), draft.resource.name(), draft.op, mode, draft.changes, consequences,
                dataLoss, refused);
    }

    /**
     * A create that takes over what a delete of the same update removes at its end, or null: the engine creates before
     * it deletes, so a Kubernetes object applied server-side under a new Pulumi name adopts the running object and
     * the old name's delete removes it (pulumi-kubernetes 4.5.5 await.go, server-side apply); an IAM member under a new
     * name merges a binding that exists and the old one's delete revokes it (terraform-provider-google-beta v5.0.0
     * resource_iam_member.go, subtractFromBindings). {@code up} succeeds either way.
     */
    private static String sameObjectDeletedLater(TypeKnowledge type, Draft draft, Map<PlanDiff.Resource, Draft> drafts) {
        var kubernetes = "kubernetes".equals(type.provider());
        var iamMember = draft.resource.type().matches("gcp:.*(IAMMember|IamMember):.*");
        if (!kubernetes && !iamMember) {
            return null;
        }
        var inputs = draft.after.path("inputs");
        return drafts.values().stream()
                .filter(other -> other.op == Op.DELETE && other.resource.type().equals(draft.resource.type()))
                .filter(other -> kubernetes
                        ? sameValue(inputs, other.before.path("inputs"), "metadata.name")
                                && sameValue(inputs, other.before.path("inputs"), "metadata.namespace")
                        : inputs.equals(other.before.path("inputs")))
                .findFirst()
                .map(other -> kubernetes
                        ? "the create adopts the running " + InputPaths.at(inputs, "metadata.name").asText() + " (server-side"
                                + " apply) and the delete of " + other.resource.name() + " at the end of the update removes"
                                + " it: after `up` it is gone; declare " + other.resource.name() + " as an alias instead"
                        : "the create merges a grant that exists and the delete of " + other.resource.name() + " at the"
                                + " end of the update revokes it: after `up` " + inputs.path("member").asText("the member")
                                + " no longer holds " + inputs.path("role").asText("the role") + "; declare "
                                + other.resource.name() + " as an alias instead")
                .orElse(null);
    }

    private static boolean sameValue(JsonNode left, JsonNode right, String path) {
        return InputPaths.at(left, path).equals(InputPaths.at(right, path));
    }

    /** The old resource's value of the input that makes its delete keep the data, or null. */
    private static String keptOnDelete(TypeKnowledge type, Draft draft) {
        if (type.keptWhen() == null || draft.before == null) {
            return null;
        }
        var value = InputPaths.atDiffPath(draft.before, "inputs." + type.keptWhen().path());
        return value.isValueNode() && type.keptWhen().values().contains(value.asText()) ? value.asText() : null;
    }

    /** True when a replacement this draft must follow (a forcing change because of it) deletes first. */
    private boolean rootDeletesFirst(Draft draft, Map<PlanDiff.Resource, Draft> drafts) {
        return !rootsDeletedFirst(draft, drafts).isEmpty();
    }

    private List<String> rootsDeletedFirst(Draft draft, Map<PlanDiff.Resource, Draft> drafts) {
        return draft.changes.stream().filter(change -> change.forcesReplacement() && change.becauseOf() != null)
                .map(PathChange::becauseOf).distinct()
                .flatMap(root -> drafts.values().stream().filter(other -> other.resource.name().equals(root)
                        && other.op == Op.REPLACE && other != draft))
                .filter(root -> replaceMode(knowledgeOf(root.resource.type()), root) == ReplaceMode.DELETE_BEFORE_REPLACE)
                .map(root -> root.resource.name()).toList();
    }

    private static <T> Iterable<T> iterable(Iterator<T> iterator) {
        return () -> iterator;
    }

    private static ReplaceMode replaceMode(TypeKnowledge type, Draft draft) {
        if (draft.after.path("deleteBeforeReplace").asBoolean(false)
                || type.providerDeletesFirst() && keepsCloudName(type, draft)
                || bridgeDeletesFirst(type, draft)) {
            return ReplaceMode.DELETE_BEFORE_REPLACE;
        }
        return ReplaceMode.CREATE_BEFORE_DELETE;
    }

    /**
     * A gcp resource whose {@code name} the program sets, replaced for an input: the bridge answers Diff with
     * DeleteBeforeReplace (a new parent or provider is a new URN, which the engine creates without asking Diff).
     */
    private static boolean bridgeDeletesFirst(TypeKnowledge type, Draft draft) {
        return type.bridgeDeletesFirstWhenNamed() && draft.after.path("inputs").hasNonNull("name")
                && draft.changes.stream().anyMatch(change -> change.forcesReplacement() && change.path().startsWith("inputs"));
    }

    private static boolean keepsCloudName(TypeKnowledge type, Draft draft) {
        if (type.cloudName() == null) {
            return false;
        }
        var before = InputPaths.at(draft.before.path("inputs"), type.cloudName());
        var after = InputPaths.at(draft.after.path("inputs"), type.cloudName());
        return !before.isMissingNode() && before.equals(after);
    }

    private Refusal refusal(TypeKnowledge type, Draft draft, ReplaceMode mode, Map<PlanDiff.Resource, Draft> drafts,
                            Map<PlanDiff.Resource, JsonNode> newResources) {
        var forcing = draft.changes.stream().filter(PathChange::forcesReplacement).map(PathChange::path).toList();
        // The provider reads a deletion guard from the old state, so the replacement's delete fails while it is on.
        var guardOn = draft.before == null ? Optional.<String>empty() : type.deletionGuards().stream()
                .filter(path -> InputPaths.at(draft.before.path("inputs"), path).asBoolean(false)).findFirst();
        if (draft.op == Op.REPLACE && draft.after.hasNonNull("import")) {
            // pulumi/pulumi v3.259.0 (the CLI the workflows pin) pkg/resource/deploy/step_generator.go: an import ID and a
            // replacing diff.
            return new Refusal("previously-imported resources that still specify an ID may not be replaced: "
                    + draft.resource.name() + " carries `import`, and " + String.join(", ", forcing)
                    + " forces a replacement",
                    "land the adoption first and drop the import from the stack's adopted resources in a change of"
                            + " its own, then make this change; or keep " + String.join(", ", forcing) + " as it is");
        }
        if (draft.op == Op.REPLACE && protectedIn(draft.before) && protectedIn(draft.after)) {
            return new Refusal("unable to replace resource " + draft.resource.name() + " as it is currently marked for"
                    + " protection (protect), and " + String.join(", ", forcing) + " forces a replacement",
                    "keep " + String.join(", ", forcing) + " as it is; if a new, empty " + draft.resource.name()
                            + " is really wanted, remove `protect` from it in the same change (the engine allows"
                            + " unprotecting and replacing in one update)"
                            + guardOn.map(guard -> " once inputs." + guard + " = false has landed in a change of its"
                                    + " own (the provider reads it from the old state and refuses the delete), and")
                                    .orElse("")
                            + " after taking a backup");
        }
        if (draft.op == Op.DELETE && protectedIn(draft.before)) {
            return new Refusal("unable to delete resource " + draft.resource.name() + " as it is currently marked for"
                    + " protection (protect)",
                    "first land a change that only removes `protect` from it (pulumi up records that), then remove it;"
                            + " or keep it");
        }
        if (draft.op == Op.DELETE || draft.op == Op.REPLACE) {
            var guard = guardOn;
            if (guard.isPresent()) {
                return new Refusal(draft.op.label() + " deletes " + draft.resource.name() + ", whose inputs."
                        + guard.get() + " is true: the provider refuses to delete it",
                        draft.op == Op.REPLACE
                                ? "keep " + String.join(", ", forcing) + " as it is, or first land inputs." + guard.get()
                                        + " = false"
                                : "first land inputs." + guard.get() + " = false, then remove it");
            }
        }
        if (draft.op == Op.REPLACE && mode == ReplaceMode.CREATE_BEFORE_DELETE && keepsCloudName(type, draft)
                && forcing.equals(List.of("parent"))) {
            return new Refusal("a new parent gives " + draft.resource.name() + " a new URN: the engine creates it"
                    + " before deleting the old one, with the same " + type.cloudName() + " "
                    + InputPaths.at(draft.after.path("inputs"), type.cloudName()) + ": the API refuses it (already exists)",
                    "declare the old parent as an alias of " + draft.resource.name() + " (the aliases option) so the"
                            + " engine sees a move");
        }
        if (draft.op == Op.REPLACE && mode == ReplaceMode.CREATE_BEFORE_DELETE && keepsCloudName(type, draft)) {
            return new Refusal("the replacement is created before the old one is deleted (create-before-delete) with"
                    + " the same " + type.cloudName() + " " + InputPaths.at(draft.after.path("inputs"), type.cloudName())
                    + ": the API refuses it (already exists)",
                    "set the deleteBeforeReplace option on " + draft.resource.name() + " (nothing serves in between),"
                            + " or give the new one another " + type.cloudName() + " so both exist while dependents"
                            + " move over");
        }
        if (draft.op == Op.REPLACE && mode == ReplaceMode.DELETE_BEFORE_REPLACE && !type.providerDeletesFirst()) {
            var user = usersThatStay(draft.resource.name(), drafts, newResources);
            var byBridge = bridgeDeletesFirst(type, draft);
            // Compute Engine refuses to delete what another resource names (resourceInUseByAnotherResource); the
            // other APIs the bridge deletes first for (Memorystore, Cloud SQL) do not track their users.
            if (!user.isEmpty() && (!byBridge || draft.resource.type().startsWith("gcp:compute/"))) {
                return new Refusal(draft.resource.name() + " is deleted before its replacement exists ("
                        + (byBridge ? "the gcp bridge deletes first: the program sets its name" : "deleteBeforeReplace")
                        + ") while " + String.join(", ", user) + " still uses it: the API refuses"
                        + " to delete a resource in use (resourceInUseByAnotherResource)",
                        (byBridge ? "give the replacement another name" : "drop deleteBeforeReplace and give the"
                                + " replacement another " + type.cloudName())
                                + ": the engine creates it, moves its users over, then deletes the old one");
            }
        }
        if (draft.op == Op.CREATE && type.cloudName() != null && !type.providerDeletesFirst()) {
            var name = InputPaths.at(draft.after.path("inputs"), type.cloudName());
            var holder = drafts.values().stream()
                    .filter(other -> other.op == Op.DELETE && other.resource.type().equals(draft.resource.type()))
                    .filter(other -> !name.isMissingNode()
                            && name.equals(InputPaths.at(other.before.path("inputs"), type.cloudName())))
                    .findFirst();
            if (holder.isPresent()) {
                return new Refusal(draft.resource.name() + " is created with " + type.cloudName() + " " + name
                        + ", which " + holder.get().resource.name() + " holds until it is deleted after the creates:"
                        + " the API refuses it (already exists)",
                        "keep the Pulumi name " + holder.get().resource.name() + ", or declare the old name as an alias"
                                + " of the new one (the aliases option) so the engine sees a rename");
            }
        }
        return null;
    }

    /**
     * A refused step with the steps the engine runs before it stops. Deletes come after every create, update and
     * replace, in dependency layers (a resource's dependents first), and a protected delete fails when its step runs
     * (pulumi v3.259.0 step.go, DeleteStep.Apply; ScheduleDeletes): so the deletes of what waited for it have run.
     * Any other step is generated once the program registers the resource, which the SDK does when the resource's
     * inputs, {@code dependsOn} and provider have resolved, so everything it waits for has run. Independent steps may
     * run too, in parallel; they are not listed.
     */
    private static Step withWhatRunsFirst(Step step, List<Step> steps, Map<PlanDiff.Resource, JsonNode> newResources,
                                          Map<PlanDiff.Resource, JsonNode> oldResources) {
        if (!step.isRefused()) {
            return step;
        }
        var waitsFor = step.op() == Op.DELETE ? null : waitsFor(step.name(), newResources);
        var alreadyRun = steps.stream()
                .filter(other -> other != step && !other.isRefused())
                .filter(other -> step.op() != Op.DELETE ? waitsFor.contains(other.name())
                        : other.op() != Op.DELETE || waitsFor(other.name(), oldResources).contains(step.name()))
                .map(other -> other.op().label() + " " + other.name())
                .toList();
        var refusal = step.refused();
        return new Step(step.type(), step.name(), step.op(), step.replaceMode(), step.changes(), step.consequences(),
                step.dataLoss(), new Refusal(refusal.reason(), refusal.wayOut(), alreadyRun));
    }

    /** The names of the resources {@code name} waits for, directly or through others, in the plan given. */
    private static Set<String> waitsFor(String name, Map<PlanDiff.Resource, JsonNode> newResources) {
        var byName = new HashMap<String, JsonNode>();
        newResources.forEach((key, resource) -> byName.putIfAbsent(key.name(), resource));
        var found = new TreeSet<String>();
        var pending = new ArrayDeque<>(List.of(name));
        while (!pending.isEmpty()) {
            var resource = byName.get(pending.pop());
            if (resource == null) {
                continue;
            }
            var direct = new TreeSet<>(strings(resource.path("dependsOn")));
            if (resource.hasNonNull("provider")) {
                direct.add(resource.path("provider").asText());
            }
            var located = new ArrayList<InputPaths.Located>();
            InputPaths.strings("", resource.path("inputs"), located);
            for (var other : byName.keySet()) {
                if (located.stream().anyMatch(value -> PlanValues.references(value.value(), other))) {
                    direct.add(other);
                }
            }
            direct.stream().filter(found::add).forEach(pending::add);
        }
        found.remove(name);
        return found;
    }

    /** The resources that reference {@code name} and are not themselves replaced or deleted. */
    private static List<String> usersThatStay(String name, Map<PlanDiff.Resource, Draft> drafts,
                                              Map<PlanDiff.Resource, JsonNode> newResources) {
        var users = new ArrayList<String>();
        newResources.forEach((key, resource) -> {
            var draft = drafts.get(key);
            if (key.name().equals(name) || draft != null && (draft.op == Op.REPLACE || draft.op == Op.DELETE)) {
                return;
            }
            var found = new ArrayList<InputPaths.Located>();
            InputPaths.strings("", resource.path("inputs"), found);
            if (found.stream().anyMatch(located -> PlanValues.references(located.value(), name))) {
                users.add(key.name());
            }
        });
        return users;
    }

    private static boolean protectedIn(JsonNode resource) {
        return resource != null && resource.path("protect").asBoolean(false);
    }

    private static List<String> strings(JsonNode array) {
        var values = new ArrayList<String>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static Map<PlanDiff.Resource, JsonNode> resources(JsonNode plan) {
        var resources = new LinkedHashMap<PlanDiff.Resource, JsonNode>();
        if (plan != null) {
            plan.path("resources").forEach(resource -> resources.put(
                    new PlanDiff.Resource(resource.path("type").asText(), resource.path("name").asText()), resource));
        }
        return resources;
    }

    /** A step being worked out. */
    private static final class Draft {
        final PlanDiff.Resource resource;
        final JsonNode before;
        final JsonNode after;
        final List<PathChange> changes = new ArrayList<>();
        Op op;

        Draft(PlanDiff.Resource resource, Op op, JsonNode before, JsonNode after) {
            this.resource = resource;
            this.op = op;
            this.before = before == null ? MissingNode.getInstance() : before;
            this.after = after == null ? MissingNode.getInstance() : after;
        }

        void add(PathChange change) {
            changes.add(change);
            if (change.forcesReplacement()) {
                op = Op.REPLACE;
            }
        }

        boolean hasPath(String path) {
            return changes.stream().anyMatch(change -> change.path().equals(path));
        }
    }
}
