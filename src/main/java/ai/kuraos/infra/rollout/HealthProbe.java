package ai.kuraos.infra.rollout;

import java.net.URI;

/** Asks a revision whether it is healthy: {@code GET <url>/health}. */
public interface HealthProbe {

    record Result(boolean healthy, String detail) {
    }

    Result check(URI baseUrl);
}
