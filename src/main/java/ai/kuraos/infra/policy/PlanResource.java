package ai.kuraos.infra.policy;

import com.fasterxml.jackson.databind.JsonNode;

/** One resource of a rendered plan, as the rules see it; {@code inputs} is never null (a missing object is empty). */
public record PlanResource(String stack, String type, String name, String parent, String provider, boolean protect,
                           JsonNode inputs) {

    /** The type's last segment, e.g. {@code DatabaseInstance} of {@code gcp:sql/databaseInstance:DatabaseInstance}. */
    public String kind() {
        return type.substring(type.lastIndexOf(':') + 1);
    }

    /** {@code plan.json}'s label of this resource in messages: {@code <type> <name>}. */
    public String shown() {
        return type + " " + name;
    }
}
