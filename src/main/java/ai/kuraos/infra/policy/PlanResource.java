package ai.kuraos.infra.policy;

import com.fasterxml.jackson.databind.JsonNode;

/** One resource of a rendered plan, as the rules see it; {@code inputs} is never null (a missing object is empty). */
public record PlanResource(String stack, String type, String name, boolean protect, JsonNode inputs) {
}
