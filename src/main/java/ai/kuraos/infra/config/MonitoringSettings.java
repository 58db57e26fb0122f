package ai.kuraos.infra.config;

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

    public MonitoringSettings {
        notificationEmails = List.copyOf(notificationEmails);
        uptimeCheckRegions = List.copyOf(uptimeCheckRegions);
    }
}
