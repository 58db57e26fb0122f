package ai.kuraos.infra.policy;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static ai.kuraos.infra.policy.Fragments.resource;
import static org.assertj.core.api.Assertions.assertThat;

/** The pull request's policy section, from the verdicts on the base and on the branch. */
class PolicyDiffTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 1);

    private static StackPlan prod(String member, String ipv4Enabled) {
        return new StackPlan("prod", List.of(
                resource("gcp:storage/bucketIAMMember:BucketIAMMember", "assets-read",
                        "{'role':'roles/storage.objectViewer','member':'" + member + "'}"),
                resource("gcp:sql/databaseInstance:DatabaseInstance", "db", "{'deletionProtection':true,"
                        + "'settings':{'deletionProtectionEnabled':true,'ipConfiguration':{'ipv4Enabled':" + ipv4Enabled
                        + ",'sslMode':'ENCRYPTED_ONLY'},'backupConfiguration':{'enabled':true},"
                        + "'encryptionKeyName':'k','userLabels':{'app':'a','environment':'e','managed-by':'m'}}}")));
    }

    private static final String CMEK = """
              - rule: KURA-GCP-031
                stack: prod
                type: "*"
                name: "*"
                path: "*"
                reason: Google-managed keys by design
            """;

    private static final String PUBLIC_ASSETS = """
              - rule: KURA-GCP-001
                stack: prod
                type: "*"
                name: assets-read
                path: "*"
                reason: browsers download the assets
            """;

    private static PolicyReport report(StackPlan plan, String waivers) {
        return PolicyReport.of(List.of(plan), Waivers.parse("waivers:\n" + waivers, PolicyReport.waivableRules()), TODAY,
                true);
    }

    @Test
    void listsTheFindingsAChangeIntroducesAndEveryWaiverItAdds() {
        var base = report(prod("group:ops@kuraos.ai", "false"), CMEK);
        var publicAssets = """
                  - rule: KURA-GCP-001
                    stack: prod
                    type: gcp:storage/bucketIAMMember:BucketIAMMember
                    name: assets-read
                    path: "*"
                    reason: browsers download the assets
                """;
        var branch = report(prod("allUsers", "true"), CMEK + publicAssets);

        var diff = PolicyDiff.between(base, branch);

        assertThat(diff.introduced()).extracting(Finding::ruleId).containsExactlyInAnyOrder("KURA-GCP-001", "KURA-SQL-001");
        assertThat(diff.fixed()).isEmpty();
        assertThat(diff.addedWaivers()).extracting(Waiver::rule).containsExactly("KURA-GCP-001");
        assertThat(diff.markdown())
                .contains("**fails**: 1 finding not waived")
                .contains("#### Introduced, not waived")
                .contains("| high | KURA-SQL-001 | prod | `gcp:sql/databaseInstance:DatabaseInstance` db |")
                .contains("#### Introduced and waived")
                .contains("#### Waivers added or changed: review each reason")
                .contains("| assets-read | never | 1 | browsers download the assets |")
                .doesNotContain("#### Fixed");
    }

    @Test
    void aFindingThatIsWaivedIsNotFixed() {
        var base = report(prod("allUsers", "false"), CMEK);
        var waived = report(prod("allUsers", "false"), CMEK + PUBLIC_ASSETS);

        var diff = PolicyDiff.between(base, waived);

        assertThat(diff.fixed()).isEmpty();
        assertThat(diff.introduced()).isEmpty();
        assertThat(diff.addedWaivers()).hasSize(1);
        assertThat(diff.markdown()).contains("`policy --all` passes");
    }

    @Test
    void cutsTheSectionAtALineBelowItsBudget() {
        var diff = PolicyDiff.between(report(prod("group:ops@kuraos.ai", "false"), CMEK),
                report(prod("allUsers", "true"), CMEK));

        var cut = diff.markdown(300);

        assertThat(diff.markdown()).hasSizeGreaterThan(300);
        assertThat(cut).hasSizeLessThanOrEqualTo(300).startsWith("### Policy")
                .endsWith("run `java -jar target/kura-infra.jar policy --diff` for the rest\n");
    }

    @Test
    void listsFixedFindingsAndRemovedWaivers() {
        var base = report(prod("allUsers", "true"), CMEK + PUBLIC_ASSETS);
        var branch = report(prod("group:ops@kuraos.ai", "false"), CMEK);

        var diff = PolicyDiff.between(base, branch);

        assertThat(diff.fixed()).extracting(Finding::ruleId).containsExactlyInAnyOrder("KURA-GCP-001", "KURA-SQL-001");
        assertThat(diff.removedWaivers()).extracting(Waiver::rule).containsExactly("KURA-GCP-001");
        assertThat(diff.markdown()).contains("#### Fixed", "#### Waivers removed", "- KURA-GCP-001 on prod * assets-read");
    }
}
