package ai.kuraos.infra.data;

import ai.kuraos.infra.StackSettings;
import ai.kuraos.infra.config.ConfigError;
import ai.kuraos.infra.config.MaintenanceWindow;
import ai.kuraos.infra.config.StackConfigValues;
import ai.kuraos.infra.testing.MinimalConfig;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.DayOfWeek;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The data tier's settings: database, cache, backups and secrets. */
class DataTierSettingsTest {

    private static Map<String, String> config(String... extra) {
        return MinimalConfig.with(extra);
    }

    private static StackSettings parse(String stack, String... extra) {
        return StackSettings.parse(stack, StackConfigValues.of(config(extra)));
    }

    private static ConfigError onlyError(String stack, String... extra) {
        var errors = StackSettings.read(stack, StackConfigValues.of(config(extra))).errors();
        assertThat(errors).as("errors").hasSize(1);
        return errors.get(0);
    }

    @Nested
    class Defaults {

        @Test
        void devRunsTheSeedsSharedCoreTierInOneZoneWithoutPointInTimeRecovery() {
            var database = parse("dev").database();

            assertThat(database.tier()).isEqualTo("db-f1-micro");
            assertThat(database.availability()).isEqualTo("ZONAL");
            assertThat(database.pointInTimeRecovery()).isFalse();
            assertThat(database.backupStartTime()).isEqualTo("03:00");
            assertThat(database.retainedBackups()).isEqualTo(7);
            assertThat(parse("dev").cache().tier()).isEqualTo("BASIC");
            assertThat(parse("dev").backups().retentionDays()).isEqualTo(7);
        }

        @Test
        void prodSurvivesAZoneOutageOnADedicatedCore() {
            var settings = parse("prod");

            assertThat(settings.database().tier()).isEqualTo("db-custom-1-3840");
            assertThat(settings.database().availability()).isEqualTo("REGIONAL");
            assertThat(settings.database().pointInTimeRecovery()).isTrue();
            assertThat(settings.database().retainedBackups()).isEqualTo(30);
            assertThat(settings.database().maintenanceWindow()).contains(new MaintenanceWindow(DayOfWeek.SUNDAY, 4));
            assertThat(settings.cache().tier()).isEqualTo("STANDARD_HA");
            assertThat(settings.cache().redisConfigs()).containsExactly(Map.entry("maxmemory-policy", "allkeys-lru"));
        }

        @Test
        void stagingKeepsPointInTimeRecoveryInOneZone() {
            var database = parse("staging").database();

            assertThat(database.pointInTimeRecovery()).isTrue();
            assertThat(database.availability()).isEqualTo("ZONAL");
        }

        @Test
        void everyStackGetsTheAuditTrailFlagsAndMayOverrideThem() {
            var flags = parse("dev", "kura-infra:database",
                    "{\"flags\":{\"log_min_duration_statement\":\"250\",\"work_mem\":\"8192\"}}").database().flags();

            assertThat(flags).containsEntry("log_min_duration_statement", "250")
                    .containsEntry("work_mem", "8192")
                    .containsEntry("log_connections", "on")
                    .containsEntry("log_disconnections", "on")
                    .containsEntry("log_lock_waits", "on")
                    .containsEntry("log_statement", "ddl");
            assertThat(java.util.List.copyOf(flags.keySet())).as("flags in a stable order").isSorted();
        }

        @Test
        void warnsWhenProdRunsOnASharedCore() {
            var settings = parse("prod", "kura-infra:database", "{\"tier\":\"db-g1-small\"}");

            assertThat(settings.configWarnings()).anySatisfy(warning ->
                    assertThat(warning).contains("db-g1-small is shared-core", "SLA"));
        }
    }

    @Nested
    class Refusals {

        @ParameterizedTest
        @ValueSource(strings = {"db-n1-standard-2", "db-custom-3-7680", "db-custom-2-3584", "db-custom-1-7424", "db-custom-1-4000", "f1-micro"})
        void failsWhenTheDatabaseTierIsUnknownOrImpossible(String tier) {
            var error = onlyError("dev", "kura-infra:database", "{\"tier\":\"" + tier + "\"}");

            assertThat(error.key()).isEqualTo("kura-infra:database.tier");
            assertThat(error.problem()).contains("got \"" + tier + "\"", "db-f1-micro, db-g1-small, or db-custom-<vCPUs>-<memory MB>");
        }

        @ParameterizedTest
        @ValueSource(strings = {"3:00", "03:00:00", "24:00", "3am", "03:60"})
        void failsWhenTheBackupTimeIsNotHourAndMinute(String time) {
            var error = onlyError("dev", "kura-infra:database", "{\"backupStartTime\":\"" + time + "\"}");

            assertThat(error.toString()).isEqualTo("kura-infra:database.backupStartTime: got \"" + time
                    + "\"; expected a time of day as HH:MM (24-hour clock, UTC), e.g. 03:00");
        }

        @ParameterizedTest
        @CsvSource({"database,retainedBackups,0,1 to 365", "database,transactionLogRetentionDays,0,1 to 7",
                "backups,retentionDays,0,1 to 3650", "backups,deletedRetentionDays,-1,1 to 365"})
        void failsWhenARetentionIsNotPositive(String section, String key, int value, String range) {
            var error = onlyError("dev", "kura-infra:" + section, "{\"" + key + "\":" + value + "}");

            assertThat(error.toString()).isEqualTo("kura-infra:" + section + "." + key + ": got " + value
                    + "; expected a whole number from " + range);
        }

        @Test
        void failsWhenTheCacheMemoryIsBelowTheMinimum() {
            var error = onlyError("dev", "kura-infra:cache", "{\"memorySizeGb\":0}");

            assertThat(error.toString()).isEqualTo("kura-infra:cache.memorySizeGb: got 0; expected a whole number from 1 to 300");
        }

        @Test
        void failsWhenTheCacheTierIsUnknown() {
            var error = onlyError("dev", "kura-infra:cache", "{\"tier\":\"STANDARD\"}");

            assertThat(error.toString()).isEqualTo("kura-infra:cache.tier: got \"STANDARD\"; expected one of BASIC, STANDARD_HA");
        }

        @Test
        void failsWhenTheDiskCouldNotGrowToItsLimit() {
            var error = onlyError("dev", "kura-infra:database", "{\"diskSizeGb\":50,\"diskAutoresizeLimitGb\":20}");

            assertThat(error.key()).isEqualTo("kura-infra:database.diskAutoresizeLimitGb");
            assertThat(error.problem()).contains("got 20", "at least the disk size (50 GB");
        }

        @Test
        void failsWhenADatabaseFlagIsNotAPostgresParameterAndSuggestsTheClosest() {
            var error = onlyError("dev", "kura-infra:database", "{\"flags\":{\"log_min_duration_statment\":\"100\"}}");

            assertThat(error.toString()).isEqualTo("kura-infra:database.flags.log_min_duration_statment: got \"100\";"
                    + " not a PostgreSQL 15 parameter; did you mean log_min_duration_statement?");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "log_min_duration_statement | -2  | expected a whole number from -1 to 2147483647",
                "log_min_duration_statement | 1s  | expected a whole number from -1 to 2147483647 (Cloud SQL takes plain numbers, without units)",
                "log_connections            | yes please | expected on or off",
                "cloudsql.iam_authentication | maybe | expected on or off"})
        void failsWhenADatabaseFlagValueIsOutOfItsTypeOrRange(String flag, String value, String expected) {
            var error = onlyError("dev", "kura-infra:database", "{\"flags\":{\"" + flag + "\":\"" + value + "\"}}");

            assertThat(error.toString()).isEqualTo("kura-infra:database.flags." + flag + ": got \"" + value + "\"; " + expected);
        }

        @Test
        void failsWhenARedisConfigIsNotOneMemorystoreLetsUsersChange() {
            var error = onlyError("dev", "kura-infra:cache", "{\"redisConfigs\":{\"maxmemory\":\"1gb\"}}");

            assertThat(error.key()).isEqualTo("kura-infra:cache.redisConfigs.maxmemory");
            assertThat(error.problem()).contains("Memorystore lets you set on REDIS_7_0: activedefrag", "maxmemory-gb, maxmemory-policy");
        }

        @Test
        void failsWhenAMaintenanceDayIsUnknown() {
            var error = onlyError("dev", "kura-infra:database", "{\"maintenanceWindow\":{\"day\":\"sundy\",\"hour\":4}}");

            assertThat(error.toString()).isEqualTo("kura-infra:database.maintenanceWindow.day: got \"sundy\";"
                    + " expected one of monday, tuesday, wednesday, thursday, friday, saturday, sunday");
        }

        @Test
        void failsWhenAGeneratedSecretIsSetInConfig() {
            var raw = new StackConfigValues(config("kura-infra:secrets", "{\"DATABASE_URL\":\"postgresql://x\"}"),
                    Set.of("kura-infra:secrets.DATABASE_URL"));

            var errors = StackSettings.read("dev", raw).errors();

            assertThat(errors).singleElement().satisfies(error -> {
                assertThat(error.key()).isEqualTo("kura-infra:secrets.DATABASE_URL");
                assertThat(error.problem()).contains("generated by the program").doesNotContain("postgresql://x");
            });
        }

        @Test
        void failsWhenAnExternalSecretIsStoredInPlaintextAndNeverPrintsIt() {
            var error = onlyError("dev", "kura-infra:secrets", "{\"STRIPE_SECRET_KEY\":\"sk_live_plaintext\"}");

            assertThat(error.toString()).isEqualTo("kura-infra:secrets.STRIPE_SECRET_KEY: stored in plaintext in the stack"
                    + " file; remove it and run `pulumi config set --secret --path 'secrets.STRIPE_SECRET_KEY' <value>`");
        }

        @Test
        void failsWhenASecretNameIsUnknownAndSuggestsTheClosest() {
            var raw = new StackConfigValues(config("kura-infra:secrets", "{\"STRIPE_SECRET\":\"[secret]\"}"),
                    Set.of("kura-infra:secrets.STRIPE_SECRET"));

            var errors = StackSettings.read("dev", raw).errors();

            assertThat(errors).extracting(ConfigError::toString).containsExactly(
                    "kura-infra:secrets.STRIPE_SECRET: unknown key; did you mean kura-infra:secrets.STRIPE_SECRET_KEY?");
        }
    }

    @Nested
    class Secrets {

        @Test
        void takesEncryptedValuesFromTheStackConfigWithoutEverPrintingThem() {
            var raw = new StackConfigValues(config("kura-infra:secrets", "{\"STRIPE_SECRET_KEY\":\"sk_live_123\"}"),
                    Set.of("kura-infra:secrets"));

            var settings = StackSettings.parse("prod", raw);

            assertThat(settings.secrets().externalValues()).containsOnlyKeys("STRIPE_SECRET_KEY");
            assertThat(settings.secrets().externalValues().get("STRIPE_SECRET_KEY").value()).isEqualTo("sk_live_123");
            assertThat(settings.toString()).doesNotContain("sk_live_123").contains("STRIPE_SECRET_KEY=[secret]");
        }

        @Test
        void warnsOnceAboutEveryExternalSecretWithoutAValue() {
            var raw = new StackConfigValues(config("kura-infra:secrets", "{\"STRIPE_SECRET_KEY\":\"[secret]\"}"),
                    Set.of("kura-infra:secrets.STRIPE_SECRET_KEY"));

            var warnings = StackSettings.parse("dev", raw).configWarnings();

            assertThat(warnings).singleElement().asString()
                    .contains("created without a version", "STRIPE_WEBHOOK_SECRET", "BREVO_API_KEY", "kura-backend mounts them only once each has one")
                    .doesNotContain("STRIPE_SECRET_KEY,");
        }
    }
}
