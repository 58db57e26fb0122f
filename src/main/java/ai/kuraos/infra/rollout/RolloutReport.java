package ai.kuraos.infra.rollout;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a finished deploy or rollback did: the revision now serving, the one a bare {@code rollback} returns to (if
 * any is recorded), and how long each step took.
 */
public record RolloutReport(String servingRevision, Optional<String> previousRevision, Map<Step, Duration> timings) {

    public RolloutReport {
        timings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(timings));
    }

    public Duration total() {
        return timings.values().stream().reduce(Duration.ZERO, Duration::plus);
    }

    public String describeTimings() {
        return timings.entrySet().stream()
                .map(entry -> entry.getKey().label() + " " + format(entry.getValue()))
                .collect(Collectors.joining(", ")) + " (total " + format(total()) + ")";
    }

    static String format(Duration duration) {
        var seconds = duration.toSeconds();
        return seconds >= 60 ? seconds / 60 + "m" + String.format("%02d", seconds % 60) + "s" : seconds + "s";
    }
}
