package ai.kuraos.infra.plan;

import ai.kuraos.infra.config.StackConfigValues;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.pulumi.core.internal.Constants;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Turns the values the engine receives (protobuf, where every number is a double and secrets, unknowns and resource
 * references are wrapped in marker objects) into the plan's JSON: whole numbers as integers, keys sorted,
 * {@code "[secret]"} for anything secret, {@code "[unknown]"} for values not known before creation. A secret made from
 * other resources' outputs names them, {@code "[secret ← kura-cache.authString]"}, and never its text: a replacement
 * of that resource regenerates the secret, and the review has to see that edge.
 */
public final class PlanValues {

    /** What a secret reads as in a plan: the same marker as an encrypted config value offline. */
    public static final String SECRET = StackConfigValues.UNREADABLE_SECRET;
    public static final String UNKNOWN = "[unknown]";
    private static final String SECRET_FROM = "[secret ← ";
    private static final Pattern OUTPUT_REFERENCE = Pattern.compile("\\$\\{([^}]+)}");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Doubles represent integers exactly up to 2^53. */
    private static final double LARGEST_EXACT_WHOLE = 9_007_199_254_740_992d;

    private PlanValues() {
    }

    public static ObjectNode object(Struct struct, Function<String, String> nameOfUrn) {
        return object(struct.getFieldsMap(), nameOfUrn);
    }

    public static JsonNode value(Value value, Function<String, String> nameOfUrn) {
        return switch (value.getKindCase()) {
            case NULL_VALUE, KIND_NOT_SET -> NODES.nullNode();
            case BOOL_VALUE -> NODES.booleanNode(value.getBoolValue());
            case NUMBER_VALUE -> number(value.getNumberValue());
            case STRING_VALUE -> Constants.UnknownValue.equals(value.getStringValue())
                    ? NODES.textNode(UNKNOWN) : NODES.textNode(value.getStringValue());
            case LIST_VALUE -> {
                var array = NODES.arrayNode();
                value.getListValue().getValuesList().forEach(element -> array.add(value(element, nameOfUrn)));
                yield array;
            }
            case STRUCT_VALUE -> special(value.getStructValue().getFieldsMap(), nameOfUrn);
        };
    }

    /** Whole numbers become integers; the engine's protobuf transport turns every number into a double. */
    public static JsonNode number(double number) {
        if (number == Math.rint(number) && Math.abs(number) <= LARGEST_EXACT_WHOLE) {
            return NODES.numberNode((long) number);
        }
        return NODES.numberNode(number);
    }

    private static JsonNode special(Map<String, Value> fields, Function<String, String> nameOfUrn) {
        var signature = fields.get(Constants.SpecialSigKey);
        if (signature == null) {
            return object(fields, nameOfUrn);
        }
        return switch (signature.getStringValue()) {
            case Constants.SpecialSecretSig -> secret(fields.get("value"), nameOfUrn);
            case Constants.SpecialResourceSig ->
                    NODES.textNode("${" + nameOfUrn.apply(fields.get("urn").getStringValue()) + "}");
            case Constants.SpecialOutputSig -> {
                if (fields.containsKey("secret") && fields.get("secret").getBoolValue()) {
                    yield secret(fields.get("value"), nameOfUrn);
                }
                yield fields.containsKey("value") ? value(fields.get("value"), nameOfUrn) : NODES.textNode(UNKNOWN);
            }
            default -> throw new IllegalArgumentException("unsupported engine value with signature " + signature);
        };
    }

    /** True when {@code value} is a plan's secret marker, with or without the outputs it is made from. */
    public static boolean isSecret(String value) {
        return value.equals(SECRET) || value.startsWith(SECRET_FROM) && value.endsWith("]");
    }

    /**
     * True when {@code value}, a plan's string, is fed by an output of the resource named {@code name}: as
     * {@code ${name.output}} (names may hold dots, so the output is matched after the name) or in a secret's sources.
     */
    public static boolean references(String value, String name) {
        if (value.contains("${" + name + ".") || value.contains("${" + name + "}")) {
            return true;
        }
        return secretSources(value).stream().anyMatch(source -> source.equals(name) || source.startsWith(name + "."));
    }

    /** A secret shows only the outputs it is made from, sorted; text of its own never reaches the plan. */
    private static JsonNode secret(Value inner, Function<String, String> nameOfUrn) {
        var sources = new TreeSet<String>();
        if (inner != null) {
            collectReferences(value(inner, nameOfUrn), sources);
        }
        return NODES.textNode(sources.isEmpty() ? SECRET : SECRET_FROM + String.join(", ", sources) + "]");
    }

    /** The outputs a secret marker names; none for a plain {@value #SECRET} or any other value. */
    private static List<String> secretSources(String value) {
        return isSecret(value) && !value.equals(SECRET)
                ? Arrays.asList(value.substring(SECRET_FROM.length(), value.length() - 1).split(", "))
                : List.of();
    }

    private static void collectReferences(JsonNode node, Set<String> sources) {
        if (node.isTextual()) {
            var text = node.asText();
            var matcher = OUTPUT_REFERENCE.matcher(text);
            while (matcher.find()) {
                sources.add(matcher.group(1));
            }
            sources.addAll(secretSources(text));
        }
        node.forEach(child -> collectReferences(child, sources));
    }

    private static ObjectNode object(Map<String, Value> fields, Function<String, String> nameOfUrn) {
        var object = NODES.objectNode();
        new TreeMap<>(fields).forEach((key, field) -> object.set(key, value(field, nameOfUrn)));
        return object;
    }
}
