package ai.kuraos.infra.backend;

import com.pulumi.core.Output;
import com.pulumi.core.internal.Internal;
import com.pulumi.core.internal.OutputData;
import com.pulumi.core.internal.OutputInternal;
import com.pulumi.gcp.cloudrunv2.inputs.ServiceTemplateArgs;
import com.pulumi.gcp.cloudrunv2.inputs.ServiceTemplateContainerArgs;
import com.pulumi.gcp.cloudrunv2.inputs.ServiceTemplateContainerEnvArgs;
import com.pulumi.gcp.cloudrunv2.inputs.ServiceTemplateContainerPortArgs;
import com.pulumi.gcp.cloudrunv2.inputs.ServiceTemplateContainerResourcesArgs;
import com.pulumi.gcp.cloudrunv2.inputs.ServiceTemplateContainerStartupProbeArgs;
import com.pulumi.gcp.cloudrunv2.inputs.ServiceTemplateContainerStartupProbeHttpGetArgs;
import com.pulumi.gcp.cloudrunv2.inputs.ServiceTemplateScalingArgs;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/** Revision names: whatever changes a revision's template changes its name. */
class BackendNamesTest {

    /** What the code and the stack file set in a template; each field can be changed on its own. */
    private record Template(String image, int port, String probePath, int probeFailureThreshold, String cpu,
                            boolean cpuIdle, int maxInstances, String timeout, String egress, Output<String> redisHost) {

        static Template released() {
            return new Template("europe-southwest1-docker.pkg.dev/kura-os/kura-images/kura-backend@sha256:" + "a".repeat(64),
                    8000, "/health", 24, "1", true, 10, "300s", "PRIVATE_RANGES_ONLY", Output.of("10.100.0.3"));
        }

        ServiceTemplateArgs args() {
            return ServiceTemplateArgs.builder()
                    .labels(Map.of("release", "v1-3-7"))
                    .scaling(ServiceTemplateScalingArgs.builder().minInstanceCount(1).maxInstanceCount(maxInstances).build())
                    .timeout(timeout)
                    .vpcAccess(com.pulumi.gcp.cloudrunv2.inputs.ServiceTemplateVpcAccessArgs.builder().egress(egress).build())
                    .containers(ServiceTemplateContainerArgs.builder()
                            .image(image)
                            .ports(ServiceTemplateContainerPortArgs.builder().name("http1").containerPort(port).build())
                            .resources(ServiceTemplateContainerResourcesArgs.builder()
                                    .limits(Map.of("cpu", cpu, "memory", "1Gi")).cpuIdle(cpuIdle).build())
                            .envs(ServiceTemplateContainerEnvArgs.builder().name("REDIS_HOST").value(redisHost).build())
                            .startupProbe(ServiceTemplateContainerStartupProbeArgs.builder()
                                    .httpGet(ServiceTemplateContainerStartupProbeHttpGetArgs.builder()
                                            .path(probePath).port(port).build())
                                    .failureThreshold(probeFailureThreshold)
                                    .build())
                            .build())
                    .build();
        }
    }

    private static OutputData<String> revisionOf(Template template) {
        return Internal.of(SerializedTemplate.of(template.args())
                .applyValue(text -> BackendNames.revision("v1-3-7", text))).getDataAsync().join();
    }

    /**
     * Defect: the revision's name hashed the stack's settings and the values of other resources only. A code change of
     * the template (a probe, a port, CPU throttling, egress) under the same release id and stack file sent a new
     * template under a revision name Cloud Run had seen, and it answered 409. The name hashes the whole template.
     */
    @Test
    void aCodeChangeOfTheTemplateUnderTheSameReleaseGetsANewRevisionName() {
        var released = Template.released();
        var before = revisionOf(released).getValueNullable();
        assertThat(before).matches("kura-backend-v1-3-7-[0-9a-f]{6}");

        var changes = new LinkedHashMap<String, UnaryOperator<Template>>();
        changes.put("startup probe threshold", t -> new Template(t.image(), t.port(), t.probePath(), 30, t.cpu(),
                t.cpuIdle(), t.maxInstances(), t.timeout(), t.egress(), t.redisHost()));
        changes.put("probe path", t -> new Template(t.image(), t.port(), "/ready", t.probeFailureThreshold(), t.cpu(),
                t.cpuIdle(), t.maxInstances(), t.timeout(), t.egress(), t.redisHost()));
        changes.put("port", t -> new Template(t.image(), 8080, t.probePath(), t.probeFailureThreshold(), t.cpu(),
                t.cpuIdle(), t.maxInstances(), t.timeout(), t.egress(), t.redisHost()));
        changes.put("CPU always allocated", t -> new Template(t.image(), t.port(), t.probePath(),
                t.probeFailureThreshold(), t.cpu(), false, t.maxInstances(), t.timeout(), t.egress(), t.redisHost()));
        changes.put("egress", t -> new Template(t.image(), t.port(), t.probePath(), t.probeFailureThreshold(), t.cpu(),
                t.cpuIdle(), t.maxInstances(), t.timeout(), "ALL_TRAFFIC", t.redisHost()));
        changes.put("resources", t -> new Template(t.image(), t.port(), t.probePath(), t.probeFailureThreshold(), "2",
                t.cpuIdle(), t.maxInstances(), t.timeout(), t.egress(), t.redisHost()));
        changes.put("scaling", t -> new Template(t.image(), t.port(), t.probePath(), t.probeFailureThreshold(), t.cpu(),
                t.cpuIdle(), 20, t.timeout(), t.egress(), t.redisHost()));
        changes.put("timeout", t -> new Template(t.image(), t.port(), t.probePath(), t.probeFailureThreshold(), t.cpu(),
                t.cpuIdle(), t.maxInstances(), "60s", t.egress(), t.redisHost()));
        changes.put("image", t -> new Template(t.image().replace('a', 'b'), t.port(), t.probePath(),
                t.probeFailureThreshold(), t.cpu(), t.cpuIdle(), t.maxInstances(), t.timeout(), t.egress(), t.redisHost()));
        changes.put("a value another resource feeds in", t -> new Template(t.image(), t.port(), t.probePath(),
                t.probeFailureThreshold(), t.cpu(), t.cpuIdle(), t.maxInstances(), t.timeout(), t.egress(),
                Output.of("10.100.0.4")));

        changes.forEach((what, change) -> assertThat(revisionOf(change.apply(released)).getValueNullable()).as(what)
                .matches("kura-backend-v1-3-7-[0-9a-f]{6}").isNotEqualTo(before));
    }

    @Test
    void theSameTemplateKeepsItsName() {
        assertThat(revisionOf(Template.released()).getValueNullable())
                .isEqualTo(revisionOf(Template.released()).getValueNullable());
    }

    /** A preview before Redis exists: the name is unknown, not the hash of a placeholder. */
    @Test
    void aTemplateWithAnUnknownValueHasAnUnknownName() {
        var released = Template.released();
        var beforeRedis = new Template(released.image(), released.port(), released.probePath(),
                released.probeFailureThreshold(), released.cpu(), released.cpuIdle(), released.maxInstances(),
                released.timeout(), released.egress(),
                new OutputInternal<>(CompletableFuture.completedFuture(OutputData.<String>unknown())));

        assertThat(revisionOf(beforeRedis).isKnown()).isFalse();
    }

    @Test
    void tellsAReleasesRevisionsWhateverTheirTemplate() {
        assertThat(BackendNames.isRevisionOf("kura-backend-v1-3-7-4f2a9c", "v1-3-7")).isTrue();
        assertThat(BackendNames.isRevisionOf("kura-backend-v1-3-70-4f2a9c", "v1-3-7")).isFalse();
    }
}
