package ai.kuraos.infra.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The reviewed waiver file, {@value #FILE}: a list under {@code waivers:}, each with {@code rule}, {@code stack},
 * {@code type}, {@code name}, {@code path}, {@code reason}, and optional {@code values} (a list; required for the IAM
 * rules, whose findings carry the role granted) and {@code expires} (YYYY-MM-DD).
 */
public final class Waivers {

    public static final String FILE = "policy/waivers.yaml";
    private static final Set<String> FIELDS = Set.of("rule", "stack", "type", "name", "path", "values", "reason",
            "expires");
    /** The rules whose findings are grants: a waiver of them names the roles that were reviewed. */
    private static final String VALUED_RULES = "KURA-IAM-";

    private Waivers() {
    }

    /**
     * The waivers of {@code yaml} (empty text: none); with {@code knownRules} null, rule ids are not checked (the file
     * at an older commit may name a rule since renamed).
     *
     * @throws IllegalArgumentException listing every malformed entry: a missing field, an unknown field or rule, a bad date
     */
    public static List<Waiver> parse(String yaml, Set<String> knownRules) {
        JsonNode root;
        try {
            root = yaml.isBlank() ? null : new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (IOException unreadable) {
            throw new IllegalArgumentException(FILE + " is not valid YAML: " + unreadable.getMessage());
        }
        if (root == null || root.isNull() || root.isMissingNode()) {
            return List.of();
        }
        var list = root.path("waivers");
        if (!list.isArray()) {
            throw new IllegalArgumentException(FILE + " must hold a list under 'waivers:'");
        }
        var waivers = new ArrayList<Waiver>();
        var errors = new ArrayList<String>();
        for (int i = 0; i < list.size(); i++) {
            var entry = list.get(i);
            var number = i + 1;
            var where = FILE + " waiver " + number;
            var unknown = new ArrayList<String>();
            entry.fieldNames().forEachRemaining(field -> {
                if (!FIELDS.contains(field)) {
                    unknown.add(field);
                }
            });
            if (!unknown.isEmpty()) {
                errors.add(where + ": unknown field(s) " + unknown + "; allowed: " + FIELDS.stream().sorted().toList());
            }
            var missing = List.of("rule", "stack", "type", "name", "path", "reason").stream()
                    .filter(field -> Json.text(entry.path(field)).isBlank()).toList();
            if (!missing.isEmpty()) {
                errors.add(where + ": " + String.join(", ", missing) + " missing; every waiver names the rule, the"
                        + " resource (stack, type, name), the input path (* matches anything) and the reason");
            }
            var rule = Json.text(entry.path("rule"));
            if (!rule.isEmpty() && knownRules != null && !knownRules.contains(rule)) {
                errors.add(where + ": rule '" + rule + "' does not exist (see docs/policy.md for the rules)");
            }
            var values = entry.path("values");
            if (!values.isMissingNode() && (!values.isArray() || values.isEmpty())) {
                errors.add(where + ": values must be a non-empty list of the exact values reviewed (roles, flag"
                        + " values)");
            } else if (values.isMissingNode() && rule.startsWith(VALUED_RULES)) {
                errors.add(where + ": values missing; a waiver of " + rule + " lists the exact roles it accepts, so"
                        + " that a role granted later is a new finding");
            }
            LocalDate expires = null;
            var expiry = Json.text(entry.path("expires"));
            if (!expiry.isEmpty()) {
                try {
                    expires = LocalDate.parse(expiry);
                } catch (DateTimeParseException bad) {
                    errors.add(where + ": expires '" + expiry + "' is not a date YYYY-MM-DD");
                }
            }
            waivers.add(new Waiver(number, rule, Json.text(entry.path("stack")), Json.text(entry.path("type")),
                    Json.text(entry.path("name")), Json.text(entry.path("path")),
                    values.isArray() ? Json.texts(values) : List.of(), Json.text(entry.path("reason")).strip(), expires));
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(errors.stream().collect(Collectors.joining("\n")));
        }
        return waivers;
    }
}
