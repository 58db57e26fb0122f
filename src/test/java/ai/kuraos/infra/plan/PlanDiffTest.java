package ai.kuraos.infra.plan;

import ai.kuraos.infra.plan.PlanDiff.Change;
import ai.kuraos.infra.plan.PlanDiff.Resource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static ai.kuraos.infra.plan.PlanDiffFixtures.json;
import static ai.kuraos.infra.plan.PlanDiffFixtures.plan;
import static ai.kuraos.infra.plan.PlanDiffFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlanDiffTest {

    private static final String BUCKET = "gcp:storage/bucket:Bucket";
    private static final String SERVICE = "gcp:cloudrunv2/service:Service";
    private static final String SECRET = "gcp:secretmanager/secretVersion:SecretVersion";

    private static final String API = resource(SERVICE, "kura-backend", """
            {'labels': {'app': 'kura', 'team': 'platform'},
             'template': {'containers': [{'args': ['serve'], 'image': 'kura-backend:v1', 'name': 'api'},
                                         {'image': 'cloud-sql-proxy:2', 'name': 'proxy'}],
                          'scaling': {'maxInstanceCount': 4}}}""");

    /** Each change as {@code path: old → new}, with {@code <missing>} for a side where the value does not exist. */
    private static List<String> lines(List<Change> changes) {
        return changes.stream().map(change -> change.path() + ": " + shown(change.before()) + " → " + shown(change.after()))
                .toList();
    }

    private static String shown(JsonNode value) {
        return value.isMissingNode() ? "<missing>" : value.toString();
    }

    private static List<String> changesOf(PlanDiff diff, String name) {
        return diff.changed().stream().filter(change -> change.resource().name().equals(name)).findFirst()
                .map(change -> lines(change.changes())).orElseThrow();
    }

    @Test
    void reportsAResourceOnlyInTheNewPlanAsAdded() {
        var before = plan("dev", "{}", API);
        var after = plan("dev", "{}", API, resource(BUCKET, "kura-static-dev", "{'location': 'EU'}"));

        var diff = PlanDiff.of("dev", before, after);

        assertThat(diff.added()).containsExactly(new Resource(BUCKET, "kura-static-dev"));
        assertThat(diff.removed()).isEmpty();
        assertThat(diff.changed()).isEmpty();
        assertThat(diff.isEmpty()).isFalse();
    }

    @Test
    void reportsAResourceOnlyInTheOldPlanAsRemoved() {
        var before = plan("dev", "{}", API, resource(BUCKET, "kura-static-dev", "{'location': 'EU'}"));
        var after = plan("dev", "{}", API);

        var diff = PlanDiff.of("dev", before, after);

        assertThat(diff.removed()).containsExactly(new Resource(BUCKET, "kura-static-dev"));
        assertThat(diff.added()).isEmpty();
        assertThat(diff.changed()).isEmpty();
    }

    @Test
    void comparesNestedObjectsAndListsOfNamedObjectsByNameDownToTheChangedLeaves() {
        var changed = API.replace("'team': 'platform'", "'team': 'inference'")
                .replace("kura-backend:v1", "kura-backend:v2")
                .replace("'maxInstanceCount': 4", "'maxInstanceCount': 8, 'minInstanceCount': 1");

        var diff = PlanDiff.of("dev", plan("dev", "{}", API), plan("dev", "{}", changed));

        assertThat(diff.changed()).singleElement().extracting(PlanDiff.ResourceChange::resource)
                .isEqualTo(new Resource(SERVICE, "kura-backend"));
        assertThat(changesOf(diff, "kura-backend")).containsExactly(
                "inputs.labels.team: \"platform\" → \"inference\"",
                "inputs.template.containers[name=api].image: \"kura-backend:v1\" → \"kura-backend:v2\"",
                "inputs.template.scaling.maxInstanceCount: 4 → 8",
                "inputs.template.scaling.minInstanceCount: <missing> → 1");
    }

    @Test
    void reportsAListOfScalarsAsOneChangeOfTheWholeList() {
        var before = API.replace("'args': ['serve']", "'args': ['serve', '--workers=2']");
        var after = API.replace("'args': ['serve']", "'args': ['serve', '--workers=4']");

        var diff = PlanDiff.of("dev", plan("dev", "{}", before), plan("dev", "{}", after));

        assertThat(changesOf(diff, "kura-backend")).containsExactly("inputs.template.containers[name=api].args:"
                + " [\"serve\",\"--workers=2\"] → [\"serve\",\"--workers=4\"]");
    }

    @Test
    void aNamedItemRemovedFromAListIsOneRemovalNotAShiftOfTheItemsAfterIt() {
        var changed = API.replaceAll(",\\s*\\{'image': 'cloud-sql-proxy:2', 'name': 'proxy'}", "");
        assertThat(changed).isNotEqualTo(API);

        var diff = PlanDiff.of("dev", plan("dev", "{}", API), plan("dev", "{}", changed));

        assertThat(diff.changed().get(0).changes()).singleElement().satisfies(change -> {
            assertThat(change.path()).isEqualTo("inputs.template.containers[name=proxy]");
            assertThat(change.before().path("image").asText()).isEqualTo("cloud-sql-proxy:2");
            assertThat(change.after().isMissingNode()).isTrue();
        });
    }

    @Test
    void anEnvInsertedAtTheTopIsOneInsertionAndTheOthersStayUnchanged() {
        var before = resource(SERVICE, "kura-backend", "{'envs': [{'name': 'A', 'value': '1'}, {'name': 'B', 'value': '2'}]}");
        var after = resource(SERVICE, "kura-backend",
                "{'envs': [{'name': 'A0', 'value': '0'}, {'name': 'A', 'value': '1'}, {'name': 'B', 'value': '3'}]}");

        var diff = PlanDiff.of("dev", plan("dev", "{}", before), plan("dev", "{}", after));

        assertThat(changesOf(diff, "kura-backend")).containsExactly(
                "inputs.envs[name=A0]: <missing> → {\"name\":\"A0\",\"value\":\"0\"}",
                "inputs.envs[name=B].value: \"2\" → \"3\"");
    }

    @Test
    void aDashboardDefinitionIsComparedAsTheJsonItHoldsNotAsOneLongString() {
        var dashboard = "{'dashboardJson': '{\"displayName\": \"Kura\", \"columns\": %d}'}";
        var before = resource("gcp:monitoring/dashboard:Dashboard", "platform", dashboard.formatted(12));
        var after = resource("gcp:monitoring/dashboard:Dashboard", "platform", dashboard.formatted(24));

        var diff = PlanDiff.of("dev", plan("dev", "{}", before), plan("dev", "{}", after));

        assertThat(changesOf(diff, "platform")).containsExactly("inputs.dashboardJson.columns: 12 → 24");
    }

    @Test
    void showsAValueThatBecameSecretAsThePlainOldValueAndSecret() {
        var before = plan("dev", "{}", resource(SECRET, "db-password", "{'secretData': 'changeme'}"));
        var after = plan("dev", "{}", resource(SECRET, "db-password", "{'secretData': '[secret]'}"));

        var diff = PlanDiff.of("dev", before, after);

        assertThat(changesOf(diff, "db-password")).containsExactly("inputs.secretData: \"changeme\" → \"[secret]\"");
    }

    @Test
    void seesNoChangeInASecretBecauseThePlanNeverHoldsItsValue() {
        var secret = resource(SECRET, "db-password", "{'secretData': '[secret]'}");

        var diff = PlanDiff.of("dev", plan("dev", "{'password': '[secret]'}", secret),
                plan("dev", "{'password': '[secret]'}", secret));

        assertThat(diff.isEmpty()).isTrue();
    }

    @Test
    void reportsChangesOfProtectDependsOnProviderAndParent() {
        var before = plan("dev", "{}", "{'type': 'kubernetes:core/v1:Namespace', 'name': 'kura', 'parent': 'gke',"
                + " 'dependsOn': ['api-container'], 'inputs': {}}");
        var after = plan("dev", "{}", "{'type': 'kubernetes:core/v1:Namespace', 'name': 'kura', 'parent': 'cluster',"
                + " 'provider': 'kura-gke-provider', 'protect': true, 'dependsOn': ['api-container', 'kura-gke'],"
                + " 'inputs': {}}");

        var diff = PlanDiff.of("dev", before, after);

        assertThat(changesOf(diff, "kura")).containsExactly(
                "parent: \"gke\" → \"cluster\"",
                "provider: <missing> → \"kura-gke-provider\"",
                "protect: <missing> → true",
                "dependsOn: [\"api-container\"] → [\"api-container\",\"kura-gke\"]");
    }

    @Test
    void tellsAValueThatIsNullFromOneThatIsMissing() {
        var before = plan("dev", "{}", "{'type': 't', 'name': 'n', 'parent': null, 'inputs': {'a': null}}");
        var after = plan("dev", "{}", "{'type': 't', 'name': 'n', 'parent': 'app', 'inputs': {}}");

        var diff = PlanDiff.of("dev", before, after);

        assertThat(changesOf(diff, "n")).containsExactly("parent: null → \"app\"", "inputs.a: null → <missing>");
    }

    @Test
    void reportsChangedAddedAndRemovedStackOutputs() {
        var before = plan("dev", "{'apiUrl': 'https://a.example', 'bucket': 'b', 'network': 'kura-vpc'}");
        var after = plan("dev", "{'apiUrl': 'https://b.example', 'network': 'kura-vpc', 'zone': 'z'}");

        var diff = PlanDiff.of("dev", before, after);

        assertThat(lines(diff.outputs())).containsExactly(
                "outputs.apiUrl: \"https://a.example\" → \"https://b.example\"",
                "outputs.bucket: \"b\" → <missing>",
                "outputs.zone: <missing> → \"z\"");
        assertThat(diff.isEmpty()).isFalse();
    }

    @Test
    void treatsAStackOnlyInTheNewPlansAsEverythingAdded() {
        var diff = PlanDiff.of("qa", null, plan("qa", "{'apiUrl': 'https://qa.example'}", API));

        assertThat(diff.added()).containsExactly(new Resource(SERVICE, "kura-backend"));
        assertThat(lines(diff.outputs())).containsExactly("outputs.apiUrl: <missing> → \"https://qa.example\"");
    }

    @Test
    void treatsAStackOnlyInTheOldPlansAsEverythingRemoved() {
        var diff = PlanDiff.of("qa", plan("qa", "{'apiUrl': 'https://qa.example'}", API), null);

        assertThat(diff.removed()).containsExactly(new Resource(SERVICE, "kura-backend"));
        assertThat(lines(diff.outputs())).containsExactly("outputs.apiUrl: \"https://qa.example\" → <missing>");
    }

    @Test
    void findsNoChangesBetweenEqualPlans() {
        var diff = PlanDiff.of("dev", plan("dev", "{'a': 1}", API), plan("dev", "{'a': 1}", API));

        assertThat(diff.isEmpty()).isTrue();
        assertThat(diff.added()).isEmpty();
        assertThat(diff.removed()).isEmpty();
        assertThat(diff.changed()).isEmpty();
        assertThat(diff.outputs()).isEmpty();
    }

    @Test
    void ordersResourcesByTypeThenNameWhateverTheirOrderInThePlan() {
        var after = plan("dev", "{}",
                resource(SERVICE, "b", "{}"), resource(BUCKET, "z", "{}"), resource(SERVICE, "a", "{}"),
                resource(BUCKET, "c", "{}"));

        var added = PlanDiff.of("dev", plan("dev", "{}"), after).added();
        var removed = PlanDiff.of("dev", after, plan("dev", "{}")).removed();

        var sorted = List.of(new Resource(SERVICE, "a"), new Resource(SERVICE, "b"), new Resource(BUCKET, "c"),
                new Resource(BUCKET, "z"));
        assertThat(added).containsExactlyElementsOf(sorted);
        assertThat(removed).containsExactlyElementsOf(sorted);
    }

    @Test
    void keepsTheChangesInTheOrderTheirPathsAppearWithARemovedKeyWhereItWas() {
        var before = plan("dev", "{}", resource(BUCKET, "b", "{'a': 1, 'b': 1, 'c': 1, 'e': 1}"));
        var after = plan("dev", "{}", resource(BUCKET, "b", "{'a': 2, 'c': 2, 'd': 2, 'e': 2}"));

        var diff = PlanDiff.of("dev", before, after);

        assertThat(changesOf(diff, "b")).extracting(line -> line.substring(0, line.indexOf(':')))
                .containsExactly("inputs.a", "inputs.b", "inputs.c", "inputs.d", "inputs.e");
    }

    @Test
    void quotesKeysThatAreNotPlainNamesSoThatThePathStaysUnambiguous() {
        var before = plan("dev", "{}", resource("kubernetes:apps/v1:Deployment", "api",
                "{'metadata': {'labels': {'app.kubernetes.io/name': 'api'}}}"));
        var after = plan("dev", "{}", resource("kubernetes:apps/v1:Deployment", "api",
                "{'metadata': {'labels': {'app.kubernetes.io/name': 'kura-api'}}}"));

        var diff = PlanDiff.of("dev", before, after);

        assertThat(changesOf(diff, "api"))
                .containsExactly("inputs.metadata.labels[\"app.kubernetes.io/name\"]: \"api\" → \"kura-api\"");
    }

    @Test
    void comparesNumbersByValueSoThatAPlanBuiltInMemoryMatchesItsParsedFile() {
        var inMemory = plan("dev", "{}", resource(BUCKET, "b", "{}"));
        ((ObjectNode) inMemory.get("resources").get(0).get("inputs")).put("retentionDays", 16L);
        var parsed = plan("dev", "{}", resource(BUCKET, "b", "{'retentionDays': 16}"));

        assertThat(PlanDiff.of("dev", parsed, inMemory).isEmpty()).isTrue();
        assertThat(PlanDiff.of("dev", parsed, plan("dev", "{}", resource(BUCKET, "b", "{'retentionDays': 17}")))
                .isEmpty()).isFalse();
    }

    @Test
    void staysTheSameWhenThePlansOrTheValuesItReturnsAreModified() {
        var after = plan("dev", "{'zones': ['a', 'b']}");
        var diff = PlanDiff.of("dev", plan("dev", "{'zones': ['a']}"), after);

        ((ArrayNode) after.get("outputs").get("zones")).add("from the plan");
        ((ArrayNode) diff.outputs().get(0).after()).add("from a caller");

        assertThat(diff.outputs().get(0).after()).isEqualTo(json("['a', 'b']"));
        assertThatThrownBy(() -> diff.changed().add(null)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void failsOnTwoResourcesWithTheSameTypeAndName() {
        var twins = plan("dev", "{}", resource(BUCKET, "b", "{}"), resource(BUCKET, "b", "{'x': 1}"));

        assertThatThrownBy(() -> PlanDiff.of("dev", twins, twins))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the plan of stack dev has two resources " + BUCKET + " b");
    }
}
