package ai.kuraos.infra.k8s;

import ai.kuraos.infra.k8s.ClusterSettings.Maintenance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.SUNDAY;
import static java.time.DayOfWeek.TUESDAY;
import static java.time.DayOfWeek.WEDNESDAY;
import static org.assertj.core.api.Assertions.assertThat;

class MaintenanceWindowsTest {

    private static final Maintenance WEEKEND = new Maintenance(List.of(SATURDAY, SUNDAY), "01:00", 6);

    @Test
    void recursWeeklyOnTheWindowsDaysInCalendarOrder() {
        assertThat(MaintenanceWindows.recurrence(WEEKEND)).isEqualTo("FREQ=WEEKLY;BYDAY=SA,SU");
        assertThat(MaintenanceWindows.recurrence(new Maintenance(List.of(SUNDAY, SATURDAY), "01:00", 6)))
                .isEqualTo("FREQ=WEEKLY;BYDAY=SA,SU");
        assertThat(MaintenanceWindows.recurrence(new Maintenance(List.of(FRIDAY, MONDAY, TUESDAY), "01:00", 6)))
                .isEqualTo("FREQ=WEEKLY;BYDAY=MO,TU,FR");
    }

    @Test
    void namesEveryDayByItsTwoLetterRfc5545Code() {
        var everyDay = new Maintenance(Arrays.asList(DayOfWeek.values()), "01:00", 4);

        assertThat(MaintenanceWindows.recurrence(everyDay)).isEqualTo("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU");
    }

    @Test
    void startsTheFirstOccurrenceOnTheFirstDayOfTheWindowInTheFixedFirstWeekOf2024() {
        assertThat(MaintenanceWindows.firstStart(WEEKEND)).isEqualTo("2024-01-06T01:00:00Z");
        assertThat(MaintenanceWindows.firstStart(new Maintenance(List.of(SUNDAY, WEDNESDAY), "22:30", 4)))
                .isEqualTo("2024-01-03T22:30:00Z");
        assertThat(MaintenanceWindows.firstStart(new Maintenance(List.of(SUNDAY, MONDAY), "00:00", 6)))
                .isEqualTo("2024-01-01T00:00:00Z");
    }

    @Test
    void endsTheFirstOccurrenceDurationHoursAfterItsStart() {
        assertThat(MaintenanceWindows.firstEnd(WEEKEND)).isEqualTo("2024-01-06T07:00:00Z");
    }

    @Test
    void endsOnTheNextDayWhenTheWindowCrossesMidnight() {
        var lateWednesday = new Maintenance(List.of(WEDNESDAY, SUNDAY), "22:30", 4);

        assertThat(MaintenanceWindows.firstEnd(lateWednesday)).isEqualTo("2024-01-04T02:30:00Z");
    }

    @ParameterizedTest
    @CsvSource({"SATURDAY, 01:00, 4", "SUNDAY, 23:59, 6", "TUESDAY, 12:15, 12", "FRIDAY, 00:00, 24"})
    void lastsExactlyTheWindowsDurationInUtc(DayOfWeek day, String startTime, int hours) {
        var window = new Maintenance(List.of(day), startTime, hours);

        var start = OffsetDateTime.parse(MaintenanceWindows.firstStart(window));
        var end = OffsetDateTime.parse(MaintenanceWindows.firstEnd(window));

        assertThat(Duration.between(start, end)).isEqualTo(Duration.ofHours(hours));
        assertThat(start.getOffset()).isEqualTo(ZoneOffset.UTC);
        assertThat(start.getDayOfWeek()).isEqualTo(day);
        assertThat(start.toLocalTime()).hasToString(startTime);
    }

    @Test
    void neverDependsOnTodaySoThePlanDoesNotChangeByItself() {
        var first = MaintenanceWindows.firstStart(WEEKEND) + MaintenanceWindows.firstEnd(WEEKEND);
        var again = MaintenanceWindows.firstStart(WEEKEND) + MaintenanceWindows.firstEnd(WEEKEND);

        assertThat(again).isEqualTo(first);
        assertThat(OffsetDateTime.parse(MaintenanceWindows.firstStart(WEEKEND)))
                .isBefore(OffsetDateTime.parse("2024-01-08T00:00:00Z"));
    }
}
