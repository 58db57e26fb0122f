package ai.kuraos.infra.policy;

import ai.kuraos.infra.testing.SynthesizedStack;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The coverage map accounts for every catalogue check that applies to a planned type. */
class CoverageTest {

    private static String coverageFile() throws Exception {
        return Files.readString(SynthesizedStack.PROJECT_ROOT.resolve(Coverage.FILE));
    }

    private static java.util.Set<String> plannedTypes() {
        return Coverage.plannedTypes(PolicyPlans.parse(PolicyPlans.inWorkingTree(SynthesizedStack.PROJECT_ROOT)));
    }

    @Test
    void everyApplicableCheckOfEveryPlannedTypeHasAnEntry() throws Exception {
        var entries = Coverage.parse(coverageFile(), PolicyReport.waivableRules());
        var types = plannedTypes();

        assertThat(Coverage.unmappedTypes(types)).as("planned types missing from %s", Coverage.TYPES).isEmpty();
        assertThat(Coverage.rows(types, entries)).filteredOn(row -> row.entry() == null)
                .extracting(row -> row.type() + " " + row.check().id() + " " + row.check().title())
                .as("catalogue checks without an entry in %s", Coverage.FILE).isEmpty();
    }

    @Test
    void theMapCoversTheWorkflowsAndTheChecksTheAuditNamed() throws Exception {
        var rows = Coverage.rows(plannedTypes(), Coverage.parse(coverageFile(), PolicyReport.waivableRules()));

        assertThat(rows).extracting(row -> row.check().id())
                .contains("CKV_GCP_42", "CKV_GCP_49", "CKV_GCP_41", "CKV_GCP_62", "CKV_GCP_125", "CKV_GCP_73",
                        "CKV_GCP_108", "CKV_GCP_109", "CKV_GCP_110", "CKV_GCP_66", "CKV2_GHA_1", "CKV_K8S_35");
        assertThat(rows).filteredOn(row -> row.check().id().equals("CKV_GCP_42"))
                .allSatisfy(row -> assertThat(row.entry().rule()).isEqualTo("KURA-IAM-002"));
    }

    @Test
    void aPlannedTypeWithAnUncoveredCheckIsAGap() {
        var entries = Coverage.parse("coverage:\n  - {checks: [CKV_GCP_2], rule: KURA-NET-012}\n",
                PolicyReport.waivableRules());

        assertThat(Coverage.rows(List.of("gcp:compute/firewall:Firewall"), entries))
                .filteredOn(row -> row.entry() == null).extracting(row -> row.check().id())
                .contains("CKV_GCP_3", "CKV_GCP_106").doesNotContain("CKV_GCP_2");
    }

    @Test
    void aPlannedGcpTypeTheTypeMapDoesNotKnowIsReported() {
        assertThat(Coverage.unmappedTypes(List.of("gcp:storage/bucket:Bucket", "gcp:made/up:Thing")))
                .containsExactly("gcp:made/up:Thing");
    }

    @Test
    void failsOnAnEntryWithTwoKindsAnUnknownRuleOrCheckOrACheckCoveredTwice() {
        var yaml = """
                coverage:
                  - {checks: [CKV_GCP_6], rule: KURA-SQL-003, notApplicable: both}
                  - {checks: [CKV_GCP_11], rule: KURA-SQL-999}
                  - {checks: [CKV_GCP_99999], waiver: because}
                  - {checks: [CKV_GCP_14], rule: KURA-SQL-004}
                  - {checks: [CKV_GCP_14], notApplicable: again}
                """;

        assertThatThrownBy(() -> Coverage.parse(yaml, PolicyReport.waivableRules()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("entry 1: needs checks and exactly one of")
                .hasMessageContaining("entry 2: rule KURA-SQL-999 does not exist")
                .hasMessageContaining("entry 3: check CKV_GCP_99999 is not in the catalogue")
                .hasMessageContaining("entry 5: check CKV_GCP_14 is covered by an earlier entry too");
    }
}
