package ai.kuraos.infra.edge;


import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Cloud Armor rules of the API, in priority order: the preconfigured WAF, then rate limiting, then allow. The WAF
 * comes first because a throttle rule's conform action is {@code allow}: a request under the rate limit ends its
 * evaluation there, and a WAF rule behind it would never see it.
 */
public final class ArmorRules {

    /**
     * At every sensitivity its one signature, 911100, refuses any method but GET, HEAD, POST and OPTIONS (Cloud Armor,
     * "Preconfigured WAF rules" and "Tune preconfigured WAF rules", https://cloud.google.com/armor/docs/waf-rules,
     * https://cloud.google.com/armor/docs/rule-tuning): the API's PUT, PATCH and DELETE would get 403.
     */
    public static final String METHOD_ENFORCEMENT = "methodenforcement-v33-stable";
    /** OWASP ModSecurity Core Rule Set 3.3, as Cloud Armor preconfigures it. */
    public static final List<String> WAF_RULE_SETS = List.of(
            "sqli-v33-stable", "xss-v33-stable", "lfi-v33-stable", "rfi-v33-stable", "rce-v33-stable",
            METHOD_ENFORCEMENT, "scannerdetection-v33-stable", "protocolattack-v33-stable",
            "sessionfixation-v33-stable");
    public static final int DEFAULT_RULE_PRIORITY = 2147483647;
    /**
     * WAF rules take {@value} on, the throttle {@link #THROTTLE_PRIORITY}. The WAF moved here from 2000 with new
     * priorities rather than by swapping with the throttle: terraform-provider-google-beta v5.0.0
     * (resource_compute_security_policy.go, update) adds a rule whose priority is new, patches one whose priority
     * stays, and removes the rest, and a patch with a changed action would keep fields of the old one.
     */
    public static final int FIRST_WAF_PRIORITY = 500;
    public static final int THROTTLE_PRIORITY = 1000;

    /**
     * One rule: the Cloud Armor action ({@code throttle}, {@code deny(403)}, {@code allow}) for requests matching the
     * expression; without one, for every source IP (what the default rule must match).
     */
    public record Rule(int priority, String description, String action, Optional<String> expression, boolean preview,
                       Optional<RateLimit> rateLimit) {
    }

    /** Per client IP: at most {@code requests} per {@code intervalSeconds}, then 429. */
    public record RateLimit(int requests, int intervalSeconds) {
    }

    private ArmorRules() {
    }

    public static List<Rule> of(EdgeSettings.Armor armor) {
        var rules = new ArrayList<Rule>();
        for (int index = 0; index < WAF_RULE_SETS.size(); index++) {
            var ruleSet = WAF_RULE_SETS.get(index);
            if (ruleSet.equals(METHOD_ENFORCEMENT) && !armor.methodEnforcement()) {
                continue;
            }
            // Priorities follow the rule set's place in the list, so that turning one off moves no other rule.
            rules.add(new Rule(FIRST_WAF_PRIORITY + index, "WAF " + ruleSet, "deny(403)",
                    Optional.of("evaluatePreconfiguredWaf('" + ruleSet + "', {'sensitivity': 1})"), armor.wafPreview(),
                    Optional.empty()));
        }
        rules.add(new Rule(THROTTLE_PRIORITY, "Rate limit of /api/* per client IP", "throttle",
                Optional.of("request.path.matches('/api/.*')"), false, Optional.of(new RateLimit(armor.rateLimitRequests(), armor.rateLimitIntervalSeconds()))));
        rules.add(new Rule(DEFAULT_RULE_PRIORITY, "Default: allow", "allow", Optional.empty(), false, Optional.empty()));
        return rules;
    }
}
