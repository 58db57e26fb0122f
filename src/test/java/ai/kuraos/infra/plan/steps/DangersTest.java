package ai.kuraos.infra.plan.steps;

import ai.kuraos.infra.plan.PlanReview;
import ai.kuraos.infra.plan.steps.Dangers.Danger;
import ai.kuraos.infra.plan.steps.Dangers.Kind;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The review's first lines: the dangerous steps of every stack, most severe first, and the pull request's labels. */
class DangersTest {

    private static String plan(String stack, String... resources) {
        return ("{'project': 'kura-infra', 'stack': '" + stack + "', 'resources': [" + String.join(", ", resources)
                + "], 'outputs': {}}").replace('\'', '"');
    }

    private static String resource(String type, String name, String inputs, String... fields) {
        return "{'type': '" + type + "', 'name': '" + name + "', 'parent': 'app'"
                + (fields.length == 0 ? "" : ", " + String.join(", ", fields)) + ", 'inputs': " + inputs + "}";
    }

    private static String sql(String tier) {
        return resource("gcp:sql/databaseInstance:DatabaseInstance", "kura-primary",
                "{'name': 'kura-primary', 'settings': {'tier': '" + tier + "'}}", "'protect': true");
    }

    private static String cache(String tier) {
        return resource("gcp:redis/instance:Instance", "kura-cache", "{'name': 'kura-cache', 'tier': '" + tier + "'}");
    }

    private static String service(String ingress) {
        return resource("gcp:cloudrunv2/service:Service", "kura-backend",
                "{'name': 'kura-backend', 'ingress': '" + ingress + "'}");
    }

    private static String topic(int partitions) {
        return resource("kubernetes:kafka.strimzi.io/v1beta2:KafkaTopic", "api.events",
                "{'metadata': {'name': 'api.events', 'namespace': 'kura-kafka'}, 'spec': {'partitions': " + partitions + "}}");
    }

    private static PlanSteps steps(Map<String, String> before, Map<String, String> after) {
        return PlanSteps.ofTexts(before, after);
    }

    @Test
    void dataLossComesBeforeAProdRestartWhichComesBeforeNoEffectAndExposureWhateverTheStack() {
        var before = Map.of("dev", plan("dev", service("INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER"), topic(6)),
                "prod", plan("prod", sql("db-custom-1-3840")), "staging", plan("staging", cache("BASIC")));
        var after = Map.of("dev", plan("dev", service("INGRESS_TRAFFIC_ALL"), topic(3)),
                "prod", plan("prod", sql("db-custom-2-7680")), "staging", plan("staging", cache("STANDARD_HA")));

        assertThat(Dangers.of(steps(before, after))).extracting(Danger::kind, Danger::stack, danger -> danger.step().name())
                .containsExactly(tuple(Kind.DATA_LOSS, "staging", "kura-cache"),
                        tuple(Kind.PROD_RESTART, "prod", "kura-primary"),
                        tuple(Kind.NO_EFFECT, "dev", "api.events"),
                        tuple(Kind.EXPOSURE, "dev", "kura-backend"));
    }

    @Test
    void aTierChangeOutsideProdRestartsWithoutAHeadline() {
        var steps = steps(Map.of("staging", plan("staging", sql("db-custom-1-3840"))),
                Map.of("staging", plan("staging", sql("db-custom-2-7680"))));

        assertThat(Dangers.of(steps)).isEmpty();
    }

    @Test
    void aReplacedCacheNamesItsDeleteFirstAndTheSecretVersionRegeneratedWithIt() {
        var version = resource("gcp:secretmanager/secretVersion:SecretVersion", "redis-auth-version",
                "{'secret': '${redis-auth.id}', 'secretData': '[secret ← kura-cache.authString]'}");
        var steps = steps(Map.of("staging", plan("staging", cache("BASIC"), version)),
                Map.of("staging", plan("staging", cache("STANDARD_HA"), version)));

        // The version has the provider's default deletionPolicy, DELETE: its old value is destroyed too.
        assertThat(Dangers.of(steps)).extracting(Danger::kind, danger -> danger.step().name())
                .containsExactly(tuple(Kind.DATA_LOSS, "kura-cache"), tuple(Kind.DATA_LOSS, "redis-auth-version"));
        assertThat(Dangers.of(steps).get(0).what()).startsWith("deleted first; ").contains("starts empty", "is lost",
                "regenerated: redis-auth-version");
        assertThat(Dangers.labels(steps)).containsExactly("destroy", "replace");
    }

    @Test
    void aRefusedReplaceNamesTheStepsItWaitsForAsAlreadyRun() {
        var bucket = "{'name': 'kura-backups', 'location': '%s', 'labels': {'uri': '${kura-backend.uri}'}}";
        var steps = steps(Map.of("prod", plan("prod", service("INGRESS_TRAFFIC_ALL"),
                        resource("gcp:storage/bucket:Bucket", "kura-backups", bucket.formatted("EU"), "'protect': true"),
                        resource("gcp:storage/bucket:Bucket", "kura-static", "{'name': 'kura-static', 'location': 'EU'}"))),
                Map.of("prod", plan("prod", service("INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER"),
                        resource("gcp:storage/bucket:Bucket", "kura-backups", bucket.formatted("US"), "'protect': true"),
                        resource("gcp:storage/bucket:Bucket", "kura-static", "{'name': 'kura-static', 'location': 'EU',"
                                + " 'versioning': {'enabled': true}}"))));

        var refused = steps.stacks().get(0).refused();

        assertThat(refused).singleElement().satisfies(step ->
                assertThat(step.refused().alreadyRun()).containsExactly("update kura-backend"));
        assertThat(PlanReview.text(List.of(new StepsSection(steps))))
                .contains("before it stops here, pulumi up will already have run: update kura-backend");
    }

    @Test
    void aRefusedDeleteRunsLastSoEveryOtherStepHasRunBeforeIt() {
        var steps = steps(Map.of("prod", plan("prod",
                        resource("gcp:storage/bucket:Bucket", "kura-backups", "{'name': 'kura-backups'}", "'protect': true"),
                        service("INGRESS_TRAFFIC_ALL"))),
                Map.of("prod", plan("prod", service("INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER"))));

        assertThat(steps.stacks().get(0).refused()).singleElement().satisfies(step ->
                assertThat(step.refused().alreadyRun()).containsExactly("update kura-backend"));
    }

    @Test
    void aRefusedDeleteComesAfterTheDeletesOfWhatWaitedForItButBeforeWhatItWaitsFor() {
        var topic = resource("kubernetes:kafka.strimzi.io/v1beta2:KafkaTopic", "api.events",
                "{'metadata': {'name': 'api.events', 'namespace': 'kura-kafka'}}", "'protect': true",
                "'dependsOn': ['kafka-namespace']");
        var user = resource("kubernetes:kafka.strimzi.io/v1beta2:KafkaUser", "kafka-user-api",
                "{'metadata': {'name': 'api', 'namespace': 'kura-kafka'}, 'spec': {'topic': '${api.events.id}'}}");
        var namespace = resource("kubernetes:core/v1:Namespace", "kafka-namespace", "{'metadata': {'name': 'kura-kafka'}}");
        var steps = steps(Map.of("staging", plan("staging", namespace, topic, user)), Map.of("staging", plan("staging")));

        assertThat(steps.stacks().get(0).refused()).singleElement().satisfies(step -> {
            assertThat(step.name()).isEqualTo("api.events");
            assertThat(step.refused().alreadyRun()).containsExactly("delete kafka-user-api");
        });
    }

    @Test
    void aPublicMemberOrAWiderControlPlaneIsAnExposure() {
        var member = "{'bucket': 'kura-static', 'role': 'roles/storage.objectViewer', 'member': '%s'}";
        var cluster = "{'name': 'kura-gke', 'masterAuthorizedNetworksConfig': {'cidrBlocks': [%s]}}";
        var steps = steps(Map.of("prod", plan("prod",
                        resource("gcp:container/cluster:Cluster", "kura-gke", cluster.formatted("{'cidrBlock': '10.0.0.0/8'}")))),
                Map.of("prod", plan("prod",
                        resource("gcp:storage/bucketIAMMember:BucketIAMMember", "static-public", member.formatted("allUsers")),
                        resource("gcp:container/cluster:Cluster", "kura-gke",
                                cluster.formatted("{'cidrBlock': '10.0.0.0/8'}, {'cidrBlock': '203.0.113.0/24'}")))));

        assertThat(Dangers.of(steps)).extracting(Danger::kind, danger -> danger.step().name(), Danger::what)
                .containsExactlyInAnyOrder(
                        tuple(Kind.EXPOSURE, "kura-gke", "the control plane accepts 203.0.113.0/24 as well"),
                        tuple(Kind.EXPOSURE, "static-public", "allUsers gets roles/storage.objectViewer: anyone on the"
                                + " internet holds it"));
    }

    @Test
    void labelOnlyUpdatesCollapseToOneLineAndCarryNoLabel() {
        var labelled = "{'name': '%s', 'location': 'EU', 'labels': {'release': '%s'}}";
        var steps = steps(Map.of("dev", plan("dev",
                        resource("gcp:storage/bucket:Bucket", "a", labelled.formatted("a", "1")),
                        resource("gcp:storage/bucket:Bucket", "b", labelled.formatted("b", "1")))),
                Map.of("dev", plan("dev",
                        resource("gcp:storage/bucket:Bucket", "a", labelled.formatted("a", "2")),
                        resource("gcp:storage/bucket:Bucket", "b", labelled.formatted("b", "2")))));

        var text = PlanReview.text(List.of(new StepsSection(steps)));

        assertThat(text).contains("~ 2 label-only updates: a, b\n").doesNotContain("inputs.labels.release");
        assertThat(Dangers.labels(steps)).isEmpty();
        assertThat(Dangers.of(steps)).isEmpty();
    }
}
