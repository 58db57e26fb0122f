package ai.kuraos.infra.policy;

import ai.kuraos.infra.testing.SynthesizedStack;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/policy.md lists the rules the code has and the waivers the file holds. */
class PolicyDocsTest {

    @Test
    void theRulesAndWaiversListsAreGeneratedFromTheCodeAndTheWaiverFile() throws Exception {
        var doc = Files.readString(SynthesizedStack.PROJECT_ROOT.resolve(RulesDoc.DOC));
        var waivers = Waivers.parse(PolicyDiff.readWaivers(SynthesizedStack.PROJECT_ROOT), PolicyReport.waivableRules());

        assertThat(doc)
                .as("%s is out of date: run `java -jar target/kura-infra.jar policy --write-docs` and commit it",
                        RulesDoc.DOC)
                .isEqualTo(RulesDoc.regenerate(doc, waivers));
    }

    @Test
    void theCoverageMapIsGeneratedFromTheCatalogueTheCoverageFileAndThePlans() throws Exception {
        var root = SynthesizedStack.PROJECT_ROOT;
        var doc = Files.readString(root.resolve(RulesDoc.DOC));
        var types = Coverage.plannedTypes(PolicyPlans.parse(PolicyPlans.inWorkingTree(root)));

        assertThat(doc)
                .as("the coverage map of %s is out of date: run `java -jar target/kura-infra.jar policy --write-docs`",
                        RulesDoc.DOC)
                .isEqualTo(Coverage.regenerate(doc, types, Files.readString(root.resolve(Coverage.FILE))));
    }

    @Test
    void theRulesListHasEveryRuleAndTheWaiverRules() {
        var table = RulesDoc.rulesTable();

        Rules.all().forEach(rule -> assertThat(table).contains("| " + rule.id() + " | " + rule.severity().label()));
        assertThat(table).contains("| KURA-POLICY-001 |", "| KURA-POLICY-002 |");
    }

    @Test
    void failsWhenThePageLacksTheMarkers() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RulesDoc.regenerate("# Policy\n", java.util.List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(RulesDoc.RULES_BEGIN);
    }
}
