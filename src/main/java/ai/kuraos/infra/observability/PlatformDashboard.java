package ai.kuraos.infra.observability;

import ai.kuraos.infra.config.Target;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * The platform dashboard's JSON (Cloud Monitoring's dashboards API): the backend's traffic, errors, latency and
 * instances; Cloud SQL and Redis health; with the edge, the CDN's cache hits and the load balancer's requests per
 * backend; Kafka lag and inference when the stack runs them.
 */
public final class PlatformDashboard {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int COLUMNS = 48;
    private static final int TILE_WIDTH = 24;
    private static final int TILE_HEIGHT = 16;

    private PlatformDashboard() {
    }

    /** One chart: a title and its series, each a Cloud Monitoring filter or a PromQL query. */
    record Chart(String title, List<ObjectNode> series) {
    }

    public static String json(AlertCatalogue.Scope scope) {
        var target = scope.target();
        var charts = new ArrayList<Chart>();
        charts.add(new Chart("Backend requests per second by response class", List.of(
                filter(PlatformMetrics.backend("request_count"), "ALIGN_RATE", "REDUCE_SUM", "metric.label.response_code_class"))));
        charts.add(new Chart("Backend errors: 5xx per second and ERROR log entries", List.of(
                filter(PlatformMetrics.backend5xx(), "ALIGN_RATE", "REDUCE_SUM", null),
                filter(PlatformMetrics.backendErrorLogs(), "ALIGN_RATE", "REDUCE_SUM", null))));
        charts.add(new Chart("Backend latency (ms): p50, p95, p99", List.of(
                filter(PlatformMetrics.backend("request_latencies"), "ALIGN_PERCENTILE_50", "REDUCE_MAX", null),
                filter(PlatformMetrics.backend("request_latencies"), "ALIGN_PERCENTILE_95", "REDUCE_MAX", null),
                filter(PlatformMetrics.backend("request_latencies"), "ALIGN_PERCENTILE_99", "REDUCE_MAX", null))));
        charts.add(new Chart("Backend instances", List.of(
                filter(PlatformMetrics.backend("container/instance_count"), "ALIGN_MAX", "REDUCE_SUM", "metric.label.state"))));
        charts.add(new Chart("Cloud SQL: CPU and disk utilisation", List.of(
                filter(PlatformMetrics.database(target, "cpu/utilization"), "ALIGN_MEAN", "REDUCE_MAX", null),
                filter(PlatformMetrics.database(target, "disk/utilization"), "ALIGN_MEAN", "REDUCE_MAX", null))));
        charts.add(new Chart("Cloud SQL: connections", List.of(
                filter(PlatformMetrics.database(target, "postgresql/num_backends"), "ALIGN_MEAN", "REDUCE_SUM", null))));
        charts.add(new Chart("Memorystore: memory usage ratio (cache, Celery broker) and cache hit ratio", List.of(
                filter(PlatformMetrics.cache(target, "stats/memory/usage_ratio"), "ALIGN_MEAN", "REDUCE_MAX", null),
                filter(PlatformMetrics.celeryBroker(target, "stats/memory/usage_ratio"), "ALIGN_MEAN", "REDUCE_MAX", null),
                filter(PlatformMetrics.cache(target, "stats/cache_hit_ratio"), "ALIGN_MEAN", "REDUCE_MAX", null))));
        if (scope.edge()) {
            charts.add(new Chart("CDN: requests by cache result", List.of(
                    filter(PlatformMetrics.loadBalancer("request_count"), "ALIGN_RATE", "REDUCE_SUM",
                            "metric.label.cache_result"))));
            charts.add(new Chart("Load balancer: requests per backend", List.of(
                    filter(PlatformMetrics.loadBalancer("request_count"), "ALIGN_RATE", "REDUCE_SUM",
                            "resource.label.backend_target_name"))));
        }
        if (scope.kafka()) {
            charts.add(new Chart("Kafka: consumer lag by group and topic", List.of(
                    promQl("max by (consumergroup, topic) (" + PlatformMetrics.kafka("kafka_consumergroup_lag") + ")"))));
        }
        if (scope.inference()) {
            charts.add(new Chart("Inference: frames and errors per second", List.of(
                    promQl("sum(rate(" + PlatformMetrics.inference("adeline_frames_processed_total") + "[5m]))"),
                    promQl("sum(rate(" + PlatformMetrics.inference("adeline_errors_total") + "[5m]))"))));
            charts.add(new Chart("Inference: p95 inference time (s)", List.of(
                    promQl("histogram_quantile(0.95, sum by (le) (rate("
                            + PlatformMetrics.inference("adeline_inference_duration_seconds_bucket") + "[5m])))"))));
        }
        return render(target, charts);
    }

    private static String render(Target target, List<Chart> charts) {
        var dashboard = NODES.objectNode();
        dashboard.put("displayName", "Kura platform (" + target.stack() + ")");
        var layout = dashboard.putObject("mosaicLayout");
        layout.put("columns", COLUMNS);
        var tiles = layout.putArray("tiles");
        for (int index = 0; index < charts.size(); index++) {
            var tile = tiles.addObject();
            tile.put("xPos", index % 2 * TILE_WIDTH);
            tile.put("yPos", index / 2 * TILE_HEIGHT);
            tile.put("width", TILE_WIDTH);
            tile.put("height", TILE_HEIGHT);
            var widget = tile.putObject("widget");
            widget.put("title", charts.get(index).title());
            ArrayNode dataSets = widget.putObject("xyChart").putArray("dataSets");
            charts.get(index).series().forEach(series -> dataSets.addObject()
                    .put("plotType", "LINE")
                    .set("timeSeriesQuery", series));
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(dashboard);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the dashboard", e);
        }
    }

    private static ObjectNode filter(String filter, String aligner, String reducer, String groupBy) {
        var query = NODES.objectNode();
        var timeSeriesFilter = query.putObject("timeSeriesFilter");
        timeSeriesFilter.put("filter", filter);
        var aggregation = timeSeriesFilter.putObject("aggregation");
        aggregation.put("alignmentPeriod", "60s");
        aggregation.put("perSeriesAligner", aligner);
        aggregation.put("crossSeriesReducer", reducer);
        if (groupBy != null) {
            aggregation.putArray("groupByFields").add(groupBy);
        }
        return query;
    }

    private static ObjectNode promQl(String query) {
        return NODES.objectNode().put("prometheusQuery", query);
    }
}
