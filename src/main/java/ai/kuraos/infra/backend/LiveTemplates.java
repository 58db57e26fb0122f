package ai.kuraos.infra.backend;

import ai.kuraos.infra.config.Target;
import ai.kuraos.infra.data.Database;
import com.pulumi.core.Output;
import com.pulumi.gcp.cloudrunv2.JobArgs;
import com.pulumi.gcp.cloudrunv2.ServiceArgs;
import com.pulumi.gcp.cloudrunv2.inputs.JobTemplateArgs;
import com.pulumi.gcp.cloudrunv2.inputs.JobTemplateTemplateArgs;
import com.pulumi.gcp.cloudrunv2.inputs.JobTemplateTemplateContainerArgs;
import com.pulumi.gcp.cloudrunv2.inputs.JobTemplateTemplateContainerEnvArgs;
import com.pulumi.gcp.cloudrunv2.inputs.JobTemplateTemplateContainerEnvValueSourceArgs;
import com.pulumi.gcp.cloudrunv2.inputs.JobTemplateTemplateContainerEnvValueSourceSecretKeyRefArgs;
import com.pulumi.gcp.cloudrunv2.inputs.JobTemplateTemplateContainerResourcesArgs;
import com.pulumi.gcp.cloudrunv2.inputs.JobTemplateTemplateContainerVolumeMountArgs;
import com.pulumi.gcp.cloudrunv2.inputs.JobTemplateTemplateVolumeArgs;
import com.pulumi.gcp.cloudrunv2.inputs.JobTemplateTemplateVolumeCloudSqlInstanceArgs;
import com.pulumi.gcp.cloudrunv2.inputs.ServiceTemplateArgs;
import com.pulumi.gcp.cloudrunv2.inputs.ServiceTemplateContainerArgs;
import com.pulumi.gcp.cloudrunv2.inputs.ServiceTemplateContainerEnvArgs;
import com.pulumi.gcp.cloudrunv2.inputs.ServiceTemplateContainerEnvValueSourceArgs;
import com.pulumi.gcp.cloudrunv2.inputs.ServiceTemplateContainerEnvValueSourceSecretKeyRefArgs;
import com.pulumi.gcp.cloudrunv2.inputs.ServiceTemplateContainerPortArgs;
import com.pulumi.gcp.cloudrunv2.inputs.ServiceTemplateContainerResourcesArgs;
import com.pulumi.gcp.cloudrunv2.inputs.ServiceTemplateContainerVolumeMountArgs;
import com.pulumi.gcp.cloudrunv2.inputs.ServiceTemplateScalingArgs;
import com.pulumi.gcp.cloudrunv2.inputs.ServiceTemplateVolumeArgs;
import com.pulumi.gcp.cloudrunv2.inputs.ServiceTemplateVolumeCloudSqlInstanceArgs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Cloud Run v2 inputs of the adopted service and job as they run ({@code backend.template: live}): what the v2
 * API reports for a service {@code gcloud run deploy} created. The Cloud SQL annotation is, in v2, a volume named
 * {@code cloudsql} mounted at {@code /cloudsql}; the startup probe gcloud sets by default is left to the API (the v2
 * resource's {@code startup_probe} is Optional and Computed in terraform-provider-google-beta v5.0.0
 * google-beta/services/cloudrunv2/resource_cloud_run_v2_service.go).
 */
final class LiveTemplates {

    private static final String CLOUDSQL_VOLUME = "cloudsql";
    private static final String CLOUDSQL_MOUNT = "/cloudsql";

    private LiveTemplates() {
    }

    /**
     * The live socket's instances, with the stack's own instance as the instance's output: the same connection name,
     * and the service declared after the instance, as the program's template is.
     */
    private static Output<List<String>> instances(Target target, List<String> live, Output<String> connectionName) {
        var own = target.project() + ":" + target.region() + ":" + Database.INSTANCE;
        return Output.all(live.stream().map(instance -> instance.equals(own) ? connectionName : Output.of(instance))
                .toList());
    }

    static ServiceArgs service(Target target, LiveCloudRun.Service live, Output<String> connectionName) {
        var container = live.container();
        var envs = new ArrayList<ServiceTemplateContainerEnvArgs>();
        container.env().forEach((name, value) -> envs.add(ServiceTemplateContainerEnvArgs.builder().name(name).value(value).build()));
        container.secretEnv().forEach((name, ref) -> envs.add(ServiceTemplateContainerEnvArgs.builder()
                .name(name)
                .valueSource(ServiceTemplateContainerEnvValueSourceArgs.builder()
                        .secretKeyRef(ServiceTemplateContainerEnvValueSourceSecretKeyRefArgs.builder()
                                .secret(ref.secret()).version(ref.version()).build())
                        .build())
                .build()));
        var containerArgs = ServiceTemplateContainerArgs.builder()
                .image(container.image())
                .envs(envs)
                .resources(ServiceTemplateContainerResourcesArgs.builder()
                        .limits(Map.of("cpu", container.cpu(), "memory", container.memory()))
                        .cpuIdle(live.cpuIdle())
                        .startupCpuBoost(live.startupCpuBoost())
                        .build());
        if (!container.name().isEmpty()) {
            containerArgs.name(container.name());
        }
        container.port().ifPresent(port -> containerArgs.ports(ServiceTemplateContainerPortArgs.builder()
                .name("http1").containerPort(port).build()));
        var template = ServiceTemplateArgs.builder()
                .serviceAccount(live.serviceAccount())
                .scaling(ServiceTemplateScalingArgs.builder()
                        .minInstanceCount(live.minInstances())
                        .maxInstanceCount(live.maxInstances())
                        .build())
                .maxInstanceRequestConcurrency(live.concurrency())
                .timeout(live.timeoutSeconds() + "s");
        live.executionEnvironment().ifPresent(template::executionEnvironment);
        if (!live.cloudSqlInstances().isEmpty()) {
            containerArgs.volumeMounts(ServiceTemplateContainerVolumeMountArgs.builder()
                    .name(CLOUDSQL_VOLUME).mountPath(CLOUDSQL_MOUNT).build());
            template.volumes(ServiceTemplateVolumeArgs.builder()
                    .name(CLOUDSQL_VOLUME)
                    .cloudSqlInstance(ServiceTemplateVolumeCloudSqlInstanceArgs.builder()
                            .instances(instances(target, live.cloudSqlInstances(), connectionName)).build())
                    .build());
        }
        template.containers(containerArgs.build());
        var service = ServiceArgs.builder()
                .project(target.project())
                .location(target.region())
                .name(live.name())
                .ingress(live.ingress())
                // No traffic block, as for the program's template: `traffic` is optional and computed, so the import
                // keeps the live split and `deploy`/`rollback` own it from then on (docs/operations.md).
                .template(template.build());
        if (!live.labels().isEmpty()) {
            service.labels(live.labels());
        }
        return service.build();
    }

    static JobArgs job(Target target, LiveCloudRun.Job live, Output<String> connectionName) {
        var container = live.container();
        var envs = new ArrayList<JobTemplateTemplateContainerEnvArgs>();
        container.env().forEach((name, value) -> envs.add(JobTemplateTemplateContainerEnvArgs.builder().name(name).value(value).build()));
        container.secretEnv().forEach((name, ref) -> envs.add(JobTemplateTemplateContainerEnvArgs.builder()
                .name(name)
                .valueSource(JobTemplateTemplateContainerEnvValueSourceArgs.builder()
                        .secretKeyRef(JobTemplateTemplateContainerEnvValueSourceSecretKeyRefArgs.builder()
                                .secret(ref.secret()).version(ref.version()).build())
                        .build())
                .build()));
        var containerArgs = JobTemplateTemplateContainerArgs.builder()
                .image(container.image())
                .commands(container.command())
                .args(container.args())
                .envs(envs)
                .resources(JobTemplateTemplateContainerResourcesArgs.builder()
                        .limits(Map.of("cpu", container.cpu(), "memory", container.memory()))
                        .build());
        if (!container.name().isEmpty()) {
            containerArgs.name(container.name());
        }
        var task = JobTemplateTemplateArgs.builder()
                .serviceAccount(live.serviceAccount())
                .maxRetries(live.maxRetries())
                .timeout(live.timeoutSeconds() + "s");
        live.executionEnvironment().ifPresent(task::executionEnvironment);
        if (!live.cloudSqlInstances().isEmpty()) {
            containerArgs.volumeMounts(JobTemplateTemplateContainerVolumeMountArgs.builder()
                    .name(CLOUDSQL_VOLUME).mountPath(CLOUDSQL_MOUNT).build());
            task.volumes(JobTemplateTemplateVolumeArgs.builder()
                    .name(CLOUDSQL_VOLUME)
                    .cloudSqlInstance(JobTemplateTemplateVolumeCloudSqlInstanceArgs.builder()
                            .instances(instances(target, live.cloudSqlInstances(), connectionName)).build())
                    .build());
        }
        task.containers(containerArgs.build());
        var job = JobArgs.builder()
                .project(target.project())
                .location(target.region())
                .name(live.name())
                .template(JobTemplateArgs.builder()
                        .taskCount(live.taskCount())
                        .parallelism(live.parallelism())
                        .template(task.build())
                        .build());
        if (!live.labels().isEmpty()) {
            job.labels(live.labels());
        }
        return job.build();
    }
}
