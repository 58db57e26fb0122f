package ai.kuraos.infra.policy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static ai.kuraos.infra.policy.Severity.MEDIUM;

/**
 * The policy's verdict on a set of plans: the findings no waiver covers (including expired and unused waivers), and
 * the ones waived. It passes when nothing is open.
 */
public record PolicyReport(List<String> stacks, List<Finding> open, List<Waived> waived, List<Waiver> waivers) {

    public static final String EXPIRED_WAIVER = "KURA-POLICY-001";
    public static final String UNUSED_WAIVER = "KURA-POLICY-002";

    /** The waiver rules, for the rules list: they judge the waiver file, not a plan. */
    public static final List<RuleSummary> WAIVER_RULES = List.of(
            new RuleSummary(EXPIRED_WAIVER, MEDIUM, "Waivers are not past their expiry date", "kura-infra policy",
                    "`" + Waivers.FILE + "`"),
            new RuleSummary(UNUSED_WAIVER, MEDIUM, "Every waiver matches a finding (no stale waivers)",
                    "kura-infra policy", "`" + Waivers.FILE + "`"));

    /** A finding and the waiver that accepts it. */
    public record Waived(Finding finding, Waiver waiver) {
    }

    public PolicyReport {
        stacks = List.copyOf(stacks);
        open = List.copyOf(open);
        waived = List.copyOf(waived);
        waivers = List.copyOf(waivers);
    }

    public boolean passes() {
        return open.isEmpty();
    }

    /**
     * Evaluates every rule on {@code plans} and applies {@code waivers} as of {@code today}. With {@code everyStack},
     * the plans are all the project's, so a waiver that matches nothing is stale; otherwise it may match elsewhere.
     */
    public static PolicyReport of(List<StackPlan> plans, List<Waiver> waivers, LocalDate today, boolean everyStack) {
        return judge(plans.stream().map(StackPlan::stack).toList(), Rules.evaluate(plans, today), waivers, today,
                everyStack);
    }

    /**
     * Applies the waivers to the findings. An expired waiver accepts nothing and is itself a finding; so is (with
     * {@code everyStack}) a waiver that matches no finding. Waivers for other stacks are left out.
     */
    static PolicyReport judge(List<String> stacks, List<Finding> findings, List<Waiver> waivers, LocalDate today,
                              boolean everyStack) {
        var relevant = waivers.stream().filter(waiver -> stacks.stream().anyMatch(waiver::appliesToStack)).toList();
        var open = new ArrayList<Finding>();
        var waived = new ArrayList<Waived>();
        var used = new ArrayList<Waiver>();
        for (var finding : findings) {
            var waiver = relevant.stream().filter(candidate -> candidate.matches(finding)).findFirst();
            if (waiver.isPresent()) {
                used.add(waiver.get());
            }
            if (waiver.isPresent() && !waiver.get().expiredOn(today)) {
                waived.add(new Waived(finding, waiver.get()));
            } else {
                open.add(finding);
            }
        }
        for (var waiver : relevant) {
            if (waiver.expiredOn(today)) {
                open.add(waiverFinding(EXPIRED_WAIVER, waiver, "expired on " + waiver.expires() + ": fix what it"
                        + " waives, or renew it with a reason a reviewer accepts"));
            } else if (everyStack && !used.contains(waiver)) {
                open.add(waiverFinding(UNUSED_WAIVER, waiver, "matches no finding: what it waived is fixed or"
                        + " renamed; remove it (or correct its stack, type or name)"));
            }
        }
        open.sort(Finding.ORDER);
        return new PolicyReport(stacks, open, waived, relevant);
    }

    private static Finding waiverFinding(String rule, Waiver waiver, String message) {
        var summary = WAIVER_RULES.stream().filter(candidate -> candidate.id().equals(rule)).findFirst().orElseThrow();
        return new Finding(rule, summary.severity(), summary.title(), waiver.stack(), "waiver", waiver.shown(),
                Waivers.FILE + "#" + waiver.entry(), message);
    }

    /** The ids of every rule a waiver may name. */
    public static Set<String> waivableRules() {
        var ids = new java.util.HashSet<String>();
        Rules.all().forEach(rule -> ids.add(rule.id()));
        return Set.copyOf(ids);
    }
}
