package ai.kuraos.infra.observability;

import ai.kuraos.infra.backend.BackendSettings;
import ai.kuraos.infra.config.Target;
import ai.kuraos.infra.observability.AlertSpec.Condition;
import ai.kuraos.infra.observability.AlertSpec.PromQl;
import ai.kuraos.infra.observability.AlertSpec.Severity;
import ai.kuraos.infra.observability.AlertSpec.Threshold;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The platform's alert policies for one stack: each with its conditions, severity and runbook, and only for what the
 * stack runs (no Kafka alert without Kafka, no front-page check without the edge).
 */
public final class AlertCatalogue {

    /** The uptime alerts: the component ties each to its check's id. */
    public static final String UPTIME_API = "uptime-api";
    public static final String UPTIME_APP = "uptime-app";
    private static final String GT = "COMPARISON_GT";
    private static final String GE = "COMPARISON_GE";

    private AlertCatalogue() {
    }

    /** What the stack runs, as far as alerts are concerned. */
    public record Scope(Target target, BackendSettings backend, boolean edge, boolean kafka, boolean inference) {
    }

    public static List<AlertSpec> forStack(Scope scope, MonitoringSettings settings) {
        var limits = settings.thresholds();
        var window = limits.windowSeconds();
        var target = scope.target();
        var alerts = new ArrayList<AlertSpec>();

        alerts.add(new AlertSpec("backend-errors", "Backend: errors", Severity.CRITICAL, runbook(
                "More than " + percent(limits.backendErrorRatio()) + " of kura-backend's requests fail with a 5xx,"
                        + " and its ERROR log entries pile up (more than " + limits.backendErrorLogs() + " in "
                        + minutes(window) + "): users see errors. Both must hold, so a burst of one alone does not page.",
                "Open the Errors and Logs tabs of kura-backend in Cloud Run and group by message.",
                "If a release went out in the last hour, roll it back (rollback.yml) and investigate after.",
                "Check Cloud SQL and Memorystore health on the platform dashboard: most 5xx storms start there."),
                "AND", List.of(
                new Threshold("5xx share of requests above " + percent(limits.backendErrorRatio()),
                        PlatformMetrics.backend5xx(), window, "ALIGN_RATE", "REDUCE_SUM", List.of(), GT,
                        limits.backendErrorRatio(), 0, Optional.of(PlatformMetrics.backend("request_count"))),
                new Threshold("ERROR log entries above " + limits.backendErrorLogs(),
                        PlatformMetrics.backendErrorLogs(), window, "ALIGN_SUM", "REDUCE_SUM", List.of(), GT,
                        limits.backendErrorLogs(), 0, Optional.empty()))));

        alerts.add(new AlertSpec("backend-latency", "Backend: slow responses", Severity.WARNING, runbook(
                "kura-backend's 95th percentile latency has been above " + limits.backendLatencyP95Ms() + " ms for "
                        + minutes(window) + ".",
                "Look at Cloud Trace for the slowest requests of the last hour: the waterfall shows whether the time"
                        + " goes to the database, Redis or the code (ADR-019).",
                "Check Cloud SQL CPU and connections on the platform dashboard.",
                "Cloud Profiler shows where the code spends CPU."), "OR", List.of(
                new Threshold("p95 latency above " + limits.backendLatencyP95Ms() + " ms",
                        PlatformMetrics.backend("request_latencies"), window, "ALIGN_PERCENTILE_95", "REDUCE_MAX",
                        List.of(), GT, limits.backendLatencyP95Ms(), window, Optional.empty()))));

        alerts.add(new AlertSpec("backend-at-max-instances", "Backend: at its maximum instance count", Severity.WARNING,
                runbook("kura-backend has run " + scope.backend().maxInstances() + " instances (kura-infra:backend."
                                + "maxInstances) for " + minutes(window) + ": it cannot scale further, and requests"
                                + " queue.",
                        "Check whether the traffic is real (load balancer requests on the dashboard) or an attack"
                                + " (Cloud Armor's logs).",
                        "Raise kura-infra:backend.maxInstances, or find what made requests slower."), "OR", List.of(
                new Threshold("instances at " + scope.backend().maxInstances(),
                        PlatformMetrics.backend("container/instance_count"), 60, "ALIGN_MAX", "REDUCE_SUM",
                        List.of(), GE, scope.backend().maxInstances(), window, Optional.empty()))));

        alerts.add(databaseAlert(target, "database-cpu", "Cloud SQL: CPU", Severity.WARNING, "cpu/utilization",
                limits.databaseCpuUtilization(), window, runbook(
                        "kura-primary's CPU has been above " + percent(limits.databaseCpuUtilization()) + " for "
                                + minutes(window) + ".",
                        "Open Query Insights for kura-primary: the top queries by time show what to index or cache.",
                        "If it is sustained growth, raise kura-infra:database.tier.")));
        alerts.add(databaseAlert(target, "database-disk", "Cloud SQL: disk", Severity.CRITICAL, "disk/utilization",
                limits.databaseDiskUtilization(), window, runbook(
                        "kura-primary's disk is more than " + percent(limits.databaseDiskUtilization()) + " full. It grows"
                                + " by itself only up to kura-infra:database.diskAutoresizeLimitGb; a full disk stops"
                                + " writes.",
                        "Raise kura-infra:database.diskAutoresizeLimitGb and run an update.",
                        "Look for tables or logs that grow unexpectedly.")));
        alerts.add(databaseAlert(target, "database-connections", "Cloud SQL: connections", Severity.WARNING,
                "postgresql/num_backends", limits.databaseConnections(), window, runbook(
                        "kura-primary has had more than " + limits.databaseConnections() + " connections for "
                                + minutes(window) + ": close to the tier's limit, new connections will be refused.",
                        "Compare with the backend's instance count: each instance holds a pool.",
                        "Lower the pool size per instance, or raise the tier.")));

        alerts.add(new AlertSpec("cache-memory", "Memorystore: memory", Severity.WARNING, runbook(
                "kura-cache has used more than " + percent(limits.cacheMemoryUsageRatio()) + " of its memory for "
                        + minutes(window) + ". It evicts keys (allkeys-lru), so the hit ratio drops.",
                "Check which key prefixes grow (the admin panel's cache view).",
                "Raise kura-infra:cache.memorySizeGb."), "OR", List.of(
                new Threshold("memory usage ratio above " + limits.cacheMemoryUsageRatio(),
                        PlatformMetrics.cache(target, "stats/memory/usage_ratio"), 60, "ALIGN_MEAN", "REDUCE_MAX",
                        List.of(), GT, limits.cacheMemoryUsageRatio(), window, Optional.empty()))));

        alerts.add(new AlertSpec("celery-broker-memory", "Celery broker: memory", Severity.WARNING, runbook(
                "kura-celery-broker has used more than " + percent(limits.celeryBrokerMemoryUsageRatio()) + " of its"
                        + " memory for " + minutes(window) + ". It never evicts (noeviction): once full, publishing a"
                        + " task fails (OOM) and the caller gets the error.",
                "Check the Celery workers: a stopped worker leaves its queue growing (queue lengths with"
                        + " `LLEN <queue>` through redis-cli, AUTH from the CELERY_BROKER_AUTH secret).",
                "Look for results kept without expiry (result_expires) or a task flood.",
                "Raise kura-infra:messaging.celery.memorySizeGb (an update in place)."), "OR", List.of(
                new Threshold("memory usage ratio above " + limits.celeryBrokerMemoryUsageRatio(),
                        PlatformMetrics.celeryBroker(target, "stats/memory/usage_ratio"), 60, "ALIGN_MEAN", "REDUCE_MAX",
                        List.of(), GT, limits.celeryBrokerMemoryUsageRatio(), window, Optional.empty()))));

        alerts.add(new AlertSpec("migration-failed", "kura-migrator: failed execution", Severity.CRITICAL, runbook(
                "An execution of kura-migrator (alembic upgrade heads) failed. A deploy stops there, with traffic on"
                        + " the revision that was serving.",
                "Read the execution's logs: `gcloud run jobs executions list --job kura-migrator`, then `describe`.",
                "Fix the migration and deploy a new release; the schema may be half-migrated if the migration was not"
                        + " transactional."), "OR", List.of(
                new Threshold("a failed execution", PlatformMetrics.migratorFailures(), 60, "ALIGN_SUM", "REDUCE_SUM",
                        List.of(), GT, 0, 0, Optional.empty()))));

        alerts.add(uptimeAlert(UPTIME_API, "Uptime: API health", scope.edge()
                ? "https://api.<domain>/health" : "kura-backend's /health"));
        if (scope.edge()) {
            alerts.add(uptimeAlert(UPTIME_APP, "Uptime: app front page", "https://app.<domain>/"));
        }

        if (scope.kafka()) {
            alerts.add(new AlertSpec("kafka-consumer-lag", "Kafka: consumer lag", Severity.WARNING, runbook(
                    "A consumer group is more than " + limits.kafkaConsumerLag() + " messages behind on a topic for "
                            + minutes(window) + ": events are processed late.",
                    "Find the group and topic on the platform dashboard's lag chart; check that consumer's logs.",
                    "If the consumer is down and Kafka is not the problem, scale or restart it. If Kafka itself is"
                            + " down, switch the backend to Celery (docs/operations.md, Switching the messaging backend)."),
                    "OR", List.of(new PromQl("lag above " + limits.kafkaConsumerLag(),
                    "max by (consumergroup, topic) (" + PlatformMetrics.kafka("kafka_consumergroup_lag") + ") > "
                            + limits.kafkaConsumerLag(), window))));
        }
        if (scope.inference()) {
            alerts.add(new AlertSpec("inference-errors", "Inference: errors", Severity.CRITICAL, runbook(
                    "More than " + percent(limits.inferenceErrorRatio()) + " of the frames Adeline processes end in an"
                            + " error (adeline_errors_total against adeline_frames_processed_total).",
                    "`kubectl -n kura-inference logs deploy/adeline` and the /health/detailed of a pod name the"
                            + " failing check (model, MQTT).",
                    "A new image? Roll the Deployment back: `kubectl -n kura-inference rollout undo deploy/adeline`,"
                            + " then restore the previous inference.image in the stack file."), "OR", List.of(
                    new PromQl("error share above " + percent(limits.inferenceErrorRatio()),
                            "sum(rate(" + PlatformMetrics.inference("adeline_errors_total") + "[5m])) / sum(rate("
                                    + PlatformMetrics.inference("adeline_frames_processed_total") + "[5m])) > "
                                    + limits.inferenceErrorRatio(), window))));
            alerts.add(new AlertSpec("inference-latency", "Inference: slow", Severity.WARNING, runbook(
                    "Adeline's 95th percentile inference time has been above " + limits.inferenceLatencyP95Ms()
                            + " ms for " + minutes(window) + ".",
                    "Check the pods' CPU (or GPU) on GKE's workload page: throttled pods are slow.",
                    "Raise kura-infra:inference.cpu or maxReplicas, or move to a GPU (inference.gpu)."), "OR", List.of(
                    new PromQl("p95 above " + limits.inferenceLatencyP95Ms() + " ms",
                            "histogram_quantile(0.95, sum by (le) (rate("
                                    + PlatformMetrics.inference("adeline_inference_duration_seconds_bucket")
                                    + "[5m]))) > " + limits.inferenceLatencyP95Ms() / 1000.0, window))));
            alerts.add(new AlertSpec("inference-circuit-open", "Inference: circuit breaker open", Severity.CRITICAL,
                    runbook("A circuit breaker of Adeline is open (adeline_circuit_breaker_state = 1): a dependency,"
                                    + " usually the MQTT broker, keeps failing and detections are not delivered.",
                            "The metric's service label names the dependency; check that it is up and reachable.",
                            "The breaker closes by itself after successful retries."), "OR", List.of(
                    new PromQl("a breaker open", "max by (service) ("
                            + PlatformMetrics.inference("adeline_circuit_breaker_state") + ") >= 1", 60))));
        }
        return alerts;
    }

    private static AlertSpec databaseAlert(Target target, String name, String displayName, Severity severity,
                                           String metric, double threshold, int window, String runbook) {
        return new AlertSpec(name, displayName, severity, runbook, "OR", List.of(
                new Threshold(displayName + " above " + threshold, PlatformMetrics.database(target, metric), 60,
                        "ALIGN_MEAN", "REDUCE_MAX", List.of(), GT, threshold, window, Optional.empty())));
    }

    /** Fails when the check fails from more than one region for a minute: one region's blip is not an outage. */
    private static AlertSpec uptimeAlert(String name, String displayName, String what) {
        Condition failing = new Threshold("failing from more than one region", PlatformMetrics.uptimeCheckPassed(), 1200,
                "ALIGN_NEXT_OLDER", "REDUCE_COUNT_FALSE", List.of("resource.label.host"), GT, 1, 60, Optional.empty());
        return new AlertSpec(name, displayName, Severity.CRITICAL, runbook(
                "The uptime check of " + what + " fails from several regions: users cannot reach it.",
                "Open the check in Cloud Monitoring (Uptime checks): the failing regions and responses tell a DNS or"
                        + " certificate problem from a backend outage.",
                "If the backend answers on its own URL but not through the load balancer, check the edge (certificate,"
                        + " Cloud Armor rules)."), "OR", List.of(failing));
    }

    private static String runbook(String meaning, String... firstSteps) {
        var text = new StringBuilder("**What it means**: ").append(meaning).append("\n\n**First steps**:\n");
        for (int step = 0; step < firstSteps.length; step++) {
            text.append(step + 1).append(". ").append(firstSteps[step]).append('\n');
        }
        return text.toString();
    }

    private static String percent(double ratio) {
        var percent = ratio * 100;
        return (percent == Math.rint(percent) ? String.valueOf((long) percent) : String.valueOf(percent)) + " %";
    }

    private static String minutes(int seconds) {
        return seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
    }
}
