package ai.kuraos.infra.k8s;


import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.stream.Collectors;

/**
 * GKE's recurring maintenance window as RFC 5545 data: a first occurrence (start and end) and a weekly recurrence.
 * The first occurrence is anchored in a fixed past week, so the rendered plan never changes by itself.
 */
public final class MaintenanceWindows {

    private static final LocalDate ANCHOR_WEEK = LocalDate.of(2024, 1, 1);
    private static final DateTimeFormatter RFC_3339 = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private MaintenanceWindows() {
    }

    public static String firstStart(ClusterSettings.Maintenance window) {
        return start(window).format(RFC_3339);
    }

    public static String firstEnd(ClusterSettings.Maintenance window) {
        return start(window).plusHours(window.durationHours()).format(RFC_3339);
    }

    /** e.g. {@code FREQ=WEEKLY;BYDAY=SA,SU} */
    public static String recurrence(ClusterSettings.Maintenance window) {
        return "FREQ=WEEKLY;BYDAY=" + window.days().stream().sorted()
                .map(day -> day.name().substring(0, 2)).collect(Collectors.joining(","));
    }

    private static java.time.OffsetDateTime start(ClusterSettings.Maintenance window) {
        DayOfWeek first = window.days().stream().sorted().findFirst().orElse(DayOfWeek.SATURDAY);
        return ANCHOR_WEEK.with(TemporalAdjusters.nextOrSame(first))
                .atTime(LocalTime.parse(window.startTime()))
                .atOffset(ZoneOffset.UTC);
    }
}
