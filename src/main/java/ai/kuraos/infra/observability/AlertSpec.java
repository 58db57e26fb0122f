package ai.kuraos.infra.observability;

import java.util.List;
import java.util.Optional;

/**
 * One alert policy as the platform defines it: what it watches (its conditions, all of which must hold when the
 * combiner is AND), how bad it is, and the runbook the notification carries.
 */
public record AlertSpec(String name, String displayName, Severity severity, String runbook, String combiner,
                        List<Condition> conditions) {

    public enum Severity {
        /** Users are, or are about to be, affected: every channel, including the auto-remediation webhook. */
        CRITICAL,
        /** Something degrades or fills up: e-mail. */
        WARNING;

        public String label() {
            return name().toLowerCase();
        }
    }

    /** A condition on a Cloud Monitoring metric, or a PromQL rule on Managed Prometheus data. */
    public sealed interface Condition permits Threshold, PromQl {
        String displayName();
    }

    /**
     * {@code filter}'s series, aligned over {@code alignmentSeconds} and reduced, compared with {@code threshold} for
     * {@code durationSeconds}. With a denominator, the condition is on the ratio of the two.
     */
    public record Threshold(String displayName, String filter, int alignmentSeconds, String aligner, String reducer,
                            List<String> groupBy, String comparison, double threshold, int durationSeconds,
                            Optional<String> denominatorFilter) implements Condition {

        public Threshold {
            groupBy = List.copyOf(groupBy);
        }
    }

    public record PromQl(String displayName, String query, int durationSeconds) implements Condition {
    }

    public AlertSpec {
        conditions = List.copyOf(conditions);
    }
}
