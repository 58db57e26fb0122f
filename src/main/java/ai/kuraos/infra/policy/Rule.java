package ai.kuraos.infra.policy;

import java.time.LocalDate;
import java.util.List;

/** One policy rule: what it checks, where the check comes from, and the check itself over one stack's plan. */
public interface Rule {

    /** Stable id, e.g. {@code KURA-GCP-020}; waivers name it, so it never changes once released. */
    String id();

    Severity severity();

    String title();

    /** The benchmarks and scanners the rule follows, e.g. {@code CIS GCP 2.0 6.6; Checkov CKV_GCP_60}. */
    String benchmark();

    /** The resource types (or families) the rule looks at, for the generated rules list. */
    String appliesTo();

    /**
     * The findings on one stack's plan as of {@code today}: the day the policy judges on (the {@code policy --today}
     * option), which time-bounded IAM conditions are measured against, so that a verdict never depends on the clock.
     */
    List<Finding> check(StackPlan plan, LocalDate today);
}
