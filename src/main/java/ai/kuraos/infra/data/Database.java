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

import java.util.List;
import java.util.Map;

/**
 * {@code kura:data:Database}: Cloud SQL for PostgreSQL 15, instance {@code kura-primary}, reachable only on its
 * private IP inside the foundation VPC and only over encrypted connections; database {@code kuraosbd} and the
 * built-in user {@code kura_app} with a generated password. Connecting is granted to the given principals only.
 */
public final class Database extends KuraComponent {

    public static final String TYPE = "kura:data:Database";
    public static final String INSTANCE = "kura-primary";
    public static final String DATABASE = "kuraosbd";
    public static final String USER = "kura_app";

    private final DatabaseInstance instance;
    private final RandomPassword password;

    public Database(String name, Target target, DatabaseSettings settings, Foundation foundation, List<Principal> clients) {
        super(TYPE, name, target);

        this.instance = new DatabaseInstance(INSTANCE, DatabaseInstanceArgs.builder()
                .project(target.project())
                .region(target.region())
                .name(INSTANCE)
                .databaseVersion("POSTGRES_15")
                // Pulumi's own guard; settings.deletionProtectionEnabled below is the Cloud SQL API's.
                .deletionProtection(isProtected())
                .settings(DatabaseInstanceSettingsArgs.builder()
                        .tier(settings.tier())
                        .edition("ENTERPRISE")
                        .availabilityType(settings.availability())
                        .diskType("PD_SSD")
                        .diskSize(settings.diskSizeGb())
                        .diskAutoresize(true)
                        .diskAutoresizeLimit(settings.diskAutoresizeLimitGb())
                        .ipConfiguration(DatabaseInstanceSettingsIpConfigurationArgs.builder()
                                .ipv4Enabled(false)
                                .privateNetwork(foundation.networkId())
                                .requireSsl(true)
                                .build())
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
                        .maintenanceWindow(DatabaseInstanceSettingsMaintenanceWindowArgs.builder()
                                .day(settings.maintenanceWindow().day().getValue())
                                .hour(settings.maintenanceWindow().hour())
                                .updateTrack("stable")
                                .build())
                        .insightsConfig(DatabaseInstanceSettingsInsightsConfigArgs.builder()
                                .queryInsightsEnabled(settings.queryInsights())
                                .queryStringLength(1024)
                                .recordApplicationTags(true)
                                .recordClientAddress(false)
                                .build())
                        .databaseFlags(settings.flags().entrySet().stream()
                                .map(flag -> DatabaseInstanceSettingsDatabaseFlagArgs.builder()
                                        .name(flag.getKey()).value(flag.getValue()).build())
                                .toList())
                        .deletionProtectionEnabled(isProtected())
                        .userLabels(target.labels())
                        .build())
                // Protected: it holds every database and the automated backups.
                .build(), protectedAdoptable(INSTANCE, foundation.privateServicesConnection(), foundation.api(ProjectApis.SQL_ADMIN)));

        new com.pulumi.gcp.sql.Database(DATABASE, DatabaseArgs.builder()
                .project(target.project())
                .instance(instance.name())
                .name(DATABASE)
                .charset("UTF8")
                .collation("en_US.UTF8")
                // Protected: it holds the application's tables.
                .build(), protectedAdoptable(DATABASE));

        this.password = new RandomPassword("kura-app-password-generated", RandomPasswordArgs.alphanumeric(32), child());

        new User("kura-app-user", UserArgs.builder()
                .project(target.project())
                .instance(instance.name())
                .name(USER)
                .type("BUILT_IN")
                .password(password.result())
                // Postgres refuses to drop a role that owns tables; on destroy, the role goes with the instance.
                .deletionPolicy("ABANDON")
                .build(), adoptable("kura-app-user"));

        for (var client : clients) {
            new IAMMember("cloudsql-client-" + client.name(), IAMMemberArgs.builder()
                    .project(target.project())
                    .role("roles/cloudsql.client")
                    .member(client.member())
                    .condition(IAMMemberConditionArgs.builder()
                            .title("only " + INSTANCE)
                            .expression("resource.name == 'projects/" + target.project() + "/instances/" + INSTANCE
                                    + "' && resource.type == 'sqladmin.googleapis.com/Instance'")
                            .build())
                    // A project-level binding: the Resource Manager API, enabled in the same first update.
                    .build(), child(foundation.api(ProjectApis.RESOURCE_MANAGER)));
        }

        registerOutputs(Map.of(
                "connectionName", instance.connectionName(),
                "privateIpAddress", instance.privateIpAddress(),
                "databaseUrl", databaseUrl()));
    }

    /** {@code <project>:<region>:kura-primary}, the name under /cloudsql. */
    public Output<String> connectionName() {
        return instance.connectionName();
    }

    public Output<String> privateIpAddress() {
        return instance.privateIpAddress();
    }

    /** The kura_app password: a secret output, stable across updates. */
    public Output<String> password() {
        return password.result();
    }

    /** The Unix-socket connection string; secret, because it holds the password. */
    public Output<String> databaseUrl() {
        return Output.tuple(password.result(), instance.connectionName())
                .applyValue(values -> DatabaseUrls.unixSocket(USER, values.t1, DATABASE, values.t2));
    }

    public DatabaseInstance instance() {
        return instance;
    }
}
