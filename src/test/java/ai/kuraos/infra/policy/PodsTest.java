package ai.kuraos.infra.policy;

import org.junit.jupiter.api.Test;

import java.util.List;

import static ai.kuraos.infra.policy.Fragments.findings;
import static ai.kuraos.infra.policy.Fragments.plan;
import static ai.kuraos.infra.policy.Fragments.resource;
import static org.assertj.core.api.Assertions.assertThat;

/** The pods the policy sees besides workload objects: the Strimzi chart's operator and Strimzi's operands. */
class PodsTest {

    private static PlanResource strimziRelease(String values) {
        return resource(Pods.HELM_RELEASE, "strimzi-operator", "{'chart':'strimzi-kafka-operator','version':'0.45.0',"
                + "'namespace':'strimzi','values':" + values + "}");
    }

    @Test
    void readsTheOperatorPodsSecurityFromTheChartsValues() {
        var privileged = plan(strimziRelease("{'securityContext':{'privileged':true}}"));

        assertThat(findings("KURA-K8S-001", privileged))
                .singleElement()
                .satisfies(finding -> {
                    assertThat(finding.type()).isEqualTo(Pods.HELM_RELEASE);
                    assertThat(finding.name()).isEqualTo("strimzi-operator");
                    assertThat(finding.path()).isEqualTo("values.securityContext.privileged");
                    assertThat(finding.message()).contains("strimzi-cluster-operator");
                });
    }

    @Test
    void failsAnOperatorPodWithoutSecurityContextsAtTheValuesToSet() {
        var bare = plan(strimziRelease("{}"));

        assertThat(findings("KURA-K8S-006", bare)).extracting(Finding::path)
                .containsExactly("values.securityContext.seccompProfile");
        assertThat(findings("KURA-K8S-004", bare)).extracting(Finding::path)
                .containsExactly("values.securityContext.runAsNonRoot");
    }

    @Test
    void theOperatorMayKeepItsTokenAndTheChartGivesItProbes() {
        var bare = plan(strimziRelease("{}"));

        assertThat(findings("KURA-K8S-014", bare)).isEmpty();
        assertThat(findings("KURA-K8S-012", bare)).isEmpty();
    }

    @Test
    void strimziOperandsAreRestrictedOnlyWhenTheOperatorRunsTheRestrictedProvider() {
        var nodePool = resource("kubernetes:kafka.strimzi.io/v1beta2:KafkaNodePool", "pool", "{'kind':'KafkaNodePool',"
                + "'metadata':{'name':'dual-role','namespace':'kafka'},'spec':{'resources':{'requests':{'cpu':'1'}}}}");
        var restricted = strimziRelease("{'extraEnvs':[{'name':'STRIMZI_POD_SECURITY_PROVIDER_CLASS','value':'restricted'}]}");

        assertThat(findings("KURA-K8S-003", plan(strimziRelease("{}"), nodePool))).extracting(Finding::name)
                .contains("pool");
        assertThat(findings("KURA-K8S-003", plan(restricted, nodePool))).extracting(Finding::name)
                .doesNotContain("pool");
    }

    @Test
    void readsAnOperandsResourcesAtTheCustomResourcesPath() {
        var nodePool = resource("kubernetes:kafka.strimzi.io/v1beta2:KafkaNodePool", "pool", "{'kind':'KafkaNodePool',"
                + "'metadata':{'name':'dual-role','namespace':'kafka'},'spec':{'resources':{'requests':{'cpu':'1'}}}}");

        assertThat(findings("KURA-K8S-010", plan(nodePool))).extracting(Finding::path)
                .containsExactlyInAnyOrder("spec.resources.requests", "spec.resources.limits");
    }

    @Test
    void everyNamespaceWithPodsIsCheckedForANetworkPolicyIncludingTheOperators() {
        var findings = findings("KURA-K8S-020", plan(List.of(strimziRelease("{}"),
                Fragments.namespace("strimzi", "restricted"))));

        assertThat(findings).singleElement()
                .satisfies(finding -> assertThat(finding.message()).startsWith("namespace strimzi has no NetworkPolicy"));
    }
}
