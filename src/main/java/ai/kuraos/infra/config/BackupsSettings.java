package ai.kuraos.infra.config;

/**
 * The bucket for the admin panel's logical backups: how long a backup is kept, and how long a deleted or overwritten
 * one stays recoverable as a noncurrent version.
 */
public record BackupsSettings(int retentionDays, int deletedRetentionDays) {
}
