package ai.kuraos.infra.data;

import ai.kuraos.infra.config.Suggestions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * PostgreSQL 15's own catalogue of run-time parameters ({@code postgres --describe-config}), kept as a resource so
 * that the offline plan can refuse a misspelt flag or an out-of-range number before Cloud SQL does. Enum and string
 * values are checked by the real server in the tests.
 */
public final class PostgresParameters {

    public static final String RESOURCE = "/postgres/15/parameters.tsv";

    /** One parameter: its context (when it can change), type, and bounds for numbers. */
    public record Parameter(String name, String context, String type, String min, String max) {
    }

    private static final Set<String> BOOLEAN_WORDS = Set.of("on", "off", "true", "false", "yes", "no", "1", "0");
    private static final Map<String, Parameter> CATALOGUE = load();

    private PostgresParameters() {
    }

    public static Map<String, Parameter> catalogue() {
        return CATALOGUE;
    }

    /**
     * What is wrong with setting {@code name} to {@code value} on Cloud SQL for PostgreSQL 15, if anything. Cloud SQL's
     * own {@code cloudsql.*} flags are switches (on/off).
     */
    public static Optional<String> problem(String name, String value) {
        if (name.startsWith("cloudsql.")) {
            return BOOLEAN_WORDS.contains(value.toLowerCase()) ? Optional.empty() : Optional.of("expected on or off");
        }
        var parameter = CATALOGUE.get(name);
        if (parameter == null) {
            return Optional.of("not a PostgreSQL 15 parameter" + Suggestions.closest(name, CATALOGUE.keySet())
                    .map(match -> "; did you mean " + match + "?").orElse(""));
        }
        return switch (parameter.type()) {
            case "BOOLEAN" -> BOOLEAN_WORDS.contains(value.toLowerCase()) ? Optional.empty()
                    : Optional.of("expected on or off");
            case "INTEGER", "REAL" -> numberProblem(parameter, value);
            default -> Optional.empty();
        };
    }

    private static Optional<String> numberProblem(Parameter parameter, String value) {
        var expected = (parameter.type().equals("INTEGER") ? "a whole number" : "a number") + " from "
                + parameter.min() + " to " + parameter.max();
        try {
            var number = new BigDecimal(value.trim());
            var whole = number.stripTrailingZeros().scale() <= 0;
            var inRange = number.compareTo(new BigDecimal(parameter.min())) >= 0
                    && number.compareTo(new BigDecimal(parameter.max())) <= 0;
            return (parameter.type().equals("REAL") || whole) && inRange ? Optional.empty() : Optional.of("expected " + expected);
        } catch (NumberFormatException notANumber) {
            return Optional.of("expected " + expected + " (Cloud SQL takes plain numbers, without units)");
        }
    }

    private static Map<String, Parameter> load() {
        var parameters = new TreeMap<String, Parameter>();
        var stream = PostgresParameters.class.getResourceAsStream(RESOURCE);
        if (stream == null) {
            throw new IllegalStateException("missing resource " + RESOURCE);
        }
        try (var reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            reader.lines().filter(line -> !line.startsWith("#")).forEach(line -> {
                var fields = line.split("\t", -1);
                parameters.put(fields[0], new Parameter(fields[0], fields[1], fields[2], fields[3], fields[4]));
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Collections.unmodifiableSortedMap(parameters);
    }
}
