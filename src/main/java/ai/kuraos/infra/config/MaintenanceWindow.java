package ai.kuraos.infra.config;

import java.time.DayOfWeek;

/** A weekly hour (UTC) when Google may restart a managed service for updates; the same shape for every service. */
public record MaintenanceWindow(DayOfWeek day, int hour) {
}
