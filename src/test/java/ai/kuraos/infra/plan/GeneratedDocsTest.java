package ai.kuraos.infra.plan;

import ai.kuraos.infra.StackSettings;
import ai.kuraos.infra.bootstrap.BootstrapSettingsParser;
import ai.kuraos.infra.config.KeyDoc;
import ai.kuraos.infra.config.StackConfigValues;
import ai.kuraos.infra.testing.SynthesizedStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

class GeneratedDocsTest {

    private static String committedReference() throws IOException {
        return Files.readString(SynthesizedStack.PROJECT_ROOT.resolve(GeneratedDocs.DIRECTORY).resolve("configuration.md"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void theReferenceHasARowForEveryKeyAStackReads(String stack) throws IOException {
        var reference = committedReference();
        var keys = StackSettings.read(stack, StackConfigValues.fromStackFile(SynthesizedStack.PROJECT.stackConfigFile(stack)))
                .keys();

        assertThat(keys).extracting(KeyDoc::key).contains("gcp:project", "kura-infra:database.tier",
                "kura-infra:secrets.STRIPE_SECRET_KEY", "kura-infra:monitoring.budget.alertShares");
        assertThat(keys).allSatisfy(key -> assertThat(reference).as(key.key())
                .containsAnyOf("| `" + key.key() + "` |", "### `" + key.key().substring(key.key().indexOf(':') + 1) + "`"));
    }

    @Test
    void everyKeyOfThePlatformAndTheBootstrapSaysWhatItControls() {
        var keys = new java.util.ArrayList<>(StackSettings.read("prod", StackConfigValues.of(java.util.Map.of())).keys());
        keys.addAll(BootstrapSettingsParser.documented("ops", StackConfigValues.of(java.util.Map.of())));

        assertThat(keys).hasSizeGreaterThan(150)
                .allSatisfy(key -> assertThat(key.description()).as(key.key()).isNotBlank().endsWith("."));
    }

    @Test
    void statesEachEnvironmentsDefaultWhereTheyDiffer() {
        var reference = GeneratedDocs.configuration();

        assertThat(reference).contains("| `kura-infra:database.tier` |")
                .contains("| `db-f1-micro` / `db-custom-1-3840` / `db-custom-1-3840` |")
                .contains("| `kura-infra:backend.cpu` | one of 1, 2, 4, 6, 8 | `1` |")
                .contains("| `kura-infra:backend.image` | a full image reference with a tag or digest");
    }
}
