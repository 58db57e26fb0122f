package ai.kuraos.infra.config;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** Values of the external secrets (Stripe, Twilio, ...) that the stack's encrypted config provides. */
public record SecretsSettings(Map<String, SecretText> externalValues) {

    public SecretsSettings {
        externalValues = Collections.unmodifiableSortedMap(new TreeMap<>(externalValues));
    }
}
