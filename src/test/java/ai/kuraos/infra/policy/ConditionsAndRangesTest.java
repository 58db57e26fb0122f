package ai.kuraos.infra.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The decisions the IAM and network rules reason with: always-true conditions, one-repository trust, CIDR sets. */
class ConditionsAndRangesTest {

    @ParameterizedTest
    @ValueSource(strings = {"true", "(true)", "request.time < timestamp('2099-01-01T00:00:00Z')",
            "request.time < timestamp(\"2199-12-31T00:00:00Z\")", "request.time > timestamp('1970-01-01T00:00:00Z')",
            "resource.name == resource.name",
            "resource.name.startsWith('projects/_/buckets/x') || request.time < timestamp('2099-01-01T00:00:00Z')",
            "(true && request.time < timestamp('2099-01-01T00:00:00Z'))"})
    void aConditionThatNarrowsNothingIsAlwaysTrue(String expression) {
        assertThat(Grants.alwaysTrue(expression, Fragments.TODAY)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"request.time < timestamp('2027-01-31T00:00:00Z')",
            "resource.name.endsWith('/secrets/db-password')",
            "true && resource.name.endsWith('/secrets/db-password')",
            "api.getAttribute('iam.googleapis.com/modifiedGrantsByRole', []).hasOnly(['roles/run.invoker'])",
            "resource.name.startsWith('a || b')"})
    void aConditionThatRestrictsSomethingIsNot(String expression) {
        assertThat(Grants.alwaysTrue(expression, Fragments.TODAY)).isFalse();
    }

    @Test
    void aTimeBoundIsFarAwayRelativeToTheDayThePolicyJudgesOnNotTheClock() {
        var expiry = "request.time < timestamp('2032-01-01T00:00:00Z')";

        assertThat(Grants.alwaysTrue(expiry, LocalDate.of(2026, 12, 1))).isTrue();
        assertThat(Grants.alwaysTrue(expiry, LocalDate.of(2028, 6, 30))).isFalse();
    }

    @Test
    void oneRepositoryMustBeRequiredOnEveryPath() {
        assertThat(IamRules.pinsOneRepository("assertion.repository == 'kura-os/kura-infra' && assertion.ref =="
                + " 'refs/heads/main'")).isTrue();
        assertThat(IamRules.pinsOneRepository("(assertion.repository == 'kura-os/kura-infra' && has(assertion.x))"
                + " || assertion.repository == 'kura-os/kura-infra'")).isTrue();
        assertThat(IamRules.pinsOneRepository("assertion.repository_owner == 'kura-os'")).isFalse();
        assertThat(IamRules.pinsOneRepository("assertion.repository == 'kura-os/kura-infra' ||"
                + " assertion.repository_owner == 'kura-os'")).isFalse();
        assertThat(IamRules.pinsOneRepository("assertion.repository.startsWith('kura-os/')")).isFalse();
        assertThat(IamRules.pinsOneRepository("assertion.repository == 'kura-os/*'")).isFalse();
    }

    @Test
    void rangesThatAddUpToTheInternetCoverIt() {
        assertThat(Cidrs.coverTheInternet(List.of("0.0.0.0/1", "128.0.0.0/1"))).isTrue();
        assertThat(Cidrs.coverTheInternet(List.of("128.0.0.0/2", "0.0.0.0/1", "192.0.0.0/2"))).isTrue();
        assertThat(Cidrs.coverTheInternet(List.of("::/0"))).isTrue();
        assertThat(Cidrs.coverTheInternet(List.of("0.0.0.0/1", "128.0.0.0/2"))).isFalse();
        assertThat(Cidrs.coverTheInternet(List.of("10.0.0.0/8", "35.191.0.0/16", "130.211.0.0/22"))).isFalse();
        assertThat(Cidrs.coverTheInternet(List.of("not-a-range", "0.0.0.0/1"))).isFalse();
        assertThat(Cidrs.coverTheInternet(List.of())).isFalse();
    }
}
