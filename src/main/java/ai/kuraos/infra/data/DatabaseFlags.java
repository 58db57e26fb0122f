package ai.kuraos.infra.data;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The database flags every stack gets: the connection and schema-change audit trail the seeds ask for, with no statement text. */
public final class DatabaseFlags {

    public static final Map<String, String> AUDIT_TRAIL = Map.of(
            // Off (-1): a slow statement's log entry holds its text and bind parameters, patient data included
            // (PostgreSQL 15, "When to Log"). Query Insights (database.queryInsights, on by default) keeps each
            // query's latency with its literal values normalized away, which log_duration's unattributed lines cannot.
            "log_min_duration_statement", "-1",
            "log_connections", "on",
            "log_disconnections", "on",
            "log_lock_waits", "on",
            "log_temp_files", "0",
            // Schema changes only: the seeds' log_statement=all would copy patient data into the logs.
            "log_statement", "ddl");

    private DatabaseFlags() {
    }

    /** The audit trail as the configuration reference states it, e.g. {@code log_connections=on}. */
    static String describeAuditTrail() {
        return new TreeMap<>(AUDIT_TRAIL).entrySet().stream().map(flag -> "`" + flag.getKey() + "=" + flag.getValue() + "`")
                .collect(Collectors.joining(", "));
    }

    /** The audit trail with the stack's own flags on top; a stack may override a default. */
    public static Map<String, String> withStackFlags(Map<String, String> stackFlags) {
        var flags = new TreeMap<>(AUDIT_TRAIL);
        flags.putAll(stackFlags);
        return flags;
    }
}
