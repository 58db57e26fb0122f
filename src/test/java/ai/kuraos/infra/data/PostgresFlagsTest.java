package ai.kuraos.infra.data;

import ai.kuraos.infra.plan.StackPlanner;
import ai.kuraos.infra.testing.LocalPostgres;
import ai.kuraos.infra.testing.SynthesizedStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The database flags, checked by the real PostgreSQL 15 server rather than by our own reading of its rules. */
class PostgresFlagsTest {

    @TempDir
    Path scratch;

    static List<String> stacks() {
        return SynthesizedStack.PROJECT.stacks();
    }

    @Test
    void theCatalogueThePlanChecksFlagsWithIsTheInstalledServersOwn() throws IOException {
        var live = LocalPostgres.describeConfig().stream()
                .map(line -> line.split("\t", -1))
                .map(fields -> String.join("\t", fields[0], fields[1], fields[3], fields[5], fields[6]))
                .sorted()
                .toList();
        List<String> embedded;
        try (var reader = new BufferedReader(new InputStreamReader(
                PostgresParameters.class.getResourceAsStream(PostgresParameters.RESOURCE), StandardCharsets.UTF_8))) {
            embedded = reader.lines().filter(line -> !line.startsWith("#")).toList();
        }

        assertThat(embedded).isEqualTo(live);
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void everyFlagOfTheStackIsAPostgres15ParameterWithAValueTheServerAccepts(String stack) throws IOException {
        // Without prod's descriptions: the flags the stack file and the audit trail give, which an adopted instance
        // gets at its auditTrail step (docs/adoption.md).
        var flags = ai.kuraos.infra.StackSettings.parse(stack, ai.kuraos.infra.config.StackConfigValues.fromStackFile(
                        SynthesizedStack.PROJECT.stackConfigFile(stack))).database().flags().entrySet().stream()
                .filter(flag -> !flag.getKey().startsWith("cloudsql."))
                .map(flag -> flag.getKey() + "=" + flag.getValue())
                .toList();

        var result = LocalPostgres.validate(flags, scratch);

        assertThat(flags).isNotEmpty();
        assertThat(result.exitCode()).as("postgres -C with %s:%n%s", flags, result.output()).isZero();
    }

    @Test
    void aValueTheServerRejectsFailsTheCheck() throws IOException {
        var result = LocalPostgres.validate(List.of("log_statement=everything"), scratch);

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("invalid value for parameter \"log_statement\"", "none, ddl, mod, all");
    }

    @Test
    void aNameTheServerDoesNotKnowFailsTheCheck() throws IOException {
        var result = LocalPostgres.validate(List.of("log_min_duration_statment=100"), scratch);

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("unrecognized configuration parameter");
    }
}
