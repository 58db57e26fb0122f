package ai.kuraos.infra.observability;

import ai.kuraos.infra.plan.PlannedResource;
import ai.kuraos.infra.testing.ResourceAssert;
import ai.kuraos.infra.testing.SynthesizedStack;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The stacks' monitoring: channels, uptime checks, alert policies with runbooks, the dashboard, the budget. */
class MonitoringTest {

    private static final String POLICY = "gcp:monitoring/alertPolicy:AlertPolicy";
    private static final String CHECK = "gcp:monitoring/uptimeCheckConfig:UptimeCheckConfig";
    private static final String CHANNEL = "gcp:monitoring/notificationChannel:NotificationChannel";
    private static final String DASHBOARD = "gcp:monitoring/dashboard:Dashboard";
    private static final Pattern METRIC_TYPE = Pattern.compile("metric\\.type = \"([^\"]+)\"");
    private static final Pattern PROMQL_METRIC = Pattern.compile("([a-z_]+)\\{namespace=\"([a-z-]+)\"}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<String> policies(SynthesizedStack stack) {
        return stack.resources(POLICY).stream().map(ResourceAssert::name).sorted().toList();
    }

    @Nested
    class Prod {
        private final SynthesizedStack prod = SynthesizedStack.of("prod");

        @Test
        void hasEveryAlertOfThePlatform() {
            assertThat(policies(prod)).containsExactly("alert-backend-at-max-instances", "alert-backend-errors",
                    "alert-backend-latency", "alert-cache-memory", "alert-celery-broker-memory", "alert-database-connections", "alert-database-cpu",
                    "alert-database-disk", "alert-inference-circuit-open", "alert-inference-errors",
                    "alert-inference-latency", "alert-kafka-consumer-lag", "alert-migration-failed", "alert-uptime-api",
                    "alert-uptime-app");
        }

        /** The broker never evicts: full, it refuses new tasks, so it warns before the cache would. */
        @Test
        void warnsWhenTheCeleryBrokerFillsUpBeforeItRefusesTasks() {
            var alert = prod.resource(POLICY, "alert-celery-broker-memory").hasInput("userLabels.severity", "warning");

            assertThat(alert.input("conditions[0].conditionThreshold.filter").asText())
                    .contains("resource.labels.instance_id = \"projects/kura-os/locations/europe-southwest1/instances/"
                            + "kura-celery-broker\"", "redis.googleapis.com/stats/memory/usage_ratio");
            assertThat(alert.input("conditions[0].conditionThreshold.thresholdValue").asDouble()).isEqualTo(0.7);
            assertThat(alert.input("documentation.content").asText()).contains("noeviction",
                    "kura-infra:messaging.celery.memorySizeGb");
        }

        @Test
        void givesEveryPolicyARunbookASeverityAndAChannel() {
            assertThat(prod.resources(POLICY)).allSatisfy(policy -> {
                assertThat(policy.input("documentation.mimeType").asText()).isEqualTo("text/markdown");
                assertThat(policy.input("documentation.content").asText()).contains("**What it means**", "**First steps**");
                assertThat(policy.input("userLabels.severity").asText()).isIn("critical", "warning");
                assertThat(policy.input("notificationChannels")).isNotEmpty();
                assertThat(policy.input("displayName").asText()).startsWith("Kura prod: ");
            });
        }

        @Test
        void pagesOnBackendErrorsOnlyWhenThe5xxShareAndTheErrorLogsAreBothHigh() {
            var errors = prod.resource(POLICY, "alert-backend-errors")
                    .hasInput("combiner", "AND")
                    .hasInput("userLabels.severity", "critical");
            var conditions = errors.input("conditions");
            assertThat(conditions).hasSize(2);
            var ratio = errors.input("conditions[displayName=5xx share of requests above 5 %].conditionThreshold");
            assertThat(ratio.path("filter").asText()).contains("run.googleapis.com/request_count",
                    "response_code_class = \"5xx\"", "service_name = \"kura-backend\"");
            assertThat(ratio.path("denominatorFilter").asText()).contains("run.googleapis.com/request_count")
                    .doesNotContain("5xx");
            assertThat(ratio.path("thresholdValue").asDouble()).isEqualTo(0.05);
            var logs = errors.input("conditions[displayName=ERROR log entries above 10].conditionThreshold");
            assertThat(logs.path("filter").asText()).isEqualTo("resource.type = \"cloud_run_revision\" AND"
                    + " resource.labels.service_name = \"kura-backend\" AND metric.type ="
                    + " \"logging.googleapis.com/log_entry_count\" AND metric.labels.severity ="
                    + " one_of(\"ERROR\", \"CRITICAL\", \"ALERT\", \"EMERGENCY\")");
            assertThat(logs.path("thresholdValue").asDouble()).isEqualTo(10);
        }

        /**
         * Defect: an alert was created before its metric existed. Monitoring refuses an alert on a log-based metric
         * for up to 10 minutes after the metric's creation (terraform-provider-google #11102), and dependsOn cannot
         * wait that out: no alert may filter on a metric that the same update creates.
         */
        @Test
        void noAlertIsCreatedBeforeItsMetricExists() {
            for (var stack : List.of(SynthesizedStack.of("dev"), prod)) {
                // The one log-based metric left is retiring: unprotected, read by nothing, deleted by the next change.
                stack.resource("gcp:logging/metric:Metric", "backend-error-logs").isNotProtected();
                assertThat(stack.resources("gcp:logging/metric:Metric")).hasSize(1);
                assertThat(stack.resources(POLICY)).allSatisfy(policy -> assertThat(policy.input("conditions").toString())
                        .doesNotContain("logging.googleapis.com/user/"));
            }
        }

        @Test
        void watchesLatencyInstancesTheDatabaseTheCacheAndTheMigrator() {
            assertThat(threshold(prod, "alert-backend-latency").path("thresholdValue").asDouble()).isEqualTo(1000);
            assertThat(threshold(prod, "alert-backend-latency").path("aggregations").get(0).path("perSeriesAligner")
                    .asText()).isEqualTo("ALIGN_PERCENTILE_95");
            assertThat(threshold(prod, "alert-backend-at-max-instances").path("thresholdValue").asDouble()).isEqualTo(10);
            assertThat(threshold(prod, "alert-database-cpu").path("filter").asText())
                    .contains("database_id = \"kura-os:kura-primary\"", "cloudsql.googleapis.com/database/cpu/utilization");
            assertThat(threshold(prod, "alert-database-disk").path("thresholdValue").asDouble()).isEqualTo(0.85);
            assertThat(threshold(prod, "alert-database-connections").path("filter").asText())
                    .contains("postgresql/num_backends");
            assertThat(threshold(prod, "alert-cache-memory").path("filter").asText())
                    .contains("instances/kura-cache", "redis.googleapis.com/stats/memory/usage_ratio");
            assertThat(threshold(prod, "alert-migration-failed").path("filter").asText())
                    .contains("job_name = \"kura-migrator\"", "metric.labels.result = \"failed\"");
        }

        @Test
        void alertsOnKafkaLagAndInferenceFromManagedPrometheus() {
            assertThat(promQl(prod, "alert-kafka-consumer-lag"))
                    .isEqualTo("max by (consumergroup, topic) (kafka_consumergroup_lag{namespace=\"kura-kafka\"}) > 10000");
            assertThat(promQl(prod, "alert-inference-errors")).contains("adeline_errors_total{namespace=\"kura-inference\"}",
                    "adeline_frames_processed_total", "> 0.05");
            assertThat(promQl(prod, "alert-inference-latency")).contains("histogram_quantile(0.95",
                    "adeline_inference_duration_seconds_bucket", "> 0.5");
            assertThat(promQl(prod, "alert-inference-circuit-open")).contains("adeline_circuit_breaker_state", ">= 1");
            prod.resource("kubernetes:monitoring.googleapis.com/v1:PodMonitoring", "kafka-exporter-monitoring")
                    .hasInput("spec.selector.matchLabels", Map.of("strimzi.io/name", "kura-kafka-kafka-exporter"));
            prod.resource("kubernetes:kafka.strimzi.io/v1beta2:Kafka", "kafka-cluster")
                    .hasInput("spec.kafkaExporter.groupRegex", ".*");
        }

        @Test
        void checksTheApiHealthAndTheFrontPageFromSeveralRegionsEachWithItsAlert() {
            prod.resource(CHECK, "uptime-api")
                    .hasInput("monitoredResource.type", "uptime_url")
                    .hasInput("monitoredResource.labels", Map.of("host", "api.kuraos.ai", "project_id", "kura-os"))
                    .hasInput("httpCheck.path", "/health")
                    .hasInput("httpCheck.useSsl", true)
                    .hasInput("contentMatchers", List.of(Map.of("content", Monitoring.HEALTHY_BODY, "matcher", "MATCHES_REGEX")))
                    .hasInput("period", "60s")
                    .hasInput("selectedRegions", List.of("EUROPE", "USA", "ASIA_PACIFIC"));
            prod.resource(CHECK, "uptime-app").hasInput("monitoredResource.labels.host", "app.kuraos.ai")
                    .hasInput("httpCheck.path", "/").hasNoInput("contentMatchers");
            assertThat(threshold(prod, "alert-uptime-api").path("filter").asText())
                    .contains("check_id = \"${uptime-api.uptimeCheckId}\"");
            assertThat(threshold(prod, "alert-uptime-app").path("filter").asText())
                    .contains("check_id = \"${uptime-app.uptimeCheckId}\"");
            assertThat("{\"status\": \"healthy\"}").containsPattern(Monitoring.HEALTHY_BODY);
        }

        @Test
        void emailsEveryAlertAndKeepsTheChannelsAddressesAsTheirTypeExpects() {
            prod.resource(CHANNEL, "email-ops-kuraos-ai")
                    .hasInput("type", "email")
                    .hasInput("labels", Map.of("email_address", "ops@kuraos.ai"));
            assertThat(prod.resources(CHANNEL)).hasSize(1);
        }

        @Test
        void drawsTheDashboardWithKafkaAndInferenceCharts() throws Exception {
            var titles = titles(dashboard(prod));

            assertThat(titles).contains("Backend requests per second by response class", "Backend latency (ms): p50, p95, p99",
                    "Cloud SQL: CPU and disk utilisation",
                    "Memorystore: memory usage ratio (cache, Celery broker) and cache hit ratio",
                    "CDN: requests by cache result", "Load balancer: requests per backend",
                    "Kafka: consumer lag by group and topic", "Inference: p95 inference time (s)");
        }
    }

    @Test
    void devHasNoKafkaInferenceOrFrontPageAlertAndChecksTheBackendsOwnUrl() throws Exception {
        var dev = SynthesizedStack.of("dev");

        assertThat(policies(dev)).containsExactly("alert-backend-at-max-instances", "alert-backend-errors",
                "alert-backend-latency", "alert-cache-memory", "alert-celery-broker-memory", "alert-database-connections", "alert-database-cpu",
                "alert-database-disk", "alert-migration-failed", "alert-uptime-api");
        dev.resource(CHECK, "uptime-api").hasInput("monitoredResource.labels.host", "${kura-backend.uri}")
                .hasInput("period", "900s");
        assertThat(dev.resources(CHECK)).hasSize(1);
        assertThat(threshold(dev, "alert-backend-errors").path("thresholdValue").asDouble()).isEqualTo(0.2);
        assertThat(titles(dashboard(dev))).noneMatch(title -> title.startsWith("Kafka") || title.startsWith("Inference")
                || title.startsWith("CDN"));
    }

    @Test
    void checksTheHostOfTheBackendsOwnUrl() {
        assertThat(Monitoring.hostOf("https://kura-backend-abc123-no.a.run.app")).isEqualTo("kura-backend-abc123-no.a.run.app");
        assertThat(Monitoring.hostOf("https://kura-backend-abc123-no.a.run.app/")).isEqualTo("kura-backend-abc123-no.a.run.app");
        assertThat(Monitoring.hostOf("${kura-backend.uri}")).isEqualTo("${kura-backend.uri}");
    }

    @Test
    void stagingAlertsOnKafkaLagButNotOnInference() {
        assertThat(policies(SynthesizedStack.of("staging"))).contains("alert-kafka-consumer-lag", "alert-uptime-app")
                .noneMatch(name -> name.startsWith("alert-inference"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void drawsOnlyMetricsOfResourcesTheStackHas(String stack) throws Exception {
        var synthesized = SynthesizedStack.of(stack);
        var dashboard = dashboard(synthesized);
        var types = synthesized.plan().resources().stream().map(PlannedResource::type).collect(java.util.stream.Collectors.toSet());
        var names = synthesized.plan().resources().stream().map(PlannedResource::name).collect(java.util.stream.Collectors.toSet());

        var metrics = new TreeSet<String>();
        var matcher = METRIC_TYPE.matcher(dashboard.toString().replace("\\\"", "\""));
        while (matcher.find()) {
            metrics.add(matcher.group(1));
        }
        var promql = PROMQL_METRIC.matcher(dashboard.toString().replace("\\\"", "\""));
        while (promql.find()) {
            metrics.add("prometheus:" + promql.group(2));
        }

        assertThat(metrics).isNotEmpty().allSatisfy(metric -> assertThat(sourceExists(metric, types, names))
                .as("%s: %s has no source in the stack", stack, metric).isTrue());
    }

    private static boolean sourceExists(String metric, Set<String> types, Set<String> names) {
        if (metric.startsWith("run.googleapis.com/")) {
            return types.contains("gcp:cloudrunv2/service:Service");
        }
        if (metric.startsWith("cloudsql.googleapis.com/")) {
            return types.contains("gcp:sql/databaseInstance:DatabaseInstance");
        }
        if (metric.startsWith("redis.googleapis.com/")) {
            return types.contains("gcp:redis/instance:Instance");
        }
        if (metric.startsWith("loadbalancing.googleapis.com/")) {
            return types.contains("gcp:compute/uRLMap:URLMap");
        }
        if (metric.equals("logging.googleapis.com/log_entry_count")) {
            return types.contains("gcp:cloudrunv2/service:Service");
        }
        if (metric.equals("prometheus:kura-kafka")) {
            return names.contains("kafka-exporter-monitoring");
        }
        if (metric.equals("prometheus:kura-inference")) {
            return names.contains("inference-pod-monitoring");
        }
        return false;
    }

    private static JsonNode dashboard(SynthesizedStack stack) throws Exception {
        return JSON.readTree(stack.resource(DASHBOARD, "platform-dashboard").input("dashboardJson").asText());
    }

    private static List<String> titles(JsonNode dashboard) {
        var titles = new ArrayList<String>();
        dashboard.path("mosaicLayout").path("tiles").forEach(tile -> titles.add(tile.path("widget").path("title").asText()));
        return titles;
    }

    private static JsonNode threshold(SynthesizedStack stack, String policy) {
        return stack.resource(POLICY, policy).input("conditions").get(0).path("conditionThreshold");
    }

    private static String promQl(SynthesizedStack stack, String policy) {
        return stack.resource(POLICY, policy).input("conditions").get(0).path("conditionPrometheusQueryLanguage")
                .path("query").asText();
    }
}
