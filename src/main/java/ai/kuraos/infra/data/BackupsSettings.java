package ai.kuraos.infra.data;

import ai.kuraos.infra.config.ConfigSection;
import ai.kuraos.infra.config.Environment;

/**
 * The bucket for the admin panel's logical backups: how long a backup is kept, and how long a deleted or overwritten
 * one stays recoverable as a noncurrent version.
 */
public record BackupsSettings(int retentionDays, int deletedRetentionDays) {

    /** The {@code backups} section. */
    public static BackupsSettings read(ConfigSection section, Environment environment) {
        return new BackupsSettings(
                section.value("retentionDays", "How long a backup is kept.").integer(environment.pick(7, 14, 30), 1, 3650),
                section.value("deletedRetentionDays", "How long a deleted or overwritten backup remains recoverable as a"
                        + " noncurrent version.").integer(7, 1, 365));
    }
}
