package ai.kuraos.infra.config;

/**
 * What a stack gets for each setting it leaves out. Production keeps more, survives a zone outage, never cold-starts
 * and protects everything; dev stays cheap and disposable; staging sits between, close enough to prod to rehearse a
 * release on it.
 */
public record EnvironmentDefaults(
        boolean deletionProtection,
        Network network,
        Registry registry,
        Database database,
        Cache cache,
        Backups backups,
        Backend backend,
        Edge edge,
        Cluster cluster,
        Kafka kafka,
        Monitoring monitoring) {

    public record Network(String subnetCidr, double flowLogSampling) {
    }

    public record Registry(int keepRecentImages, int deleteUntaggedImagesAfterDays) {
    }

    public record Database(String tier, String availability, int diskAutoresizeLimitGb, int retainedBackups,
                           boolean pointInTimeRecovery) {
    }

    public record Cache(String tier, int memorySizeGb) {
    }

    public record Backups(int retentionDays) {
    }

    public record Backend(String memory, int minInstances, int maxInstances, double traceSampleRatio) {
    }

    public record Edge(boolean enabled, boolean wafPreview, boolean adaptiveProtection) {
    }

    public record Cluster(String releaseChannel, String podsCidr, String servicesCidr, String controlPlaneCidr) {
    }

    public record Kafka(boolean enabled, int brokers, int storageGb, String storageClass, String cpu, String memory) {
    }

    public record Monitoring(int uptimeCheckPeriodSeconds, double backendErrorRatio, int backendLatencyP95Ms) {
    }

    public static EnvironmentDefaults of(Environment environment) {
        return switch (environment) {
            case DEV -> new EnvironmentDefaults(false,
                    new Network("10.30.0.0/20", 0.1),
                    new Registry(5, 7),
                    new Database("db-f1-micro", "ZONAL", 20, 7, false),
                    new Cache("BASIC", 1),
                    new Backups(7),
                    new Backend("512Mi", 0, 2, 1.0),
                    new Edge(false, true, false),
                    new Cluster("REGULAR", "10.31.0.0/17", "10.31.128.0/22", "172.16.0.32/28"),
                    new Kafka(false, 1, 10, "standard-rwo", "500m", "2Gi"),
                    new Monitoring(900, 0.2, 3000));
            case STAGING -> new EnvironmentDefaults(true,
                    new Network("10.20.0.0/20", 0.25),
                    new Registry(10, 7),
                    new Database("db-custom-1-3840", "ZONAL", 50, 7, true),
                    new Cache("BASIC", 1),
                    new Backups(14),
                    new Backend("1Gi", 0, 3, 0.5),
                    new Edge(true, false, false),
                    new Cluster("REGULAR", "10.21.0.0/17", "10.21.128.0/22", "172.16.0.16/28"),
                    new Kafka(false, 1, 20, "standard-rwo", "500m", "2Gi"),
                    new Monitoring(300, 0.1, 2000));
            case PROD -> new EnvironmentDefaults(true,
                    new Network("10.10.0.0/20", 0.5),
                    new Registry(20, 14),
                    new Database("db-custom-1-3840", "REGIONAL", 100, 30, true),
                    new Cache("STANDARD_HA", 2),
                    new Backups(30),
                    new Backend("1Gi", 1, 10, 0.1),
                    new Edge(true, false, true),
                    new Cluster("STABLE", "10.11.0.0/17", "10.11.128.0/22", "172.16.0.0/28"),
                    new Kafka(true, 3, 100, "premium-rwo", "2", "8Gi"),
                    new Monitoring(60, 0.05, 1000));
        };
    }
}
