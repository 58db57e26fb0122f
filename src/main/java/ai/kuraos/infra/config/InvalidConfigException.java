package ai.kuraos.infra.config;

import com.pulumi.exceptions.RunException;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Every problem found in a stack's configuration, raised before any resource is declared. It is a
 * {@link RunException} so that under the Pulumi CLI it ends the run with this message and no stack trace.
 */
public final class InvalidConfigException extends RunException {
    private static final long serialVersionUID = 1L;

    private final transient List<ConfigError> errors;

    public InvalidConfigException(String stack, List<ConfigError> errors) {
        super(describe(stack, errors));
        this.errors = List.copyOf(errors);
    }

    public List<ConfigError> errors() {
        return errors;
    }

    private static String describe(String stack, List<ConfigError> errors) {
        return errors.stream()
                .map(error -> "  - " + error)
                .collect(Collectors.joining("\n",
                        "stack '" + stack + "' has " + errors.size() + " configuration error"
                                + (errors.size() == 1 ? "" : "s") + ":\n", ""));
    }
}
