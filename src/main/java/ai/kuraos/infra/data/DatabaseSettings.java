package ai.kuraos.infra.data;

import ai.kuraos.infra.config.CommonRules;
import ai.kuraos.infra.config.ConfigReader;
import ai.kuraos.infra.config.ConfigSection;
import ai.kuraos.infra.config.Environment;
import ai.kuraos.infra.config.MaintenanceWindow;
import ai.kuraos.infra.config.TextRule;

import java.time.DayOfWeek;
import java.util.Collections;
import java.util.List;
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

    static final TextRule DATABASE_TIER = new TextRule(CloudSqlTiers::isValid, CloudSqlTiers.EXPECTED);
    static final TextRule FLAG_NAME = TextRule.matching("[a-z][a-z0-9_.]*", "a PostgreSQL parameter name such as log_temp_files");
    static final TextRule FLAG_VALUE = TextRule.nonBlank("the flag's value");

    public DatabaseSettings {
        flags = Collections.unmodifiableSortedMap(new TreeMap<>(flags));
    }

    /** The {@code database} section. */
    public static DatabaseSettings read(ConfigSection section, Environment environment, ConfigReader config) {
        var tier = section.value("tier", "The machine. Shared-core tiers are not covered by Cloud SQL's SLA, so a prod"
                + " stack using one gets a warning.").text(environment.pick("db-f1-micro", "db-custom-1-3840",
                "db-custom-1-3840"), DATABASE_TIER);
        var availability = section.value("availability", "`REGIONAL` keeps a standby in a second zone with automatic"
                + " failover.").text(environment.pick("ZONAL", "ZONAL", "REGIONAL"), TextRule.oneOf(List.of("ZONAL", "REGIONAL")));
        var diskSize = section.value("diskSizeGb", "The SSD's starting size.").integer(10, 10, 65_536);
        var autoresizeLimitValue = section.value("diskAutoresizeLimitGb", "How far the disk may grow on its own (it never"
                + " shrinks); at least `diskSizeGb`.");
        var autoresizeLimit = autoresizeLimitValue.integer(Math.max(diskSize, environment.pick(20, 50, 100)), 10, 65_536);
        if (autoresizeLimit < diskSize) {
            config.reject(autoresizeLimitValue.key(), "got " + autoresizeLimit + "; expected at least the disk size ("
                    + diskSize + " GB, kura-infra:database.diskSizeGb): the disk can only grow");
        }
        var backupStartTime = section.value("backupStartTime", "When the daily automated backup starts (quote it in"
                + " YAML).").text("03:00", CommonRules.HOUR_AND_MINUTE);
        var retainedBackups = section.value("retainedBackups", "How many automated backups are kept; at least"
                + " `transactionLogRetentionDays` (Cloud SQL keeps logs only as far back as its backups).")
                .integer(environment.pick(7, 7, 30), 1, 365);
        var pointInTimeRecovery = section.value("pointInTimeRecovery", "Restoring to any moment within the"
                + " transaction-log retention.").bool(environment.pick(false, true, true));
        var transactionLogRetentionDays = section.value("transactionLogRetentionDays", "How far back point-in-time"
                + " recovery reaches.").integer(7, 1, 7);
        var maintenanceWindow = MaintenanceWindow.read(section.section("maintenanceWindow", "When Google may restart the"
                + " instance for updates (stable track): after the 03:00 backup."), new MaintenanceWindow(DayOfWeek.SUNDAY, 4));
        var queryInsights = section.value("queryInsights", "Query Insights (client addresses are not recorded).").bool(true);
        var flagsValue = section.value("flags", "Extra database flags on top of the audit trail every stack gets ("
                + DatabaseFlags.describeAuditTrail() + "). A stack flag with the same name wins. Names, booleans and"
                + " number ranges are checked against PostgreSQL 15's own catalogue; give numbers without units.");
        var stackFlags = flagsValue.textMap(Map.of(), FLAG_NAME, FLAG_VALUE);
        stackFlags.forEach((name, value) -> CloudSqlFlagRules.problem(name, value).ifPresent(problem ->
                config.reject(flagsValue.key() + "." + name, "got \"" + value + "\"; " + problem)));
        if (environment == Environment.PROD && CloudSqlTiers.SHARED_CORE.contains(tier)) {
            config.warn("the database tier " + tier + " is shared-core: Cloud SQL's SLA does not cover it, even with"
                    + " REGIONAL availability; use a db-custom tier in prod");
        }
        CloudSqlFlagRules.retentionProblem(retainedBackups, transactionLogRetentionDays)
                .ifPresent(problem -> config.reject(section.keyOf("retainedBackups"), problem));
        return new DatabaseSettings(tier, availability, diskSize, autoresizeLimit, backupStartTime, retainedBackups,
                pointInTimeRecovery, transactionLogRetentionDays, maintenanceWindow, queryInsights,
                DatabaseFlags.withStackFlags(stackFlags));
    }
}
