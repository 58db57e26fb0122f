package ai.kuraos.infra.policy;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One stack's rendered plan as the rules read it. A nested project's stack is named {@code <directory>/<stack>}, e.g.
 * {@code bootstrap/ops}.
 */
public record StackPlan(String stack, List<PlanResource> resources) {

    /** {@code ${name.output}}: how plan.json shows a value another resource produces. */
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^.}]+)\\.[^}]+}");

    public StackPlan {
        resources = List.copyOf(resources);
    }

    public List<PlanResource> ofType(Predicate<String> type) {
        return resources.stream().filter(resource -> type.test(resource.type())).toList();
    }

    public List<PlanResource> ofType(String type) {
        return ofType(type::equals);
    }

    public Optional<PlanResource> named(String name) {
        return resources.stream().filter(resource -> resource.name().equals(name)).findFirst();
    }

    /** The resource whose output {@code value} is, when it is a whole {@code ${name.output}} reference. */
    public Optional<PlanResource> referencedBy(String value) {
        var match = REFERENCE.matcher(value == null ? "" : value);
        return match.matches() ? named(match.group(1)) : Optional.empty();
    }
}
