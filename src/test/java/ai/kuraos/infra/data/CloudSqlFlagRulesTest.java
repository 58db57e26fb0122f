package ai.kuraos.infra.data;

import ai.kuraos.infra.testing.LocalPostgres;
import ai.kuraos.infra.testing.StackConfigErrors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CloudSqlFlagRulesTest {

    @TempDir
    Path scratch;

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "log_statement | everything | one of none, ddl, mod, all",
            "log_error_verbosity | loud | one of terse, default, verbose",
            "default_transaction_isolation | snapshot | one of serializable, repeatable read"})
    void failsOnAnEnumFlagOutsidePostgres15sValues(String name, String value, String limit) {
        var error = StackConfigErrors.only("kura-infra:database", "{\"flags\":{\"" + name + "\":\"" + value + "\"}}");

        assertThat(error.key()).isEqualTo("kura-infra:database.flags." + name);
        assertThat(error.problem()).contains("got \"" + value + "\"").contains(limit);
    }

    @ParameterizedTest
    @CsvSource({"wal_level, logical", "listen_addresses, '*'", "shared_preload_libraries, pg_cron", "archive_command, /bin/true"})
    void failsOnAFlagCloudSqlDoesNotLetUsersSet(String name, String value) {
        var error = StackConfigErrors.only("kura-infra:database", "{\"flags\":{\"" + name + "\":\"" + value + "\"}}");

        assertThat(error.key()).isEqualTo("kura-infra:database.flags." + name);
        assertThat(error.problem()).contains("expected a flag Cloud SQL lets you set");
    }

    @Test
    void acceptsAnEnumValueInAnyCase() {
        assertThat(StackConfigErrors.of("kura-infra:database", "{\"flags\":{\"log_statement\":\"DDL\"}}")).isEmpty();
    }

    @Test
    void failsWhenBackupsAreRetainedForLessThanTheTransactionLogs() {
        var error = StackConfigErrors.only("kura-infra:database", "{\"retainedBackups\":5,\"transactionLogRetentionDays\":6}");

        assertThat(error.key()).isEqualTo("kura-infra:database.retainedBackups");
        assertThat(error.problem()).contains("got 5").contains("at least transactionLogRetentionDays (6)");
    }

    @Test
    void acceptsAsManyBackupsAsDaysOfLogsCloudSqlsOwnDefaults() {
        assertThat(StackConfigErrors.of("kura-infra:database", "{\"retainedBackups\":7,\"transactionLogRetentionDays\":7}"))
                .isEmpty();
    }

    /**
     * Values a PostgreSQL 15 server offers only when built with an optional library: the server the tests run (zonky's
     * binaries from Maven) is built without lz4 and zstd, which the catalogue's build (pg_settings of a server with both)
     * has.
     */
    private static final Map<String, java.util.Set<String>> BUILD_DEPENDENT = Map.of(
            "default_toast_compression", java.util.Set.of("lz4"),
            "wal_compression", java.util.Set.of("lz4", "zstd"));

    @Test
    void theInstalledServerAcceptsEveryEnumValueTheCatalogueLists() throws IOException {
        var values = new java.util.TreeMap<String, java.util.List<String>>();
        CloudSqlFlagRules.enumValues().forEach((name, allowed) -> values.put(name, allowed.stream()
                .filter(value -> !BUILD_DEPENDENT.getOrDefault(name, java.util.Set.of()).contains(value)).toList()));
        var longest = values.values().stream().mapToInt(java.util.List::size).max().orElse(0);
        assertThat(values).containsKey("log_statement").hasSizeGreaterThan(30);
        for (int i = 0; i < longest; i++) {
            var settings = new ArrayList<String>();
            for (var entry : values.entrySet()) {
                if (i < entry.getValue().size()) {
                    settings.add(entry.getKey() + "=" + entry.getValue().get(i));
                }
            }
            var result = LocalPostgres.validate(settings, scratch);
            assertThat(result.exitCode()).as("postgres -C with %s:%n%s", settings, result.output()).isZero();
        }
    }
}
