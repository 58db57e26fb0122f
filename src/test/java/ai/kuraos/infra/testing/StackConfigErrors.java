package ai.kuraos.infra.testing;

import ai.kuraos.infra.StackSettings;
import ai.kuraos.infra.config.ConfigError;
import ai.kuraos.infra.config.StackConfigValues;

import java.util.List;

/** The errors a stack's settings would be refused with, for tests of one rule through the parser that applies it. */
public final class StackConfigErrors {

    private StackConfigErrors() {
    }

    /** The errors of a dev stack with the {@link MinimalConfig} plus (or overridden by) the given pairs. */
    public static List<ConfigError> of(String... keysAndValues) {
        return StackSettings.read("dev", StackConfigValues.of(MinimalConfig.with(keysAndValues))).errors();
    }

    /** The one error of such a stack, failing if there are none or several. */
    public static ConfigError only(String... keysAndValues) {
        var errors = of(keysAndValues);
        if (errors.size() != 1) {
            throw new AssertionError("expected one error, got " + errors);
        }
        return errors.get(0);
    }
}
