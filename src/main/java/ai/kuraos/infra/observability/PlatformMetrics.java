package ai.kuraos.infra.observability;

import ai.kuraos.infra.backend.BackendNames;
import ai.kuraos.infra.config.Target;
import ai.kuraos.infra.data.Cache;
import ai.kuraos.infra.data.Database;
import ai.kuraos.infra.inference.InferenceNames;
import ai.kuraos.infra.messaging.KafkaNames;

/** The Cloud Monitoring filters and PromQL selectors of the platform's resources: shared by alerts and the dashboard. */
public final class PlatformMetrics {

    public static final String ERROR_LOGS_METRIC = "kura-backend-error-logs";
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

    public static String backendErrorLogs() {
        return "resource.type = \"cloud_run_revision\" AND metric.type = \"logging.googleapis.com/user/"
                + ERROR_LOGS_METRIC + "\"";
    }

    /** What the log-based metric counts: the backend's log entries of severity ERROR or worse. */
    public static String backendErrorLogEntries() {
        return "resource.type=\"cloud_run_revision\" AND resource.labels.service_name=\"" + BackendNames.SERVICE
                + "\" AND severity>=ERROR";
    }

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
        return "resource.type = \"redis_instance\" AND resource.labels.instance_id = \"projects/" + target.project()
                + "/locations/" + target.region() + "/instances/" + Cache.INSTANCE + "\" AND metric.type = \""
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
