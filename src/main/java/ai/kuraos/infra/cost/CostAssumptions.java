package ai.kuraos.infra.cost;

import ai.kuraos.infra.config.ConfigSection;
import ai.kuraos.infra.config.Environment;
import ai.kuraos.infra.plan.ProjectLayout;
import ai.kuraos.infra.plan.StackPlanner;

/**
 * The usage a plan cannot know, per stack ({@code kura-infra:cost} in the stack file), with defaults per environment.
 * Every figure of an estimate that depends on one of these names it.
 *
 * @param requestsPerMonth              API requests a month, through the load balancer, Cloud Armor and Cloud Run
 * @param requestSeconds                average time Cloud Run spends on a request
 * @param concurrentRequestsPerInstance requests a busy Cloud Run instance serves at once, on average
 * @param lbDataGb                      GB a month the load balancer processes for the API (in and out)
 * @param cdnEgressGb                   GB a month Cloud CDN serves from its caches
 * @param cdnCacheFillGb                GB a month Cloud CDN fills from the static bucket
 * @param cdnRequestsPerMonth           requests a month to the static assets (cache lookups)
 * @param bucketStorageGb               GB stored in each Cloud Storage bucket
 * @param databaseBackupGb              GB of Cloud SQL backups and transaction logs kept
 * @param artifactStorageGb             GB of container images in Artifact Registry
 * @param natVms                        GKE nodes (VMs) that get a Cloud NAT assignment
 * @param natDataGb                     GB a month Cloud NAT processes
 * @param secretAccessesPerMonth        accesses a month of each secret (revisions starting, jobs running)
 * @param jobRunsPerMonth               executions a month of each Cloud Run job
 * @param jobRunSeconds                 how long a job execution runs
 */
public record CostAssumptions(
        long requestsPerMonth,
        double requestSeconds,
        double concurrentRequestsPerInstance,
        double lbDataGb,
        double cdnEgressGb,
        double cdnCacheFillGb,
        long cdnRequestsPerMonth,
        double bucketStorageGb,
        double databaseBackupGb,
        double artifactStorageGb,
        int natVms,
        double natDataGb,
        long secretAccessesPerMonth,
        int jobRunsPerMonth,
        double jobRunSeconds) {

    /** The defaults: dev and staging see the team's own traffic; prod, a small health-tech company's. */
    public static CostAssumptions defaults(Environment environment) {
        return switch (environment) {
            case DEV -> new CostAssumptions(100_000, 0.2, 5, 1, 1, 0.5, 100_000, 1, 2, 5, 0, 1, 1_000, 20, 60);
            case STAGING -> new CostAssumptions(500_000, 0.2, 5, 5, 5, 1, 500_000, 2, 10, 10, 3, 10, 5_000, 30, 60);
            case PROD -> new CostAssumptions(10_000_000, 0.2, 10, 100, 200, 20, 5_000_000, 10, 50, 20, 6, 50, 50_000, 30, 90);
        };
    }

    /** Reads {@code kura-infra:cost}; an absent key keeps the environment's default, a bad one is reported by key. */
    public static CostAssumptions read(ConfigSection section, Environment environment) {
        var defaults = defaults(environment);
        return new CostAssumptions(
                section.value("requestsPerMonth").integer(clamp(defaults.requestsPerMonth()), 0, Integer.MAX_VALUE),
                section.value("requestSeconds").decimal(defaults.requestSeconds(), 0.001, 3600),
                section.value("concurrentRequestsPerInstance").decimal(defaults.concurrentRequestsPerInstance(), 1, 1000),
                section.value("lbDataGb").decimal(defaults.lbDataGb(), 0, 10_000_000),
                section.value("cdnEgressGb").decimal(defaults.cdnEgressGb(), 0, 10_000_000),
                section.value("cdnCacheFillGb").decimal(defaults.cdnCacheFillGb(), 0, 10_000_000),
                section.value("cdnRequestsPerMonth").integer(clamp(defaults.cdnRequestsPerMonth()), 0, Integer.MAX_VALUE),
                section.value("bucketStorageGb").decimal(defaults.bucketStorageGb(), 0, 10_000_000),
                section.value("databaseBackupGb").decimal(defaults.databaseBackupGb(), 0, 10_000_000),
                section.value("artifactStorageGb").decimal(defaults.artifactStorageGb(), 0, 10_000_000),
                section.value("natVms").integer(defaults.natVms(), 0, 10_000),
                section.value("natDataGb").decimal(defaults.natDataGb(), 0, 10_000_000),
                section.value("secretAccessesPerMonth").integer(clamp(defaults.secretAccessesPerMonth()), 0, Integer.MAX_VALUE),
                section.value("jobRunsPerMonth").integer(defaults.jobRunsPerMonth(), 0, 100_000),
                section.value("jobRunSeconds").decimal(defaults.jobRunSeconds(), 1, 86_400));
    }

    /**
     * A stack's assumptions as its stack file sets them; a stack without a stack file now (one a change deletes) gets
     * its environment's defaults. Throws {@link ai.kuraos.infra.config.InvalidConfigException} on invalid config.
     */
    public static CostAssumptions ofStack(ProjectLayout layout, String stack) {
        if (!layout.stacks().contains(stack)) {
            return defaults(Environment.byId(stack).orElse(Environment.DEV));
        }
        return StackPlanner.settings(layout, stack).cost();
    }

    private static int clamp(long value) {
        return (int) Math.min(value, Integer.MAX_VALUE);
    }
}
