package ai.kuraos.infra.observability;

import ai.kuraos.infra.StackSettings;
import ai.kuraos.infra.config.ConfigError;
import ai.kuraos.infra.config.StackConfigValues;
import ai.kuraos.infra.testing.MinimalConfig;
import ai.kuraos.infra.testing.SynthesizedStack;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The monitoring section: recipients, uptime checks, thresholds per environment, the optional budget. */
class MonitoringSettingsTest {

    private static StackSettings.Result read(String stack, String monitoringJson) {
        return StackSettings.read(stack, StackConfigValues.of(MinimalConfig.with("kura-infra:monitoring", monitoringJson)));
    }

    private static ConfigError onlyError(String stack, String monitoringJson) {
        var errors = read(stack, monitoringJson).errors();
        assertThat(errors).as("errors").hasSize(1);
        return errors.get(0);
    }

    @Test
    void tightensThresholdsAndChecksMoreOftenInProd() {
        var dev = read("dev", "{\"notificationEmails\":[\"ops@kuraos.ai\"]}").settings().monitoring();
        var prod = read("prod", "{\"notificationEmails\":[\"ops@kuraos.ai\"]}").settings().monitoring();

        assertThat(dev.uptimeCheckPeriodSeconds()).isEqualTo(900);
        assertThat(prod.uptimeCheckPeriodSeconds()).isEqualTo(60);
        assertThat(dev.thresholds().backendErrorRatio()).isEqualTo(0.2);
        assertThat(prod.thresholds().backendErrorRatio()).isEqualTo(0.05);
        assertThat(prod.thresholds().backendLatencyP95Ms()).isEqualTo(1000);
        assertThat(prod.uptimeCheckRegions()).containsExactly("EUROPE", "USA", "ASIA_PACIFIC");
        assertThat(prod.budget()).isEmpty();
        assertThat(prod.webhookUrl()).isEmpty();
    }

    @Test
    void failsWhenNobodyIsNotified() {
        var missing = StackSettings.read("dev", StackConfigValues.of(MinimalConfig.with("kura-infra:monitoring", "{}")))
                .errors();
        var empty = onlyError("dev", "{\"notificationEmails\":[]}");

        assertThat(missing).extracting(ConfigError::key).containsExactly("kura-infra:monitoring.notificationEmails");
        assertThat(missing.get(0).problem()).contains("missing", "ops@kuraos.ai");
        assertThat(empty.problem()).contains("every alert notifies someone");
    }

    @Test
    void failsWhenAnAddressIsNotAnEmailAddress() {
        var error = onlyError("prod", "{\"notificationEmails\":[\"ops@kuraos.ai\",\"on-call\"]}");

        assertThat(error.key()).isEqualTo("kura-infra:monitoring.notificationEmails[1]");
        assertThat(error.problem()).contains("an e-mail address");
    }

    @Test
    void failsWhenAnAddressIsListedTwice() {
        var error = onlyError("prod", "{\"notificationEmails\":[\"ops@kuraos.ai\",\"Ops@kuraos.ai\"]}");

        assertThat(error.toString()).isEqualTo("kura-infra:monitoring.notificationEmails: got Ops@kuraos.ai after"
                + " ops@kuraos.ai, the same notification channel; expected each address once");
    }

    @Test
    void failsWhenUptimeChecksRunFromFewerThanThreeRegions() {
        var error = onlyError("prod", "{\"notificationEmails\":[\"ops@kuraos.ai\"],\"uptimeCheckRegions\":[\"EUROPE\",\"USA\"]}");

        assertThat(error.key()).isEqualTo("kura-infra:monitoring.uptimeCheckRegions");
        assertThat(error.problem()).contains("at least 3 distinct regions");
    }

    @Test
    void failsWhenTheWebhookUrlIsStoredInPlaintext() {
        var error = onlyError("prod", "{\"notificationEmails\":[\"ops@kuraos.ai\"],\"webhookUrl\":\"https://hooks.kuraos.ai/x\"}");

        assertThat(error.key()).isEqualTo("kura-infra:monitoring.webhookUrl");
        assertThat(error.problem()).contains("plaintext", "pulumi config set --secret --path 'monitoring.webhookUrl'")
                .doesNotContain("hooks.kuraos.ai");
    }

    @Test
    void sendsCriticalAlertsToAnEncryptedWebhook() {
        var values = SynthesizedStack.changedConfig("prod", Map.of("kura-infra:monitoring",
                "{\"notificationEmails\":[\"ops@kuraos.ai\"],\"webhookUrl\":\"https://hooks.kuraos.ai/remediate\"}"));
        var secret = new StackConfigValues(values.values(), Set.of("kura-infra:monitoring.webhookUrl"));
        var prod = SynthesizedStack.from(StackSettings.parse("prod", secret));

        prod.resource("gcp:monitoring/notificationChannel:NotificationChannel", "auto-remediation-webhook")
                .hasInput("type", "webhook_tokenauth")
                .hasInput("labels", "[secret]");
        assertThat(prod.rendered()).doesNotContain("hooks.kuraos.ai");
        assertThat(prod.resource("gcp:monitoring/alertPolicy:AlertPolicy", "alert-backend-errors")
                .input("notificationChannels")).hasSize(2);
        assertThat(prod.resource("gcp:monitoring/alertPolicy:AlertPolicy", "alert-backend-latency")
                .input("notificationChannels")).hasSize(1);
    }

    @Test
    void failsWhenABudgetLacksItsProjectNumberOrAmount() {
        var errors = read("prod", "{\"notificationEmails\":[\"ops@kuraos.ai\"],\"budget\":{\"billingAccount\":\"01A2B3-C4D5E6-F7A8B9\"}}")
                .errors();

        assertThat(errors).extracting(ConfigError::key).containsExactly("kura-infra:monitoring.budget.projectNumber",
                "kura-infra:monitoring.budget.monthlyAmount");
    }

    @Test
    void failsWhenABudgetHasNoBillingAccount() {
        var error = onlyError("prod", "{\"notificationEmails\":[\"ops@kuraos.ai\"],\"budget\":{\"monthlyAmount\":1500}}");

        assertThat(error.key()).isEqualTo("kura-infra:monitoring.budget.billingAccount");
    }

    @Test
    void watchesTheMonthlySpendOnTheProjectWhenABudgetIsSet() {
        var prod = SynthesizedStack.withConfig("prod", Map.of("kura-infra:monitoring", "{\"notificationEmails\":"
                + "[\"ops@kuraos.ai\"],\"budget\":{\"billingAccount\":\"01A2B3-C4D5E6-F7A8B9\",\"projectNumber\":"
                + "\"123456789012\",\"monthlyAmount\":1500,\"alertShares\":[0.5,1.0]}}"));

        var budget = prod.resource("gcp:billing/budget:Budget", "monthly-budget")
                .hasInput("billingAccount", "01A2B3-C4D5E6-F7A8B9")
                .hasInput("budgetFilter.projects", List.of("projects/123456789012"))
                .hasInput("amount.specifiedAmount", Map.of("currencyCode", "EUR", "units", "1500"));
        assertThat(budget.input("thresholdRules")).hasSize(4);
        assertThat(budget.input("allUpdatesRule.monitoringNotificationChannels")).hasSize(1);
    }
}
