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
import java.util.Optional;
import java.util.TreeMap;

/**
 * The Cloud SQL for PostgreSQL instance {@code kura-primary}: machine, availability, storage, addresses, backups and
 * the database flags (the audit-trail defaults merged with the stack's own, which win). For an adopted instance
 * ({@code adopted}, from its description in {@code stacks/<stack>/adopted/kura-primary.json}) every default is what
 * the instance has now, so that adopting it changes nothing; each later change is a key set in the stack file.
 *
 * @param maintenanceWindow none: Google picks the time (only an adopted instance that has no window)
 */
public record DatabaseSettings(
        String tier,
        String availability,
        int diskSizeGb,
        int diskAutoresizeLimitGb,
        boolean publicIp,
        boolean privateIp,
        boolean requireSsl,
        String backupStartTime,
        int retainedBackups,
        boolean pointInTimeRecovery,
        int transactionLogRetentionDays,
        Optional<MaintenanceWindow> maintenanceWindow,
        boolean queryInsights,
        Map<String, String> flags,
        boolean cloudSqlDeletionProtection,
        Optional<LiveSqlInstance> adopted) {

    static final TextRule DATABASE_TIER = new TextRule(CloudSqlTiers::isValid, CloudSqlTiers.EXPECTED);
    static final TextRule FLAG_NAME = TextRule.matching("[a-z][a-z0-9_.]*", "a PostgreSQL parameter name such as log_temp_files");
    static final TextRule FLAG_VALUE = TextRule.nonBlank("the flag's value");

    public DatabaseSettings {
        flags = Collections.unmodifiableSortedMap(new TreeMap<>(flags));
    }

    /**
     * The {@code database} section.
     *
     * @param adopted the live instance the stack adopts, whose values are the defaults
     */
    public static DatabaseSettings read(ConfigSection section, Environment environment, ConfigReader config,
                                        Optional<LiveSqlInstance> adopted, boolean deletionProtection) {
        var tier = section.value("tier", "The machine. Shared-core tiers are not covered by Cloud SQL's SLA, so a prod"
                + " stack using one gets a warning.").text(adopted.map(LiveSqlInstance::tier).orElse(environment.pick(
                "db-f1-micro", "db-custom-1-3840", "db-custom-1-3840")), DATABASE_TIER);
        var availability = section.value("availability", "`REGIONAL` keeps a standby in a second zone with automatic"
                + " failover.").text(adopted.map(LiveSqlInstance::availability).orElse(environment.pick("ZONAL", "ZONAL",
                "REGIONAL")), TextRule.oneOf(List.of("ZONAL", "REGIONAL")));
        var diskSize = section.value("diskSizeGb", "The SSD's size at creation. Autoresize grows it, and the program"
                + " never declares it again after creation: a size below the live one would replace the instance"
                + " (docs/adoption.md).").integer(adopted.map(LiveSqlInstance::diskSizeGb).orElse(10), 10, 65_536);
        var autoresizeLimitValue = section.value("diskAutoresizeLimitGb", "How far the disk may grow on its own (it never"
                + " shrinks); at least `diskSizeGb`. 0 (only for an adopted instance that has no limit): no limit.");
        var autoresizeLimit = autoresizeLimitValue.integer(adopted.map(LiveSqlInstance::autoresizeLimitGb)
                .orElse(Math.max(diskSize, environment.pick(20, 50, 100))), adopted.isPresent() ? 0 : 10, 65_536);
        var publicIp = section.value("publicIp", "A public IPv4 address. Only an adopted instance that has one keeps it,"
                + " until the backend reaches it over the private IP (docs/adoption.md, the change sequence).")
                .bool(adopted.map(LiveSqlInstance::publicIp).orElse(false));
        var privateIp = section.value("privateIp", "A private IP in the foundation VPC, which the backend reaches over"
                + " Direct VPC egress.").bool(adopted.map(live -> live.privateNetwork().isPresent()).orElse(true));
        var requireSsl = section.value("requireSsl", "Only encrypted connections.")
                .bool(adopted.map(LiveSqlInstance::requireSsl).orElse(true));
        if (!publicIp && !privateIp) {
            config.reject(section.keyOf("publicIp"), "got false with privateIp false too; the instance needs an address:"
                    + " turn on privateIp first");
        }
        if (autoresizeLimit != 0 && autoresizeLimit < diskSize) {
            config.reject(autoresizeLimitValue.key(), "got " + autoresizeLimit + "; expected at least the disk size ("
                    + diskSize + " GB, kura-infra:database.diskSizeGb): the disk can only grow");
        }
        var backupStartTime = section.value("backupStartTime", "When the daily automated backup starts (quote it in"
                + " YAML).").text(adopted.map(LiveSqlInstance::backupStartTime).filter(time -> !time.isEmpty())
                .orElse("03:00"), CommonRules.HOUR_AND_MINUTE);
        var retainedBackups = section.value("retainedBackups", "How many automated backups are kept; at least"
                + " `transactionLogRetentionDays` (Cloud SQL keeps logs only as far back as its backups).")
                .integer(adopted.map(LiveSqlInstance::retainedBackups).orElse(environment.pick(7, 7, 30)), 1, 365);
        var pointInTimeRecovery = section.value("pointInTimeRecovery", "Restoring to any moment within the"
                + " transaction-log retention.").bool(adopted.map(LiveSqlInstance::pointInTimeRecovery)
                .orElse(environment.pick(false, true, true)));
        var transactionLogRetentionDays = section.value("transactionLogRetentionDays", "How far back point-in-time"
                + " recovery reaches.").integer(adopted.map(LiveSqlInstance::transactionLogRetentionDays).orElse(7), 1, 7);
        var windowSection = section.section("maintenanceWindow", "When Google may restart the instance for updates"
                + " (stable track): after the 03:00 backup. An adopted instance without a window keeps none until this"
                + " is set.");
        var maintenanceWindow = adopted.isPresent() && adopted.get().maintenanceWindow().isEmpty() && !windowSection.isSet()
                ? Optional.<MaintenanceWindow>empty()
                : Optional.of(MaintenanceWindow.read(windowSection, adopted.flatMap(LiveSqlInstance::maintenanceWindow)
                .orElse(new MaintenanceWindow(DayOfWeek.SUNDAY, 4))));
        var queryInsights = section.value("queryInsights", "Query Insights (client addresses are not recorded).")
                .bool(adopted.map(LiveSqlInstance::queryInsights).orElse(true));
        var flagsValue = section.value("flags", "Extra database flags on top of the audit trail every stack gets ("
                + DatabaseFlags.describeAuditTrail() + "). A stack flag with the same name wins. Names, booleans and"
                + " number ranges are checked against PostgreSQL 15's own catalogue; give numbers without units. An"
                + " adopted instance keeps its own flags (a flag change may restart it) until `auditTrail` is set.");
        var auditTrail = section.value("auditTrail", "The audit-trail flags above. An adopted instance gets them only"
                + " when this is set (a change of flags may restart the instance: its own reviewed step).")
                .bool(adopted.isEmpty());
        var stackFlags = flagsValue.textMap(Map.of(), FLAG_NAME, FLAG_VALUE);
        stackFlags.forEach((name, value) -> CloudSqlFlagRules.problem(name, value).ifPresent(problem ->
                config.reject(flagsValue.key() + "." + name, "got \"" + value + "\"; " + problem)));
        if (environment == Environment.PROD && CloudSqlTiers.SHARED_CORE.contains(tier)) {
            config.warn("the database tier " + tier + " is shared-core: Cloud SQL's SLA does not cover it, even with"
                    + " REGIONAL availability; use a db-custom tier in prod");
        }
        CloudSqlFlagRules.retentionProblem(retainedBackups, transactionLogRetentionDays)
                .ifPresent(problem -> config.reject(section.keyOf("retainedBackups"), problem));
        var cloudSqlDeletionProtection = section.value("cloudSqlDeletionProtection", "Cloud SQL's own guard"
                + " (`settings.deletionProtectionEnabled`). Follows `kura-infra:deletionProtection`; an adopted instance"
                + " keeps its live value until this is set.").bool(adopted.map(LiveSqlInstance::deletionProtectionEnabled)
                .orElse(deletionProtection));
        var baseFlags = new TreeMap<String, String>(adopted.map(LiveSqlInstance::flags).orElse(Map.of()));
        var flags = auditTrail ? DatabaseFlags.withStackFlags(baseFlags) : baseFlags;
        flags.putAll(stackFlags);
        return new DatabaseSettings(tier, availability, diskSize, autoresizeLimit, publicIp, privateIp, requireSsl,
                backupStartTime, retainedBackups, pointInTimeRecovery, transactionLogRetentionDays, maintenanceWindow,
                queryInsights, flags, cloudSqlDeletionProtection, adopted);
    }
}
