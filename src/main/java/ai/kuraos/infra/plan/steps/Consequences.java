package ai.kuraos.infra.plan.steps;

import ai.kuraos.infra.data.PostgresParameters;
import ai.kuraos.infra.plan.steps.ReplacementKnowledge.TypeKnowledge;
import ai.kuraos.infra.plan.steps.Step.Op;
import ai.kuraos.infra.plan.steps.Step.PathChange;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** What an update does to the running service, where the service documents it. */
final class Consequences {

    private static final String SQL_INSTANCE = "gcp:sql/databaseInstance:DatabaseInstance";
    private static final String REDIS_INSTANCE = "gcp:redis/instance:Instance";
    private static final String RUN_SERVICE = "gcp:cloudrunv2/service:Service";
    private static final String RUN_JOB = "gcp:cloudrunv2/job:Job";
    private static final String DEPLOYMENT = "kubernetes:apps/v1:Deployment";
    private static final String KAFKA_TOPIC = "kubernetes:kafka.strimzi.io/v1beta2:KafkaTopic";
    /** How a consequence that takes the service offline for a while begins; the review's headline looks for it. */
    static final String RESTARTS = "restarts ";
    /** How a consequence begins when {@code up} stops at the step under a condition the plan cannot know. */
    static final String MAY_STOP = "may stop: ";
    /** How a consequence begins when {@code up} succeeds and the running system stays as it was. */
    static final String NO_EFFECT = "will not take effect: ";
    /** The context of a PostgreSQL parameter that only takes effect when the server starts. */
    private static final String AT_SERVER_START = "postmaster";

    private Consequences() {
    }

    static List<String> of(TypeKnowledge type, Op op, JsonNode before, JsonNode after, List<PathChange> changes) {
        if (op != Op.UPDATE) {
            return List.of();
        }
        var consequences = new ArrayList<String>();
        var oldInputs = before.path("inputs");
        var newInputs = after.path("inputs");
        if (changes.stream().noneMatch(change -> change.path().startsWith("inputs"))) {
            consequences.add("nothing happens to the running resource: only the engine's record of it changes");
        }
        switch (type.type()) {
            case SQL_INSTANCE -> sqlInstance(oldInputs, newInputs, consequences);
            case REDIS_INSTANCE -> {
                if (changed(changes, "inputs.memorySizeGb")) {
                    // https://cloud.google.com/memorystore/docs/redis/scaling-behavior
                    consequences.add("resizes the cache (memorySizeGb " + oldInputs.path("memorySizeGb") + " → "
                            + newInputs.path("memorySizeGb") + "): data is kept, clients see a connection reset of a"
                            + " couple of minutes or less (cloud.google.com/memorystore/docs/redis/scaling-behavior)"
                            + ("STANDARD_HA".equals(newInputs.path("tier").asText())
                                    ? "; a smaller size than the data it holds fails" : ""));
                }
            }
            case RUN_SERVICE -> {
                if (changed(changes, "inputs.template")) {
                    // https://cloud.google.com/run/docs/managing/revisions
                    consequences.add("deploys a new revision (the template changed); the old revision serves until"
                            + " the new one is ready, so no downtime; traffic follows `traffics`");
                }
            }
            case RUN_JOB -> {
                if (changed(changes, "inputs.template")) {
                    consequences.add("the job's next execution runs the new template; running executions go on");
                }
            }
            case DEPLOYMENT -> {
                if (changed(changes, "inputs.spec.template")) {
                    consequences.add("rolls the pods (the pod template changed), as spec.strategy says");
                }
            }
            case KAFKA_TOPIC -> {
                if (!oldInputs.path("spec").path("replicas").equals(newInputs.path("spec").path("replicas"))) {
                    // Strimzi 0.45.0 BatchingTopicController: "Replication factor change not supported" without Cruise Control.
                    consequences.add(NO_EFFECT + "the topic operator changes a topic's replication factor only"
                            + " through Cruise Control, which this Kafka does not run: it marks the KafkaTopic not"
                            + " ready and the topic keeps " + oldInputs.path("spec").path("replicas") + " replicas");
                }
                var partitions = newInputs.path("spec").path("partitions").asInt(0);
                if (partitions < oldInputs.path("spec").path("partitions").asInt(0)) {
                    // https://strimzi.io/docs/operators/latest/deploying#ref-operator-topic-str
                    consequences.add(NO_EFFECT + "Kafka cannot reduce a topic's partitions: the topic operator rejects"
                            + " the change and marks the KafkaTopic not ready, while `pulumi up` succeeds");
                }
            }
            default -> {
            }
        }
        return consequences;
    }

    /**
     * A machine type change restarts the instance, and so does a flag that PostgreSQL only reads at server start
     * (https://cloud.google.com/sql/docs/postgres/flags, "Restart required"; the catalogue's context column).
     */
    private static void sqlInstance(JsonNode before, JsonNode after, List<String> consequences) {
        var oldTier = before.path("settings").path("tier");
        var newTier = after.path("settings").path("tier");
        if (!oldTier.equals(newTier)) {
            consequences.add(RESTARTS + "the instance: a machine type change (settings.tier " + oldTier + " → " + newTier
                    + ") takes it offline for a few minutes; a REGIONAL instance fails over first"
                    + " (cloud.google.com/sql/docs/postgres/instance-settings)");
        }
        if (!before.path("settings").path("availabilityType").equals(after.path("settings").path("availabilityType"))) {
            consequences.add(RESTARTS + "the instance: changing high availability (settings.availabilityType) restarts it"
                    + " (cloud.google.com/sql/docs/postgres/configure-ha)");
        }
        if (!before.path("databaseVersion").equals(after.path("databaseVersion"))) {
            consequences.add(RESTARTS + "the instance to upgrade the major version in place: it is unavailable during the upgrade"
                    + " (cloud.google.com/sql/docs/postgres/upgrade-major-db-version-inplace)");
        }
        var oldFlags = flags(before);
        var newFlags = flags(after);
        var names = new TreeSet<>(oldFlags.keySet());
        names.addAll(newFlags.keySet());
        var catalogue = PostgresParameters.catalogue();
        var atStart = names.stream()
                .filter(name -> !String.valueOf(oldFlags.get(name)).equals(String.valueOf(newFlags.get(name))))
                .filter(name -> catalogue.containsKey(name) && AT_SERVER_START.equals(catalogue.get(name).context()))
                .toList();
        if (!atStart.isEmpty()) {
            consequences.add(RESTARTS + "the instance: " + String.join(", ", atStart) + " only take"
                    + (atStart.size() == 1 ? "s" : "") + " effect at server start (PostgreSQL context postmaster;"
                    + " cloud.google.com/sql/docs/postgres/flags)");
        }
    }

    private static Map<String, String> flags(JsonNode inputs) {
        var flags = new TreeMap<String, String>();
        inputs.path("settings").path("databaseFlags")
                .forEach(flag -> flags.put(flag.path("name").asText(), flag.path("value").asText()));
        return flags;
    }

    private static boolean changed(List<PathChange> changes, String prefix) {
        return changes.stream().anyMatch(change -> change.path().equals(prefix)
                || change.path().startsWith(prefix + ".") || change.path().startsWith(prefix + "["));
    }
}
