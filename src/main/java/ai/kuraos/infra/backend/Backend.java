package ai.kuraos.infra.backend;

import ai.kuraos.infra.component.KnownValues;
import ai.kuraos.infra.component.KuraComponent;
import ai.kuraos.infra.config.Target;
import ai.kuraos.infra.data.SecretCatalogue.Reader;
import ai.kuraos.infra.data.SecretCatalogue;
import ai.kuraos.infra.data.Secrets;
import ai.kuraos.infra.messaging.Kafka;
import ai.kuraos.infra.messaging.KafkaNames;
import ai.kuraos.infra.platform.Foundation;
import ai.kuraos.infra.platform.ProjectApis;
import com.pulumi.core.Output;
import com.pulumi.gcp.cloudrunv2.Job;
import com.pulumi.gcp.cloudrunv2.JobArgs;
import com.pulumi.gcp.cloudrunv2.Service;
import com.pulumi.gcp.cloudrunv2.ServiceArgs;
import com.pulumi.gcp.cloudrunv2.ServiceIamMember;
import com.pulumi.gcp.cloudrunv2.ServiceIamMemberArgs;
import com.pulumi.gcp.cloudrunv2.inputs.JobTemplateArgs;
import com.pulumi.gcp.cloudrunv2.inputs.JobTemplateTemplateArgs;
import com.pulumi.gcp.cloudrunv2.inputs.JobTemplateTemplateContainerArgs;
import com.pulumi.gcp.cloudrunv2.inputs.JobTemplateTemplateContainerEnvArgs;
import com.pulumi.gcp.cloudrunv2.inputs.JobTemplateTemplateContainerEnvValueSourceArgs;
import com.pulumi.gcp.cloudrunv2.inputs.JobTemplateTemplateContainerEnvValueSourceSecretKeyRefArgs;
import com.pulumi.gcp.cloudrunv2.inputs.JobTemplateTemplateContainerVolumeMountArgs;
import com.pulumi.gcp.cloudrunv2.inputs.JobTemplateTemplateVolumeArgs;
import com.pulumi.gcp.cloudrunv2.inputs.JobTemplateTemplateVolumeCloudSqlInstanceArgs;
import com.pulumi.gcp.cloudrunv2.inputs.JobTemplateTemplateVpcAccessArgs;
import com.pulumi.gcp.cloudrunv2.inputs.JobTemplateTemplateVpcAccessNetworkInterfaceArgs;
import com.pulumi.gcp.cloudrunv2.inputs.ServiceTemplateArgs;
import com.pulumi.gcp.cloudrunv2.inputs.ServiceTemplateContainerArgs;
import com.pulumi.gcp.cloudrunv2.inputs.ServiceTemplateContainerEnvArgs;
import com.pulumi.gcp.cloudrunv2.inputs.ServiceTemplateContainerEnvValueSourceArgs;
import com.pulumi.gcp.cloudrunv2.inputs.ServiceTemplateContainerEnvValueSourceSecretKeyRefArgs;
import com.pulumi.gcp.cloudrunv2.inputs.ServiceTemplateContainerLivenessProbeArgs;
import com.pulumi.gcp.cloudrunv2.inputs.ServiceTemplateContainerLivenessProbeHttpGetArgs;
import com.pulumi.gcp.cloudrunv2.inputs.ServiceTemplateContainerPortArgs;
import com.pulumi.gcp.cloudrunv2.inputs.ServiceTemplateContainerResourcesArgs;
import com.pulumi.gcp.cloudrunv2.inputs.ServiceTemplateContainerStartupProbeArgs;
import com.pulumi.gcp.cloudrunv2.inputs.ServiceTemplateContainerStartupProbeHttpGetArgs;
import com.pulumi.gcp.cloudrunv2.inputs.ServiceTemplateContainerVolumeMountArgs;
import com.pulumi.gcp.cloudrunv2.inputs.ServiceTemplateScalingArgs;
import com.pulumi.gcp.cloudrunv2.inputs.ServiceTemplateVolumeArgs;
import com.pulumi.gcp.cloudrunv2.inputs.ServiceTemplateVolumeCloudSqlInstanceArgs;
import com.pulumi.gcp.cloudrunv2.inputs.ServiceTemplateVpcAccessArgs;
import com.pulumi.gcp.cloudrunv2.inputs.ServiceTemplateVpcAccessNetworkInterfaceArgs;
import com.pulumi.gcp.projects.IAMMember;
import com.pulumi.gcp.projects.IAMMemberArgs;
import com.pulumi.resources.Resource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code kura:backend:Backend}: the FastAPI service {@code kura-backend} on Cloud Run and the {@code kura-migrator}
 * job that runs {@code alembic upgrade heads} before a release gets traffic. The service runs as the backend account,
 * reaches Postgres over the Cloud SQL socket and Redis over Direct VPC egress, and reads every secret from Secret
 * Manager. It declares no traffic split: {@code traffic} is optional and computed in the provider, so an update sends
 * back the split the refreshed state holds, and {@code deploy} and {@code rollback} own it on the live service.
 */
public final class Backend extends KuraComponent {

    public static final String TYPE = "kura:backend:Backend";
    /** The backend's telemetry (traces, profiles, metrics, logs): each role by the name of its grant. */
    public static final Map<String, String> TELEMETRY_ROLES = Map.of(
            "backend-trace-agent", "roles/cloudtrace.agent",
            "backend-profiler-agent", "roles/cloudprofiler.agent",
            "backend-metric-writer", "roles/monitoring.metricWriter",
            "backend-log-writer", "roles/logging.logWriter");
    /**
     * The custom role that lets the admin panel's "Purge CDN" button invalidate the load balancer's cache. The
     * bootstrap defines it in every environment's project (bootstrap {@code ProjectRoles}): a deployer that could edit
     * a role it may grant could add any permission to it.
     */
    private static final String CDN_PURGER_ROLE_ID = "kuraCdnPurger";

    private static final int PORT = 8000;
    private static final String HEALTH_PATH = "/health";
    private static final String CLOUDSQL_VOLUME = "cloudsql";
    private static final String CLOUDSQL_MOUNT = "/cloudsql";

    private final Service service;
    private final Output<String> revision;

    /**
     * @param foundation the project's APIs, network and runtime accounts
     * @param secrets    the secrets the service and the job mount, and what each mount waits for
     */
    public Backend(String name, Target target, BackendSettings settings, BackendInputs inputs, Foundation foundation,
                   Secrets secrets) {
        super(TYPE, name, target);
        var backendAccount = foundation.backendServiceAccount();

        var resourceManager = foundation.api(ProjectApis.RESOURCE_MANAGER);
        TELEMETRY_ROLES.forEach((grant, role) -> grantToBackend(target, grant, Output.of(role), backendAccount.member(),
                resourceManager));
        grantToBackend(target, "backend-cdn-purger", Output.of(cdnPurgerRole(target.project())),
                backendAccount.member(), resourceManager);

        // While the stack keeps the adopted template, the service is declared as it runs (docs/adoption.md).
        var liveService = settings.liveTemplate() ? settings.adoptedService() : Optional.<LiveCloudRun.Service>empty();
        var releaseRevision = liveService.map(live -> Output.of(live.revision()))
                .orElseGet(() -> SerializedTemplate.of(serviceTemplate(target, settings, inputs, foundation, secrets, null))
                        .applyValue(template -> BackendNames.revision(settings.release(), template)));
        this.revision = releaseRevision;
        var serviceArgs = liveService.map(live -> LiveTemplates.service(target, live, inputs.databaseConnectionName())).orElseGet(() -> ServiceArgs.builder()
                    .project(target.project())
                    .location(target.region())
                    .name(BackendNames.SERVICE)
                    .description("Kura API (FastAPI)")
                    .ingress(settings.ingress().cloudRunValue())
                    .template(serviceTemplate(target, settings, inputs, foundation, secrets, releaseRevision))
                    .labels(target.labels())
                .build());
        this.service = new Service(BackendNames.SERVICE, serviceArgs, adoptable(BackendNames.SERVICE,
                dependencies(foundation, secrets, Reader.BACKEND, ProjectApis.RUN, inputs)));

        // The deliberate public entry point: the API is public and authenticates its users itself, as in the seeds.
        // Behind the edge, ingress still limits callers to the load balancer, which invokes without credentials.
        new ServiceIamMember("kura-backend-public-invoker", ServiceIamMemberArgs.builder()
                .project(target.project())
                .location(target.region())
                .name(service.name())
                .role("roles/run.invoker")
                .member("allUsers")
                .build(), child());

        var liveJob = settings.liveTemplate() ? settings.adoptedJob() : Optional.<LiveCloudRun.Job>empty();
        var jobArgs = liveJob.map(live -> LiveTemplates.job(target, live, inputs.databaseConnectionName())).orElseGet(() -> JobArgs.builder()
                    .project(target.project())
                    .location(target.region())
                    .name(BackendNames.MIGRATOR_JOB)
                    .template(JobTemplateArgs.builder()
                            .labels(Map.of("release", settings.release()))
                            .taskCount(1)
                            .parallelism(1)
                            .template(JobTemplateTemplateArgs.builder()
                                    .serviceAccount(foundation.migratorServiceAccount().email())
                                    .executionEnvironment("EXECUTION_ENVIRONMENT_GEN2")
                                    // A half-applied migration is looked at by a person, never retried blindly.
                                    .maxRetries(0)
                                    .timeout(settings.migrationTimeoutSeconds() + "s")
                                    .vpcAccess(JobTemplateTemplateVpcAccessArgs.builder()
                                            .networkInterfaces(JobTemplateTemplateVpcAccessNetworkInterfaceArgs.builder()
                                                    .network(foundation.networkName())
                                                    .subnetwork(foundation.subnetworkName())
                                                    .build())
                                            .egress("PRIVATE_RANGES_ONLY")
                                            .build())
                                    .containers(JobTemplateTemplateContainerArgs.builder()
                                            .name("migrator")
                                            .image(settings.image())
                                            .commands("alembic")
                                            .args("upgrade", "heads")
                                            .envs(SecretCatalogue.readBy(Reader.MIGRATOR).stream()
                                                    .flatMap(entry -> secrets.versionToMount(entry.name()).stream()
                                                            .map(version -> JobTemplateTemplateContainerEnvArgs.builder()
                                                            .name(entry.name())
                                                            .valueSource(JobTemplateTemplateContainerEnvValueSourceArgs.builder()
                                                                    .secretKeyRef(JobTemplateTemplateContainerEnvValueSourceSecretKeyRefArgs.builder()
                                                                            .secret(secrets.secretId(entry.name()))
                                                                            .version(version)
                                                                            .build())
                                                                    .build())
                                                            .build()))
                                                    .toList())
                                            .volumeMounts(JobTemplateTemplateContainerVolumeMountArgs.builder()
                                                    .name(CLOUDSQL_VOLUME).mountPath(CLOUDSQL_MOUNT).build())
                                            .build())
                                    .volumes(JobTemplateTemplateVolumeArgs.builder()
                                            .name(CLOUDSQL_VOLUME)
                                            .cloudSqlInstance(JobTemplateTemplateVolumeCloudSqlInstanceArgs.builder()
                                                    .instances(inputs.databaseConnectionName().applyValue(KnownValues::listOfKnown))
                                                    .build())
                                            .build())
                                    .build())
                            .build())
                    .labels(target.labels())
                .build());
        new Job(BackendNames.MIGRATOR_JOB, jobArgs, adoptable(BackendNames.MIGRATOR_JOB,
                dependencies(foundation, secrets, Reader.MIGRATOR, ProjectApis.RUN, inputs)));

        registerOutputs(Map.of(
                "url", service.uri(),
                "candidateUrl", candidateUrl()));
    }

    /**
     * The revision's template; with no {@code revision}, what the revision's name hashes (so the name covers every
     * field here, see {@link BackendNames#revision(String, String)}).
     */
    private static ServiceTemplateArgs serviceTemplate(Target target, BackendSettings settings, BackendInputs inputs,
                                                       Foundation foundation, Secrets secrets,
                                                       Output<String> revision) {
        var plainEnv = plainEnv(target, settings, inputs);
        var secretVersions = secretVersions(secrets);
        return ServiceTemplateArgs.builder()
                .revision(revision)
                .labels(Map.of("release", settings.release()))
                .serviceAccount(foundation.backendServiceAccount().email())
                .executionEnvironment("EXECUTION_ENVIRONMENT_GEN2")
                .scaling(ServiceTemplateScalingArgs.builder()
                        .minInstanceCount(settings.minInstances())
                        .maxInstanceCount(settings.maxInstances())
                        .build())
                .maxInstanceRequestConcurrency(settings.concurrency())
                .timeout(settings.requestTimeoutSeconds() + "s")
                .vpcAccess(ServiceTemplateVpcAccessArgs.builder()
                        .networkInterfaces(ServiceTemplateVpcAccessNetworkInterfaceArgs.builder()
                                .network(foundation.networkName())
                                .subnetwork(foundation.subnetworkName())
                                .build())
                        // Redis and Cloud SQL live on private ranges; public APIs go out directly.
                        .egress("PRIVATE_RANGES_ONLY")
                        .build())
                .containers(ServiceTemplateContainerArgs.builder()
                        .name("backend")
                        .image(settings.image())
                        .ports(ServiceTemplateContainerPortArgs.builder().name("http1").containerPort(PORT).build())
                        .resources(ServiceTemplateContainerResourcesArgs.builder()
                                .limits(Map.of("cpu", settings.cpu(), "memory", settings.memory()))
                                .startupCpuBoost(settings.startupCpuBoost())
                                .cpuIdle(true)
                                .build())
                        .envs(serviceEnv(plainEnv, secretVersions, secrets))
                        .startupProbe(ServiceTemplateContainerStartupProbeArgs.builder()
                                .httpGet(ServiceTemplateContainerStartupProbeHttpGetArgs.builder()
                                        .path(HEALTH_PATH).port(PORT).build())
                                .periodSeconds(5)
                                .timeoutSeconds(3)
                                // Up to two minutes to start (migrations run in the job, not here).
                                .failureThreshold(24)
                                .build())
                        .livenessProbe(ServiceTemplateContainerLivenessProbeArgs.builder()
                                .httpGet(ServiceTemplateContainerLivenessProbeHttpGetArgs.builder()
                                        .path(HEALTH_PATH).port(PORT).build())
                                .periodSeconds(30)
                                .timeoutSeconds(5)
                                .failureThreshold(3)
                                .build())
                        .volumeMounts(ServiceTemplateContainerVolumeMountArgs.builder()
                                .name(CLOUDSQL_VOLUME).mountPath(CLOUDSQL_MOUNT).build())
                        .build())
                .volumes(ServiceTemplateVolumeArgs.builder()
                        .name(CLOUDSQL_VOLUME)
                        .cloudSqlInstance(ServiceTemplateVolumeCloudSqlInstanceArgs.builder()
                                .instances(inputs.databaseConnectionName().applyValue(KnownValues::listOfKnown))
                                .build())
                        .build())
                .build();
    }

    /** {@code projects/<project>/roles/kuraCdnPurger}. */
    private static String cdnPurgerRole(String project) {
        return "projects/" + project + "/roles/" + CDN_PURGER_ROLE_ID;
    }

    /** @param resourceManager the API every project-level binding goes through, enabled in the same first update */
    private void grantToBackend(Target target, String name, Output<String> role, Output<String> member,
                                Resource resourceManager) {
        new IAMMember(name, IAMMemberArgs.builder()
                .project(target.project())
                .role(role)
                .member(member)
                .build(), child(resourceManager));
    }

    /** The non-secret environment the program knows and the stack's own. */
    private static TreeMap<String, Output<String>> plainEnv(Target target, BackendSettings settings, BackendInputs inputs) {
        var plain = new TreeMap<String, Output<String>>();
        settings.env().forEach((name, value) -> plain.put(name, Output.of(value)));
        plain.put("ENVIRONMENT", Output.of(target.environment().id()));
        plain.put("GCP_PROJECT_ID", Output.of(target.project()));
        plain.put("GCP_REGION", Output.of(target.region()));
        plain.put("RELEASE", Output.of(settings.release()));
        plain.put("MESSAGING_BACKEND", Output.of(inputs.messaging().id()));
        plain.put("BACKUPS_BUCKET", inputs.backupsBucket());
        plain.put("REDIS_HOST", inputs.redis().host());
        plain.put("REDIS_PORT", inputs.redis().port().applyValue(String::valueOf));
        plain.put("REDIS_CA_CERT", inputs.redis().caCertificate());
        // The broker is there whatever MESSAGING_BACKEND says, so switching to celery changes nothing else.
        plain.put("CELERY_BROKER_HOST", inputs.celeryBroker().host());
        plain.put("CELERY_BROKER_PORT", inputs.celeryBroker().port().applyValue(String::valueOf));
        plain.put("CELERY_BROKER_CA_CERT", inputs.celeryBroker().caCertificate());
        // What the backend's OpenTelemetry setup reads: traces to Cloud Trace, named and versioned per release.
        plain.put("OTEL_SERVICE_NAME", Output.of(BackendNames.SERVICE));
        plain.put("OTEL_RESOURCE_ATTRIBUTES", Output.of("service.version=" + settings.release()
                + ",deployment.environment=" + target.environment().id()));
        plain.put("OTEL_TRACES_SAMPLER", Output.of("parentbased_traceidratio"));
        plain.put("OTEL_TRACES_SAMPLER_ARG", Output.of(String.valueOf(settings.traceSampleRatio())));
        // With Kafka running, switching MESSAGING_BACKEND between kafka and celery changes nothing else. The client
        // certificate and key (mTLS as the catalogue's service "api") come from Secret Manager with the other secrets;
        // the consumer group is the only one its Kafka user may read in.
        inputs.kafka().ifPresent(present -> {
            plain.put("KAFKA_BOOTSTRAP_SERVERS", present.bootstrapServers());
            plain.put("KAFKA_SECURITY_PROTOCOL", Output.of("SSL"));
            plain.put("KAFKA_SSL_CA_PEM", present.caCertificate());
            plain.put("KAFKA_GROUP_ID", Output.of(KafkaNames.BACKEND_SERVICE));
        });
        return plain;
    }

    /** The version of each secret the backend reads and that has one, in the catalogue's order. */
    private static Map<String, Output<String>> secretVersions(Secrets secrets) {
        var versions = new java.util.LinkedHashMap<String, Output<String>>();
        SecretCatalogue.readBy(Reader.BACKEND).forEach(entry ->
                secrets.versionToMount(entry.name()).ifPresent(version -> versions.put(entry.name(), version)));
        return versions;
    }

    /** The plain environment, then every mounted secret. */
    private static List<ServiceTemplateContainerEnvArgs> serviceEnv(Map<String, Output<String>> plain,
                                                                     Map<String, Output<String>> secretVersions,
                                                                     Secrets secrets) {
        var envs = new ArrayList<ServiceTemplateContainerEnvArgs>();
        plain.forEach((name, value) -> envs.add(ServiceTemplateContainerEnvArgs.builder().name(name).value(value).build()));
        secretVersions.forEach((name, version) -> envs.add(ServiceTemplateContainerEnvArgs.builder()
                .name(name)
                .valueSource(ServiceTemplateContainerEnvValueSourceArgs.builder()
                        .secretKeyRef(ServiceTemplateContainerEnvValueSourceSecretKeyRefArgs.builder()
                                .secret(secrets.secretId(name))
                                .version(version)
                                .build())
                        .build())
                .build()));
        return envs;
    }

    /**
     * What a workload's first instances wait for: their secrets and the right to connect to Cloud SQL (a revision
     * that starts before its cloudsql.client grant fails its first connections, and Cloud Run marks it failed).
     */
    private static Resource[] dependencies(Foundation foundation, Secrets secrets, Reader reader, String api,
                                           BackendInputs inputs) {
        var dependencies = new ArrayList<>(secrets.readyFor(reader));
        dependencies.add(inputs.databaseAccess().get(reader));
        dependencies.add(foundation.api(api));
        return dependencies.toArray(Resource[]::new);
    }

    public Output<String> url() {
        return service.uri();
    }

    /** The revision the stack's release runs as, under its current template. */
    public Output<String> revision() {
        return revision;
    }

    /** The Cloud Run service, for what must wait until it exists (the edge's serverless NEGs). */
    public Service service() {
        return service;
    }

    /** The candidate revision's own run.app URL while a release is staged; empty otherwise. */
    public Output<String> candidateUrl() {
        return service.trafficStatuses().applyValue(statuses -> statuses == null ? "" : statuses.stream()
                .filter(status -> status.tag().filter(BackendNames.CANDIDATE_TAG::equals).isPresent())
                .flatMap(status -> status.uri().stream())
                .findFirst()
                .orElse(""));
    }
}
