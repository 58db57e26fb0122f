package ai.kuraos.infra.policy;

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

    List<Finding> check(StackPlan plan);
}
