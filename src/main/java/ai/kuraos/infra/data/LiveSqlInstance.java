package ai.kuraos.infra.data;

import ai.kuraos.infra.config.MaintenanceWindow;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The Cloud SQL instance as {@code gcloud sql instances describe kura-primary --format=json} prints it, reduced to
 * the inputs the program declares: an import whose inputs are these changes nothing on the instance.
 *
 * @param diskSizeGb           the live size ({@code settings.dataDiskSizeGb}); autoresize may have grown it
 * @param autoresizeLimitGb    0: no limit (the API's and the provider's default)
 * @param privateNetwork       the VPC of the private IP, when there is one
 * @param maintenanceWindow    none when Google picks the time ({@code day} 0 or absent)
 * @param queryInsights        Query Insights on, as {@code settings.insightsConfig.queryInsightsEnabled} says
 */
public record LiveSqlInstance(
        String region,
        String databaseVersion,
        String tier,
        String edition,
        String availability,
        String diskType,
        int diskSizeGb,
        boolean diskAutoresize,
        int autoresizeLimitGb,
        boolean publicIp,
        Optional<String> privateNetwork,
        boolean requireSsl,
        boolean backupsEnabled,
        String backupStartTime,
        boolean pointInTimeRecovery,
        int transactionLogRetentionDays,
        int retainedBackups,
        Optional<MaintenanceWindow> maintenanceWindow,
        boolean queryInsights,
        Map<String, String> flags,
        Map<String, String> labels,
        boolean deletionProtectionEnabled) {

    public LiveSqlInstance {
        flags = Collections.unmodifiableSortedMap(new TreeMap<>(flags));
        labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    }

    /**
     * Reads a describe's JSON; throws {@link IllegalArgumentException} naming what is missing. Numbers the API
     * returns as strings (int64: {@code dataDiskSizeGb}, {@code storageAutoResizeLimit}) are read either way.
     */
    public static LiveSqlInstance fromDescribe(JsonNode describe) {
        var problems = new ArrayList<String>();
        if (!"sql#instance".equals(describe.path("kind").asText())) {
            problems.add("kind is '" + describe.path("kind").asText() + "', expected sql#instance (gcloud sql instances"
                    + " describe --format=json)");
        }
        var settings = describe.path("settings");
        var ip = settings.path("ipConfiguration");
        var backup = settings.path("backupConfiguration");
        var window = settings.path("maintenanceWindow");
        var flags = new TreeMap<String, String>();
        settings.path("databaseFlags").forEach(flag -> flags.put(flag.path("name").asText(), flag.path("value").asText()));
        var labels = new TreeMap<String, String>();
        settings.path("userLabels").fields().forEachRemaining(label -> labels.put(label.getKey(), label.getValue().asText()));
        var privateNetwork = ip.path("privateNetwork").asText("");
        var sslMode = ip.path("sslMode").asText("");
        var instance = new LiveSqlInstance(
                required(describe, "region", problems),
                required(describe, "databaseVersion", problems),
                required(settings, "tier", problems),
                settings.path("edition").asText("ENTERPRISE"),
                settings.path("availabilityType").asText("ZONAL"),
                settings.path("dataDiskType").asText("PD_SSD"),
                Integer.parseInt(required(settings, "dataDiskSizeGb", problems).isEmpty() ? "0"
                        : settings.path("dataDiskSizeGb").asText()),
                settings.path("storageAutoResize").asBoolean(true),
                Integer.parseInt(settings.path("storageAutoResizeLimit").asText("0")),
                ip.path("ipv4Enabled").asBoolean(true),
                privateNetwork.isEmpty() ? Optional.empty() : Optional.of(privateNetwork),
                ip.path("requireSsl").asBoolean(false) || sslMode.equals("ENCRYPTED_ONLY")
                        || sslMode.equals("TRUSTED_CLIENT_CERTIFICATE_REQUIRED"),
                backup.path("enabled").asBoolean(false),
                backup.path("startTime").asText(""),
                backup.path("pointInTimeRecoveryEnabled").asBoolean(false),
                backup.path("transactionLogRetentionDays").asInt(7),
                backup.path("backupRetentionSettings").path("retainedBackups").asInt(7),
                window.path("day").asInt(0) == 0 ? Optional.empty()
                        : Optional.of(new MaintenanceWindow(DayOfWeek.of(window.path("day").asInt()), window.path("hour").asInt(0))),
                settings.path("insightsConfig").path("queryInsightsEnabled").asBoolean(false),
                flags,
                labels,
                settings.path("deletionProtectionEnabled").asBoolean(false));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return instance;
    }

    /** What the live instance has that the program cannot declare without replacing it, as problems; none is fine. */
    public List<String> replacementProblems(String region) {
        var problems = new ArrayList<String>();
        // region and settings.0.disk_type are ForceNew (terraform-provider-google-beta v5.0.0,
        // google-beta/services/sql/resource_sql_database_instance.go); database_version is not, but a different one
        // is a major-version upgrade in place, never part of an adoption.
        if (!this.region.equals(region)) {
            problems.add("its region is " + this.region + ", the stack's gcp:region is " + region);
        }
        if (!databaseVersion.equals("POSTGRES_15")) {
            problems.add("it runs " + databaseVersion + "; the program declares POSTGRES_15");
        }
        if (!diskType.equals("PD_SSD")) {
            problems.add("its disk is " + diskType + "; the program declares PD_SSD");
        }
        return problems;
    }

    private static String required(JsonNode node, String field, List<String> problems) {
        var value = node.path(field).asText("");
        if (value.isEmpty()) {
            problems.add("has no " + field);
        }
        return value;
    }
}
