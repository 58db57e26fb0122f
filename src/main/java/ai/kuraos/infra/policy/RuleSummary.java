package ai.kuraos.infra.policy;

/** A rule as the rules list shows it. */
public record RuleSummary(String id, Severity severity, String title, String benchmark, String appliesTo) {

    static RuleSummary of(Rule rule) {
        return new RuleSummary(rule.id(), rule.severity(), rule.title(), rule.benchmark(), rule.appliesTo());
    }
}
