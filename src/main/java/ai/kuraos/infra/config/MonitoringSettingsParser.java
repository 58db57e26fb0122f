package ai.kuraos.infra.config;

import java.util.List;
import java.util.Optional;

/** The {@code monitoring} section: recipients, uptime checks, thresholds and the optional budget. */
final class MonitoringSettingsParser {

    static final TextRule EMAIL = TextRule.matching("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}",
            "an e-mail address such as ops@kuraos.ai");
    static final TextRule PROJECT_NUMBER = TextRule.matching("[1-9][0-9]{5,19}",
            "the project's number (not its id), as `gcloud projects describe <project>` prints it");
    static final TextRule CURRENCY = TextRule.matching("[A-Z]{3}", "the billing account's currency code, e.g. EUR");

    private MonitoringSettingsParser() {
    }

    static MonitoringSettings monitoring(ConfigSection section, EnvironmentDefaults defaults, ConfigReader config) {
        var emailsValue = section.value("notificationEmails");
        var emails = emailsValue.textList(List.of(), EMAIL);
        if (emails.isEmpty()) {
            config.reject(emailsValue.key(), emailsValue.isSet() ? "got an empty list; expected at least one e-mail"
                    + " address: every alert notifies someone"
                    : "missing; expected the e-mail addresses alerts go to, e.g. [ops@kuraos.ai]");
        }
        // Each address is a notification channel named after it (observability/Monitoring); two addresses that give
        // the same name would be two resources with one URN.
        var channels = new java.util.HashMap<String, String>();
        for (var email : emails) {
            var earlier = channels.putIfAbsent(email.replaceAll("[^A-Za-z0-9]+", "-").toLowerCase(), email);
            if (earlier != null) {
                config.reject(emailsValue.key(), "got " + email + " after " + earlier + ", the same notification channel;"
                        + " expected each address once");
            }
        }
        var webhookValue = section.value("webhookUrl");
        var webhook = webhookValue.isSet() ? Optional.ofNullable(webhookValue.secret()) : Optional.<SecretText>empty();
        var regionsValue = section.value("uptimeCheckRegions");
        var regions = regionsValue.textList(List.of("EUROPE", "USA", "ASIA_PACIFIC"),
                TextRule.oneOf(MonitoringSettings.UPTIME_REGIONS));
        if (regions.stream().distinct().count() < 3) {
            config.reject(regionsValue.key(), "got " + regions + "; uptime checks need at least 3 distinct regions of "
                    + String.join(", ", MonitoringSettings.UPTIME_REGIONS));
        }
        var period = Integer.parseInt(section.value("uptimeCheckPeriodSeconds").text(
                String.valueOf(defaults.monitoring().uptimeCheckPeriodSeconds()), TextRule.oneOf(MonitoringSettings.UPTIME_PERIODS)));
        return new MonitoringSettings(emails, webhook, period, regions.stream().distinct().toList(),
                thresholds(section.section("thresholds"), defaults),
                budget(section.section("budget"), config));
    }

    private static MonitoringSettings.Thresholds thresholds(ConfigSection section, EnvironmentDefaults defaults) {
        return new MonitoringSettings.Thresholds(
                section.value("windowSeconds").integer(300, 60, 3600),
                section.value("backendErrorRatio").decimal(defaults.monitoring().backendErrorRatio(), 0.001, 1.0),
                section.value("backendErrorLogs").integer(10, 1, 100_000),
                section.value("backendLatencyP95Ms").integer(defaults.monitoring().backendLatencyP95Ms(), 10, 300_000),
                section.value("databaseCpuUtilization").decimal(0.8, 0.1, 1.0),
                section.value("databaseDiskUtilization").decimal(0.85, 0.1, 1.0),
                section.value("databaseConnections").integer(80, 1, 100_000),
                section.value("cacheMemoryUsageRatio").decimal(0.85, 0.1, 1.0),
                section.value("kafkaConsumerLag").integer(10_000, 1, 100_000_000),
                section.value("inferenceErrorRatio").decimal(0.05, 0.001, 1.0),
                section.value("inferenceLatencyP95Ms").integer(500, 1, 300_000));
    }

    private static Optional<MonitoringSettings.Budget> budget(ConfigSection section, ConfigReader config) {
        var accountValue = section.value("billingAccount");
        var account = accountValue.text("", StackSettingsParser.BILLING_ACCOUNT);
        var numberValue = section.value("projectNumber");
        var number = numberValue.text("", PROJECT_NUMBER);
        var amountValue = section.value("monthlyAmount");
        var amount = amountValue.integer(0, 1, 100_000_000);
        var currency = section.value("currency").text("EUR", CURRENCY);
        var shares = section.value("alertShares").textList(List.of("0.5", "0.9", "1.0"),
                new TextRule(text -> text.matches("(0\\.[0-9]{1,3}|1(\\.[0-9]{1,3})?)") && Double.parseDouble(text) > 0
                        && Double.parseDouble(text) <= 1.5, "a share of the budget from 0.001 to 1.5, e.g. 0.9"))
                .stream().map(Double::parseDouble).toList();
        if (!accountValue.isSet()) {
            if (numberValue.isSet() || amountValue.isSet()) {
                config.reject(accountValue.key(), "missing; a budget needs the billing account it watches");
            }
            return Optional.empty();
        }
        if (!numberValue.isSet()) {
            config.reject(numberValue.key(), "missing; expected " + PROJECT_NUMBER.expected());
        }
        if (!amountValue.isSet()) {
            config.reject(amountValue.key(), "missing; expected the monthly budget in whole currency units, e.g. 1500");
        }
        return Optional.of(new MonitoringSettings.Budget(account, number, amount, currency, shares));
    }
}
