package ai.kuraos.infra.data;


import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What Cloud SQL for PostgreSQL 15 accepts as database flags, beyond PostgreSQL's own names and ranges
 * ({@link PostgresParameters}): the allowed values of enum flags, and which flags a user may set at all.
 */
public final class CloudSqlFlagRules {

    public static final String ENUM_RESOURCE = "/postgres/15/enum-values.tsv";

    /**
     * Flags Cloud SQL manages itself: file locations, listening, TLS, WAL archiving and replication, logging
     * destinations and memory types. None is in the list of flags Cloud SQL for PostgreSQL supports
     * (https://cloud.google.com/sql/docs/postgres/flags), and Cloud SQL refuses a flag outside that list at create
     * or update time. (Read-only parameters such as block_size are not in PostgreSQL's
     * catalogue of settable ones, so {@link PostgresParameters} refuses them already.)
     */
    static final Set<String> MANAGED_BY_CLOUD_SQL = Set.of(
            "archive_cleanup_command", "archive_command", "archive_library", "archive_mode", "cluster_name",
            "config_file", "data_directory", "data_sync_retry", "dynamic_shared_memory_type", "event_source",
            "external_pid_file", "fsync", "full_page_writes", "hba_file", "hot_standby", "huge_pages", "ident_file",
            "krb_server_keyfile", "listen_addresses", "log_destination", "log_directory", "log_file_mode", "log_filename",
            "log_rotation_age", "log_rotation_size", "log_truncate_on_rotation", "logging_collector", "port",
            "primary_conninfo", "primary_slot_name", "promote_trigger_file", "recovery_end_command",
            "recovery_init_sync_method", "recovery_target", "recovery_target_action", "recovery_target_inclusive",
            "recovery_target_lsn", "recovery_target_name", "recovery_target_time", "recovery_target_timeline",
            "recovery_target_xid", "restore_command", "shared_memory_type", "shared_preload_libraries", "ssl",
            "ssl_ca_file", "ssl_cert_file", "ssl_ciphers", "ssl_crl_dir", "ssl_crl_file", "ssl_dh_params_file",
            "ssl_ecdh_curve", "ssl_key_file", "ssl_max_protocol_version", "ssl_min_protocol_version",
            "ssl_passphrase_command", "ssl_passphrase_command_supports_reload", "ssl_prefer_server_ciphers",
            "synchronous_standby_names", "syslog_facility", "syslog_ident", "syslog_sequence_numbers",
            "syslog_split_messages", "unix_socket_directories", "unix_socket_group", "unix_socket_permissions",
            "wal_level", "wal_sync_method");

    private static final Map<String, List<String>> ENUM_VALUES = loadEnumValues();

    private CloudSqlFlagRules() {
    }

    public static Map<String, List<String>> enumValues() {
        return ENUM_VALUES;
    }

    /** What Cloud SQL would refuse about the flag {@code name=value}, if anything; PostgreSQL's own checks first. */
    public static Optional<String> problem(String name, String value) {
        var postgres = PostgresParameters.problem(name, value);
        if (postgres.isPresent()) {
            return postgres;
        }
        if (MANAGED_BY_CLOUD_SQL.contains(name)) {
            return Optional.of("expected a flag Cloud SQL lets you set; Cloud SQL manages " + name + " itself"
                    + " (https://cloud.google.com/sql/docs/postgres/flags)");
        }
        var allowed = ENUM_VALUES.get(name);
        if (allowed != null && allowed.stream().noneMatch(value::equalsIgnoreCase)) {
            return Optional.of("expected one of " + String.join(", ", allowed) + " (PostgreSQL 15's values for " + name + ")");
        }
        return Optional.empty();
    }

    /**
     * Cloud SQL keeps transaction logs only as far back as the retained backups reach: it answers a longer log
     * retention with "backup retention should be > transaction log retention" (Error 400; seen in
     * terraform-google-modules/terraform-google-sql-db#785). Equal values are its own defaults (7 and 7,
     * https://cloud.google.com/sql/docs/postgres/backup-recovery/backups#retention), so equal is accepted.
     */
    public static Optional<String> retentionProblem(int retainedBackups, int transactionLogRetentionDays) {
        if (retainedBackups >= transactionLogRetentionDays) {
            return Optional.empty();
        }
        return Optional.of("got " + retainedBackups + "; expected at least transactionLogRetentionDays ("
                + transactionLogRetentionDays + "): Cloud SQL needs the retained daily backups to reach as far back as"
                + " the transaction logs");
    }

    private static Map<String, List<String>> loadEnumValues() {
        var values = new TreeMap<String, List<String>>();
        var stream = CloudSqlFlagRules.class.getResourceAsStream(ENUM_RESOURCE);
        if (stream == null) {
            throw new IllegalStateException("missing resource " + ENUM_RESOURCE);
        }
        try (var reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            reader.lines().filter(line -> !line.startsWith("#")).forEach(line -> {
                var fields = line.split("\t", -1);
                values.put(fields[0], List.of(fields[1].split(",", -1)));
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Collections.unmodifiableSortedMap(values);
    }
}
