package ai.kuraos.infra.policy;

import java.util.Locale;

/** How bad a finding is: high is exploitable or loses data, medium weakens a defence, low is hygiene. */
public enum Severity {
    HIGH, MEDIUM, LOW;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
