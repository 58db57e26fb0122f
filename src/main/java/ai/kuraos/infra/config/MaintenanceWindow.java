package ai.kuraos.infra.config;

import java.time.DayOfWeek;

/** A weekly hour (UTC) when Google may restart a managed service for updates; the same shape for every service. */
public record MaintenanceWindow(DayOfWeek day, int hour) {

    /** @param fallback the service's own default window */
    public static MaintenanceWindow read(ConfigSection section, MaintenanceWindow fallback) {
        return new MaintenanceWindow(
                section.value("day", "The day, UTC.").choice(fallback.day(), DayOfWeek.class),
                section.value("hour", "The starting hour, UTC.").integer(fallback.hour(), 0, 23));
    }
}
