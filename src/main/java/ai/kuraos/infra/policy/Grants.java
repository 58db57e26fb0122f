package ai.kuraos.infra.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * IAM grants as plan.json shows them: {@code *IAMMember} (member), {@code *IAMBinding} (members), {@code *IAMPolicy}
 * (the bindings of its {@code policyData}), each read as the bindings it makes, so that a rule judges the access a
 * principal gets whichever resource grants it.
 */
final class Grants {

    static final Set<String> PUBLIC_PRINCIPALS = Set.of("allUsers", "allAuthenticatedUsers");
    private static final String SERVICE_ACCOUNT = "gcp:serviceaccount/account:Account";

    /** {@code request.time < timestamp("2099-01-01T00:00:00Z")}: a bound in the given year. */
    private static final Pattern TIME_BOUND = Pattern.compile(
            "request\\.time\\s*([<>]=?)\\s*timestamp\\(\\s*[\"'](\\d{4})-[^\"']*[\"']\\s*\\)");
    /** An expiry this many years ahead or more narrows nothing a review would notice. */
    private static final int FAR_FUTURE_YEARS = 5;

    private Grants() {
    }

    /** A member of a grant and where it sits in the inputs. */
    record Member(String path, String value) {
    }

    /**
     * One role given to members, as a grant resource declares it.
     *
     * @param conditionPath where the condition sits (its expression is empty when there is none)
     */
    record Binding(String rolePath, String role, List<Member> members, String conditionPath, String condition) {

        boolean conditioned() {
            return !condition.isBlank();
        }

        /** A condition that restricts something on {@code today}: set and not always true. */
        boolean effectivelyConditioned(LocalDate today) {
            return conditioned() && !alwaysTrue(condition, today);
        }
    }

    static final Predicate<String> IAM_TYPES = type -> {
        var lower = type.toLowerCase(Locale.ROOT);
        return lower.contains("iammember:") || lower.contains("iambinding:") || lower.contains("iampolicy:");
    };

    static boolean isProjectGrant(String type) {
        return type.startsWith("gcp:projects/iAM") && IAM_TYPES.test(type);
    }

    /** An authoritative grant: it replaces the members of a role (binding) or the whole policy of the resource. */
    static boolean isAuthoritative(String type) {
        var lower = type.toLowerCase(Locale.ROOT);
        return lower.contains("iambinding:") || lower.contains("iampolicy:");
    }

    static List<Binding> bindings(PlanResource grant) {
        var inputs = grant.inputs();
        if (inputs.has("policyData")) {
            return policyBindings(Json.text(inputs.path("policyData")));
        }
        var members = new ArrayList<Member>();
        if (inputs.has("member")) {
            members.add(new Member("member", Json.text(inputs.path("member"))));
        }
        var list = inputs.path("members");
        for (int i = 0; i < list.size(); i++) {
            members.add(new Member("members[" + i + "]", list.get(i).asText("")));
        }
        return List.of(new Binding("role", Json.text(inputs.path("role")), members, "condition.expression",
                Json.text(inputs.path("condition").path("expression"))));
    }

    private static List<Binding> policyBindings(String policyData) {
        var bindings = new ArrayList<Binding>();
        try {
            var list = new ObjectMapper().readTree(policyData).path("bindings");
            for (int i = 0; i < list.size(); i++) {
                JsonNode binding = list.get(i);
                var at = "policyData.bindings[" + i + "]";
                var members = new ArrayList<Member>();
                var memberList = binding.path("members");
                for (int j = 0; j < memberList.size(); j++) {
                    members.add(new Member(at + ".members[" + j + "]", memberList.get(j).asText("")));
                }
                bindings.add(new Binding(at + ".role", Json.text(binding.path("role")), members,
                        at + ".condition.expression", Json.text(binding.path("condition").path("expression"))));
            }
        } catch (IOException unreadable) {
            // An unknown policy (an output) has no bindings to show yet.
        }
        return bindings;
    }

    static List<Member> members(PlanResource grant) {
        return bindings(grant).stream().flatMap(binding -> binding.members().stream()).toList();
    }

    /** A service account member: {@code serviceAccount:...}, or a reference to a service account of the plan. */
    static boolean isServiceAccount(String member, StackPlan plan) {
        return member.startsWith("serviceAccount:")
                || plan.referencedBy(member).map(resource -> resource.type().equals(SERVICE_ACCOUNT)).orElse(false);
    }

    /**
     * Whether an IAM condition is true whatever the request: {@code true}, a comparison of a value with itself, or a
     * time bound so far from {@code today} ({@value #FAR_FUTURE_YEARS} years and more ahead, or before 2000) that it
     * never ends the grant. A disjunction is always true when one side is; a conjunction when every side is.
     * {@code today} is the day the policy judges on, never the clock, so a verdict does not change with the year.
     */
    static boolean alwaysTrue(String expression, LocalDate today) {
        var text = unwrap(expression.strip());
        var disjuncts = split(text, "||");
        if (disjuncts.size() > 1) {
            return disjuncts.stream().anyMatch(part -> alwaysTrue(part, today));
        }
        var conjuncts = split(text, "&&");
        if (conjuncts.size() > 1) {
            return conjuncts.stream().allMatch(part -> alwaysTrue(part, today));
        }
        if (text.equals("true")) {
            return true;
        }
        var sides = split(text, "==");
        if (sides.size() == 2 && sides.get(0).strip().equals(sides.get(1).strip())) {
            return true;
        }
        var bound = TIME_BOUND.matcher(text);
        if (bound.matches()) {
            var year = Integer.parseInt(bound.group(2));
            return bound.group(1).startsWith("<") ? year >= today.getYear() + FAR_FUTURE_YEARS
                    : year < 2000;
        }
        return false;
    }

    /** The parts of {@code text} between top-level (outside parentheses, brackets and quotes) {@code operator}s. */
    static List<String> split(String text, String operator) {
        var parts = new ArrayList<String>();
        int depth = 0;
        char quote = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            var c = text.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(' || c == '[') {
                depth++;
            } else if (c == ')' || c == ']') {
                depth--;
            } else if (depth == 0 && text.startsWith(operator, i)) {
                parts.add(text.substring(start, i).strip());
                start = i + operator.length();
                i += operator.length() - 1;
            }
        }
        parts.add(text.substring(start).strip());
        return parts;
    }

    /** {@code text} without parentheses that enclose all of it. */
    static String unwrap(String text) {
        while (text.startsWith("(") && closingParenthesis(text) == text.length() - 1) {
            text = text.substring(1, text.length() - 1).strip();
        }
        return text;
    }

    private static int closingParenthesis(String text) {
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            depth += text.charAt(i) == '(' ? 1 : text.charAt(i) == ')' ? -1 : 0;
            if (depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
