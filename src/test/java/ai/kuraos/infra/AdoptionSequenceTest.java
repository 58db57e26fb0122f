package ai.kuraos.infra;

import ai.kuraos.infra.component.LiveDescriptions;
import ai.kuraos.infra.config.ConfigError;
import ai.kuraos.infra.config.StackConfigValues;
import ai.kuraos.infra.plan.steps.PlanSteps;
import ai.kuraos.infra.plan.steps.Step;
import ai.kuraos.infra.testing.ConfigPaths;
import ai.kuraos.infra.testing.SynthesizedStack;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The change sequence after prod's adoption (docs/adoption.md): each step is a stack-file change whose plan shows only
 * its own steps, and a stack file that would take two steps in one update is refused with the order to follow. What
 * is live is what the descriptions say; each step refreshes the descriptions its successor waits for, as the runbook
 * does with gcloud and kubectl.
 */
class AdoptionSequenceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LiveDescriptions ADOPTED = LiveDescriptions.ofStack(SynthesizedStack.PROJECT_ROOT, "prod");

    /** The stack file's edits of the steps so far, and the descriptions of what is live after them. */
    private record State(Map<String, Optional<String>> edits, LiveDescriptions live) {

        State step(String path, String value) {
            var edits = new LinkedHashMap<>(this.edits);
            edits.put(path, Optional.of(value));
            return new State(edits, live);
        }

        /** What gcloud or kubectl describes once the step is applied. */
        State described(String logicalName, JsonNode description) {
            var live = new HashMap<>(this.live.byLogicalName());
            live.put(logicalName, description);
            return new State(edits, new LiveDescriptions(live));
        }

        StackSettings.Result read() {
            return StackSettings.read("prod", config(), live);
        }

        String plan() {
            return PLANS.computeIfAbsent(this, state -> SynthesizedStack.from(StackSettings.parse("prod", state.config(),
                    state.live())).rendered());
        }

        private StackConfigValues config() {
            return ConfigPaths.apply(StackConfigValues.fromStackFile(SynthesizedStack.PROJECT.stackConfigFile("prod")),
                    edits);
        }
    }

    private static final Map<State, String> PLANS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final State ADOPTION = new State(Map.of(), ADOPTED);

    private static ObjectNode adopted(String logicalName) {
        return ADOPTED.of(logicalName).orElseThrow().deepCopy();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static final JsonNode CACHE_READY = json("{\"name\": \"projects/kura-os/locations/europe-southwest1/instances/"
            + "kura-cache\", \"state\": \"READY\", \"host\": \"10.100.0.4\", \"port\": 6378}");
    private static final JsonNode CERTIFICATE_ACTIVE = json("{\"kind\": \"compute#sslCertificate\", \"type\": \"MANAGED\","
            + " \"managed\": {\"status\": \"ACTIVE\", \"domainStatus\": {\"api.kuraos.ai\": \"ACTIVE\","
            + " \"app.kuraos.ai\": \"ACTIVE\"}}}");
    private static final JsonNode KAFKA_READY = json("{\"apiVersion\": \"kafka.strimzi.io/v1beta2\", \"kind\": \"Kafka\","
            + " \"status\": {\"conditions\": [{\"type\": \"Ready\", \"status\": \"True\"}]}}");

    private static JsonNode withPrivateIp() {
        var instance = adopted("kura-primary");
        ((ObjectNode) instance.path("settings").path("ipConfiguration"))
                .put("privateNetwork", "projects/kura-os/global/networks/kura-vpc");
        return instance;
    }

    private static JsonNode withVpcEgress() {
        var service = adopted("kura-backend");
        ((ObjectNode) service.path("spec").path("template").path("metadata").path("annotations"))
                .put("run.googleapis.com/network-interfaces", "[{\"network\":\"kura-vpc\",\"subnetwork\":\"kura-subnet\"}]")
                .put("run.googleapis.com/vpc-access-egress", "private-ranges-only");
        return service;
    }

    private static final State STEP_1 = ADOPTION.step("kura-infra:database.privateIp", "true");
    private static final State STEP_2 = STEP_1.described("kura-primary", withPrivateIp()).described("kura-cache", CACHE_READY)
            .step("kura-infra:backend.template", "program");
    private static final State STEP_3 = STEP_2.described("kura-backend", withVpcEgress())
            .step("kura-infra:database.publicIp", "false");
    private static final State STEP_4 = STEP_3.described("kura-certificate", CERTIFICATE_ACTIVE)
            .step("kura-infra:backend.ingress", "load-balancer");
    private static final State STEP_5 = STEP_4.described("kura-kafka", KAFKA_READY)
            .step("kura-infra:messaging.backend", "kafka");

    /** The steps of an update from the plan of {@code before} (as applied) to that of {@code after}. */
    private static List<String> stepsBetween(String before, State after) {
        var steps = PlanSteps.ofTexts(Map.of("prod", before), Map.of("prod", after.plan())).stacks().get(0).steps();
        return steps.stream().map(step -> step.op().label() + " " + step.name()).toList();
    }

    /** The plan of a step once its successor's descriptions are in: what the next step's base is. */
    private static String applied(State step, State next) {
        return new State(step.edits(), next.live()).plan();
    }

    @Nested
    class EachStepShowsOnlyItsOwnSteps {

        @Test
        void privateIpNextToThePublicOne() {
            assertThat(stepsBetween(ADOPTION.plan(), STEP_1)).containsExactly("update kura-primary");
        }

        @Test
        void aRevisionWithVpcEgressServing() {
            assertThat(stepsBetween(applied(STEP_1, STEP_2), STEP_2))
                    .containsExactlyInAnyOrder("update kura-backend", "update kura-migrator");
        }

        @Test
        void publicIpOff() {
            assertThat(stepsBetween(applied(STEP_2, STEP_3), STEP_3)).containsExactly("update kura-primary");
        }

        @Test
        void ingressToTheLoadBalancerOnly() {
            assertThat(stepsBetween(applied(STEP_3, STEP_4), STEP_4)).containsExactly("update kura-backend");
        }

        @Test
        void messagingSwitchedToKafka() {
            assertThat(stepsBetween(applied(STEP_4, STEP_5), STEP_5)).containsExactly("update kura-backend");
        }

        @Test
        void noneReplacesOrDeletesAnything() {
            var states = List.of(ADOPTION, STEP_1, STEP_2, STEP_3, STEP_4, STEP_5);
            for (int i = 1; i < states.size(); i++) {
                var steps = PlanSteps.ofTexts(Map.of("prod", applied(states.get(i - 1), states.get(i))),
                        Map.of("prod", states.get(i).plan())).stacks().get(0);
                assertThat(steps.count(Step.Op.REPLACE) + steps.count(Step.Op.DELETE)).as("step %d", i).isZero();
                assertThat(steps.refused()).as("step %d", i).isEmpty();
            }
        }
    }

    @Nested
    class TwoStepsInOneUpdateAreRefused {

        private static List<ConfigError> errors(State state) {
            return state.read().errors();
        }

        @Test
        void theVpcRevisionBeforeThePrivateIpIsLive() {
            var both = ADOPTION.described("kura-cache", CACHE_READY).step("kura-infra:database.privateIp", "true")
                    .step("kura-infra:backend.template", "program");

            assertThat(errors(both)).singleElement().satisfies(error -> {
                assertThat(error.key()).isEqualTo("kura-infra:backend.template");
                assertThat(error.problem()).contains("no private IP yet", "first set kura-infra:database.privateIp: true");
            });
        }

        @Test
        void theBackendOnRedisBeforeMemorystoreIsReady() {
            var early = STEP_1.described("kura-primary", withPrivateIp()).step("kura-infra:backend.template", "program");

            assertThat(errors(early)).singleElement().satisfies(error -> {
                assertThat(error.key()).isEqualTo("kura-infra:backend.template");
                assertThat(error.problem()).contains("Memorystore is not READY");
            });
        }

        @Test
        void thePublicIpOffBeforeTheVpcRevisionServes() {
            var both = STEP_2.step("kura-infra:database.publicIp", "false");

            assertThat(errors(both)).singleElement().satisfies(error -> {
                assertThat(error.key()).isEqualTo("kura-infra:database.publicIp");
                assertThat(error.problem()).contains("does not reach the VPC yet", "then the public IP off");
            });
        }

        @Test
        void ingressToTheLoadBalancerBeforeItsCertificateIsActive() {
            var early = STEP_3.described("kura-backend", withVpcEgress()).step("kura-infra:backend.ingress", "load-balancer");

            assertThat(errors(early)).singleElement().satisfies(error -> {
                assertThat(error.key()).isEqualTo("kura-infra:backend.ingress");
                assertThat(error.problem()).contains("certificate is not ACTIVE", "move DNS");
            });
        }

        @Test
        void messagingOnKafkaBeforeKafkaIsReady() {
            var early = ADOPTION.step("kura-infra:messaging.backend", "kafka");

            assertThat(errors(early)).singleElement().satisfies(error -> {
                assertThat(error.key()).isEqualTo("kura-infra:messaging.backend");
                assertThat(error.problem()).contains("Kafka is not Ready", "with the backend on celery");
            });
        }

        @Test
        void theAdoptedStackAsCommittedNeedsNoneOfThem() {
            assertThat(errors(ADOPTION)).isEmpty();
            assertThat(errors(STEP_5)).isEmpty();
        }
    }
}
