package ai.kuraos.infra.component;

import java.util.List;

/**
 * Shapes of output values for the inputs of other resources. An engine that has not reported an output yet (a preview,
 * a partial update, a provider that leaves it empty) hands the program null rather than a value.
 */
public final class KnownValues {

    private KnownValues() {
    }

    /** The value, or an empty text while it is not known. */
    public static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    /** A one-element list of the value, or an empty list while the value is not known. */
    public static List<String> listOfKnown(String value) {
        return value == null ? List.of() : List.of(value);
    }
}
