package ai.kuraos.infra.config;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Cloud SQL for PostgreSQL instance {@code kura-primary}: machine, availability, storage, backups and the database
 * flags (the audit-trail defaults merged with the stack's own, which win).
 */
public record DatabaseSettings(
        String tier,
        String availability,
        int diskSizeGb,
        int diskAutoresizeLimitGb,
        String backupStartTime,
        int retainedBackups,
        boolean pointInTimeRecovery,
        int transactionLogRetentionDays,
        MaintenanceWindow maintenanceWindow,
        boolean queryInsights,
        Map<String, String> flags) {

    public DatabaseSettings {
        flags = Collections.unmodifiableSortedMap(new TreeMap<>(flags));
    }
}
