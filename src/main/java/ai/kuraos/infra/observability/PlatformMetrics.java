package ai.kuraos.infra.observability;

import ai.kuraos.infra.backend.BackendNames;
import ai.kuraos.infra.config.Target;
import ai.kuraos.infra.data.Cache;
import ai.kuraos.infra.data.Database;
import ai.kuraos.infra.inference.InferenceNames;
import ai.kuraos.infra.messaging.CeleryBroker;
import ai.kuraos.infra.messaging.KafkaNames;

/** The Cloud Monitoring filters and PromQL selectors of the platform's resources: shared by alerts and the dashboard. */
public final class PlatformMetrics {

    /** Replaced by an uptime check's id once Cloud Monitoring has assigned it. */
    public static final String CHECK_ID = "${CHECK_ID}";

    private PlatformMetrics() {
    }

    public static String backend(String metric) {
        return "resource.type = \"cloud_run_revision\" AND resource.labels.service_name = \"" + BackendNames.SERVICE
                + "\" AND metric.type = \"run.googleapis.com/" + metric + "\"";
    }

    public static String backend5xx() {
        return backend("request_count") + " AND metric.labels.response_code_class = \"5xx\"";
    }

    /**
     * The backend's log entries of severity ERROR or worse, counted by Cloud Logging's built-in
     * {@code logging.googleapis.com/log_entry_count} (labels {@code log} and {@code severity}), which exists for every
     * Cloud Run revision from the start. A log-based metric of our own would be created in the same update as the
     * alert on it, and Monitoring refuses such an alert with 404 "Cannot find metric(s) ... it could take up to 10
     * minutes to become available" (terraform-provider-google #11102, open; dependsOn orders the creates but cannot
     * wait out the propagation, and the SDK here has no disableMetricValidation).
     */
    public static String backendErrorLogs() {
        return "resource.type = \"cloud_run_revision\" AND resource.labels.service_name = \"" + BackendNames.SERVICE
                + "\" AND metric.type = \"" + LOG_ENTRY_COUNT + "\""
                + " AND metric.labels.severity = one_of(\"ERROR\", \"CRITICAL\", \"ALERT\", \"EMERGENCY\")";
    }

    /** Cloud Logging's system metric of ingested log entries (https://cloud.google.com/monitoring/api/metrics_gcp). */
    public static final String LOG_ENTRY_COUNT = "logging.googleapis.com/log_entry_count";

    public static String migratorFailures() {
        return "resource.type = \"cloud_run_job\" AND resource.labels.job_name = \"" + BackendNames.MIGRATOR_JOB
                + "\" AND metric.type = \"run.googleapis.com/job/completed_execution_count\""
                + " AND metric.labels.result = \"failed\"";
    }

    public static String database(Target target, String metric) {
        return "resource.type = \"cloudsql_database\" AND resource.labels.database_id = \"" + target.project() + ":"
                + Database.INSTANCE + "\" AND metric.type = \"cloudsql.googleapis.com/database/" + metric + "\"";
    }

    public static String cache(Target target, String metric) {
        return redis(target, Cache.INSTANCE, metric);
    }

    public static String celeryBroker(Target target, String metric) {
        return redis(target, CeleryBroker.INSTANCE, metric);
    }

    private static String redis(Target target, String instance, String metric) {
        return "resource.type = \"redis_instance\" AND resource.labels.instance_id = \"projects/" + target.project()
                + "/locations/" + target.region() + "/instances/" + instance + "\" AND metric.type = \""
                + "redis.googleapis.com/" + metric + "\"";
    }

    public static String loadBalancer(String metric) {
        return "resource.type = \"https_lb_rule\" AND metric.type = \"loadbalancing.googleapis.com/https/" + metric + "\"";
    }

    public static String uptimeCheckPassed() {
        return "resource.type = \"uptime_url\" AND metric.type = \"monitoring.googleapis.com/uptime_check/check_passed\""
                + " AND metric.labels.check_id = \"" + CHECK_ID + "\"";
    }

    /** Selector of the Kafka exporter's series (Strimzi's kafkaExporter, scraped by Managed Prometheus). */
    public static String kafka(String metric) {
        return metric + "{namespace=\"" + KafkaNames.NAMESPACE + "\"}";
    }

    /** Selector of the inference service's series ({@code adeline_*}, the seeds' Prometheus metrics). */
    public static String inference(String metric) {
        return metric + "{namespace=\"" + InferenceNames.NAMESPACE + "\"}";
    }
}
