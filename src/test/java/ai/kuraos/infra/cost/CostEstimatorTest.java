package ai.kuraos.infra.cost;

import ai.kuraos.infra.config.Environment;
import ai.kuraos.infra.testing.SynthesizedStack;
import ai.kuraos.infra.usage.CostAssumptions;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The estimate of the committed plans, the delta a change makes, and the refusal to count an unknown type as free. */
class CostEstimatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PriceSheet SHEET = PriceSheet.bundled();
    private static final double HOURS = 730;
    private static final CostDelta.Inputs DEFAULTS =
            new CostDelta.Inputs(stack -> CostAssumptions.defaults(Environment.byId(stack).orElseThrow()), SHEET);

    private static String planText(String stack) throws IOException {
        return Files.readString(SynthesizedStack.PROJECT.planDirectory(stack).resolve("plan.json"));
    }

    private static StackCost estimate(String stack) throws IOException {
        var environment = Environment.byId(stack).orElseThrow();
        return CostEstimator.estimate(stack, JSON.readTree(planText(stack)), CostAssumptions.defaults(environment), SHEET);
    }

    private static List<CostLine> lines(StackCost cost, String resourceName) {
        return cost.lines().stream().filter(line -> line.resourceName().equals(resourceName)).toList();
    }

    private static CostLine line(StackCost cost, String resourceName, String priceKey) {
        return lines(cost, resourceName).stream().filter(line -> line.price().key().equals(priceKey)).findFirst()
                .orElseThrow(() -> new AssertionError("no line of " + resourceName + " priced by " + priceKey));
    }

    @Test
    void pricesEveryResourceOfTheCommittedPlansOrDeclaresItFree() throws IOException {
        for (var stack : List.of("dev", "staging", "prod")) {
            var cost = estimate(stack);

            assertThat(cost.unpriced()).as(stack + " unpriced").isEmpty();
            assertThat(cost.totalUsd()).as(stack + " total").isPositive();
        }
    }

    @Test
    void pricesTheProdDatabaseAsHighlyAvailable() throws IOException {
        var prod = estimate("prod");

        assertThat(line(prod, "kura-primary", "cloudsql-vcpu-regional").quantity()).isEqualTo(1 * HOURS);
        assertThat(line(prod, "kura-primary", "cloudsql-memory-regional").quantity()).isCloseTo(3.75 * HOURS, within(1e-9));
        // the adopted instance's live disk (stacks/prod/adopted/kura-primary.json)
        assertThat(line(prod, "kura-primary", "cloudsql-ssd-regional").quantity()).isEqualTo(50);
        assertThat(line(prod, "kura-primary", "cloudsql-backup").assumptions()).containsExactly("databaseBackupGb");
    }

    @Test
    void pricesTheDevDatabaseAsASharedCoreZonalInstance() throws IOException {
        var dev = estimate("dev");

        assertThat(line(dev, "kura-primary", "cloudsql-shared-core-f1-micro-zonal").quantity()).isEqualTo(HOURS);
    }

    @Test
    void pricesMemorystoreByTierAndCapacityTier() throws IOException {
        assertThat(line(estimate("prod"), "kura-cache", "redis-standard-m1").quantity()).isEqualTo(2 * HOURS);
        assertThat(line(estimate("dev"), "kura-cache", "redis-basic-m1").quantity()).isEqualTo(1 * HOURS);
    }

    @Test
    void keepsTheProdBackendsMinimumInstanceWarmAtTheIdlePrice() throws IOException {
        var prod = estimate("prod");

        assertThat(line(prod, "kura-backend", "cloudrun-idle-vcpu").quantity()).isEqualTo(1 * HOURS * 3600);
        assertThat(line(prod, "kura-backend", "cloudrun-requests").assumptions()).containsExactly("requestsPerMonth");
        assertThat(lines(estimate("dev"), "kura-backend")).noneMatch(line -> line.price().key().startsWith("cloudrun-idle"));
    }

    @Test
    void billsTheInferencePodsAtTheAutoscalersMinimumAndTheirRequests() throws IOException {
        var prod = estimate("prod");

        // 3 replicas (HPA minReplicas) x 2 vCPU and 4 GiB requested.
        assertThat(line(prod, "inference-deployment", "gke-autopilot-vcpu").quantity()).isEqualTo(3 * 2 * HOURS);
        assertThat(line(prod, "inference-deployment", "gke-autopilot-memory").quantity()).isEqualTo(3 * 4 * HOURS);
    }

    @Test
    void billsTheKafkaBrokersTheirVolumesTheOperatorAndTheInternalLoadBalancers() throws IOException {
        var prod = estimate("prod");

        assertThat(line(prod, "kafka-node-pool", "gke-autopilot-vcpu").quantity()).isEqualTo(3 * 2 * HOURS);
        assertThat(line(prod, "kafka-node-pool", "pd-ssd").quantity()).isEqualTo(3 * 100);
        assertThat(line(prod, "strimzi-operator", "gke-autopilot-vcpu").quantity()).isEqualTo(0.5 * HOURS);
        // The bootstrap address and one per broker: 4 regional forwarding rules, within the project's minimum charge.
        assertThat(line(prod, "kafka-cluster", "regional-forwarding-rule-minimum").quantity()).isEqualTo(HOURS);
        assertThat(lines(prod, "kafka-cluster")).noneMatch(line -> line.price().key().endsWith("-additional"));
        assertThat(line(prod, "kura-gke", "gke-cluster-fee").quantity()).isEqualTo(HOURS);
    }

    @Test
    void roundsPodRequestsUpTheWayAutopilotBillsThem() {
        // A quarter vCPU at least, in quarter steps; no more than 6.5 GiB and no less than 1 GiB per vCPU.
        assertThat(ResourcePricing.autopilotRounding(0.1, 0.5)).containsExactly(0.25, 0.5);
        assertThat(ResourcePricing.autopilotRounding(0.3, 0.5)).containsExactly(0.5, 0.5);
        assertThat(ResourcePricing.autopilotRounding(0.25, 8)).containsExactly(1.25, 8);
        assertThat(ResourcePricing.autopilotRounding(2, 1)).containsExactly(2, 2);
        assertThat(ResourcePricing.autopilotRounding(2, 8)).containsExactly(2, 8);
    }

    @Test
    void noTypeIsBothPricedAndDeclaredFree() throws IOException {
        for (var stack : List.of("dev", "staging", "prod")) {
            for (var free : estimate(stack).free()) {
                var declaredFree = SHEET.freeType(free.type()).isPresent();
                var priced = ResourcePricing.forType(free.type()).isPresent();
                assertThat(declaredFree && priced).as(free.type() + " is priced and declared free").isFalse();
            }
        }
    }

    @Test
    void countsIamMembersApisAndComponentsAsFreeWithAReason() throws IOException {
        var prod = estimate("prod");

        assertThat(prod.free()).anySatisfy(free -> {
            assertThat(free.type()).isEqualTo("gcp:projects/iAMMember:IAMMember");
            assertThat(free.reason()).contains("IAM");
        });
        assertThat(prod.free()).extracting(StackCost.FreeResource::type).contains("gcp:projects/service:Service", "kura:edge:Edge");
    }

    @Test
    void uptimeChecksCountTheThreeUsaCheckersAndTheProjectsFreeExecutionsAreACredit() throws IOException {
        var prod = estimate("prod");
        var uptime = line(prod, "uptime-api", "monitoring-uptime-execution");

        // Europe, USA and Asia Pacific: USA's 3 checkers and one each in the others, once a minute for 730 hours.
        assertThat(uptime.quantity()).isCloseTo(43_800 * 5 / 1000d, within(1e-9));
        assertThat(prod.credits()).filteredOn(credit -> credit.price().key().equals("monitoring-uptime-execution"))
                .singleElement().satisfies(credit -> assertThat(credit.usd()).isEqualTo(uptime.monthlyUsd()
                        + line(prod, "uptime-app", "monitoring-uptime-execution").monthlyUsd()));
    }

    @Nested
    class BillingRules {

        private StackCost withGlobalRules(int rules) throws IOException {
            var plan = (ObjectNode) JSON.readTree("{\"resources\": []}");
            var resources = plan.putArray("resources");
            for (int rule = 1; rule <= rules; rule++) {
                resources.addObject().put("type", "gcp:compute/globalForwardingRule:GlobalForwardingRule")
                        .put("name", "rule-" + rule).putObject("inputs").put("portRange", "80");
            }
            return CostEstimator.estimate("prod", plan, CostAssumptions.defaults(Environment.PROD), SHEET);
        }

        @Test
        void fiveForwardingRulesOfAProjectCostOneMinimumCharge() throws IOException {
            var cost = withGlobalRules(5);

            assertThat(cost.lines()).singleElement().satisfies(line -> {
                assertThat(line.price().key()).isEqualTo("global-forwarding-rule-minimum");
                assertThat(line.quantity()).isEqualTo(HOURS);
            });
            assertThat(cost.totalUsd()).isCloseTo(HOURS * 0.025, within(1e-9));
        }

        @Test
        void eachForwardingRuleBeyondTheFifthCostsItsOwnCharge() throws IOException {
            var cost = withGlobalRules(7);

            assertThat(cost.lines()).filteredOn(line -> line.price().key().equals("global-forwarding-rule-additional"))
                    .extracting(CostLine::resourceName).containsExactly("rule-6", "rule-7");
            assertThat(cost.totalUsd()).isCloseTo(HOURS * (0.025 + 2 * 0.01), within(1e-9));
        }

        @Test
        void alertConditionsCostPerConditionAndPerTimeSeriesReturned() throws IOException {
            var prod = estimate("prod");

            // Two threshold conditions, each running its query every 30 s (87,600 times in 730 hours), one series each.
            assertThat(line(prod, "alert-backend-errors", "monitoring-alert-condition").monthlyUsd()).isEqualTo(2 * 1.50);
            assertThat(line(prod, "alert-backend-errors", "monitoring-alert-time-series").quantity())
                    .isCloseTo(2 * 87_600 / 1e6, within(1e-12));
        }

        @Test
        void freeTiersAreCreditsBesideTheTotalNeverNettedFromIt() throws IOException {
            var prod = estimate("prod");

            assertThat(prod.totalUsd()).isEqualTo(prod.lines().stream().mapToDouble(CostLine::monthlyUsd).sum());
            // The GKE free tier covers 744 cluster-hours a month; prod's one cluster uses 730.
            assertThat(prod.credits()).filteredOn(credit -> credit.price().key().equals("gke-cluster-fee"))
                    .singleElement().satisfies(credit -> assertThat(credit.usd()).isCloseTo(73.0, within(1e-9)));
            assertThat(CostReport.text(List.of(prod), SHEET)).contains("credit (free tier per billing account, not"
                    + " netted from the total) [gke-cluster-fee]: 730 cluster-hour = -$73.00");
        }
    }

    @Nested
    class UsageCharges {

        @Test
        void natVmsAreThePodsOfTheClusterWhenTheStackSetsNone() throws IOException {
            var prod = estimate("prod");

            // prod's cluster runs 3 inference pods (the autoscaler's minimum), the Strimzi operator, 3 brokers, the
            // entity operator and the Kafka exporter: 9 pods.
            var vms = line(prod, "kura-nat", "nat-vm");
            assertThat(vms.quantity()).isEqualTo(9 * HOURS);
            assertThat(vms.assumptions()).isEmpty();
        }

        @Test
        void aStacksOwnNatVmsReplaceTheDerivedCountAndNameTheKey() throws IOException {
            var set = CostAssumptions.ofStackConfig("prod", ai.kuraos.infra.config.StackConfigValues.of(
                    Map.of("kura-infra:cost", "{\"natVms\": 4}")));

            var prod = CostEstimator.estimate("prod", JSON.readTree(planText("prod")), set, SHEET);

            assertThat(line(prod, "kura-nat", "nat-vm").quantity()).isEqualTo(4 * HOURS);
            assertThat(line(prod, "kura-nat", "nat-vm").assumptions()).containsExactly("natVms");
        }

        @Test
        void aGatewayWithoutAClusterHasNoVmBehindIt() throws IOException {
            var plan = (ObjectNode) JSON.readTree("{\"resources\": []}");
            plan.withArray("resources").addObject().put("type", "gcp:compute/routerNat:RouterNat").put("name", "nat")
                    .putObject("inputs").put("natIpAllocateOption", "AUTO_ONLY");

            var cost = CostEstimator.estimate("dev", plan, CostAssumptions.defaults(Environment.DEV), SHEET);

            assertThat(line(cost, "nat", "nat-vm").quantity()).isZero();
        }

        @Test
        void everySecretOfThePlanHoldsAnActiveVersion() throws IOException {
            var dev = estimate("dev");

            // dev declares 15 secrets and creates versions of 5 of them; all 15 hold one.
            assertThat(dev.lines()).filteredOn(line -> line.price().key().equals("secret-version"))
                    .hasSize(15).allSatisfy(line -> assertThat(line.resourceType()).isEqualTo("gcp:secretmanager/secret:Secret"));
            assertThat(dev.free()).filteredOn(free -> free.type().equals("gcp:secretmanager/secretVersion:SecretVersion"))
                    .hasSize(5);
        }

        @Test
        void flowLogsAreTheFullSamplingVolumeTimesThePlansSamplingRate() throws IOException {
            // prod's subnetwork samples 0.5 of its flows; prod's default is 50 GB a month at full sampling.
            var flowLogs = line(estimate("prod"), "kura-subnet", "vpc-flow-logs");

            assertThat(flowLogs.quantity()).isEqualTo(25);
            assertThat(flowLogs.monthlyUsd()).isEqualTo(25 * 0.25);
            assertThat(flowLogs.assumptions()).containsExactly("flowLogsGbAtFullSampling");
        }

        @Test
        void apiResponsesAreInternetEgressAtMadridsPrice() throws IOException {
            var egress = line(estimate("prod"), "kura-https", "internet-egress-europe");

            assertThat(egress.price().region()).isEqualTo("europe-southwest1");
            assertThat(egress.monthlyUsd()).isCloseTo(80 * 0.12, within(1e-9));
        }

        @Test
        void logIngestionWithinTheProjectsFreeAllotmentIsACredit() throws IOException {
            var prod = estimate("prod");

            assertThat(line(prod, "api-logging", "logging-ingestion").monthlyUsd()).isEqualTo(150 * 0.50);
            assertThat(prod.credits()).filteredOn(credit -> credit.price().key().equals("logging-ingestion"))
                    .singleElement().satisfies(credit -> assertThat(credit.usd()).isEqualTo(50 * 0.50));
        }

        @Test
        void eachPodMonitoringAndTheKafkaClusterCarryTheirOwnUsage() throws IOException {
            var prod = estimate("prod");

            assertThat(prod.lines()).filteredOn(line -> line.price().key().equals("prometheus-samples"))
                    .extracting(CostLine::resourceName).containsExactlyInAnyOrder("inference-pod-monitoring", "kafka-exporter-monitoring");
            assertThat(line(prod, "kafka-cluster", "inter-zone-transfer").assumptions()).containsExactly("kafkaInterZoneGb");
        }
    }

    @Test
    void reportsAResourceTypeTheSheetDoesNotKnowInsteadOfCountingItAsFree() throws IOException {
        var plan = (ObjectNode) JSON.readTree(planText("dev"));
        plan.withArray("resources").addObject().put("type", "gcp:alloydb/cluster:Cluster").put("name", "kura-alloydb")
                .putNull("parent").putObject("inputs");

        var cost = CostEstimator.estimate("dev", plan, CostAssumptions.defaults(Environment.DEV), SHEET);

        assertThat(cost.unpriced()).singleElement().satisfies(unpriced -> {
            assertThat(unpriced.type()).isEqualTo("gcp:alloydb/cluster:Cluster");
            assertThat(unpriced.name()).isEqualTo("kura-alloydb");
        });
        assertThat(cost.lines()).noneMatch(line -> line.resourceName().equals("kura-alloydb"));
    }

    @Test
    void reportsAPricedTypeWhoseInputsCannotBePriced() throws IOException {
        var plan = (ObjectNode) JSON.readTree(planText("dev").replace("\"db-f1-micro\"", "\"db-perf-optimized-N-2\""));

        var cost = CostEstimator.estimate("dev", plan, CostAssumptions.defaults(Environment.DEV), SHEET);

        assertThat(cost.unpriced()).singleElement().satisfies(unpriced ->
                assertThat(unpriced.why()).contains("db-perf-optimized-N-2"));
    }

    @Nested
    class Delta {

        private static final String ONE_VCPU = "\"db-custom-1-3840\"";
        private static final String TWO_VCPUS = "\"db-custom-2-7680\"";

        private List<CostDelta.StackDelta> tierChange(String... stacks) throws IOException {
            var base = new java.util.TreeMap<String, String>();
            var changed = new java.util.TreeMap<String, String>();
            for (var stack : stacks) {
                base.put(stack, planText(stack));
                changed.put(stack, planText(stack).replace(ONE_VCPU, TWO_VCPUS));
            }
            return CostDelta.of(base, changed, DEFAULTS, DEFAULTS);
        }

        @Test
        void aLargerDatabaseTierCostsOneMoreVcpuAndItsMemoryDoubledForHa() throws IOException {
            var prod = tierChange("prod").get(0);

            // One more vCPU and 3.75 GB more memory, at the REGIONAL (HA) prices of the sheet: Iowa's $0.0826 and $0.014
            // an hour, times the sheet's uplift for Madrid, 1.18.
            assertThat(prod.deltaUsd()).isCloseTo(HOURS * (0.0826 + 3.75 * 0.014) * 1.18, within(0.01));
            assertThat(prod.resources()).singleElement().satisfies(resource -> {
                assertThat(resource.name()).isEqualTo("kura-primary");
                assertThat(resource.type()).isEqualTo("gcp:sql/databaseInstance:DatabaseInstance");
            });
        }

        @Test
        void theSameChangeOnAZonalInstanceCostsHalf() throws IOException {
            var deltas = tierChange("prod", "staging");

            assertThat(deltas.get(0).deltaUsd()).isCloseTo(2 * deltas.get(1).deltaUsd(), within(0.01));
        }

        @Test
        void summarisesEachStackOnOneLine() throws IOException {
            var base = Map.of("prod", planText("prod"), "staging", planText("staging"));
            var changed = Map.of("prod", planText("prod").replace(ONE_VCPU, TWO_VCPUS), "staging", planText("staging"));

            var deltas = CostDelta.of(base, changed, DEFAULTS, DEFAULTS);

            assertThat(CostDelta.summaryLine(deltas)).isEqualTo("prod +$116.38/month, staging ±0");
            assertThat(CostDelta.markdown(deltas)).startsWith("**Monthly cost:** prod +$116.38/month, staging ±0\n")
                    .contains("| `kura-primary` |").doesNotContain("<summary>staging");
            assertThat(CostDelta.json(deltas)).contains("\"deltaUsd\" : 116.38");
        }

        @Test
        void anAssumptionChangeIsItsOwnDeltaLineNamingTheAssumption() throws IOException {
            var plans = Map.of("prod", planText("prod"));
            var defaults = CostAssumptions.defaults(Environment.PROD);
            var raised = new CostDelta.Inputs(stack -> CostAssumptions.ofStackConfig(stack, ai.kuraos.infra.config
                    .StackConfigValues.of(Map.of("kura-infra:cost", "{\"requestsPerMonth\": 20000000}"))), SHEET);

            var prod = CostDelta.of(plans, plans, DEFAULTS, raised).get(0);

            assertThat(defaults.requestsPerMonth()).isEqualTo(10_000_000);
            assertThat(prod.deltaUsd()).isPositive();
            assertThat(prod.resources()).isEmpty();
            assertThat(CostDelta.inputChangeLines(List.of(prod))).singleElement().asString()
                    .startsWith("assumptions: prod +$").endsWith("/month: requestsPerMonth 10M → 20M");
            assertThat(CostDelta.markdownSummary(List.of(prod))).contains("- assumptions: prod +$");
        }

        @Test
        void aPriceChangeIsItsOwnDeltaLineNamingThePrice() throws IOException {
            var plans = Map.of("prod", planText("prod"));
            var cheaper = new CostDelta.Inputs(DEFAULTS.assumptions(),
                    SHEET.withAmountsOf("prices:\n  cloudsql-vcpu-regional:\n    usd: 0.05\n"));

            var prod = CostDelta.of(plans, plans, cheaper, DEFAULTS).get(0);

            // One regional vCPU all month: 730 x (0.0826 x 1.18 - 0.05).
            assertThat(prod.deltaUsd()).isCloseTo(730 * (0.0826 * 1.18 - 0.05), within(1e-6));
            assertThat(CostDelta.inputChangeLines(List.of(prod))).containsExactly(
                    "prices: prod +$34.65/month: cloudsql-vcpu-regional $0.05 → $0.097468");
        }

        @Test
        void aNewStackIsCountedWhole() throws IOException {
            var deltas = CostDelta.of(Map.of(), Map.of("dev", planText("dev")),
                    DEFAULTS, DEFAULTS);

            assertThat(CostDelta.summaryLine(deltas)).startsWith("dev new, $");
        }
    }

    @Nested
    class Sheet {

        @Test
        void namesTheSourceDateAndRegionOfEveryPrice() {
            assertThat(SHEET.prices().values()).isNotEmpty().allSatisfy(price -> {
                assertThat(price.source()).as(price.key()).startsWith("https://");
                assertThat(price.read()).as(price.key()).matches("\\d{4}-\\d{2}-\\d{2}");
                assertThat(price.region()).as(price.key()).isNotBlank();
            });
            assertThat(SHEET.free()).allSatisfy(free -> assertThat(free.source()).startsWith("https://"));
        }

        @Test
        void failsWhenAPriceHasNoSource() {
            var yaml = "region: europe-southwest1\nhoursPerMonth: 730\nprices:\n  x:\n    sku: X\n    unit: GB\n    usd: 1\n"
                    + "    region: global\n    read: 2026-12-01\n";

            assertThatThrownBy(() -> PriceSheet.parse(yaml)).hasMessageContaining("prices.x.source is missing");
        }

        @Test
        void failsWhenAFreeTypeHasNoReason() {
            var yaml = "region: europe-southwest1\nhoursPerMonth: 730\nfree:\n  - type: a:b:C\n    source: https://x\n";

            assertThatThrownBy(() -> PriceSheet.parse(yaml)).hasMessageContaining("free.a:b:C needs a reason and a source");
        }
    }

}
