package ai.kuraos.infra.observability;

import ai.kuraos.infra.backend.BackendNames;
import ai.kuraos.infra.component.KnownValues;
import ai.kuraos.infra.component.KuraComponent;
import ai.kuraos.infra.edge.EdgeNames;
import ai.kuraos.infra.observability.AlertSpec.PromQl;
import ai.kuraos.infra.observability.AlertSpec.Threshold;
import ai.kuraos.infra.platform.Foundation;
import ai.kuraos.infra.platform.ProjectApis;
import com.pulumi.core.Output;
import com.pulumi.gcp.billing.Budget;
import com.pulumi.gcp.billing.BudgetArgs;
import com.pulumi.gcp.billing.inputs.BudgetAllUpdatesRuleArgs;
import com.pulumi.gcp.billing.inputs.BudgetAmountArgs;
import com.pulumi.gcp.billing.inputs.BudgetAmountSpecifiedAmountArgs;
import com.pulumi.gcp.billing.inputs.BudgetBudgetFilterArgs;
import com.pulumi.gcp.billing.inputs.BudgetThresholdRuleArgs;
import com.pulumi.gcp.logging.Metric;
import com.pulumi.gcp.logging.MetricArgs;
import com.pulumi.gcp.logging.inputs.MetricMetricDescriptorArgs;
import com.pulumi.gcp.monitoring.AlertPolicy;
import com.pulumi.gcp.monitoring.AlertPolicyArgs;
import com.pulumi.gcp.monitoring.Dashboard;
import com.pulumi.gcp.monitoring.DashboardArgs;
import com.pulumi.gcp.monitoring.NotificationChannel;
import com.pulumi.gcp.monitoring.NotificationChannelArgs;
import com.pulumi.gcp.monitoring.UptimeCheckConfig;
import com.pulumi.gcp.monitoring.UptimeCheckConfigArgs;
import com.pulumi.gcp.monitoring.inputs.AlertPolicyAlertStrategyArgs;
import com.pulumi.gcp.monitoring.inputs.AlertPolicyConditionArgs;
import com.pulumi.gcp.monitoring.inputs.AlertPolicyConditionConditionPrometheusQueryLanguageArgs;
import com.pulumi.gcp.monitoring.inputs.AlertPolicyConditionConditionThresholdAggregationArgs;
import com.pulumi.gcp.monitoring.inputs.AlertPolicyConditionConditionThresholdArgs;
import com.pulumi.gcp.monitoring.inputs.AlertPolicyConditionConditionThresholdDenominatorAggregationArgs;
import com.pulumi.gcp.monitoring.inputs.AlertPolicyDocumentationArgs;
import com.pulumi.gcp.monitoring.inputs.UptimeCheckConfigContentMatcherArgs;
import com.pulumi.gcp.monitoring.inputs.UptimeCheckConfigHttpCheckArgs;
import com.pulumi.gcp.monitoring.inputs.UptimeCheckConfigMonitoredResourceArgs;
import com.pulumi.resources.Resource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code kura:observability:Monitoring}: who hears about trouble, and what they see. Notification channels (e-mail;
 * the auto-remediation webhook for critical alerts), uptime checks of the API's health and, with the edge, of the app's
 * front page, the alert policies of {@link AlertCatalogue} with their runbooks, the platform dashboard, and an
 * optional monthly budget.
 */
public final class Monitoring extends KuraComponent {

    public static final String TYPE = "kura:observability:Monitoring";
    /** The backend's health answer: {@code {"status": "healthy"}}. */
    public static final String HEALTHY_BODY = "\"status\"\\s*:\\s*\"healthy\"";

    /**
     * @param domain      the edge's domain; without the edge the API is checked at {@code backendUrl}
     * @param backendUrl  kura-backend's own URL
     */
    public Monitoring(String name, AlertCatalogue.Scope scope, MonitoringSettings settings, Optional<String> domain,
                      Output<String> backendUrl, Foundation foundation) {
        super(TYPE, name, scope.target());
        var target = scope.target();
        var monitoringApi = foundation.api(ProjectApis.MONITORING);

        var emails = new ArrayList<Output<String>>();
        for (var address : settings.notificationEmails()) {
            emails.add(new NotificationChannel("email-" + address.replaceAll("[^A-Za-z0-9]+", "-").toLowerCase(),
                    NotificationChannelArgs.builder()
                            .project(target.project())
                            .type("email")
                            .displayName("Kura " + target.stack() + ": " + address)
                            .labels(Map.of("email_address", address))
                            .userLabels(target.labels())
                            .build(), child(monitoringApi)).name());
        }
        var critical = new ArrayList<>(emails);
        settings.webhookUrl().ifPresent(url -> critical.add(new NotificationChannel("auto-remediation-webhook",
                NotificationChannelArgs.builder()
                        .project(target.project())
                        .type("webhook_tokenauth")
                        .displayName("Kura " + target.stack() + ": auto-remediation webhook")
                        .labels(Output.ofSecret(Map.of("url", url.value())))
                        .userLabels(target.labels())
                        .build(), child(monitoringApi)).name()));

        // Retiring: the error alert counts Cloud Logging's built-in log_entry_count now, so nothing reads this metric.
        // Earlier plans protected it, and the engine refuses to delete a protected resource in the update that
        // unprotects it: this change keeps it, unprotected, and the next one deletes it (and the deployers'
        // roles/logging.configWriter with it).
        new Metric("backend-error-logs", MetricArgs.builder()
                .project(target.project())
                .name("kura-backend-error-logs")
                .description("kura-backend's log entries of severity ERROR or worse")
                .filter("resource.type=\"cloud_run_revision\" AND resource.labels.service_name=\"" + BackendNames.SERVICE
                        + "\" AND severity>=ERROR")
                .metricDescriptor(MetricMetricDescriptorArgs.builder().metricKind("DELTA").valueType("INT64").unit("1")
                        .build())
                .build(), child(foundation.api(ProjectApis.LOGGING)));

        var apiHost = domain.map(EdgeNames::apiHost).map(Output::of)
                .orElse(backendUrl.applyValue(url -> hostOf(KnownValues.orEmpty(url))));
        var checks = new HashMap<String, Output<String>>();
        checks.put(AlertCatalogue.UPTIME_API, uptimeCheck(AlertCatalogue.UPTIME_API, "kura API health", target.project(), apiHost, "/health",
                Optional.of(HEALTHY_BODY), settings, monitoringApi).uptimeCheckId());
        domain.ifPresent(present -> checks.put(AlertCatalogue.UPTIME_APP, uptimeCheck(AlertCatalogue.UPTIME_APP, "kura app front page",
                target.project(), Output.of(EdgeNames.appHost(present)), "/", Optional.empty(), settings,
                monitoringApi).uptimeCheckId()));

        for (var alert : AlertCatalogue.forStack(scope, settings)) {
            var channels = alert.severity() == AlertSpec.Severity.CRITICAL ? critical : emails;
            var checkId = Optional.ofNullable(checks.get(alert.name()));
            new AlertPolicy("alert-" + alert.name(), AlertPolicyArgs.builder()
                    .project(target.project())
                    .displayName("Kura " + target.stack() + ": " + alert.displayName())
                    .combiner(alert.combiner())
                    .conditions(alert.conditions().stream().map(condition -> condition(condition, checkId)).toList())
                    .documentation(AlertPolicyDocumentationArgs.builder()
                            .content(alert.runbook())
                            .mimeType("text/markdown")
                            .build())
                    .notificationChannels(Output.all(channels))
                    .alertStrategy(AlertPolicyAlertStrategyArgs.builder().autoClose("1800s").build())
                    .userLabels(withSeverity(target.labels(), alert.severity()))
                    .build(), child(monitoringApi));
        }

        new Dashboard("platform-dashboard", DashboardArgs.builder()
                .project(target.project())
                .dashboardJson(PlatformDashboard.json(scope))
                .build(), child(monitoringApi));

        settings.budget().ifPresent(budget -> new Budget("monthly-budget", BudgetArgs.builder()
                .billingAccount(budget.billingAccount())
                .displayName("Kura " + target.stack() + " (" + target.project() + ")")
                .budgetFilter(BudgetBudgetFilterArgs.builder()
                        .projects("projects/" + budget.projectNumber())
                        .calendarPeriod("MONTH")
                        .build())
                .amount(BudgetAmountArgs.builder()
                        .specifiedAmount(BudgetAmountSpecifiedAmountArgs.builder()
                                .currencyCode(budget.currency())
                                .units(String.valueOf(budget.monthlyAmount()))
                                .build())
                        .build())
                .thresholdRules(budget.alertShares().stream().flatMap(share -> java.util.stream.Stream.of(
                        BudgetThresholdRuleArgs.builder().thresholdPercent(share).spendBasis("CURRENT_SPEND").build(),
                        BudgetThresholdRuleArgs.builder().thresholdPercent(share).spendBasis("FORECASTED_SPEND").build()))
                        .toList())
                .allUpdatesRule(BudgetAllUpdatesRuleArgs.builder()
                        .monitoringNotificationChannels(Output.all(emails))
                        .disableDefaultIamRecipients(false)
                        .build())
                .build(), child()));

        registerOutputs(Map.of("uptimeChecks", Output.all(checks.values())));
    }

    private UptimeCheckConfig uptimeCheck(String name, String displayName, String project, Output<String> host,
                                          String path, Optional<String> bodyPattern, MonitoringSettings settings,
                                          Resource api) {
        var args = UptimeCheckConfigArgs.builder()
                .project(project)
                .displayName(displayName)
                .period(settings.uptimeCheckPeriodSeconds() + "s")
                .timeout("10s")
                .selectedRegions(settings.uptimeCheckRegions())
                .monitoredResource(UptimeCheckConfigMonitoredResourceArgs.builder()
                        .type("uptime_url")
                        .labels(host.applyValue(known -> Map.of("host", KnownValues.orEmpty(known),
                                "project_id", project)))
                        .build())
                .httpCheck(UptimeCheckConfigHttpCheckArgs.builder()
                        .path(path)
                        .port(443)
                        .useSsl(true)
                        .validateSsl(true)
                        .requestMethod("GET")
                        .build());
        bodyPattern.ifPresent(pattern -> args.contentMatchers(UptimeCheckConfigContentMatcherArgs.builder()
                .content(pattern)
                .matcher("MATCHES_REGEX")
                .build()));
        return new UptimeCheckConfig(name, args.build(), child(api));
    }

    private static AlertPolicyConditionArgs condition(AlertSpec.Condition condition, Optional<Output<String>> checkId) {
        var args = AlertPolicyConditionArgs.builder().displayName(condition.displayName());
        if (condition instanceof PromQl promQl) {
            return args.conditionPrometheusQueryLanguage(AlertPolicyConditionConditionPrometheusQueryLanguageArgs.builder()
                    .query(promQl.query())
                    .duration(promQl.durationSeconds() + "s")
                    .evaluationInterval("30s")
                    .build()).build();
        }
        var threshold = (Threshold) condition;
        var filter = checkId.map(id -> id.applyValue(known ->
                        threshold.filter().replace(PlatformMetrics.CHECK_ID, KnownValues.orEmpty(known))))
                .orElse(Output.of(threshold.filter()));
        var conditionThreshold = AlertPolicyConditionConditionThresholdArgs.builder()
                .filter(filter)
                .aggregations(AlertPolicyConditionConditionThresholdAggregationArgs.builder()
                        .alignmentPeriod(threshold.alignmentSeconds() + "s")
                        .perSeriesAligner(threshold.aligner())
                        .crossSeriesReducer(threshold.reducer())
                        .groupByFields(threshold.groupBy())
                        .build())
                .comparison(threshold.comparison())
                .thresholdValue(threshold.threshold())
                .duration(threshold.durationSeconds() + "s");
        threshold.denominatorFilter().ifPresent(denominator -> conditionThreshold
                .denominatorFilter(denominator)
                .denominatorAggregations(AlertPolicyConditionConditionThresholdDenominatorAggregationArgs.builder()
                        .alignmentPeriod(threshold.alignmentSeconds() + "s")
                        .perSeriesAligner(threshold.aligner())
                        .crossSeriesReducer(threshold.reducer())
                        .groupByFields(threshold.groupBy())
                        .build()));
        return args.conditionThreshold(conditionThreshold.build()).build();
    }

    /** {@code https://kura-backend-abc-no.a.run.app} becomes {@code kura-backend-abc-no.a.run.app}. */
    static String hostOf(String url) {
        return url.replaceFirst("^[a-z]+://", "").replaceFirst("[/:].*$", "");
    }

    private static Map<String, String> withSeverity(Map<String, String> labels, AlertSpec.Severity severity) {
        var all = new java.util.TreeMap<>(labels);
        all.put("severity", severity.label());
        return all;
    }
}
