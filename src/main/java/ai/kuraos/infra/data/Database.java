package ai.kuraos.infra.data;

import ai.kuraos.infra.component.KuraComponent;
import ai.kuraos.infra.component.Principal;
import ai.kuraos.infra.config.Target;
import ai.kuraos.infra.platform.Foundation;
import ai.kuraos.infra.platform.ProjectApis;
import ai.kuraos.infra.random.RandomPassword;
import ai.kuraos.infra.random.RandomPasswordArgs;
import com.pulumi.core.Output;
import com.pulumi.gcp.projects.IAMMember;
import com.pulumi.gcp.projects.IAMMemberArgs;
import com.pulumi.gcp.projects.inputs.IAMMemberConditionArgs;
import com.pulumi.gcp.sql.DatabaseArgs;
import com.pulumi.gcp.sql.DatabaseInstance;
import com.pulumi.gcp.sql.DatabaseInstanceArgs;
import com.pulumi.gcp.sql.User;
import com.pulumi.gcp.sql.UserArgs;
import com.pulumi.gcp.sql.inputs.DatabaseInstanceSettingsArgs;
import com.pulumi.gcp.sql.inputs.DatabaseInstanceSettingsBackupConfigurationArgs;
import com.pulumi.gcp.sql.inputs.DatabaseInstanceSettingsBackupConfigurationBackupRetentionSettingsArgs;
import com.pulumi.gcp.sql.inputs.DatabaseInstanceSettingsDatabaseFlagArgs;
import com.pulumi.gcp.sql.inputs.DatabaseInstanceSettingsInsightsConfigArgs;
import com.pulumi.gcp.sql.inputs.DatabaseInstanceSettingsIpConfigurationArgs;
import com.pulumi.gcp.sql.inputs.DatabaseInstanceSettingsMaintenanceWindowArgs;
import com.pulumi.resources.Resource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code kura:data:Database}: Cloud SQL for PostgreSQL 15, instance {@code kura-primary}, reachable only on its
 * private IP inside the foundation VPC and only over encrypted connections (an adopted instance keeps its public IP
 * and its TLS setting until the stack turns them off, docs/adoption.md); database {@code kuraosbd} and the built-in
 * user {@code kura_app} with a generated password (an adopted user keeps its own). Connecting is granted to the given
 * principals only.
 */
public final class Database extends KuraComponent {

    public static final String TYPE = "kura:data:Database";
    public static final String INSTANCE = "kura-primary";
    public static final String DATABASE = "kuraosbd";
    public static final String USER = "kura_app";

    /** The logical name of the kura_app user, as {@code kura-infra:adopt} names it. */
    public static final String USER_LOGICAL_NAME = "kura-app-user";

    private final DatabaseInstance instance;
    private final Optional<Output<String>> password;
    private final Map<String, Resource> clientGrants = new HashMap<>();

    public Database(String name, Target target, DatabaseSettings settings, Foundation foundation, List<Principal> clients) {
        super(TYPE, name, target);

        var adopted = settings.adopted();
        var ipConfiguration = DatabaseInstanceSettingsIpConfigurationArgs.builder()
                .ipv4Enabled(settings.publicIp())
                .requireSsl(settings.requireSsl());
        if (settings.privateIp()) {
            ipConfiguration.privateNetwork(foundation.networkId());
        }
        var instanceSettings = DatabaseInstanceSettingsArgs.builder()
                .tier(settings.tier())
                .edition(adopted.map(LiveSqlInstance::edition).orElse("ENTERPRISE"))
                .availabilityType(settings.availability())
                .diskType("PD_SSD")
                .diskSize(settings.diskSizeGb())
                .diskAutoresize(true)
                .diskAutoresizeLimit(settings.diskAutoresizeLimitGb())
                .ipConfiguration(ipConfiguration.build())
                .backupConfiguration(DatabaseInstanceSettingsBackupConfigurationArgs.builder()
                        .enabled(true)
                        .startTime(settings.backupStartTime())
                        .pointInTimeRecoveryEnabled(settings.pointInTimeRecovery())
                        .transactionLogRetentionDays(settings.transactionLogRetentionDays())
                        .backupRetentionSettings(DatabaseInstanceSettingsBackupConfigurationBackupRetentionSettingsArgs.builder()
                                .retainedBackups(settings.retainedBackups())
                                .retentionUnit("COUNT")
                                .build())
                        .build())
                .deletionProtectionEnabled(settings.cloudSqlDeletionProtection());
        // An adopted instance keeps its own labels and flags: adding ours is an update of the import, and one that
        // has none declares none (an empty set is what the import reads).
        var labels = adopted.map(LiveSqlInstance::labels).orElse(target.labels());
        if (!labels.isEmpty()) {
            instanceSettings.userLabels(labels);
        }
        if (!settings.flags().isEmpty()) {
            instanceSettings.databaseFlags(settings.flags().entrySet().stream()
                    .map(flag -> DatabaseInstanceSettingsDatabaseFlagArgs.builder()
                            .name(flag.getKey()).value(flag.getValue()).build())
                    .toList());
        }
        settings.maintenanceWindow().ifPresent(window -> instanceSettings.maintenanceWindow(
                DatabaseInstanceSettingsMaintenanceWindowArgs.builder()
                        .day(window.day().getValue())
                        .hour(window.hour())
                        .updateTrack("stable")
                        .build()));
        // An adopted instance without Query Insights has no insightsConfig; declaring one is an update.
        if (adopted.isEmpty() || settings.queryInsights()) {
            instanceSettings.insightsConfig(DatabaseInstanceSettingsInsightsConfigArgs.builder()
                    .queryInsightsEnabled(settings.queryInsights())
                    .queryStringLength(1024)
                    .recordApplicationTags(true)
                    .recordClientAddress(false)
                    .build());
        }
        this.instance = new DatabaseInstance(INSTANCE, DatabaseInstanceArgs.builder()
                .project(target.project())
                .region(target.region())
                .name(INSTANCE)
                .databaseVersion("POSTGRES_15")
                // Pulumi's own guard; settings.deletionProtectionEnabled above is the Cloud SQL API's.
                .deletionProtection(isProtected())
                .settings(instanceSettings.build())
                // Protected: it holds every database and the automated backups. The disk size is declared for the
                // creation only: autoresize grows the disk, and a declared size below the live one is a shrink, which
                // the provider plans as a replacement (CustomizeDiff ForceNewIfChange("settings.0.disk_size",
                // IsDiskShrinkage), terraform-provider-google-beta v5.0.0
                // google-beta/services/sql/resource_sql_database_instance.go).
                .build(), protectedAdoptableOptions(INSTANCE, foundation.privateServicesConnection(),
                        foundation.api(ProjectApis.SQL_ADMIN)).ignoreChanges("settings.diskSize").build());

        new com.pulumi.gcp.sql.Database(DATABASE, DatabaseArgs.builder()
                .project(target.project())
                .instance(instance.name())
                .name(DATABASE)
                .charset("UTF8")
                .collation("en_US.UTF8")
                // Protected: it holds the application's tables.
                .build(), protectedAdoptable(DATABASE));

        var user = UserArgs.builder()
                .project(target.project())
                .instance(instance.name())
                .name(USER)
                .type("BUILT_IN")
                // Postgres refuses to drop a role that owns tables; on destroy, the role goes with the instance.
                .deletionPolicy("ABANDON");
        if (target.adoption().adopts(USER_LOGICAL_NAME)) {
            // The adopted user keeps its password: the API never returns one, so an import declares none
            // (resource_sql_user.go reads no password back, v5.0.0), and the running revision's DATABASE_URL holds it.
            this.password = Optional.empty();
            new User(USER_LOGICAL_NAME, user.build(), adoptable(USER_LOGICAL_NAME));
        } else {
            var generated = new RandomPassword("kura-app-password-generated", RandomPasswordArgs.alphanumeric(32), child());
            this.password = Optional.of(generated.result());
            new User(USER_LOGICAL_NAME, user.password(generated.result()).build(), adoptable(USER_LOGICAL_NAME));
        }

        for (var client : clients) {
            clientGrants.put(client.name(), new IAMMember("cloudsql-client-" + client.name(), IAMMemberArgs.builder()
                    .project(target.project())
                    .role("roles/cloudsql.client")
                    .member(client.member())
                    .condition(IAMMemberConditionArgs.builder()
                            .title("only " + INSTANCE)
                            .expression("resource.name == 'projects/" + target.project() + "/instances/" + INSTANCE
                                    + "' && resource.type == 'sqladmin.googleapis.com/Instance'")
                            .build())
                    // A project-level binding: the Resource Manager API, enabled in the same first update.
                    .build(), child(foundation.api(ProjectApis.RESOURCE_MANAGER))));
        }

        registerOutputs(Map.of(
                "connectionName", instance.connectionName(),
                "privateIpAddress", instance.privateIpAddress()));
    }

    /** {@code <project>:<region>:kura-primary}, the name under /cloudsql. */
    public Output<String> connectionName() {
        return instance.connectionName();
    }

    public Output<String> privateIpAddress() {
        return instance.privateIpAddress();
    }

    /** The kura_app password the program generated: a secret output, stable across updates; none for an adopted user. */
    public Optional<Output<String>> password() {
        return password;
    }

    /** The Unix-socket connection string; secret, because it holds the password. None for an adopted user. */
    public Optional<Output<String>> databaseUrl() {
        return password.map(generated -> Output.tuple(generated, instance.connectionName())
                .applyValue(values -> DatabaseUrls.unixSocket(USER, values.t1, DATABASE, values.t2)));
    }

    /**
     * The grant that lets a client connect: a first revision that starts before its grant is refused by the
     * Cloud SQL connector, so the workloads wait for these.
     */
    public Resource clientGrant(Principal client) {
        var grant = clientGrants.get(client.name());
        if (grant == null) {
            throw new IllegalArgumentException(client.name() + " is not a client of " + INSTANCE);
        }
        return grant;
    }

    public DatabaseInstance instance() {
        return instance;
    }
}
