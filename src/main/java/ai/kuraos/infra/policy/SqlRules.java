package ai.kuraos.infra.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static ai.kuraos.infra.policy.GcpRules.SQL_INSTANCE;
import static ai.kuraos.infra.policy.GcpRules.when;
import static ai.kuraos.infra.policy.Severity.HIGH;
import static ai.kuraos.infra.policy.Severity.LOW;
import static ai.kuraos.infra.policy.Severity.MEDIUM;

/**
 * Cloud SQL rules: network exposure, TLS, backups, and the PostgreSQL flags of CIS GCP 2.0 section 6.2 (the ones that
 * apply to PostgreSQL; 6.1 and 6.3 are MySQL and SQL Server). A flag the plan does not set has PostgreSQL 15's default,
 * which Cloud SQL keeps (https://cloud.google.com/sql/docs/postgres/flags, and PostgreSQL 15 "Error Reporting and
 * Logging"); the rule judges that default.
 */
final class SqlRules {

    private static final List<String> SEVERITY_LEVELS = List.of("debug5", "debug4", "debug3", "debug2", "debug1", "info",
            "notice", "warning", "error", "log", "fatal", "panic");

    private SqlRules() {
    }

    static List<Rule> rules() {
        return List.of(noPublicIp(), notOpenToTheWorld(), tlsRequired(), backups(), pointInTimeRecovery(),
                backupRetention(),
                flag("KURA-SQL-010", MEDIUM, "log_error_verbosity", "default", Set.of("default", "verbose"),
                        "CIS GCP 2.0 6.2.1", "error messages too terse to investigate an incident"),
                flag("KURA-SQL-011", MEDIUM, "log_connections", "off", Set.of("on"),
                        "CIS GCP 2.0 6.2.2; Checkov CKV_GCP_52", "connection attempts are not logged"),
                flag("KURA-SQL-012", MEDIUM, "log_disconnections", "off", Set.of("on"),
                        "CIS GCP 2.0 6.2.3; Checkov CKV_GCP_53", "session ends and durations are not logged"),
                flag("KURA-SQL-013", MEDIUM, "log_statement", "none", Set.of("ddl"),
                        "CIS GCP 2.0 6.2.4", "anything but ddl either leaves schema changes without an audit trail"
                                + " (none) or copies data-changing statements (mod) or every statement (all), with the"
                                + " values in them, into the logs"),
                flag("KURA-SQL-014", LOW, "log_min_messages", "warning", levels("debug5", "warning"),
                        "CIS GCP 2.0 6.2.5; Checkov CKV_GCP_55", "warnings are not logged"),
                flag("KURA-SQL-015", LOW, "log_min_error_statement", "error", levels("debug5", "error"),
                        "CIS GCP 2.0 6.2.6; Checkov CKV_GCP_109", "statements that fail are not logged with the error"),
                flag("KURA-SQL-016", MEDIUM, "log_min_duration_statement", "-1", Set.of("-1"),
                        "CIS GCP 2.0 6.2.7; Checkov CKV_GCP_57",
                        "the text of slow statements, with the values in it, is copied into the logs"),
                flag("KURA-SQL-017", LOW, "cloudsql.enable_pgaudit", "off", Set.of("on"),
                        "CIS GCP 2.0 6.2.8; Checkov CKV_GCP_110", "pgAudit's session and object audit logging is off"),
                flag("KURA-SQL-018", LOW, "log_checkpoints", "on", Set.of("on"),
                        "CIS GCP 1.3 6.2.1; Checkov CKV_GCP_51", "checkpoints are not logged"),
                flag("KURA-SQL-019", LOW, "log_lock_waits", "off", Set.of("on"),
                        "CIS GCP 1.3 6.2.5; Checkov CKV_GCP_54", "lock waits longer than deadlock_timeout go unseen"),
                flag("KURA-SQL-020", LOW, "log_temp_files", "-1", Set.of("0"),
                        "CIS GCP 1.3 6.2.6; Checkov CKV_GCP_56", "temporary files are not logged"),
                statistics("KURA-SQL-021", "log_executor_stats", "CKV2_GCP_14"),
                statistics("KURA-SQL-022", "log_parser_stats", "CKV2_GCP_15"),
                statistics("KURA-SQL-023", "log_planner_stats", "CKV2_GCP_16"),
                statistics("KURA-SQL-024", "log_statement_stats", "CKV2_GCP_17"));
    }

    /** A statistics flag: on, it writes a performance report per statement into the logs. */
    private static ResourceRule statistics(String id, String flag, String checkov) {
        return flag(id, LOW, flag, "off", Set.of("off"), "CIS GCP 1.3 6.2 (statistics flags); Checkov " + checkov,
                "every statement writes a performance report into the logs, which costs time and floods them");
    }

    private static Set<String> levels(String from, String to) {
        return Set.copyOf(SEVERITY_LEVELS.subList(SEVERITY_LEVELS.indexOf(from), SEVERITY_LEVELS.indexOf(to) + 1));
    }

    private static boolean isPostgres(PlanResource instance) {
        return Json.text(instance.inputs().path("databaseVersion")).startsWith("POSTGRES");
    }

    static ResourceRule noPublicIp() {
        return ResourceRule.on(SQL_INSTANCE, "KURA-SQL-001", HIGH, "Cloud SQL instances have no public IP address",
                "CIS GCP 2.0 6.6; Checkov CKV_GCP_60", (instance, plan) -> when(
                        !Json.isFalse(instance.inputs().path("settings").path("ipConfiguration").path("ipv4Enabled")),
                        "settings.ipConfiguration.ipv4Enabled", "is not false (the provider's default is true): the"
                                + " instance gets an internet address; set it to false and connect over the private"
                                + " network"));
    }

    static ResourceRule notOpenToTheWorld() {
        return ResourceRule.on(SQL_INSTANCE, "KURA-SQL-002", HIGH, "Cloud SQL instances do not authorize 0.0.0.0/0",
                "CIS GCP 2.0 6.5; Checkov CKV_GCP_11", (instance, plan) -> {
                    var networks = instance.inputs().path("settings").path("ipConfiguration").path("authorizedNetworks");
                    var violations = new ArrayList<Violation>();
                    for (int i = 0; i < networks.size(); i++) {
                        var value = Json.text(networks.get(i).path("value"));
                        if (value.equals("0.0.0.0/0") || value.equals("::/0")) {
                            violations.add(new Violation("settings.ipConfiguration.authorizedNetworks[" + i + "].value",
                                    "is " + value + ": anyone may try to log in; remove it"));
                        }
                    }
                    return violations;
                });
    }

    static ResourceRule tlsRequired() {
        return ResourceRule.on(SQL_INSTANCE, "KURA-SQL-003", HIGH, "Cloud SQL instances accept only encrypted connections",
                "CIS GCP 2.0 6.4; Checkov CKV_GCP_6", (instance, plan) -> {
                    var ip = instance.inputs().path("settings").path("ipConfiguration");
                    var sslMode = Json.text(ip.path("sslMode"));
                    var encrypted = Json.isTrue(ip.path("requireSsl"))
                            || Set.of("ENCRYPTED_ONLY", "TRUSTED_CLIENT_CERTIFICATE_REQUIRED").contains(sslMode);
                    return when(!encrypted, "settings.ipConfiguration.requireSsl", "is not true (and sslMode is "
                            + (sslMode.isEmpty() ? "unset" : sslMode) + "): clients may connect in plain text; set"
                            + " sslMode ENCRYPTED_ONLY (or requireSsl true)");
                });
    }

    static ResourceRule backups() {
        return ResourceRule.on(SQL_INSTANCE, "KURA-SQL-004", HIGH, "Cloud SQL instances take automated backups",
                "CIS GCP 2.0 6.7; Checkov CKV_GCP_14", (instance, plan) -> when(!Json.isTrue(instance.inputs()
                        .path("settings").path("backupConfiguration").path("enabled")),
                        "settings.backupConfiguration.enabled", "is not true: a lost or corrupted database cannot be"
                                + " restored; enable daily backups"));
    }

    static ResourceRule pointInTimeRecovery() {
        return ResourceRule.on(SQL_INSTANCE, "KURA-SQL-005", MEDIUM,
                "Cloud SQL for PostgreSQL instances keep point-in-time recovery",
                "Google Cloud SQL disaster recovery guide; Checkov CKV2_GCP_20 (the MySQL twin)", (instance, plan) ->
                        when(isPostgres(instance) && !Json.isTrue(instance.inputs().path("settings")
                                        .path("backupConfiguration").path("pointInTimeRecoveryEnabled")),
                                "settings.backupConfiguration.pointInTimeRecoveryEnabled", "is not true: a bad"
                                        + " migration or deletion can only be undone to the last daily backup; enable"
                                        + " it"));
    }

    /** Cloud SQL's defaults when the plan does not say: 7 backups, 7 days of transaction logs (PostgreSQL). */
    private static final int DEFAULT_RETAINED = 7;
    private static final int MINIMUM_DAYS = 7;

    static ResourceRule backupRetention() {
        return ResourceRule.on(SQL_INSTANCE, "KURA-SQL-006", LOW,
                "Cloud SQL keeps at least 7 backups and 7 days of transaction logs",
                "Google Cloud SQL backup guide (retention)", (instance, plan) -> {
                    var backups = instance.inputs().path("settings").path("backupConfiguration");
                    var violations = new ArrayList<Violation>();
                    var retained = backups.path("backupRetentionSettings").path("retainedBackups").asInt(DEFAULT_RETAINED);
                    if (retained < DEFAULT_RETAINED) {
                        violations.add(new Violation("settings.backupConfiguration.backupRetentionSettings.retainedBackups",
                                "is " + retained + ": a problem noticed after a week has no backup from before it;"
                                        + " keep at least " + DEFAULT_RETAINED));
                    }
                    var days = backups.path("transactionLogRetentionDays").asInt(MINIMUM_DAYS);
                    if (days < MINIMUM_DAYS) {
                        violations.add(new Violation("settings.backupConfiguration.transactionLogRetentionDays", "is "
                                + days + ": point-in-time recovery reaches back only " + days + " days; keep "
                                + MINIMUM_DAYS));
                    }
                    return violations;
                });
    }

    /** A rule on one PostgreSQL flag: its value (or PostgreSQL's default) must be one of {@code allowed}. */
    static ResourceRule flag(String id, Severity severity, String flag, String defaultValue, Set<String> allowed,
                             String benchmark, String risk) {
        var wanted = allowed.size() == 1 ? "'" + allowed.iterator().next() + "'"
                : "one of " + allowed.stream().sorted(Comparator.<String>comparingInt(SEVERITY_LEVELS::indexOf)
                .thenComparing(Comparator.<String>naturalOrder())).toList();
        return ResourceRule.on(SQL_INSTANCE, id, severity, "PostgreSQL flag " + flag + " is " + wanted, benchmark,
                (instance, plan) -> {
                    if (!isPostgres(instance)) {
                        return List.of();
                    }
                    var flags = instance.inputs().path("settings").path("databaseFlags");
                    for (int i = 0; i < flags.size(); i++) {
                        if (Json.text(flags.get(i).path("name")).equals(flag)) {
                            var value = Json.text(flags.get(i).path("value")).toLowerCase(Locale.ROOT);
                            return allowed.contains(value) ? List.of() : List.of(new Violation("settings.databaseFlags["
                                    + i + "].value", flag + " is '" + value + "': " + risk + "; set it to " + wanted,
                                    value));
                        }
                    }
                    return allowed.contains(defaultValue) ? List.of() : List.of(new Violation("settings.databaseFlags",
                            flag + " is not set, so PostgreSQL's default '" + defaultValue + "' applies: " + risk
                                    + "; add the flag " + flag + "="
                                    + (allowed.size() == 1 ? allowed.iterator().next() : wanted), defaultValue));
                });
    }
}
