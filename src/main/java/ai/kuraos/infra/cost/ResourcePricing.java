package ai.kuraos.infra.cost;

import ai.kuraos.infra.k8s.KubernetesQuantities;
import ai.kuraos.infra.usage.CostAssumptions;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How each priced resource type turns into monthly quantities: pure functions of the resource's planned inputs, the
 * other resources of the plan and the stack's {@link CostAssumptions}.
 */
final class ResourcePricing {

    private static final double SECONDS_PER_HOUR = 3600;
    private static final Pattern CUSTOM_TIER = Pattern.compile("db-custom-([0-9]+)-([0-9]+)");
    /** Autopilot's default requests for a container that sets none (cloud.google.com/kubernetes-engine/docs/concepts/autopilot-resource-requests). */
    private static final double AUTOPILOT_DEFAULT_CPU = 0.5;
    private static final double AUTOPILOT_DEFAULT_MEMORY_GIB = 2;
    private static final double AUTOPILOT_DEFAULT_EPHEMERAL_GIB = 1;
    /** Cloud Run's defaults when a container sets no limits (cloud.google.com/run/docs/configuring/services/cpu, /memory-limits). */
    private static final String CLOUD_RUN_DEFAULT_CPU = "1";
    private static final String CLOUD_RUN_DEFAULT_MEMORY = "512Mi";
    private static final int NAT_VM_CAP = 32;
    /** GKE's built-in storage classes (cloud.google.com/kubernetes-engine/docs/how-to/persistent-volumes/gce-pd-csi-driver). */
    private static final Map<String, String> DISK_BY_STORAGE_CLASS = Map.of("premium-rwo", "pd-ssd", "standard-rwo", "pd-balanced");
    /** The USA uptime-check region runs 3 checkers (Oregon, Iowa, Virginia); the others one each (cloud.google.com/monitoring/uptime-checks). */
    static final int USA_CHECKERS = 3;
    private static final double SECONDS_PER_MONTH_OF_CHECKS = 730 * SECONDS_PER_HOUR;
    /** The forwarding rules of a project (per region class) that one minimum charge covers (cloud.google.com/vpc/network-pricing#lb). */
    static final int RULES_IN_MINIMUM = 5;
    /** How often a metric alerting condition runs its query (cloud.google.com/monitoring/alerts/cost-control: 30 s). */
    static final double ALERT_EXECUTION_SECONDS = 30;
    private static final String GLOBAL_RULE = "gcp:compute/globalForwardingRule:GlobalForwardingRule";

    private ResourcePricing() {
    }

    /** The plan and stack a resource is priced within. */
    record Context(List<JsonNode> resources, CostAssumptions assumptions, PriceSheet sheet) {

        double hours() {
            return sheet.hoursPerMonth();
        }

        List<JsonNode> ofType(String type) {
            return resources.stream().filter(resource -> resource.path("type").asText().equals(type)).toList();
        }

        Line line(String item, double quantity, String priceKey, String... assumptions) {
            return new Line(item, quantity, sheet.price(priceKey), List.of(assumptions));
        }

        /**
         * The lines of {@code resource}'s forwarding rules of one class ("global" or "regional"): Google bills one
         * minimum charge for the first {@value #RULES_IN_MINIMUM} rules of a project and class, then each further
         * rule. The project's rules are counted in the order of their resources' names: the resource holding the
         * first one bears the minimum charge, those past the fifth their own.
         */
        List<Line> forwardingRules(String ruleClass, JsonNode resource) {
            var holders = resources.stream()
                    .filter(other -> ruleClass(other).equals(Optional.of(ruleClass)) && forwardingRuleCount(other) > 0)
                    .sorted(java.util.Comparator.comparing(other -> other.path("name").asText()))
                    .toList();
            var total = holders.stream().mapToInt(ResourcePricing::forwardingRuleCount).sum();
            var name = resource.path("name").asText();
            int before = 0;
            for (var holder : holders) {
                if (holder.path("name").asText().equals(name)) {
                    break;
                }
                before += forwardingRuleCount(holder);
            }
            var rules = forwardingRuleCount(resource);
            var beyond = Math.max(0, before + rules - RULES_IN_MINIMUM) - Math.max(0, before - RULES_IN_MINIMUM);
            var lines = new ArrayList<Line>();
            if (before == 0 && rules > 0) {
                lines.add(line("minimum charge for the project's first " + RULES_IN_MINIMUM + " " + ruleClass
                        + " forwarding rules (" + total + " in the plan, " + rules + " of them here)", hours(),
                        ruleClass + "-forwarding-rule-minimum"));
            }
            if (beyond > 0) {
                lines.add(line(beyond + " " + ruleClass + " forwarding rule(s) beyond the project's first "
                        + RULES_IN_MINIMUM, beyond * hours(), ruleClass + "-forwarding-rule-additional"));
            }
            return lines;
        }
    }

    /** Which class of forwarding rule a resource makes: global (the edge) or regional (internal load balancers). */
    static Optional<String> ruleClass(JsonNode resource) {
        var type = resource.path("type").asText();
        if (type.equals(GLOBAL_RULE)) {
            return Optional.of("global");
        }
        if (type.equals("kubernetes:kafka.strimzi.io/v1beta2:Kafka") || type.equals("kubernetes:core/v1:Service")) {
            return Optional.of("regional");
        }
        return Optional.empty();
    }

    /**
     * The forwarding rules a resource makes: a global rule is one; a Service of type LoadBalancer is one; a Kafka
     * listener of type loadbalancer makes GKE create an internal passthrough load balancer for the bootstrap address
     * and one per broker, rules the plan does not list.
     */
    static int forwardingRuleCount(JsonNode resource) {
        var type = resource.path("type").asText();
        if (type.equals(GLOBAL_RULE)) {
            return 1;
        }
        if (type.equals("kubernetes:core/v1:Service")) {
            return resource.path("inputs").path("spec").path("type").asText("ClusterIP").equals("LoadBalancer") ? 1 : 0;
        }
        int rules = 0;
        for (var listener : resource.path("inputs").path("spec").path("kafka").path("listeners")) {
            if (listener.path("type").asText().equals("loadbalancer")) {
                rules += 1 + listener.path("configuration").path("brokers").size();
            }
        }
        return rules;
    }

    record Line(String item, double quantity, PriceSheet.Price price, List<String> assumptions) {
    }

    /** What a resource costs: its lines, or (no lines) why this one costs nothing. */
    record Estimate(List<Line> lines, Optional<String> freeReason) {

        static Estimate of(Line... lines) {
            return new Estimate(List.of(lines), Optional.empty());
        }

        static Estimate of(List<Line> lines) {
            return new Estimate(List.copyOf(lines), Optional.empty());
        }

        static Estimate free(String reason) {
            return new Estimate(List.of(), Optional.of(reason));
        }
    }

    /** A resource of a priced type whose inputs do not say enough to price it. */
    static final class Unpriceable extends RuntimeException {
        Unpriceable(String message) {
            super(message);
        }
    }

    @FunctionalInterface
    interface Pricing {
        Estimate estimate(JsonNode resource, Context context);
    }

    private static final Map<String, Pricing> BY_TYPE = Map.ofEntries(
            Map.entry("gcp:sql/databaseInstance:DatabaseInstance", ResourcePricing::cloudSql),
            Map.entry("gcp:redis/instance:Instance", ResourcePricing::memorystore),
            Map.entry("gcp:cloudrunv2/service:Service", ResourcePricing::cloudRunService),
            Map.entry("gcp:cloudrunv2/job:Job", ResourcePricing::cloudRunJob),
            Map.entry("gcp:compute/globalForwardingRule:GlobalForwardingRule", ResourcePricing::forwardingRule),
            Map.entry("gcp:compute/backendBucket:BackendBucket", ResourcePricing::backendBucket),
            Map.entry("gcp:compute/securityPolicy:SecurityPolicy", ResourcePricing::cloudArmor),
            Map.entry("gcp:container/cluster:Cluster", ResourcePricing::gkeCluster),
            Map.entry("gcp:compute/routerNat:RouterNat", ResourcePricing::cloudNat),
            Map.entry("gcp:storage/bucket:Bucket", ResourcePricing::bucket),
            Map.entry("gcp:secretmanager/secret:Secret", ResourcePricing::secret),
            Map.entry("gcp:secretmanager/secretVersion:SecretVersion", ResourcePricing::secretVersion),
            Map.entry("gcp:artifactregistry/repository:Repository", ResourcePricing::artifactRegistry),
            Map.entry("gcp:kms/cryptoKey:CryptoKey", ResourcePricing::kmsKey),
            Map.entry("gcp:dns/managedZone:ManagedZone", ResourcePricing::dnsZone),
            Map.entry("gcp:monitoring/alertPolicy:AlertPolicy", ResourcePricing::alertPolicy),
            Map.entry("gcp:monitoring/uptimeCheckConfig:UptimeCheckConfig", ResourcePricing::uptimeCheck),
            Map.entry("kubernetes:apps/v1:Deployment", ResourcePricing::deployment),
            Map.entry("kubernetes:kafka.strimzi.io/v1beta2:KafkaNodePool", ResourcePricing::kafkaNodePool),
            Map.entry("kubernetes:kafka.strimzi.io/v1beta2:Kafka", ResourcePricing::kafka),
            Map.entry("kubernetes:helm.sh/v3:Release", ResourcePricing::helmRelease),
            Map.entry("kubernetes:core/v1:Service", ResourcePricing::kubernetesService),
            Map.entry("gcp:compute/subnetwork:Subnetwork", ResourcePricing::subnetwork),
            Map.entry("gcp:projects/service:Service", ResourcePricing::projectService),
            Map.entry("kubernetes:monitoring.googleapis.com/v1:PodMonitoring", ResourcePricing::podMonitoring));

    static Optional<Pricing> forType(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }

    private static Estimate cloudSql(JsonNode resource, Context context) {
        var settings = resource.path("inputs").path("settings");
        var tier = settings.path("tier").asText();
        var regional = settings.path("availabilityType").asText("ZONAL").equals("REGIONAL");
        var availability = regional ? "regional" : "zonal";
        var hours = context.hours();
        var lines = new ArrayList<Line>();
        var custom = CUSTOM_TIER.matcher(tier);
        if (custom.matches()) {
            var vcpus = Integer.parseInt(custom.group(1));
            var memoryGb = Integer.parseInt(custom.group(2)) / 1024d;
            lines.add(context.line(tier + ": " + vcpus + " vCPU" + (regional ? " (HA: primary + standby)" : ""),
                    vcpus * hours, "cloudsql-vcpu-" + availability));
            lines.add(context.line(tier + ": " + format(memoryGb) + " GB memory" + (regional ? " (HA)" : ""),
                    memoryGb * hours, "cloudsql-memory-" + availability));
        } else if (tier.equals("db-f1-micro") || tier.equals("db-g1-small")) {
            var key = tier.equals("db-f1-micro") ? "cloudsql-shared-core-f1-micro-zonal" : "cloudsql-shared-core-g1-small-zonal";
            lines.add(context.line(tier + " (shared core)" + (regional ? " x2 for HA" : ""), (regional ? 2 : 1) * hours, key));
        } else {
            throw new Unpriceable("tier '" + tier + "' is neither db-custom-<vCPU>-<MB> nor a shared-core tier");
        }
        var diskGb = settings.path("diskSize").asDouble(10);
        var diskType = settings.path("diskType").asText("PD_SSD");
        if (!diskType.equals("PD_SSD")) {
            throw new Unpriceable("disk type " + diskType + " has no price in the sheet (PD_SSD has)");
        }
        lines.add(context.line(format(diskGb) + " GB SSD" + (regional ? " (HA)" : "")
                + (settings.path("diskAutoresize").asBoolean(false) ? autoresize(settings.path("diskAutoresizeLimit").asInt(0))
                : ""), diskGb, "cloudsql-ssd-" + availability));
        if (settings.path("backupConfiguration").path("enabled").asBoolean(false)) {
            lines.add(context.line("backups and transaction logs", context.assumptions().databaseBackupGb(),
                    "cloudsql-backup", "databaseBackupGb"));
        }
        return Estimate.of(lines);
    }

    /** How far a disk that grows by itself may grow: 0 is Cloud SQL's "no limit". */
    private static String autoresize(int limitGb) {
        return limitGb == 0 ? ", grows by itself without a limit" : ", grows by itself up to " + limitGb + " GB";
    }

    private static Estimate memorystore(JsonNode resource, Context context) {
        var inputs = resource.path("inputs");
        var tier = inputs.path("tier").asText("BASIC");
        var sizeGb = inputs.path("memorySizeGb").asInt();
        var tierKey = switch (tier) {
            case "BASIC" -> "basic";
            case "STANDARD_HA" -> "standard";
            default -> throw new Unpriceable("tier '" + tier + "' is neither BASIC nor STANDARD_HA");
        };
        // Capacity tiers of Memorystore for Redis: M1 1-4 GB, M2 5-10, M3 11-35, M4 36-100, M5 above.
        var capacity = sizeGb <= 4 ? "m1" : sizeGb <= 10 ? "m2" : sizeGb <= 35 ? "m3" : sizeGb <= 100 ? "m4" : "m5";
        return Estimate.of(context.line(tier + " " + sizeGb + " GB (capacity tier " + capacity.toUpperCase() + ")",
                sizeGb * context.hours(), "redis-" + tierKey + "-" + capacity));
    }

    private static Estimate cloudRunService(JsonNode resource, Context context) {
        var template = resource.path("inputs").path("template");
        var container = single(template.path("containers"), resource);
        var resources = container.path("resources");
        var cpu = KubernetesQuantities.cpus(resources.path("limits").path("cpu").asText(CLOUD_RUN_DEFAULT_CPU));
        var memoryGib = KubernetesQuantities.gibibytes(resources.path("limits").path("memory").asText(CLOUD_RUN_DEFAULT_MEMORY));
        // cpuIdle (the default) is request-based billing; false is instance-based billing.
        var requestBased = resources.path("cpuIdle").asBoolean(true);
        var minInstances = template.path("scaling").path("minInstanceCount").asInt(0);
        var seconds = context.hours() * SECONDS_PER_HOUR;
        var lines = new ArrayList<Line>();
        if (minInstances > 0) {
            var what = minInstances + " minimum instance(s) kept warm";
            if (requestBased) {
                lines.add(context.line(what + ": " + format(cpu) + " vCPU idle", minInstances * cpu * seconds, "cloudrun-idle-vcpu"));
                lines.add(context.line(what + ": " + format(memoryGib) + " GiB idle", minInstances * memoryGib * seconds, "cloudrun-idle-memory"));
            } else {
                lines.add(context.line(what + ": " + format(cpu) + " vCPU", minInstances * cpu * seconds, "cloudrun-instance-vcpu"));
                lines.add(context.line(what + ": " + format(memoryGib) + " GiB", minInstances * memoryGib * seconds, "cloudrun-instance-memory"));
            }
        }
        var assumptions = context.assumptions();
        var busySeconds = assumptions.requestsPerMonth() * assumptions.requestSeconds() / assumptions.concurrentRequestsPerInstance();
        lines.add(context.line("serving requests: " + format(cpu) + " vCPU", busySeconds * cpu, "cloudrun-request-vcpu",
                "requestsPerMonth", "requestSeconds", "concurrentRequestsPerInstance"));
        lines.add(context.line("serving requests: " + format(memoryGib) + " GiB", busySeconds * memoryGib, "cloudrun-request-memory",
                "requestsPerMonth", "requestSeconds", "concurrentRequestsPerInstance"));
        lines.add(context.line("requests", assumptions.requestsPerMonth() / 1e6, "cloudrun-requests", "requestsPerMonth"));
        return Estimate.of(lines);
    }

    private static Estimate cloudRunJob(JsonNode resource, Context context) {
        var task = resource.path("inputs").path("template");
        var container = single(task.path("template").path("containers"), resource);
        var limits = container.path("resources").path("limits");
        var cpu = KubernetesQuantities.cpus(limits.path("cpu").asText(CLOUD_RUN_DEFAULT_CPU));
        var memoryGib = KubernetesQuantities.gibibytes(limits.path("memory").asText(CLOUD_RUN_DEFAULT_MEMORY));
        var assumptions = context.assumptions();
        var taskSeconds = assumptions.jobRunsPerMonth() * task.path("taskCount").asDouble(1) * assumptions.jobRunSeconds();
        return Estimate.of(
                context.line("executions: " + format(cpu) + " vCPU", taskSeconds * cpu, "cloudrun-instance-vcpu",
                        "jobRunsPerMonth", "jobRunSeconds"),
                context.line("executions: " + format(memoryGib) + " GiB", taskSeconds * memoryGib, "cloudrun-instance-memory",
                        "jobRunsPerMonth", "jobRunSeconds"));
    }

    private static Estimate forwardingRule(JsonNode resource, Context context) {
        var inputs = resource.path("inputs");
        var lines = new ArrayList<>(context.forwardingRules("global", resource));
        // The API's traffic is attributed to the HTTPS rule that carries it; plain HTTP only redirects.
        if (inputs.path("portRange").asText().equals("443")) {
            lines.add(context.line("data processed for the API", context.assumptions().lbDataGb(), "lb-data-processing",
                    "lbDataGb"));
            lines.add(context.line("API responses sent to the internet (egress from the region)",
                    context.assumptions().apiEgressGb(), "internet-egress-europe", "apiEgressGb"));
        }
        if (lines.isEmpty()) {
            return Estimate.free("port " + inputs.path("portRange").asText("?") + ": covered by the minimum charge of the"
                    + " project's first " + RULES_IN_MINIMUM + " global forwarding rules");
        }
        return Estimate.of(lines);
    }

    private static Estimate backendBucket(JsonNode resource, Context context) {
        if (!resource.path("inputs").path("enableCdn").asBoolean(false)) {
            return Estimate.free("a backend bucket without Cloud CDN is part of the load balancer, priced by its forwarding rules");
        }
        var assumptions = context.assumptions();
        return Estimate.of(
                context.line("CDN cache egress", assumptions.cdnEgressGb(), "cdn-cache-egress-europe", "cdnEgressGb"),
                context.line("CDN cache fill from the bucket", assumptions.cdnCacheFillGb(), "cdn-cache-fill", "cdnCacheFillGb"),
                context.line("CDN cache lookups", assumptions.cdnRequestsPerMonth() / 10_000d, "cdn-cache-lookup",
                        "cdnRequestsPerMonth"));
    }

    private static Estimate cloudArmor(JsonNode resource, Context context) {
        var rules = resource.path("inputs").path("rules").size();
        return Estimate.of(
                context.line("security policy", 1, "armor-policy"),
                context.line(rules + " rules", rules, "armor-rule"),
                context.line("API requests evaluated", context.assumptions().requestsPerMonth() / 1e6, "armor-requests",
                        "requestsPerMonth"));
    }

    private static Estimate gkeCluster(JsonNode resource, Context context) {
        if (!resource.path("inputs").path("enableAutopilot").asBoolean(false)) {
            throw new Unpriceable("a Standard cluster bills its nodes, which the plan does not declare here");
        }
        return Estimate.of(context.line("Autopilot cluster management fee (the free tier is a credit of the stack)", context.hours(), "gke-cluster-fee"));
    }

    private static Estimate cloudNat(JsonNode resource, Context context) {
        var assumptions = context.assumptions();
        var inputs = resource.path("inputs");
        var lines = new ArrayList<Line>();
        var set = assumptions.natVms();
        var vms = Math.min(set.orElseGet(() -> natVmsOfPlan(context)), NAT_VM_CAP);
        var what = vms + " VM(s) using the gateway" + (set.isPresent() ? "" : " (derived: one per pod the plan schedules on"
                + " its cluster, capped at " + NAT_VM_CAP + ")");
        lines.add(set.isPresent() ? context.line(what, vms * context.hours(), "nat-vm", "natVms")
                : context.line(what, vms * context.hours(), "nat-vm"));
        var addresses = inputs.path("natIpAllocateOption").asText().equals("MANUAL_ONLY") ? inputs.path("natIps").size() : 1;
        lines.add(context.line(addresses + " external address(es) (AUTO_ONLY allocates at least one)",
                addresses * context.hours(), "nat-ip"));
        lines.add(context.line("data processed", assumptions.natDataGb(), "nat-data", "natDataGb"));
        lines.add(context.line("internet egress through the gateway", assumptions.natEgressGb(), "internet-egress-europe",
                "natEgressGb"));
        return Estimate.of(lines);
    }

    private static Estimate bucket(JsonNode resource, Context context) {
        var inputs = resource.path("inputs");
        var storageClass = inputs.path("storageClass").asText("STANDARD");
        var location = inputs.path("location").asText();
        if (!storageClass.equals("STANDARD") || !location.contains("-")) {
            throw new Unpriceable("only STANDARD regional buckets are priced; this one is " + storageClass + " in " + location);
        }
        return Estimate.of(context.line("Standard storage in " + location, context.assumptions().bucketStorageGb(),
                "gcs-standard-regional", "bucketStorageGb"));
    }

    /**
     * Every secret holds one active version: the plan creates some, the rollout or a person adds the others (a secret
     * without a version cannot be mounted), so the version is priced on the secret, not on a planned SecretVersion.
     */
    private static Estimate secret(JsonNode resource, Context context) {
        return Estimate.of(context.line("active version (every secret holds one, planned or added outside Pulumi)", 1,
                        "secret-version"),
                context.line("access operations", context.assumptions().secretAccessesPerMonth() / 10_000d,
                "secret-access", "secretAccessesPerMonth"));
    }

    private static Estimate secretVersion(JsonNode resource, Context context) {
        return Estimate.free("its version is priced on its secret (every secret holds one)");
    }

    private static Estimate subnetwork(JsonNode resource, Context context) {
        var logs = resource.path("inputs").path("logConfig");
        if (logs.isMissingNode() || logs.isNull()) {
            return Estimate.free("a subnet has no charge of its own, and this one writes no flow logs");
        }
        var sampling = logs.path("flowSampling").asDouble(0.5);
        return Estimate.of(context.line("VPC flow logs at sampling " + format(sampling) + " (vended network logs, no"
                        + " free allotment)", context.assumptions().flowLogsGbAtFullSampling() * sampling, "vpc-flow-logs",
                "flowLogsGbAtFullSampling"));
    }

    /** Enabling an API costs nothing; the project's log ingestion and trace spans are priced on their APIs. */
    private static Estimate projectService(JsonNode resource, Context context) {
        var assumptions = context.assumptions();
        return switch (resource.path("inputs").path("service").asText()) {
            case "logging.googleapis.com" -> Estimate.of(context.line("logs ingested (the project's first 50 GiB are a"
                    + " credit)", assumptions.loggingIngestionGb(), "logging-ingestion", "loggingIngestionGb"));
            case "cloudtrace.googleapis.com" -> Estimate.of(context.line("spans ingested", assumptions.traceMillionSpans(),
                    "trace-spans", "traceMillionSpans"));
            default -> Estimate.free("enabling an API costs nothing; its resources are priced on their own");
        };
    }

    private static Estimate podMonitoring(JsonNode resource, Context context) {
        return Estimate.of(context.line("samples its targets send to Managed Service for Prometheus",
                context.assumptions().prometheusMillionSamplesPerMonitor(), "prometheus-samples",
                "prometheusMillionSamplesPerMonitor"));
    }

    /** The VMs behind the gateway when the stack does not say: one per pod on the plan's cluster, none without one. */
    static int natVmsOfPlan(Context context) {
        if (context.ofType("gcp:container/cluster:Cluster").isEmpty()) {
            return 0;
        }
        int pods = 0;
        for (var deployment : context.ofType("kubernetes:apps/v1:Deployment")) {
            pods += replicas(deployment, context);
        }
        for (var pool : context.ofType("kubernetes:kafka.strimzi.io/v1beta2:KafkaNodePool")) {
            pods += pool.path("inputs").path("spec").path("replicas").asInt();
        }
        for (var kafka : context.ofType("kubernetes:kafka.strimzi.io/v1beta2:Kafka")) {
            var spec = kafka.path("inputs").path("spec");
            pods += (spec.has("entityOperator") ? 1 : 0) + (spec.has("kafkaExporter") ? 1 : 0);
        }
        for (var release : context.ofType("kubernetes:helm.sh/v3:Release")) {
            pods += release.path("inputs").path("values").path("replicas").asInt(1);
        }
        return pods;
    }

    private static Estimate artifactRegistry(JsonNode resource, Context context) {
        return Estimate.of(context.line("image storage", context.assumptions().artifactStorageGb(), "artifact-storage",
                "artifactStorageGb"));
    }

    private static Estimate kmsKey(JsonNode resource, Context context) {
        // Rotation adds a version each period and leaves the old ones enabled (they decrypt what they encrypted):
        // a year of rotation keeps one version per period, plus the first.
        var rotation = resource.path("inputs").path("rotationPeriod").asText("");
        var versions = rotation.isEmpty() ? 1
                : 1 + (int) Math.floor(365 * 86_400d / Double.parseDouble(rotation.replace("s", "")));
        return Estimate.of(context.line(versions + " enabled version(s) after a year"
                + (rotation.isEmpty() ? "" : " of rotation every " + rotation), versions, "kms-key-version"));
    }

    private static Estimate dnsZone(JsonNode resource, Context context) {
        return Estimate.of(context.line("1 " + resource.path("inputs").path("visibility").asText("public")
                + " managed zone", 1, "dns-managed-zone"));
    }

    private static Estimate alertPolicy(JsonNode resource, Context context) {
        var conditions = resource.path("inputs").path("conditions");
        var metricConditions = 0;
        for (var condition : conditions) {
            // A log-match condition returns no time series; threshold, absence, MQL and PromQL conditions do.
            metricConditions += condition.has("conditionMatchedLog") ? 0 : 1;
        }
        var executions = context.hours() * SECONDS_PER_HOUR / ALERT_EXECUTION_SECONDS;
        var series = metricConditions * executions * context.assumptions().alertTimeSeriesPerCondition();
        return Estimate.of(
                context.line(conditions.size() + " condition(s)", conditions.size(), "monitoring-alert-condition"),
                context.line(metricConditions + " metric condition(s) x " + format(executions) + " executions (one per "
                        + format(ALERT_EXECUTION_SECONDS) + " s) x time series each", series / 1e6,
                        "monitoring-alert-time-series", "alertTimeSeriesPerCondition"));
    }

    private static Estimate uptimeCheck(JsonNode resource, Context context) {
        // The project's free executions are a credit of the stack (StackCost.credits), not netted here.
        var own = uptimeExecutions(resource);
        return Estimate.of(context.line(format(own) + " executions a month (one per checker per period;"
                + " the USA region runs " + USA_CHECKERS + " checkers)", own / 1000,
                "monitoring-uptime-execution"));
    }

    private static double uptimeExecutions(JsonNode check) {
        var inputs = check.path("inputs");
        var period = Double.parseDouble(inputs.path("period").asText("60s").replace("s", ""));
        // No selected regions means all of them.
        var regions = new ArrayList<String>();
        inputs.path("selectedRegions").forEach(region -> regions.add(region.asText()));
        if (regions.isEmpty()) {
            regions.addAll(List.of("USA", "EUROPE", "SOUTH_AMERICA", "ASIA_PACIFIC"));
        }
        var checkers = regions.stream().mapToInt(region -> region.equals("USA") ? USA_CHECKERS : 1).sum();
        return SECONDS_PER_MONTH_OF_CHECKS / period * checkers;
    }

    private static Estimate deployment(JsonNode resource, Context context) {
        var manifest = resource.path("inputs");
        var replicas = replicas(resource, context);
        var why = autoscaler(resource, context).isPresent() ? replicas + " pod(s), the autoscaler's minimum" : replicas + " pod(s)";
        return Estimate.of(pods(why, replicas, manifest.path("spec").path("template").path("spec").path("containers"), context));
    }

    /** The HorizontalPodAutoscaler that scales a Deployment, if one does. */
    private static Optional<JsonNode> autoscaler(JsonNode deployment, Context context) {
        var name = deployment.path("inputs").path("metadata").path("name").asText();
        var namespace = deployment.path("inputs").path("metadata").path("namespace").asText();
        return context.ofType("kubernetes:autoscaling/v2:HorizontalPodAutoscaler").stream()
                .map(hpa -> hpa.path("inputs"))
                .filter(hpa -> hpa.path("metadata").path("namespace").asText().equals(namespace)
                        && hpa.path("spec").path("scaleTargetRef").path("kind").asText().equals("Deployment")
                        && hpa.path("spec").path("scaleTargetRef").path("name").asText().equals(name))
                .findFirst();
    }

    /** A Deployment's pods: its autoscaler's minimum when one scales it, else its replicas. */
    private static int replicas(JsonNode deployment, Context context) {
        return autoscaler(deployment, context).map(hpa -> hpa.path("spec").path("minReplicas").asInt(1))
                .orElse(deployment.path("inputs").path("spec").path("replicas").asInt(1));
    }

    private static Estimate kafkaNodePool(JsonNode resource, Context context) {
        var spec = resource.path("inputs").path("spec");
        var replicas = spec.path("replicas").asInt();
        var lines = new ArrayList<>(podLines(replicas + " broker/controller pod(s)", replicas, List.of(spec.path("resources")), context));
        for (var volume : spec.path("storage").path("volumes")) {
            var storageClass = volume.path("class").asText("standard-rwo");
            var priceKey = DISK_BY_STORAGE_CLASS.get(storageClass);
            if (priceKey == null) {
                throw new Unpriceable("storage class " + storageClass + " has no price in the sheet (these have: "
                        + String.join(", ", new java.util.TreeSet<>(DISK_BY_STORAGE_CLASS.keySet())) + ")");
            }
            var sizeGib = KubernetesQuantities.gibibytes(volume.path("size").asText());
            lines.add(context.line(replicas + " x " + format(sizeGib) + " GiB volume(s) (" + storageClass + ")",
                    replicas * sizeGib, priceKey));
        }
        return Estimate.of(lines);
    }

    private static Estimate kafka(JsonNode resource, Context context) {
        var spec = resource.path("inputs").path("spec");
        var lines = new ArrayList<Line>();
        var entityOperator = new ArrayList<JsonNode>();
        spec.path("entityOperator").fields().forEachRemaining(operator -> entityOperator.add(operator.getValue().path("resources")));
        if (!entityOperator.isEmpty()) {
            lines.addAll(podLines("entity operator pod", 1, entityOperator, context));
        }
        if (spec.has("kafkaExporter")) {
            lines.addAll(podLines("Kafka exporter pod", 1, List.of(spec.path("kafkaExporter").path("resources")), context));
        }
        lines.add(context.line("replication and client traffic between zones", context.assumptions().kafkaInterZoneGb(),
                "inter-zone-transfer", "kafkaInterZoneGb"));
        lines.addAll(context.forwardingRules("regional", resource));
        return Estimate.of(lines);
    }

    private static Estimate helmRelease(JsonNode resource, Context context) {
        var values = resource.path("inputs").path("values");
        if (!values.path("resources").path("requests").isObject()) {
            throw new Unpriceable("the chart's pod requests are not in the release's values (values.resources.requests)");
        }
        var replicas = values.path("replicas").asInt(1);
        return Estimate.of(podLines(replicas + " " + resource.path("inputs").path("chart").asText() + " pod(s)", replicas,
                List.of(values.path("resources")), context));
    }

    private static Estimate kubernetesService(JsonNode resource, Context context) {
        var type = resource.path("inputs").path("spec").path("type").asText("ClusterIP");
        if (type.equals("LoadBalancer")) {
            var lines = context.forwardingRules("regional", resource);
            return lines.isEmpty() ? Estimate.free("its forwarding rule is covered by the minimum charge of the project's"
                    + " first " + RULES_IN_MINIMUM + " regional forwarding rules") : Estimate.of(lines);
        }
        return Estimate.free("a " + type + " Service costs nothing");
    }

    private static List<Line> pods(String what, int replicas, JsonNode containers, Context context) {
        var resources = new ArrayList<JsonNode>();
        containers.forEach(container -> resources.add(container.path("resources")));
        return podLines(what, replicas, resources, context);
    }

    /** Autopilot bills each pod's requests: vCPU, memory and ephemeral storage, summed over its containers. */
    private static List<Line> podLines(String what, int replicas, List<JsonNode> containerResources, Context context) {
        double cpu = 0;
        double memory = 0;
        double ephemeral = 0;
        for (var resources : containerResources) {
            var requests = resources.path("requests");
            cpu += requests.has("cpu") ? KubernetesQuantities.cpus(requests.get("cpu").asText()) : AUTOPILOT_DEFAULT_CPU;
            memory += requests.has("memory") ? KubernetesQuantities.gibibytes(requests.get("memory").asText()) : AUTOPILOT_DEFAULT_MEMORY_GIB;
            ephemeral += requests.has("ephemeral-storage")
                    ? KubernetesQuantities.gibibytes(requests.get("ephemeral-storage").asText()) : AUTOPILOT_DEFAULT_EPHEMERAL_GIB;
        }
        var billed = autopilotRounding(cpu, memory);
        cpu = billed[0];
        memory = billed[1];
        var podHours = replicas * context.hours();
        return List.of(
                context.line(what + ": " + format(cpu) + " vCPU requested each", cpu * podHours, "gke-autopilot-vcpu"),
                context.line(what + ": " + format(memory) + " GiB memory requested each", memory * podHours, "gke-autopilot-memory"),
                context.line(what + ": " + format(ephemeral) + " GiB ephemeral storage each", ephemeral * podHours,
                        "gke-autopilot-ephemeral-storage"));
    }

    /**
     * What Autopilot bills for a pod's requests (general-purpose class): CPU in steps of a quarter vCPU, memory between
     * 1 and 6.5 GiB per vCPU, each rounded up to fit (cloud.google.com/kubernetes-engine/pricing, "Autopilot mode",
     * read 2026-12-01). Returns {vCPU, GiB}.
     */
    static double[] autopilotRounding(double cpu, double memoryGib) {
        var quarters = Math.ceil(Math.max(cpu, memoryGib / 6.5) * 4 - 1e-9) / 4;
        var billedCpu = Math.max(0.25, quarters);
        return new double[] {billedCpu, Math.max(memoryGib, billedCpu)};
    }

    private static JsonNode single(JsonNode containers, JsonNode resource) {
        if (containers.size() != 1) {
            throw new Unpriceable("expected one container, found " + containers.size() + " in " + resource.path("name").asText());
        }
        return containers.get(0);
    }

    static String format(double number) {
        if (number == Math.rint(number) && Math.abs(number) < 1e15) {
            return String.format(java.util.Locale.ROOT, "%,d", (long) number);
        }
        return String.format(java.util.Locale.ROOT, "%,.2f", number);
    }
}
