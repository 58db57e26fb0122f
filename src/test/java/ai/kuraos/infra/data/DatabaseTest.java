package ai.kuraos.infra.data;

import ai.kuraos.infra.testing.ResourceAssert;
import ai.kuraos.infra.testing.SynthesizedStack;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseTest {

    private static final String INSTANCE = "gcp:sql/databaseInstance:DatabaseInstance";
    private static final String DATABASE = "gcp:sql/database:Database";
    private static final String USER = "gcp:sql/user:User";
    private static final String IAM_MEMBER = "gcp:projects/iAMMember:IAMMember";
    private static final String PASSWORD = "random:index/randomPassword:RandomPassword";

    @Nested
    class Prod {
        private final SynthesizedStack prod = SynthesizedStack.unadopted("prod");

        @Test
        void protectsTheInstanceAndTheDatabaseButNotTheUserItsPasswordOrItsGrants() {
            prod.resource(INSTANCE, "kura-primary").isProtected();
            prod.resource(DATABASE, "kuraosbd").isProtected();
            prod.resource(USER, "kura-app-user").isNotProtected();
            prod.resource(PASSWORD, "kura-app-password-generated").isNotProtected();
            assertThat(prod.resources(IAM_MEMBER)).allSatisfy(ResourceAssert::isNotProtected);
        }

        @Test
        void runsPostgres15AsKuraPrimaryAcrossTwoZonesOnSsd() {
            prod.resource(INSTANCE, "kura-primary")
                    .hasInput("name", "kura-primary")
                    .hasInput("databaseVersion", "POSTGRES_15")
                    .hasInput("region", "europe-southwest1")
                    .hasInput("settings.tier", "db-custom-1-3840")
                    .hasInput("settings.availabilityType", "REGIONAL")
                    .hasInput("settings.diskType", "PD_SSD")
                    .hasInput("settings.diskSize", 10)
                    .hasInput("settings.diskAutoresize", true)
                    .hasInput("settings.diskAutoresizeLimit", 100)
                    .dependsOn("api-sqladmin", "kura-private-services-connection");
        }

        @Test
        void isReachableOnlyOnItsPrivateIpOverEncryptedConnections() {
            var instance = prod.resource(INSTANCE, "kura-primary")
                    .hasInput("settings.ipConfiguration", Map.of(
                            "ipv4Enabled", false,
                            "privateNetwork", "${kura-vpc.id}",
                            "requireSsl", true));
            instance.hasNoInput("settings.ipConfiguration.authorizedNetworks");
        }

        @Test
        void backsUpNightlyAtThreeWithPointInTimeRecovery() {
            prod.resource(INSTANCE, "kura-primary")
                    .hasInput("settings.backupConfiguration", Map.of(
                            "enabled", true,
                            "startTime", "03:00",
                            "pointInTimeRecoveryEnabled", true,
                            "transactionLogRetentionDays", 7,
                            "backupRetentionSettings", Map.of("retainedBackups", 30, "retentionUnit", "COUNT")))
                    .hasInput("settings.maintenanceWindow", Map.of("day", 7, "hour", 4, "updateTrack", "stable"))
                    .hasInput("settings.insightsConfig.queryInsightsEnabled", true)
                    .hasInput("settings.insightsConfig.recordClientAddress", false);
        }

        @Test
        void isGuardedAgainstDeletionByPulumiAndByCloudSql() {
            prod.resource(INSTANCE, "kura-primary")
                    .isProtected()
                    .hasInput("deletionProtection", true)
                    .hasInput("settings.deletionProtectionEnabled", true);
        }

        @Test
        void logsConnectionsLockWaitsAndSchemaChangesButNoSlowStatementsText() {
            prod.resource(INSTANCE, "kura-primary").hasInput("settings.databaseFlags", List.of(
                    Map.of("name", "log_connections", "value", "on"),
                    Map.of("name", "log_disconnections", "value", "on"),
                    Map.of("name", "log_lock_waits", "value", "on"),
                    Map.of("name", "log_min_duration_statement", "value", "-1"),
                    Map.of("name", "log_statement", "value", "ddl"),
                    Map.of("name", "log_temp_files", "value", "0")));
        }

        @Test
        void createsTheAppDatabaseAndItsUserWithAGeneratedSecretPassword() {
            prod.resource(DATABASE, "kuraosbd").hasInput("name", "kuraosbd").hasInput("instance", "kura-primary");
            prod.resource(PASSWORD, "kura-app-password-generated").hasInput("length", 32).hasInput("special", false);
            prod.resource(USER, "kura-app-user")
                    .hasInput("name", "kura_app")
                    .hasInput("type", "BUILT_IN")
                    .hasInput("password", "[secret ← kura-app-password-generated.result]")
                    .hasInput("deletionPolicy", "ABANDON");
        }

        @Test
        void letsOnlyTheBackendAndTheMigratorConnectAndOnlyToThisInstance() {
            var expression = "resource.name == 'projects/kura-os/instances/kura-primary'"
                    + " && resource.type == 'sqladmin.googleapis.com/Instance'";
            assertThat(prod.resources(IAM_MEMBER)).filteredOn(grant -> grant.input("role").asText().equals("roles/cloudsql.client"))
                    .extracting(grant -> grant.input("member").asText())
                    .containsExactlyInAnyOrder("${kura-backend-sa.member}", "${kura-migrator-sa.member}");
            prod.resource(IAM_MEMBER, "cloudsql-client-backend").hasInput("condition.expression", expression);
            prod.resource(IAM_MEMBER, "cloudsql-client-migrator").hasInput("condition.expression", expression);
        }

        @Test
        void exportsTheConnectionNameAndPrivateIp() {
            assertThat(prod.output("databaseConnectionName").asText()).isEqualTo("${kura-primary.connectionName}");
            assertThat(prod.output("databasePrivateIp").asText()).isEqualTo("${kura-primary.privateIpAddress}");
        }
    }

    @Nested
    class Dev {
        private final SynthesizedStack dev = SynthesizedStack.of("dev");

        @Test
        void runsTheSeedsSmallTierInOneZoneWithoutGuards() {
            dev.resource(INSTANCE, "kura-primary")
                    .isNotProtected()
                    .hasInput("settings.tier", "db-f1-micro")
                    .hasInput("settings.availabilityType", "ZONAL")
                    .hasInput("settings.backupConfiguration.pointInTimeRecoveryEnabled", false)
                    .hasInput("deletionProtection", false)
                    .hasInput("settings.deletionProtectionEnabled", false);
        }
    }

    @Test
    void connectsThroughTheCloudSqlUnixSocket() {
        assertThat(DatabaseUrls.unixSocket("kura_app", "pw", "kuraosbd", "kura-os:europe-southwest1:kura-primary"))
                .isEqualTo("postgresql://kura_app:pw@/kuraosbd?host=/cloudsql/kura-os:europe-southwest1:kura-primary");
    }
}
