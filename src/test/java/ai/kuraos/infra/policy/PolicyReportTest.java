package ai.kuraos.infra.policy;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Waivers: which findings they accept, and the findings they are themselves when expired or unused. */
class PolicyReportTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 1);

    private static Finding finding(String stack, String name) {
        return new Finding("KURA-GCP-001", Severity.HIGH, "t", stack, "gcp:storage/bucketIAMMember:BucketIAMMember", name,
                "member", "grants roles/storage.objectViewer to allUsers");
    }

    private static List<Waiver> waivers(String yaml) {
        return Waivers.parse(yaml, PolicyReport.waivableRules());
    }

    private static final String PUBLIC_ASSETS = """
            waivers:
              - rule: KURA-GCP-001
                stack: "*"
                type: gcp:storage/bucketIAMMember:BucketIAMMember
                name: kura-static-*
                path: "*"
                reason: every browser downloads the assets
            """;

    @Test
    void aWaiverAcceptsTheFindingsItsPatternsMatch() {
        var report = PolicyReport.judge(List.of("prod", "staging"),
                List.of(finding("prod", "kura-static-public-read"), finding("staging", "kura-static-public-read"),
                        finding("prod", "kura-backups-public")), waivers(PUBLIC_ASSETS), TODAY, true);

        assertThat(report.waived()).extracting(waived -> waived.finding().stack() + "/" + waived.finding().name())
                .containsExactlyInAnyOrder("prod/kura-static-public-read", "staging/kura-static-public-read");
        assertThat(report.open()).extracting(Finding::name).containsExactly("kura-backups-public");
        assertThat(report.passes()).isFalse();
    }

    @Test
    void anExpiredWaiverAcceptsNothingAndIsAFinding() {
        var expiring = PUBLIC_ASSETS + "    expires: 2026-11-30\n";

        var report = PolicyReport.judge(List.of("prod"), List.of(finding("prod", "kura-static-public-read")),
                waivers(expiring), TODAY, true);

        assertThat(report.waived()).isEmpty();
        assertThat(report.open()).extracting(Finding::ruleId)
                .containsExactlyInAnyOrder("KURA-GCP-001", PolicyReport.EXPIRED_WAIVER);
        assertThat(report.open()).filteredOn(open -> open.ruleId().equals(PolicyReport.EXPIRED_WAIVER))
                .singleElement().satisfies(open -> {
                    assertThat(open.path()).isEqualTo("policy/waivers.yaml#1");
                    assertThat(open.message()).contains("expired on 2026-11-30");
                });
    }

    @Test
    void aWaiverHoldsThroughItsExpiryDay() {
        var report = PolicyReport.judge(List.of("prod"), List.of(finding("prod", "kura-static-public-read")),
                waivers(PUBLIC_ASSETS + "    expires: 2026-12-01\n"), TODAY, true);

        assertThat(report.passes()).isTrue();
    }

    @Test
    void aWaiverThatMatchesNothingIsAFinding() {
        var report = PolicyReport.judge(List.of("prod"), List.of(), waivers(PUBLIC_ASSETS), TODAY, true);

        assertThat(report.open()).singleElement().satisfies(open -> {
            assertThat(open.ruleId()).isEqualTo(PolicyReport.UNUSED_WAIVER);
            assertThat(open.message()).contains("matches no finding");
        });
    }

    @Test
    void aWaiverThatMatchesNothingInSomeStacksIsNotStale() {
        var report = PolicyReport.judge(List.of("bootstrap/ops"), List.of(), waivers(PUBLIC_ASSETS), TODAY, false);

        assertThat(report.passes()).isTrue();
    }

    @Test
    void aWaiverForAStackNotCheckedIsLeftOut() {
        var devOnly = PUBLIC_ASSETS.replace("stack: \"*\"", "stack: dev");

        var report = PolicyReport.judge(List.of("prod"), List.of(), waivers(devOnly), TODAY, true);

        assertThat(report.passes()).isTrue();
        assertThat(report.waivers()).isEmpty();
    }

    @Test
    void failsWhenAWaiverLacksAReasonNamesAnUnknownRuleOrABadDate() {
        var malformed = """
                waivers:
                  - rule: KURA-GCP-999
                    stack: prod
                    type: x
                    name: y
                    path: "*"
                    reason: because
                  - rule: KURA-GCP-001
                    stack: prod
                    type: x
                    name: y
                    path: "*"
                    expires: next year
                    owner: me
                """;

        assertThatThrownBy(() -> waivers(malformed))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("waiver 1: rule 'KURA-GCP-999' does not exist")
                .hasMessageContaining("waiver 2: reason missing")
                .hasMessageContaining("waiver 2: expires 'next year' is not a date")
                .hasMessageContaining("waiver 2: unknown field(s) [owner]");
    }

    private static Finding grant(String name, String role) {
        return new Finding("KURA-IAM-002", Severity.MEDIUM, "t", "bootstrap/ops", "gcp:projects/iAMMember:IAMMember",
                name, "role", "grants " + role, role);
    }

    @Test
    void aWaiverAcceptsOnlyTheRolesAndPathsItNames() {
        var reviewed = waivers("""
                waivers:
                  - rule: KURA-IAM-002
                    stack: bootstrap/ops
                    type: gcp:projects/iAMMember:IAMMember
                    name: deployer-*
                    path: role
                    values: [roles/run.admin]
                    reason: the deployer deploys Cloud Run
                """);
        var report = PolicyReport.judge(List.of("bootstrap/ops"), List.of(grant("deployer-prod-run-admin",
                "roles/run.admin"), grant("deployer-prod-cloudkms-admin", "roles/cloudkms.admin"),
                new Finding("KURA-IAM-002", Severity.MEDIUM, "t", "bootstrap/ops", "gcp:projects/iAMMember:IAMMember",
                        "deployer-prod-run-admin", "condition", "m", "roles/run.admin")), reviewed, TODAY, true);

        assertThat(report.waived()).extracting(waived -> waived.finding().name() + " " + waived.finding().path())
                .containsExactly("deployer-prod-run-admin role");
        assertThat(report.open()).extracting(finding -> finding.name() + " " + finding.path())
                .containsExactlyInAnyOrder("deployer-prod-cloudkms-admin role", "deployer-prod-run-admin condition");
    }

    @Test
    void failsWhenAnIamWaiverListsNoRoles() {
        var unscoped = """
                waivers:
                  - rule: KURA-IAM-002
                    stack: bootstrap/ops
                    type: gcp:projects/iAMMember:IAMMember
                    name: deployer-*
                    path: role
                    reason: the deployer deploys everything
                """;

        assertThatThrownBy(() -> waivers(unscoped))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("waiver 1: values missing; a waiver of KURA-IAM-002 lists the exact roles");
    }

    @Test
    void anEmptyWaiverFileHasNoWaivers() {
        assertThat(Waivers.parse("", Set.of())).isEmpty();
    }
}
