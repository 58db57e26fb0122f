package ai.kuraos.infra.observability;

import ai.kuraos.infra.config.CommonRules;
import ai.kuraos.infra.config.ConfigReader;
import ai.kuraos.infra.config.ConfigSection;
import ai.kuraos.infra.config.Environment;
import ai.kuraos.infra.config.SecretText;
import ai.kuraos.infra.config.TextRule;

import java.util.HashMap;
import java.util.List;
import java.util.Optional;

/**
 * Who hears about trouble and when: the e-mail recipients and the optional auto-remediation webhook, the uptime checks'
 * cadence and regions, each alert's threshold, and an optional monthly budget.
 */
public record MonitoringSettings(
        List<String> notificationEmails,
        Optional<SecretText> webhookUrl,
        int uptimeCheckPeriodSeconds,
        List<String> uptimeCheckRegions,
        Thresholds thresholds,
        Optional<Budget> budget) {

    public static final List<String> UPTIME_REGIONS = List.of("USA", "EUROPE", "SOUTH_AMERICA", "ASIA_PACIFIC");
    public static final List<String> UPTIME_PERIODS = List.of("60", "300", "600", "900");

    /**
     * When each alert fires. {@code windowSeconds} is how long a condition must hold (and the window rates and
     * percentiles are computed over), so that a blip does not page anyone.
     */
    public record Thresholds(
            int windowSeconds,
            double backendErrorRatio,
            int backendErrorLogs,
            int backendLatencyP95Ms,
            double databaseCpuUtilization,
            double databaseDiskUtilization,
            int databaseConnections,
            double cacheMemoryUsageRatio,
            double celeryBrokerMemoryUsageRatio,
            int kafkaConsumerLag,
            double inferenceErrorRatio,
            int inferenceLatencyP95Ms) {
    }

    /** A monthly budget on the stack's project, e-mailing at each share of it that spend (or forecast) reaches. */
    public record Budget(String billingAccount, String projectNumber, int monthlyAmount, String currency,
                         List<Double> alertShares) {

        public Budget {
            alertShares = List.copyOf(alertShares);
        }
    }

    static final TextRule EMAIL = TextRule.matching("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}",
            "an e-mail address such as ops@kuraos.ai");
    static final TextRule PROJECT_NUMBER = TextRule.matching("[1-9][0-9]{5,19}",
            "the project's number (not its id), as `gcloud projects describe <project>` prints it");
    static final TextRule CURRENCY = TextRule.matching("[A-Z]{3}", "the billing account's currency code, e.g. EUR");
    static final TextRule BUDGET_SHARE = new TextRule(text -> text.matches("(0\\.[0-9]{1,3}|1(\\.[0-9]{1,3})?)")
            && Double.parseDouble(text) > 0 && Double.parseDouble(text) <= 1.5, "a share of the budget from 0.001 to 1.5, e.g. 0.9");

    public MonitoringSettings {
        notificationEmails = List.copyOf(notificationEmails);
        uptimeCheckRegions = List.copyOf(uptimeCheckRegions);
    }

    /** The {@code monitoring} section. */
    public static MonitoringSettings read(ConfigSection section, Environment environment, ConfigReader config) {
        var emailsValue = section.value("notificationEmails", "Who every alert (and the budget) e-mails.")
                .defaultShown("required");
        var emails = emailsValue.textList(List.of(), EMAIL);
        if (emails.isEmpty()) {
            config.reject(emailsValue.key(), emailsValue.isSet() ? "got an empty list; expected at least one e-mail"
                    + " address: every alert notifies someone"
                    : "missing; expected the e-mail addresses alerts go to, e.g. [ops@kuraos.ai]");
        }
        // Each address is a notification channel named after it (Monitoring); two addresses that give the same name
        // would be two resources with one URN.
        var channels = new HashMap<String, String>();
        for (var email : emails) {
            var earlier = channels.putIfAbsent(email.replaceAll("[^A-Za-z0-9]+", "-").toLowerCase(), email);
            if (earlier != null) {
                config.reject(emailsValue.key(), "got " + email + " after " + earlier + ", the same notification channel;"
                        + " expected each address once");
            }
        }
        var webhookValue = section.value("webhookUrl", "The auto-remediation endpoint: critical alerts are also posted"
                + " there. A plaintext value is refused.");
        var webhook = Optional.ofNullable(webhookValue.secret());
        var regionsValue = section.value("uptimeCheckRegions", "Where the uptime checks run from: 3 or more distinct"
                + " regions.");
        var regions = regionsValue.textList(List.of("EUROPE", "USA", "ASIA_PACIFIC"), TextRule.oneOf(UPTIME_REGIONS));
        if (regions.stream().distinct().count() < 3) {
            config.reject(regionsValue.key(), "got " + regions + "; uptime checks need at least 3 distinct regions of "
                    + String.join(", ", UPTIME_REGIONS));
        }
        var period = Integer.parseInt(section.value("uptimeCheckPeriodSeconds", "How often each uptime check runs.")
                .text(environment.pick("900", "300", "60"), TextRule.oneOf(UPTIME_PERIODS)));
        return new MonitoringSettings(emails, webhook, period, regions.stream().distinct().toList(),
                thresholds(section.section("thresholds", "When each alert fires (docs/operations.md lists the alerts)."),
                        environment),
                budget(section.section("budget", "A monthly budget on the stack's project (needs `billing.costsManager`"
                        + " on the account, see the bootstrap's `billingAccount`)."), config));
    }

    private static Thresholds thresholds(ConfigSection section, Environment environment) {
        return new Thresholds(
                section.value("windowSeconds", "How long a condition must hold, and the window rates and percentiles"
                        + " are computed over.").integer(300, 60, 3600),
                section.value("backendErrorRatio", "Share of 5xx responses of the backend errors alert.")
                        .decimal(environment.pick(0.2, 0.1, 0.05), 0.001, 1.0),
                section.value("backendErrorLogs", "ERROR log entries in the window, also needed for the backend errors"
                        + " alert.").integer(10, 1, 100_000),
                section.value("backendLatencyP95Ms", "The backend's p95 latency budget.")
                        .integer(environment.pick(3000, 2000, 1000), 10, 300_000),
                section.value("databaseCpuUtilization", "Cloud SQL CPU.").decimal(0.8, 0.1, 1.0),
                section.value("databaseDiskUtilization", "Cloud SQL disk.").decimal(0.85, 0.1, 1.0),
                section.value("databaseConnections", "Cloud SQL connections.").integer(80, 1, 100_000),
                section.value("cacheMemoryUsageRatio", "Memorystore memory.").decimal(0.85, 0.1, 1.0),
                section.value("celeryBrokerMemoryUsageRatio", "The Celery broker's memory: full, it refuses new tasks"
                        + " (noeviction), so it warns earlier than the cache.").decimal(0.7, 0.1, 1.0),
                section.value("kafkaConsumerLag", "Messages a consumer group may be behind on a topic (with Kafka).")
                        .integer(10_000, 1, 100_000_000),
                section.value("inferenceErrorRatio", "Share of Adeline's frames that end in an error (with inference).")
                        .decimal(0.05, 0.001, 1.0),
                section.value("inferenceLatencyP95Ms", "Adeline's p95 inference time (with inference).")
                        .integer(500, 1, 300_000));
    }

    private static Optional<Budget> budget(ConfigSection section, ConfigReader config) {
        var accountValue = section.value("billingAccount", "Turns the budget on.");
        var account = accountValue.text("", CommonRules.BILLING_ACCOUNT);
        var numberValue = section.value("projectNumber", "Budgets filter by project number (`gcloud projects"
                + " describe`); required with a budget.");
        var number = numberValue.text("", PROJECT_NUMBER);
        var amountValue = section.value("monthlyAmount", "In whole currency units; required with a budget.")
                .defaultShown("none");
        var amount = amountValue.integer(0, 1, 100_000_000);
        var currency = section.value("currency", "Must be the billing account's currency.").text("EUR", CURRENCY);
        var shares = section.value("alertShares", "E-mail when actual or forecast spend reaches each share.")
                .textList(List.of("0.5", "0.9", "1.0"), BUDGET_SHARE).stream().map(Double::parseDouble).toList();
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
        return Optional.of(new Budget(account, number, amount, currency, shares));
    }
}
