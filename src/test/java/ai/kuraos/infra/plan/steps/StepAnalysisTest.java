package ai.kuraos.infra.plan.steps;

import ai.kuraos.infra.plan.steps.Step.Op;
import ai.kuraos.infra.plan.steps.Step.ReplaceMode;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The engine's rules on small plans, written with single quotes to stay readable. */
class StepAnalysisTest {

    private static final JsonMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_SINGLE_QUOTES).build();
    private static final StepAnalysis ANALYSIS = new StepAnalysis(ReplacementKnowledge.shipped());

    private static final String SQL = "gcp:sql/databaseInstance:DatabaseInstance";
    private static final String REDIS = "gcp:redis/instance:Instance";
    private static final String SECRET = "gcp:secretmanager/secret:Secret";
    private static final String VERSION = "gcp:secretmanager/secretVersion:SecretVersion";
    private static final String CERTIFICATE = "gcp:compute/managedSslCertificate:ManagedSslCertificate";
    private static final String PROXY = "gcp:compute/targetHttpsProxy:TargetHttpsProxy";
    private static final String BUCKET = "gcp:storage/bucket:Bucket";
    private static final String CONFIG_MAP = "kubernetes:core/v1:ConfigMap";
    private static final String K8S_PROVIDER = "pulumi:providers:kubernetes";

    private static JsonNode json(String singleQuoted) {
        try {
            return JSON.readTree(singleQuoted);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("bad fixture: " + singleQuoted, e);
        }
    }

    private static ObjectNode plan(String... resources) {
        var plan = JSON.createObjectNode();
        plan.put("project", "kura-infra").put("stack", "prod");
        var list = plan.putArray("resources");
        for (var resource : resources) {
            list.add(json(resource));
        }
        plan.putObject("outputs");
        return plan;
    }

    /** A resource with these inputs and, optionally, more fields such as {@code 'protect': true}. */
    private static String resource(String type, String name, String inputs, String... fields) {
        return "{'type': '" + type + "', 'name': '" + name + "', 'parent': 'app'"
                + (fields.length == 0 ? "" : ", " + String.join(", ", fields)) + ", 'inputs': " + inputs + "}";
    }

    private static Step onlyStep(JsonNode before, JsonNode after) {
        var steps = ANALYSIS.analyse("prod", before, after).steps();
        assertThat(steps).hasSize(1);
        return steps.get(0);
    }

    private static String sql(String tier, String flags) {
        return "{'name': 'kura-primary', 'region': 'europe-southwest1', 'deletionProtection': true,"
                + " 'settings': {'tier': '" + tier + "', 'databaseFlags': [" + flags + "]}}";
    }

    @Test
    void aTierChangeIsAnInPlaceUpdateThatRestartsTheInstance() {
        var step = onlyStep(plan(resource(SQL, "kura-primary", sql("db-custom-1-3840", ""), "'protect': true")),
                plan(resource(SQL, "kura-primary", sql("db-custom-2-7680", ""), "'protect': true")));

        assertThat(step.op()).isEqualTo(Op.UPDATE);
        assertThat(step.isRefused()).isFalse();
        assertThat(step.changes()).singleElement().satisfies(change -> {
            assertThat(change.path()).isEqualTo("inputs.settings.tier");
            assertThat(change.forcesReplacement()).isFalse();
        });
        assertThat(step.consequences()).singleElement().asString().startsWith("restarts the instance: a machine type");
    }

    @Test
    void aFlagPostgresReadsOnlyAtServerStartRestartsTheInstanceAndAReloadableOneDoesNot() {
        var before = plan(resource(SQL, "kura-primary", sql("db-f1-micro", "{'name': 'log_lock_waits', 'value': 'on'}")));
        var restart = plan(resource(SQL, "kura-primary", sql("db-f1-micro",
                "{'name': 'log_lock_waits', 'value': 'on'}, {'name': 'max_connections', 'value': '200'}")));
        var reload = plan(resource(SQL, "kura-primary", sql("db-f1-micro", "{'name': 'log_lock_waits', 'value': 'off'}")));

        assertThat(onlyStep(before, restart).consequences()).singleElement().asString()
                .contains("restarts the instance: max_connections only takes effect at server start");
        assertThat(onlyStep(before, reload).consequences()).isEmpty();
    }

    @Test
    void aCacheTierChangeReplacesTheCacheDeletingFirstAsTheBridgeDoesForASetNameAndLosesItsData() {
        var step = onlyStep(plan(resource(REDIS, "kura-cache", "{'name': 'kura-cache', 'tier': 'BASIC'}")),
                plan(resource(REDIS, "kura-cache", "{'name': 'kura-cache', 'tier': 'STANDARD_HA'}")));

        assertThat(step.op()).isEqualTo(Op.REPLACE);
        assertThat(step.replaceMode()).isEqualTo(ReplaceMode.DELETE_BEFORE_REPLACE);
        assertThat(step.changes()).singleElement().satisfies(change -> assertThat(change.forcesReplacement()).isTrue());
        assertThat(step.isRefused()).isFalse();
        assertThat(step.dataLoss()).contains("the cache's entries");
    }

    @Test
    void replacingASecretThatKeepsItsSecretIdCreatesFirstAndCollides() {
        var step = onlyStep(plan(resource(SECRET, "db-password", "{'secretId': 'db-password', 'replication': {'auto': {}}}")),
                plan(resource(SECRET, "db-password", "{'secretId': 'db-password', 'replication': {'userManaged': {}}}")));

        assertThat(step.op()).isEqualTo(Op.REPLACE);
        assertThat(step.replaceMode()).isEqualTo(ReplaceMode.CREATE_BEFORE_DELETE);
        assertThat(step.refused().reason()).contains("create-before-delete", "already exists");
        assertThat(step.refused().wayOut()).contains("deleteBeforeReplace");
    }

    @Test
    void aNewNameOfANamedGcpResourceStillDeletesFirst() {
        var step = onlyStep(plan(resource(REDIS, "kura-cache", "{'name': 'kura-cache', 'tier': 'BASIC'}")),
                plan(resource(REDIS, "kura-cache", "{'name': 'kura-cache-2', 'tier': 'BASIC'}")));

        assertThat(step.op()).isEqualTo(Op.REPLACE);
        assertThat(step.replaceMode()).isEqualTo(ReplaceMode.DELETE_BEFORE_REPLACE);
        assertThat(step.isRefused()).isFalse();
    }

    @Test
    void shrinkingTheDevDatabaseDiskReplacesItDeletingFirstAndLosesItsData() {
        var step = onlyStep(plan(resource(SQL, "kura-primary", "{'name': 'kura-primary', 'settings': {'diskSize': 30}}")),
                plan(resource(SQL, "kura-primary", "{'name': 'kura-primary', 'settings': {'diskSize': 20}}")));

        assertThat(step.op()).isEqualTo(Op.REPLACE);
        assertThat(step.replaceMode()).isEqualTo(ReplaceMode.DELETE_BEFORE_REPLACE);
        assertThat(step.dataLoss()).contains("every database on the instance");
        assertThat(step.consequences()).anySatisfy(note -> assertThat(note).contains("up to a week"));
    }

    @Test
    void shrinkingTheProtectedProdDatabaseDiskIsRefused() {
        var step = onlyStep(plan(resource(SQL, "kura-primary", "{'name': 'kura-primary', 'settings': {'diskSize': 100}}", "'protect': true")),
                plan(resource(SQL, "kura-primary", "{'name': 'kura-primary', 'settings': {'diskSize': 50}}", "'protect': true")));

        assertThat(step.op()).isEqualTo(Op.REPLACE);
        assertThat(step.refused().reason()).contains("marked for protection", "inputs.settings.diskSize");
    }

    @Test
    void growingTheDatabaseDiskIsAnInPlaceUpdate() {
        var step = onlyStep(plan(resource(SQL, "kura-primary", "{'name': 'kura-primary', 'settings': {'diskSize': 20}}")),
                plan(resource(SQL, "kura-primary", "{'name': 'kura-primary', 'settings': {'diskSize': 30}}")));

        assertThat(step.op()).isEqualTo(Op.UPDATE);
    }

    @Test
    void changingTheDatabaseDiskTypeReplacesIt() {
        var step = onlyStep(plan(resource(SQL, "kura-primary", "{'name': 'kura-primary', 'settings': {'diskType': 'PD_SSD'}}")),
                plan(resource(SQL, "kura-primary", "{'name': 'kura-primary', 'settings': {'diskType': 'PD_HDD'}}")));

        assertThat(step.op()).isEqualTo(Op.REPLACE);
    }

    @Test
    void aConfigMapDataChangeThroughAProviderWithMutableConfigMapsIsAnInPlaceUpdate() {
        var provider = "{'type': '" + K8S_PROVIDER + "', 'name': 'gke', 'parent': 'app', 'inputs': {'enableConfigMapMutable': 'true'}}";
        var step = onlyStep(plan(provider, resource(CONFIG_MAP, "inference-settings", "{'metadata': {'name': 'inference-settings'}, 'data': {'MAX_BATCH': '8'}}", "'provider': 'gke'")),
                plan(provider, resource(CONFIG_MAP, "inference-settings", "{'metadata': {'name': 'inference-settings'}, 'data': {'MAX_BATCH': '16'}}", "'provider': 'gke'")));

        assertThat(step.op()).isEqualTo(Op.UPDATE);
    }

    @Test
    void replacingAProtectedResourceIsRefusedNamingThePathAndTheProtection() {
        var step = onlyStep(plan(resource(BUCKET, "kura-backups", "{'name': 'a', 'location': 'EU'}", "'protect': true")),
                plan(resource(BUCKET, "kura-backups", "{'name': 'b', 'location': 'EU'}", "'protect': true")));

        assertThat(step.refused().reason()).contains("marked for protection (protect)", "inputs.name");
        assertThat(step.dataLoss()).contains("every object in the bucket");
    }

    @Test
    void unprotectingAndReplacingInOneChangeIsAllowedAsTheEngineAllowsIt() {
        var step = onlyStep(plan(resource(BUCKET, "kura-backups", "{'name': 'a', 'location': 'EU'}", "'protect': true")),
                plan(resource(BUCKET, "kura-backups", "{'name': 'b', 'location': 'EU'}")));

        assertThat(step.op()).isEqualTo(Op.REPLACE);
        assertThat(step.isRefused()).isFalse();
    }

    @Test
    void deletingAProtectedResourceIsRefusedAndLosesItsData() {
        var steps = ANALYSIS.analyse("prod",
                plan(resource(BUCKET, "kura-backups", "{'name': 'a'}", "'protect': true")), plan()).steps();

        assertThat(steps).singleElement().satisfies(step -> {
            assertThat(step.op()).isEqualTo(Op.DELETE);
            assertThat(step.refused().reason()).contains("unable to delete resource kura-backups");
            assertThat(step.dataLoss()).isEqualTo("deletes every object in the bucket");
        });
    }

    @Test
    void deletingAnInstanceWhoseDeletionProtectionInputIsOnIsRefused() {
        var steps = ANALYSIS.analyse("prod", plan(resource(SQL, "kura-primary", sql("db-f1-micro", ""))), plan()).steps();

        assertThat(steps).singleElement().satisfies(step ->
                assertThat(step.refused().reason()).contains("inputs.deletionProtection is true"));
    }

    @Test
    void aReplacementSpreadsToTheResourcesWhoseReplacementForcingInputsReferenceIt() {
        var before = plan(resource(SECRET, "db-url", "{'secretId': 'DB_URL'}"),
                resource(VERSION, "db-url-version", "{'secret': '${db-url.id}', 'secretData': '[secret]'}"));
        var after = plan(resource(SECRET, "db-url", "{'secretId': 'DATABASE_URL'}"),
                resource(VERSION, "db-url-version", "{'secret': '${db-url.id}', 'secretData': '[secret]'}"));

        var steps = ANALYSIS.analyse("prod", before, after).steps();

        assertThat(steps).extracting(Step::name, Step::op)
                .containsExactly(tuple("db-url", Op.REPLACE),
                        tuple("db-url-version", Op.REPLACE));
        assertThat(steps.get(1).changes()).singleElement().satisfies(change -> {
            assertThat(change.path()).isEqualTo("inputs.secret");
            assertThat(change.becauseOf()).isEqualTo("db-url");
            assertThat(change.forcesReplacement()).isTrue();
        });
    }

    @Test
    void aReplacedCacheRegeneratesTheSecretVersionMadeFromItsAuthString() {
        var version = "{'deletionPolicy': 'DELETE', 'secret': '${redis-auth.id}', 'secretData': '[secret ← kura-cache.authString]'}";
        var before = plan(resource(REDIS, "kura-cache", "{'name': 'kura-cache', 'tier': 'BASIC'}"),
                resource(VERSION, "redis-auth-version", version));
        var after = plan(resource(REDIS, "kura-cache", "{'name': 'kura-cache', 'tier': 'STANDARD_HA'}"),
                resource(VERSION, "redis-auth-version", version));

        var steps = ANALYSIS.analyse("prod", before, after).steps();

        assertThat(steps).extracting(Step::name, Step::op)
                .containsExactly(tuple("kura-cache", Op.REPLACE), tuple("redis-auth-version", Op.REPLACE));
        assertThat(steps.get(1).changes()).singleElement().satisfies(change -> {
            assertThat(change.path()).isEqualTo("inputs.secretData");
            assertThat(change.becauseOf()).isEqualTo("kura-cache");
            assertThat(change.forcesReplacement()).isTrue();
        });
        assertThat(steps.get(1).dataLoss()).contains("the secret value of this version");
    }

    @Test
    void aReplacedSecretVersionThatAbandonsOnDeleteLosesNoData() {
        var step = onlyStep(plan(resource(VERSION, "db-password-version",
                        "{'deletionPolicy': 'ABANDON', 'secret': '${db-password.id}', 'secretData': '[secret ← pw.result]'}")),
                plan(resource(VERSION, "db-password-version",
                        "{'deletionPolicy': 'ABANDON', 'secret': '${db-password.id}', 'secretData': '[secret ← pw2.result]'}")));

        assertThat(step.op()).isEqualTo(Op.REPLACE);
        assertThat(step.dataLoss()).isNull();
        assertThat(step.consequences()).anySatisfy(consequence ->
                assertThat(consequence).contains("not destroyed", "deletionPolicy ABANDON"));
    }

    @Test
    void aReplacedClusterSaysItsKubernetesObjectsAreNotCreatedAgainWhileTheProviderStays() {
        var kubeconfig = "{'kubeconfig': 'server: https://connectgateway.googleapis.com/v1/${kura-gke-fleet.name}'}";
        var cluster = "{'name': 'kura-gke', 'location': '%s'}";
        var steps = ANALYSIS.analyse("dev",
                plan(resource("gcp:container/cluster:Cluster", "kura-gke", cluster.formatted("europe-southwest1")),
                        resource(K8S_PROVIDER, "kura-gke-provider", kubeconfig)),
                plan(resource("gcp:container/cluster:Cluster", "kura-gke", cluster.formatted("europe-west1")),
                        resource(K8S_PROVIDER, "kura-gke-provider", kubeconfig))).steps();

        assertThat(steps).singleElement().satisfies(step -> {
            assertThat(step.op()).isEqualTo(Op.REPLACE);
            assertThat(step.dataLoss()).contains("every workload on the cluster");
            assertThat(step.consequences()).anySatisfy(consequence ->
                    assertThat(consequence).contains("not created again", "pulumi refresh"));
        });
    }

    @Test
    void aRecordSetIsNotAutoNamedSoItsReplacementCreatesFirstAndCollides() {
        var record = "{'name': 'private.googleapis.com.', 'managedZone': '%s', 'type': 'A'}";
        var step = onlyStep(plan(resource("gcp:dns/recordSet:RecordSet", "vip", record.formatted("kura-googleapis"))),
                plan(resource("gcp:dns/recordSet:RecordSet", "vip", record.formatted("kura-googleapis-2"))));

        assertThat(step.replaceMode()).isEqualTo(ReplaceMode.CREATE_BEFORE_DELETE);
        assertThat(step.refused().reason()).contains("already exists");
    }

    @Test
    void aReplacedBucketThatRefusesToDeleteObjectsMayStopTheUpdateAndLosesNothing() {
        var bucket = "{'name': 'kura-backups', 'location': '%s', 'forceDestroy': false}";
        var step = onlyStep(plan(resource(BUCKET, "kura-backups", bucket.formatted("EU"))),
                plan(resource(BUCKET, "kura-backups", bucket.formatted("US"))));

        assertThat(step.op()).isEqualTo(Op.REPLACE);
        assertThat(step.dataLoss()).isNull();
        assertThat(step.consequences()).anySatisfy(consequence ->
                assertThat(consequence).startsWith("may stop: ").contains("forceDestroy false", "nothing is lost"));
    }

    @Test
    void unprotectingIsNotEnoughWhileTheDeletionProtectionInputIsOnSoTheWayOutSaysSo() {
        var step = onlyStep(plan(resource(SQL, "kura-primary", "{'name': 'kura-primary', 'region': 'europe-west1',"
                        + " 'deletionProtection': true}", "'protect': true")),
                plan(resource(SQL, "kura-primary", "{'name': 'kura-primary', 'region': 'europe-southwest1',"
                        + " 'deletionProtection': true}", "'protect': true")));

        assertThat(step.refused().wayOut()).contains("remove `protect`", "once inputs.deletionProtection = false has"
                + " landed in a change of its own");
    }

    @Test
    void aKubernetesObjectUnderANewPulumiNameIsAdoptedThenRemovedByTheOldNamesDelete() {
        var namespace = "{'metadata': {'name': 'kura-kafka'}}";
        var steps = ANALYSIS.analyse("prod", plan(resource("kubernetes:core/v1:Namespace", "kafka-namespace", namespace)),
                plan(resource("kubernetes:core/v1:Namespace", "strimzi-namespace", namespace))).steps();

        assertThat(steps).extracting(Step::name, Step::op)
                .containsExactly(tuple("kafka-namespace", Op.DELETE), tuple("strimzi-namespace", Op.CREATE));
        assertThat(steps.get(1).dataLoss()).contains("adopts the running kura-kafka", "after `up` it is gone");
    }

    @Test
    void anIamMemberUnderANewPulumiNameHasItsGrantRevokedByTheOldNamesDelete() {
        var member = "{'bucket': 'kura-static', 'role': 'roles/storage.objectViewer', 'member': 'allUsers'}";
        var steps = ANALYSIS.analyse("prod",
                plan(resource("gcp:storage/bucketIAMMember:BucketIAMMember", "static-public", member)),
                plan(resource("gcp:storage/bucketIAMMember:BucketIAMMember", "static-public-read", member))).steps();

        assertThat(steps).filteredOn(step -> step.op() == Op.CREATE).singleElement().satisfies(step ->
                assertThat(step.dataLoss()).contains("revokes it", "allUsers no longer holds roles/storage.objectViewer"));
    }

    @Test
    void aKubeconfigChangeOutsideTheActiveClusterIsAProviderUpdateNotAReplacement() {
        var kubeconfig = "{'kubeconfig': 'current-context: kura-gke\\ncontexts:\\n- name: kura-gke\\n  context:\\n"
                + "    cluster: kura-gke\\n    user: kura-gke\\nclusters:\\n- name: kura-gke\\n  cluster:\\n    server: %s\\n"
                + "users:\\n- name: kura-gke\\n  user:\\n    exec:\\n      installHint: %s\\n'}";
        var gateway = "https://connectgateway.googleapis.com/v1/${kura-gke-fleet.name}";
        var hint = onlyStep(plan(resource(K8S_PROVIDER, "kura-gke-provider", kubeconfig.formatted(gateway, "install it"))),
                plan(resource(K8S_PROVIDER, "kura-gke-provider", kubeconfig.formatted(gateway, "gcloud components install"))));
        var server = onlyStep(plan(resource(K8S_PROVIDER, "kura-gke-provider", kubeconfig.formatted(gateway, "x"))),
                plan(resource(K8S_PROVIDER, "kura-gke-provider", kubeconfig.formatted("https://10.0.0.2", "x"))));

        assertThat(hint.op()).isEqualTo(Op.UPDATE);
        assertThat(server.op()).isEqualTo(Op.REPLACE);
    }

    @Test
    void replacingAResourceThatStillCarriesItsImportIdIsRefusedAsTheEngineRefusesIt() {
        var job = "{'name': 'kura-migrator', 'location': '%s'}";
        var step = onlyStep(plan(resource("gcp:cloudrunv2/job:Job", "kura-migrator", job.formatted("europe-west1"),
                        "'import': 'projects/kura-os/locations/europe-west1/jobs/kura-migrator'")),
                plan(resource("gcp:cloudrunv2/job:Job", "kura-migrator", job.formatted("europe-southwest1"),
                        "'import': 'projects/kura-os/locations/europe-west1/jobs/kura-migrator'")));

        assertThat(step.op()).isEqualTo(Op.REPLACE);
        assertThat(step.refused().reason()).startsWith("previously-imported resources that still specify an ID may not"
                + " be replaced");
    }

    @Test
    void aTopicReplicationChangeWithoutCruiseControlTakesNoEffect() {
        var topic = "{'metadata': {'name': 'api.events', 'namespace': 'kura-kafka'}, 'spec': {'partitions': 3, 'replicas': %d}}";
        var step = onlyStep(plan(resource("kubernetes:kafka.strimzi.io/v1beta2:KafkaTopic", "api.events", topic.formatted(1))),
                plan(resource("kubernetes:kafka.strimzi.io/v1beta2:KafkaTopic", "api.events", topic.formatted(3))));

        assertThat(step.op()).isEqualTo(Op.UPDATE);
        assertThat(step.consequences()).anySatisfy(consequence ->
                assertThat(consequence).startsWith("will not take effect: ").contains("Cruise Control", "keeps 1 replicas"));
    }

    @Test
    void aDatabaseFedByTheInstancesKnownNameIsReplacedWithItAndDeletedFirstLikeIt() {
        var database = resource("gcp:sql/database:Database", "kuraosbd", "{'name': 'kuraosbd', 'instance': 'kura-primary'}",
                "'inputsFrom': {'instance': ['kura-primary']}");
        var steps = ANALYSIS.analyse("dev",
                plan(resource(SQL, "kura-primary", "{'name': 'kura-primary', 'region': 'europe-west1'}"), database),
                plan(resource(SQL, "kura-primary", "{'name': 'kura-primary', 'region': 'europe-southwest1'}"), database))
                .steps();

        assertThat(steps).extracting(Step::name, Step::op, Step::replaceMode).containsExactlyInAnyOrder(
                tuple("kura-primary", Op.REPLACE, ReplaceMode.DELETE_BEFORE_REPLACE),
                tuple("kuraosbd", Op.REPLACE, ReplaceMode.DELETE_BEFORE_REPLACE));
    }

    @Test
    void aProtectedDependentOfADeleteFirstReplacementIsRefusedAsPartOfReplacingIt() {
        var database = resource("gcp:sql/database:Database", "kuraosbd", "{'name': 'kuraosbd', 'instance': 'kura-primary'}",
                "'protect': true", "'inputsFrom': {'instance': ['kura-primary']}");
        var steps = ANALYSIS.analyse("staging",
                plan(resource(SQL, "kura-primary", "{'name': 'kura-primary', 'region': 'europe-west1'}"), database),
                plan(resource(SQL, "kura-primary", "{'name': 'kura-primary', 'region': 'europe-southwest1'}"), database))
                .steps();

        assertThat(steps).filteredOn(step -> step.name().equals("kuraosbd")).singleElement().satisfies(step ->
                assertThat(step.refused().reason()).isEqualTo("unable to replace resource kuraosbd as part of replacing"
                        + " kura-primary as it is currently marked for protection"));
    }

    @Test
    void deletingFirstACertificateAProxyStillUsesIsRefused() {
        var proxy = resource(PROXY, "proxy", "{'name': 'proxy', 'sslCertificates': ['${cert.selfLink}']}");
        var step = ANALYSIS.analyse("prod",
                plan(resource(CERTIFICATE, "cert", "{'name': 'cert', 'managed': {'domains': ['a.example']}}"), proxy),
                plan(resource(CERTIFICATE, "cert", "{'name': 'cert', 'managed': {'domains': ['b.example']}}",
                        "'deleteBeforeReplace': true"), proxy)).steps().stream()
                .filter(candidate -> candidate.name().equals("cert")).findFirst().orElseThrow();

        assertThat(step.replaceMode()).isEqualTo(ReplaceMode.DELETE_BEFORE_REPLACE);
        assertThat(step.refused().reason()).contains("while proxy still uses it", "resourceInUseByAnotherResource");
    }

    @Test
    void aResourceAbsentFromTheBaseThatCarriesAnImportIdIsImported() {
        var steps = ANALYSIS.analyse("prod", plan(),
                plan(resource(BUCKET, "kura-backups", "{'name': 'a'}", "'import': 'kura-os/a'"),
                        resource(BUCKET, "kura-static", "{'name': 'b'}"))).steps();

        assertThat(steps).extracting(Step::name, Step::op)
                .containsExactly(tuple("kura-backups", Op.IMPORT),
                        tuple("kura-static", Op.CREATE));
    }

    @Test
    void renamingAResourceWhileItsCloudNameStaysIsACreateThatCollides() {
        var steps = ANALYSIS.analyse("prod", plan(resource(BUCKET, "old", "{'name': 'kura-static-prod'}")),
                plan(resource(BUCKET, "new", "{'name': 'kura-static-prod'}"))).steps();

        assertThat(steps).filteredOn(step -> step.op() == Op.CREATE).singleElement()
                .satisfies(step -> assertThat(step.refused().wayOut()).contains("alias"));
    }

    @Test
    void aConfigMapDataChangeReplacesItAndTheKubernetesProviderDeletesFirst() {
        var step = onlyStep(plan(resource(CONFIG_MAP, "settings", "{'metadata': {'name': 's'}, 'data': {'A': '1'}}")),
                plan(resource(CONFIG_MAP, "settings", "{'metadata': {'name': 's'}, 'data': {'A': '2'}}")));

        assertThat(step.op()).isEqualTo(Op.REPLACE);
        assertThat(step.replaceMode()).isEqualTo(ReplaceMode.DELETE_BEFORE_REPLACE);
        assertThat(step.isRefused()).isFalse();
    }

    @Test
    void aReplacedProviderReplacesEverythingCreatedThroughIt() {
        var configMap = resource(CONFIG_MAP, "settings", "{'metadata': {'name': 's'}}", "'provider': 'gke'");
        var steps = ANALYSIS.analyse("prod",
                plan(resource(K8S_PROVIDER, "gke", "{'kubeconfig': '${old-cluster.kubeconfig}'}"), configMap),
                plan(resource(K8S_PROVIDER, "gke", "{'kubeconfig': '${new-cluster.kubeconfig}'}"), configMap)).steps();

        assertThat(steps).allSatisfy(step -> assertThat(step.op()).isEqualTo(Op.REPLACE));
        assertThat(steps).extracting(Step::name).containsExactlyInAnyOrder("gke", "settings");
    }

    @Test
    void leavesOutUnchangedResourcesAndIgnoredInputs() {
        var steps = ANALYSIS.analyse("prod",
                plan(resource(REDIS, "kura-cache", "{'name': 'kura-cache', 'memorySizeGb': 1}",
                        "'ignoreChanges': ['memorySizeGb']"), resource(BUCKET, "b", "{'name': 'b'}")),
                plan(resource(REDIS, "kura-cache", "{'name': 'kura-cache', 'memorySizeGb': 2}",
                        "'ignoreChanges': ['memorySizeGb']"), resource(BUCKET, "b", "{'name': 'b'}"))).steps();

        assertThat(steps).isEmpty();
    }

    @Test
    void aCacheResizeKeepsItsDataWithABriefConnectionReset() {
        var step = onlyStep(plan(resource(REDIS, "kura-cache", "{'name': 'kura-cache', 'tier': 'BASIC', 'memorySizeGb': 1}")),
                plan(resource(REDIS, "kura-cache", "{'name': 'kura-cache', 'tier': 'BASIC', 'memorySizeGb': 2}")));

        assertThat(step.op()).isEqualTo(Op.UPDATE);
        assertThat(step.consequences()).singleElement().asString().contains("data is kept", "connection reset");
    }

    @Test
    void aCloudRunTemplateChangeDeploysANewRevisionWithoutDowntime() {
        var service = "gcp:cloudrunv2/service:Service";
        var step = onlyStep(plan(resource(service, "api", "{'name': 'api', 'template': {'containers': [{'image': 'a'}]}}")),
                plan(resource(service, "api", "{'name': 'api', 'template': {'containers': [{'image': 'b'}]}}")));

        assertThat(step.op()).isEqualTo(Op.UPDATE);
        assertThat(step.consequences()).singleElement().asString().contains("new revision", "no downtime");
    }

    @Test
    void aNewParentIsANewUrnThatCollidesWithTheOldCopyUnlessAliased() {
        var step = onlyStep(plan(resource(REDIS, "kura-cache", "{'name': 'kura-cache'}")),
                plan("{'type': '" + REDIS + "', 'name': 'kura-cache', 'parent': 'data', 'inputs': {'name': 'kura-cache'}}"));

        assertThat(step.op()).isEqualTo(Op.REPLACE);
        assertThat(step.refused().reason()).contains("new URN");
        assertThat(step.refused().wayOut()).contains("alias");
    }
}
