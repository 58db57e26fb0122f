package ai.kuraos.infra.usage;

import ai.kuraos.infra.config.ConfigReader;
import ai.kuraos.infra.config.ConfigSection;
import ai.kuraos.infra.config.ConfigValue;
import ai.kuraos.infra.config.Environment;
import ai.kuraos.infra.config.StackConfigValues;
import ai.kuraos.infra.config.Target;

import java.util.Map;
import java.util.OptionalInt;

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
 * @param natVms                        GKE nodes (VMs) that get a Cloud NAT assignment; empty: derived from the plan
 * @param natDataGb                     GB a month Cloud NAT processes
 * @param natEgressGb                   GB a month that leave for the internet through Cloud NAT
 * @param apiEgressGb                   GB a month of API responses the load balancer sends to the internet
 * @param flowLogsGbAtFullSampling      GB a month of VPC flow logs a subnetwork would write at sampling 1.0
 * @param loggingIngestionGb            GB a month of logs the project ingests into Cloud Logging
 * @param prometheusMillionSamplesPerMonitor million samples a month each PodMonitoring's targets send
 * @param kafkaInterZoneGb              GB a month Kafka's replication and clients move between zones
 * @param traceMillionSpans             million spans a month the backend sends to Cloud Trace
 * @param secretAccessesPerMonth        accesses a month of each secret (revisions starting, jobs running)
 * @param jobRunsPerMonth               executions a month of each Cloud Run job
 * @param jobRunSeconds                 how long a job execution runs
 * @param alertTimeSeriesPerCondition   time series a metric alerting condition's query returns per execution
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
        OptionalInt natVms,
        double natDataGb,
        double natEgressGb,
        double apiEgressGb,
        double flowLogsGbAtFullSampling,
        double loggingIngestionGb,
        double prometheusMillionSamplesPerMonitor,
        double kafkaInterZoneGb,
        double traceMillionSpans,
        long secretAccessesPerMonth,
        int jobRunsPerMonth,
        double jobRunSeconds,
        double alertTimeSeriesPerCondition) {

    /** An environment's defaults: what a stack that sets nothing under {@code kura-infra:cost} assumes. */
    public static CostAssumptions defaults(Environment environment) {
        var empty = new ConfigReader(StackConfigValues.of(Map.of()));
        return read(empty.section("cost", SECTION), environment);
    }

    /** What the {@code cost} section itself is, as the configuration reference states it. */
    public static final String SECTION = "Usage the plan cannot know, for `cost` and the cost delta of `plan --diff`:"
            + " dev and staging see the team's own traffic; prod, a small health-tech company's. Every figure of an"
            + " estimate that depends on one of these names it.";

    /** Reads {@code kura-infra:cost}; an absent key keeps the environment's default, a bad one is reported by key. */
    public static CostAssumptions read(ConfigSection section, Environment environment) {
        return new CostAssumptions(
                section.value("requestsPerMonth", "API requests a month, through the load balancer, Cloud Armor and"
                        + " Cloud Run.").integer(environment.pick(100_000, 500_000, 10_000_000), 0, Integer.MAX_VALUE),
                section.value("requestSeconds", "Average time Cloud Run spends on a request, in seconds.")
                        .decimal(0.2, 0.001, 3600),
                section.value("concurrentRequestsPerInstance", "Requests a busy Cloud Run instance serves at once, on"
                        + " average.").decimal(environment.pick(5.0, 5.0, 10.0), 1, 1000),
                section.value("lbDataGb", "GB a month the load balancer processes for the API (in and out).")
                        .decimal(environment.pick(1.0, 5.0, 100.0), 0, 10_000_000),
                section.value("cdnEgressGb", "GB a month Cloud CDN serves from its caches.")
                        .decimal(environment.pick(1.0, 5.0, 200.0), 0, 10_000_000),
                section.value("cdnCacheFillGb", "GB a month Cloud CDN fills from the static bucket.")
                        .decimal(environment.pick(0.5, 1.0, 20.0), 0, 10_000_000),
                section.value("cdnRequestsPerMonth", "Requests a month to the static assets (cache lookups).")
                        .integer(environment.pick(100_000, 500_000, 5_000_000), 0, Integer.MAX_VALUE),
                section.value("bucketStorageGb", "GB stored in each Cloud Storage bucket.")
                        .decimal(environment.pick(1.0, 2.0, 10.0), 0, 10_000_000),
                section.value("databaseBackupGb", "GB of Cloud SQL backups and transaction logs kept.")
                        .decimal(environment.pick(2.0, 10.0, 50.0), 0, 10_000_000),
                section.value("artifactStorageGb", "GB of container images in Artifact Registry.")
                        .decimal(environment.pick(5.0, 10.0, 20.0), 0, 10_000_000),
                natVms(section.value("natVms", "GKE nodes (VMs) that get a Cloud NAT assignment. Unset: derived from the"
                        + " plan, one per pod it schedules on a cluster behind the gateway (an upper bound: Autopilot packs"
                        + " pods onto nodes), none without a cluster.")),
                section.value("natDataGb", "GB a month Cloud NAT processes.")
                        .decimal(environment.pick(1.0, 10.0, 50.0), 0, 10_000_000),
                section.value("natEgressGb", "GB a month that leave for the internet through Cloud NAT (images pulled"
                        + " from outside Google, webhooks, third-party APIs), billed as internet egress on top of NAT's"
                        + " data processing.").decimal(environment.pick(0.5, 5.0, 25.0), 0, 10_000_000),
                section.value("apiEgressGb", "GB a month of API responses the load balancer sends to the internet,"
                        + " billed as internet egress from the region.").decimal(environment.pick(1.0, 5.0, 80.0), 0, 10_000_000),
                section.value("flowLogsGbAtFullSampling", "GB a month of VPC flow logs a subnetwork would write at"
                        + " sampling 1.0; the estimate multiplies it by the subnetwork's flowSampling from the plan.")
                        .decimal(environment.pick(2.0, 10.0, 50.0), 0, 10_000_000),
                section.value("loggingIngestionGb", "GB a month of logs the project ingests into Cloud Logging (request"
                        + " logs, audit data access logs, the cluster's logs); the first 50 GiB a project are a credit.")
                        .decimal(environment.pick(5.0, 20.0, 150.0), 0, 10_000_000),
                section.value("prometheusMillionSamplesPerMonitor", "Million samples a month the targets of each"
                        + " PodMonitoring send to Managed Service for Prometheus (500 series every 30 s: about 43).")
                        .decimal(environment.pick(20.0, 45.0, 90.0), 0, 10_000_000),
                section.value("kafkaInterZoneGb", "GB a month Kafka's replication and clients move between zones of"
                        + " the region.").decimal(environment.pick(1.0, 10.0, 100.0), 0, 10_000_000),
                section.value("traceMillionSpans", "Million spans a month the backend sends to Cloud Trace; 2.5 million"
                        + " a billing account are a credit.").decimal(environment.pick(0.1, 0.5, 5.0), 0, 10_000_000),
                section.value("secretAccessesPerMonth", "Accesses a month of each secret (revisions starting, jobs"
                        + " running).").integer(environment.pick(1_000, 5_000, 50_000), 0, Integer.MAX_VALUE),
                section.value("jobRunsPerMonth", "Executions a month of each Cloud Run job.")
                        .integer(environment.pick(20, 30, 30), 0, 100_000),
                section.value("jobRunSeconds", "How long a job execution runs, in seconds.")
                        .decimal(environment.pick(60.0, 60.0, 90.0), 1, 86_400),
                section.value("alertTimeSeriesPerCondition", "Time series a metric alerting condition's query returns"
                        + " each time it runs (every 30 s); 1 for a condition that aggregates to one series.")
                        .decimal(1.0, 0, 1_000_000));
    }

    private static OptionalInt natVms(ConfigValue value) {
        var vms = value.defaultShown("derived from the plan").integer(0, 0, 10_000);
        return value.isSet() ? OptionalInt.of(vms) : OptionalInt.empty();
    }

    /**
     * The assumptions a stack file's values set, read without the rest of the stack's settings (the base commit's stack
     * file of a review, a stack without a platform program): the environment comes from the stack's name or its
     * {@code kura-infra:environment}.
     */
    public static CostAssumptions ofStackConfig(String stack, StackConfigValues values) {
        var config = new ConfigReader(values);
        var environment = Target.environment(stack, config);
        return read(config.section("cost", SECTION), environment);
    }
}
