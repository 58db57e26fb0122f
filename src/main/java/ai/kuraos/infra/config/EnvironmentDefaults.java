package ai.kuraos.infra.config;

/**
 * What a stack gets for each setting it leaves out. Production keeps more, survives a zone outage and protects
 * everything; dev stays cheap and disposable; staging sits between, close enough to prod to rehearse a release on it.
 */
public record EnvironmentDefaults(
        boolean deletionProtection,
        String subnetCidr,
        double flowLogSampling,
        int keepRecentImages,
        int deleteUntaggedImagesAfterDays,
        String databaseTier,
        String databaseAvailability,
        int databaseDiskAutoresizeLimitGb,
        int retainedBackups,
        boolean pointInTimeRecovery,
        String cacheTier,
        int cacheMemorySizeGb,
        int backupRetentionDays) {

    public static EnvironmentDefaults of(Environment environment) {
        return switch (environment) {
            case DEV -> new EnvironmentDefaults(false, "10.30.0.0/20", 0.1, 5, 7,
                    "db-f1-micro", "ZONAL", 20, 7, false, "BASIC", 1, 7);
            case STAGING -> new EnvironmentDefaults(true, "10.20.0.0/20", 0.25, 10, 7,
                    "db-custom-1-3840", "ZONAL", 50, 7, true, "BASIC", 1, 14);
            case PROD -> new EnvironmentDefaults(true, "10.10.0.0/20", 0.5, 20, 14,
                    "db-custom-1-3840", "REGIONAL", 100, 30, true, "STANDARD_HA", 2, 30);
        };
    }
}
