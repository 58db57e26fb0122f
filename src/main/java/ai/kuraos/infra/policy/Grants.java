package ai.kuraos.infra.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/** IAM grants as plan.json shows them: {@code *IAMMember} (member), {@code *IAMBinding} (members), {@code *IAMPolicy}. */
final class Grants {

    static final Set<String> PUBLIC_PRINCIPALS = Set.of("allUsers", "allAuthenticatedUsers");
    private static final String SERVICE_ACCOUNT = "gcp:serviceaccount/account:Account";

    private Grants() {
    }

    /** A member of a grant and where it sits in the inputs. */
    record Member(String path, String value) {
    }

    static final Predicate<String> IAM_TYPES = type -> {
        var lower = type.toLowerCase(Locale.ROOT);
        return lower.contains("iammember:") || lower.contains("iambinding:") || lower.contains("iampolicy:");
    };

    static boolean isProjectGrant(String type) {
        return type.startsWith("gcp:projects/iAM") && IAM_TYPES.test(type);
    }

    static List<Member> members(PlanResource grant) {
        var members = new ArrayList<Member>();
        var inputs = grant.inputs();
        if (inputs.has("member")) {
            members.add(new Member("member", Json.text(inputs.path("member"))));
        }
        var list = inputs.path("members");
        for (int i = 0; i < list.size(); i++) {
            members.add(new Member("members[" + i + "]", list.get(i).asText("")));
        }
        if (inputs.has("policyData")) {
            policyMembers(Json.text(inputs.path("policyData")))
                    .forEach(member -> members.add(new Member("policyData", member)));
        }
        return members;
    }

    private static List<String> policyMembers(String policyData) {
        var members = new ArrayList<String>();
        try {
            for (JsonNode binding : new ObjectMapper().readTree(policyData).path("bindings")) {
                binding.path("members").forEach(member -> members.add(member.asText("")));
            }
        } catch (IOException unreadable) {
            // An unknown policy (an output) has no members to show yet.
        }
        return members;
    }

    static String role(PlanResource grant) {
        return Json.text(grant.inputs().path("role"));
    }

    static boolean hasCondition(PlanResource grant) {
        return !Json.text(grant.inputs().path("condition").path("expression")).isBlank();
    }

    /** A service account member: {@code serviceAccount:...}, or a reference to a service account of the plan. */
    static boolean isServiceAccount(String member, StackPlan plan) {
        return member.startsWith("serviceAccount:")
                || plan.referencedBy(member).map(resource -> resource.type().equals(SERVICE_ACCOUNT)).orElse(false);
    }
}
