package ai.kuraos.infra.inference;

import ai.kuraos.infra.component.KnownValues;
import ai.kuraos.infra.component.KuraComponent;
import ai.kuraos.infra.config.Target;
import ai.kuraos.infra.k8s.Cluster;
import ai.kuraos.infra.k8s.KubernetesObject;
import ai.kuraos.infra.k8s.RecommendedLabels;
import ai.kuraos.infra.messaging.KafkaEndpoint;
import ai.kuraos.infra.messaging.KafkaNames;
import ai.kuraos.infra.platform.Foundation;
import ai.kuraos.infra.platform.PrivateGoogleApis;
import ai.kuraos.infra.platform.ProjectApis;
import com.pulumi.core.Either;
import com.pulumi.core.Output;
import com.pulumi.gcp.serviceaccount.Account;
import com.pulumi.gcp.serviceaccount.AccountArgs;
import com.pulumi.gcp.serviceaccount.IAMMember;
import com.pulumi.gcp.serviceaccount.IAMMemberArgs;
import com.pulumi.gcp.storage.BucketIAMMember;
import com.pulumi.gcp.storage.BucketIAMMemberArgs;
import com.pulumi.kubernetes.apps.v1.Deployment;
import com.pulumi.kubernetes.apps.v1.DeploymentArgs;
import com.pulumi.kubernetes.apps.v1.inputs.DeploymentSpecArgs;
import com.pulumi.kubernetes.apps.v1.inputs.DeploymentStrategyArgs;
import com.pulumi.kubernetes.apps.v1.inputs.RollingUpdateDeploymentArgs;
import com.pulumi.kubernetes.autoscaling.v2.HorizontalPodAutoscaler;
import com.pulumi.kubernetes.autoscaling.v2.HorizontalPodAutoscalerArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.CrossVersionObjectReferenceArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.HorizontalPodAutoscalerSpecArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.MetricSpecArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.MetricTargetArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.ResourceMetricSourceArgs;
import com.pulumi.kubernetes.core.v1.ConfigMap;
import com.pulumi.kubernetes.core.v1.ConfigMapArgs;
import com.pulumi.kubernetes.core.v1.Namespace;
import com.pulumi.kubernetes.core.v1.Secret;
import com.pulumi.kubernetes.core.v1.SecretArgs;
import com.pulumi.kubernetes.core.v1.NamespaceArgs;
import com.pulumi.kubernetes.core.v1.Service;
import com.pulumi.kubernetes.core.v1.ServiceAccount;
import com.pulumi.kubernetes.core.v1.ServiceAccountArgs;
import com.pulumi.kubernetes.core.v1.ServiceArgs;
import com.pulumi.kubernetes.core.v1.inputs.CapabilitiesArgs;
import com.pulumi.kubernetes.core.v1.inputs.ConfigMapEnvSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.ConfigMapVolumeSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.ContainerArgs;
import com.pulumi.kubernetes.core.v1.inputs.ContainerPortArgs;
import com.pulumi.kubernetes.core.v1.inputs.EmptyDirVolumeSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvFromSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.HTTPGetActionArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodSecurityContextArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodTemplateSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.ProbeArgs;
import com.pulumi.kubernetes.core.v1.inputs.ResourceRequirementsArgs;
import com.pulumi.kubernetes.core.v1.inputs.SeccompProfileArgs;
import com.pulumi.kubernetes.core.v1.inputs.SecretVolumeSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.SecurityContextArgs;
import com.pulumi.kubernetes.core.v1.inputs.ServicePortArgs;
import com.pulumi.kubernetes.core.v1.inputs.ServiceSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.TopologySpreadConstraintArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeMountArgs;
import com.pulumi.kubernetes.meta.v1.inputs.LabelSelectorArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.kubernetes.networking.v1.NetworkPolicy;
import com.pulumi.kubernetes.networking.v1.NetworkPolicyArgs;
import com.pulumi.kubernetes.networking.v1.inputs.IPBlockArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyEgressRuleArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyIngressRuleArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyPeerArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyPortArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicySpecArgs;
import com.pulumi.kubernetes.policy.v1.PodDisruptionBudget;
import com.pulumi.kubernetes.policy.v1.PodDisruptionBudgetArgs;
import com.pulumi.kubernetes.policy.v1.inputs.PodDisruptionBudgetSpecArgs;
import com.pulumi.resources.Resource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code kura:inference:Workload}: Adeline, the inference service, on the stack's GKE cluster. Its own namespace
 * under the restricted pod security profile; a Kubernetes service account that acts as a dedicated Google account
 * (Workload Identity), which may read the model's bucket and nothing else; settings in a ConfigMap; a Deployment that
 * rolls without losing capacity, spreads over zones, runs non-root on a read-only root filesystem with every
 * capability dropped; an autoscaler that keeps at least the seeds' three replicas; a disruption budget; a network
 * policy that denies everything but metrics scraping, DNS, the metadata server, Google APIs at
 * {@code private.googleapis.com}, MQTT and Kafka; and Managed Prometheus scraping {@value InferenceNames#METRICS_PORT}.
 */
public final class Workload extends KuraComponent {

    public static final String TYPE = "kura:inference:Workload";
    private static final String GKE_METADATA_SERVER = "169.254.169.252/32";
    private static final int GKE_METADATA_SERVER_PORT = 988;
    private static final String METADATA_SERVER = "169.254.169.254/32";
    /** NodeLocal DNSCache's node address (https://cloud.google.com/kubernetes-engine/docs/how-to/nodelocal-dns-cache). */
    private static final String NODE_LOCAL_DNS = "169.254.20.10/32";

    private final Account googleAccount;

    public Workload(String name, Target target, InferenceSettings settings, Foundation foundation, Cluster cluster,
                    Optional<KafkaEndpoint> kafka) {
        super(TYPE, name, target);
        var provider = cluster.provider();
        var version = InferenceNames.version(settings.image());
        var labels = RecommendedLabels.of(InferenceNames.APP, InferenceNames.APP + "-" + target.stack(), "inference",
                version);
        var selector = RecommendedLabels.selector(InferenceNames.APP, InferenceNames.APP + "-" + target.stack());

        this.googleAccount = new Account("inference-sa", AccountArgs.builder()
                .project(target.project())
                .accountId(InferenceNames.GOOGLE_ACCOUNT_ID)
                .displayName("Kura inference (Adeline)")
                .description("Identity of the Adeline pods on GKE through Workload Identity; holds no project role")
                // Protected: a recreated account is a new principal (a new unique id) that loses every grant.
                .build(), protectedChild(foundation.api(ProjectApis.IAM)));
        var workloadIdentity = new IAMMember("inference-workload-identity", IAMMemberArgs.builder()
                .serviceAccountId(googleAccount.name())
                .role("roles/iam.workloadIdentityUser")
                .member(InferenceNames.workloadIdentityMember(target.project()))
                .build(), child(cluster));

        // Reading the model is all the account may do: object reads and listings of that one bucket.
        var modelReader = new BucketIAMMember("inference-model-reader", BucketIAMMemberArgs.builder()
                .bucket(settings.modelBucket())
                .role("roles/storage.objectViewer")
                .member(googleAccount.member())
                .build(), child(foundation.api(ProjectApis.STORAGE)));

        var namespaceLabels = new TreeMap<>(labels);
        namespaceLabels.put("pod-security.kubernetes.io/enforce", "restricted");
        kafka.ifPresent(present -> namespaceLabels.put(KafkaNames.CLIENT_NAMESPACE_LABEL, "true"));
        var namespace = new Namespace("inference-namespace", NamespaceArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(InferenceNames.NAMESPACE).labels(namespaceLabels).build())
                .build(), childThrough(provider));

        var serviceAccount = new ServiceAccount("inference-service-account", ServiceAccountArgs.builder()
                .metadata(ObjectMetaArgs.builder(metadata(InferenceNames.SERVICE_ACCOUNT, labels))
                        .annotations(googleAccount.email().applyValue(email ->
                                Map.of("iam.gke.io/gcp-service-account", KnownValues.orEmpty(email))))
                        .build())
                // The service never calls the Kubernetes API.
                .automountServiceAccountToken(false)
                .build(), childThrough(provider, namespace));

        var settingsData = InferenceManifest.settings(target, settings, kafka.isPresent());
        var settingsMap = new ConfigMap("inference-settings", ConfigMapArgs.builder()
                .metadata(metadata(InferenceNames.SETTINGS_CONFIG_MAP, labels))
                .data(settingsData)
                .build(), childThrough(provider, namespace));
        var kafkaCa = kafka.map(present -> new ConfigMap("inference-kafka-ca", ConfigMapArgs.builder()
                .metadata(metadata(InferenceNames.KAFKA_CA_CONFIG_MAP, labels))
                .data(present.caCertificate().applyValue(pem -> Map.of("ca.crt", KnownValues.orEmpty(pem))))
                .build(), childThrough(provider, namespace)));
        // The certificate Kafka's listeners know this workload by (its KafkaUser, CN=adeline), in its own namespace:
        // Strimzi's user operator writes credentials only into the Kafka cluster's. A renewed certificate is not
        // hashed into the pod template (its value is unknown until the update creates it, so a preview could not show
        // it): the kubelet rewrites the mounted files, and pods started after that read the new one.
        var kafkaClient = kafka.map(present -> new Secret("inference-kafka-client", SecretArgs.builder()
                .metadata(metadata(InferenceNames.KAFKA_CLIENT_SECRET, labels))
                .stringData(Output.tuple(present.client().certificate(), present.client().privateKey())
                        .applyValue(pems -> Map.of(
                                InferenceNames.KAFKA_CLIENT_CERTIFICATE, KnownValues.orEmpty(pems.t1),
                                InferenceNames.KAFKA_CLIENT_KEY, KnownValues.orEmpty(pems.t2))))
                .build(), childThrough(provider, namespace)));
        // The first pods need their identity (the Kubernetes and Google accounts, the Workload Identity binding, the
        // model grant), their settings and their Kafka credentials; without these they fail their probes and the
        // Deployment's readiness wait runs out.
        var deploymentDependencies = new ArrayList<Resource>(List.of(namespace, serviceAccount, settingsMap,
                workloadIdentity, modelReader));
        kafkaCa.ifPresent(deploymentDependencies::add);
        kafkaClient.ifPresent(deploymentDependencies::add);
        // The pods read the model at start, through the name the private zone resolves.
        deploymentDependencies.addAll(foundation.googleApisRecords());

        var deployment = new Deployment("inference-deployment", DeploymentArgs.builder()
                .metadata(metadata(InferenceNames.APP, labels))
                .spec(DeploymentSpecArgs.builder()
                        // No replicas: the autoscaler owns the count (server-side apply leaves the field to it).
                        .selector(LabelSelectorArgs.builder().matchLabels(selector).build())
                        .strategy(DeploymentStrategyArgs.builder()
                                .type("RollingUpdate")
                                .rollingUpdate(RollingUpdateDeploymentArgs.builder()
                                        .maxUnavailable(0)
                                        .maxSurge(1)
                                        .build())
                                .build())
                        .template(PodTemplateSpecArgs.builder()
                                .metadata(ObjectMetaArgs.builder()
                                        .labels(labels)
                                        .annotations(Map.of("kura.ai/settings-checksum",
                                                InferenceManifest.checksum(settingsData)))
                                        .build())
                                .spec(podSpec(settings, selector, kafka.isPresent()))
                                .build())
                        .build())
                .build(), childThrough(provider, deploymentDependencies.toArray(Resource[]::new)));

        new Service("inference-service", ServiceArgs.builder()
                .metadata(metadata(InferenceNames.APP, labels))
                .spec(ServiceSpecArgs.builder()
                        .type("ClusterIP")
                        .selector(selector)
                        .ports(port("health", InferenceNames.HEALTH_PORT), port("metrics", InferenceNames.METRICS_PORT))
                        .build())
                .build(), childThrough(provider, namespace));

        new PodDisruptionBudget("inference-disruption-budget", PodDisruptionBudgetArgs.builder()
                .metadata(metadata(InferenceNames.APP, labels))
                .spec(PodDisruptionBudgetSpecArgs.builder()
                        .maxUnavailable(1)
                        .selector(LabelSelectorArgs.builder().matchLabels(selector).build())
                        .build())
                .build(), childThrough(provider, namespace));

        new HorizontalPodAutoscaler("inference-autoscaler", HorizontalPodAutoscalerArgs.builder()
                .metadata(metadata(InferenceNames.APP, labels))
                .spec(HorizontalPodAutoscalerSpecArgs.builder()
                        .scaleTargetRef(CrossVersionObjectReferenceArgs.builder()
                                .apiVersion("apps/v1")
                                .kind("Deployment")
                                .name(InferenceNames.APP)
                                .build())
                        .minReplicas(settings.minReplicas())
                        .maxReplicas(settings.maxReplicas())
                        .metrics(MetricSpecArgs.builder()
                                .type("Resource")
                                .resource(ResourceMetricSourceArgs.builder()
                                        .name("cpu")
                                        .target(MetricTargetArgs.builder()
                                                .type("Utilization")
                                                .averageUtilization(settings.targetCpuUtilization())
                                                .build())
                                        .build())
                                .build())
                        .build())
                .build(), childThrough(provider, deployment));

        new NetworkPolicy("inference-default-deny", NetworkPolicyArgs.builder()
                .metadata(metadata("default-deny", labels))
                .spec(NetworkPolicySpecArgs.builder()
                        .podSelector(LabelSelectorArgs.builder().build())
                        .policyTypes("Ingress", "Egress")
                        .build())
                .build(), childThrough(provider, namespace));
        new NetworkPolicy("inference-allowed-flows", NetworkPolicyArgs.builder()
                .metadata(metadata(InferenceNames.APP, labels))
                .spec(NetworkPolicySpecArgs.builder()
                        .podSelector(LabelSelectorArgs.builder().matchLabels(selector).build())
                        .policyTypes("Ingress", "Egress")
                        .ingress(NetworkPolicyIngressRuleArgs.builder()
                                .from(NetworkPolicyPeerArgs.builder()
                                        .namespaceSelector(namespaceNamed(InferenceNames.PROMETHEUS_NAMESPACE))
                                        .build())
                                .ports(tcp(InferenceNames.METRICS_PORT))
                                .build())
                        .egress(egressRules(settings, kafka.isPresent()))
                        .build())
                .build(), childThrough(provider, namespace));

        new KubernetesObject("inference-pod-monitoring", new KubernetesObject.Args("monitoring.googleapis.com/v1",
                "PodMonitoring", metadata(InferenceNames.APP, labels), Output.of(Map.of(
                        "selector", Map.of("matchLabels", selector),
                        "endpoints", List.of(Map.of("port", "metrics", "interval", "30s"))))),
                childThrough(provider, namespace));

        registerOutputs(Map.of(
                "namespace", Output.of(InferenceNames.NAMESPACE),
                "googleServiceAccount", googleAccount.email()));
    }

    private static PodSpecArgs podSpec(InferenceSettings settings, Map<String, String> selector, boolean kafka) {
        var mounts = new ArrayList<VolumeMountArgs>(List.of(
                VolumeMountArgs.builder().name("tmp").mountPath("/tmp").build(),
                VolumeMountArgs.builder().name("model-cache").mountPath(InferenceNames.MODEL_CACHE_DIR).build()));
        var volumes = new ArrayList<VolumeArgs>(List.of(
                VolumeArgs.builder().name("tmp").emptyDir(EmptyDirVolumeSourceArgs.builder().sizeLimit(InferenceNames.TMP_SIZE).build()).build(),
                VolumeArgs.builder().name("model-cache")
                        .emptyDir(EmptyDirVolumeSourceArgs.builder().sizeLimit(settings.modelCacheSize()).build())
                        .build()));
        if (kafka) {
            mounts.add(VolumeMountArgs.builder().name("kafka-ca").mountPath(InferenceNames.KAFKA_CA_DIR).readOnly(true).build());
            volumes.add(VolumeArgs.builder().name("kafka-ca")
                    .configMap(ConfigMapVolumeSourceArgs.builder().name(InferenceNames.KAFKA_CA_CONFIG_MAP).build())
                    .build());
            mounts.add(VolumeMountArgs.builder().name("kafka-client").mountPath(InferenceNames.KAFKA_CLIENT_DIR)
                    .readOnly(true).build());
            volumes.add(VolumeArgs.builder().name("kafka-client")
                    .secret(SecretVolumeSourceArgs.builder().secretName(InferenceNames.KAFKA_CLIENT_SECRET)
                            // Readable by the pod's group (its fsGroup) and no one else.
                            .defaultMode(0440).build())
                    .build());
        }
        var resources = InferenceManifest.resources(settings);
        var nodeSelector = InferenceManifest.nodeSelector(settings);
        return PodSpecArgs.builder()
                .serviceAccountName(InferenceNames.SERVICE_ACCOUNT)
                .automountServiceAccountToken(false)
                .securityContext(PodSecurityContextArgs.builder()
                        .runAsNonRoot(true)
                        .runAsUser(InferenceNames.RUN_AS_USER)
                        .runAsGroup(InferenceNames.RUN_AS_USER)
                        .fsGroup(InferenceNames.RUN_AS_USER)
                        .seccompProfile(SeccompProfileArgs.builder().type("RuntimeDefault").build())
                        .build())
                .nodeSelector(nodeSelector.isEmpty() ? null : Output.of(nodeSelector))
                .topologySpreadConstraints(TopologySpreadConstraintArgs.builder()
                        .maxSkew(1)
                        .topologyKey("topology.kubernetes.io/zone")
                        .whenUnsatisfiable("DoNotSchedule")
                        .labelSelector(LabelSelectorArgs.builder().matchLabels(selector).build())
                        .build())
                .containers(ContainerArgs.builder()
                        .name(InferenceNames.APP)
                        .image(settings.image())
                        .ports(ContainerPortArgs.builder().name("health").containerPort(InferenceNames.HEALTH_PORT).protocol("TCP").build(),
                                ContainerPortArgs.builder().name("metrics").containerPort(InferenceNames.METRICS_PORT).protocol("TCP").build())
                        .envFrom(EnvFromSourceArgs.builder()
                                .configMapRef(ConfigMapEnvSourceArgs.builder().name(InferenceNames.SETTINGS_CONFIG_MAP).build())
                                .build())
                        .livenessProbe(probe(InferenceNames.LIVENESS_PATH, InferenceNames.LIVENESS))
                        .readinessProbe(probe(InferenceNames.READINESS_PATH, InferenceNames.READINESS))
                        .resources(ResourceRequirementsArgs.builder().requests(resources).limits(resources).build())
                        .securityContext(SecurityContextArgs.builder()
                                .runAsNonRoot(true)
                                .allowPrivilegeEscalation(false)
                                .readOnlyRootFilesystem(true)
                                .capabilities(CapabilitiesArgs.builder().drop("ALL").build())
                                .build())
                        .volumeMounts(mounts)
                        .build())
                .volumes(volumes)
                .build();
    }

    private static ProbeArgs probe(String path, InferenceNames.ProbeTiming timing) {
        return ProbeArgs.builder()
                .httpGet(HTTPGetActionArgs.builder().path(path).port(Either.ofLeft(InferenceNames.HEALTH_PORT)).build())
                .initialDelaySeconds(timing.initialDelaySeconds())
                .periodSeconds(timing.periodSeconds())
                .timeoutSeconds(timing.timeoutSeconds())
                .failureThreshold(timing.failureThreshold())
                .build();
    }

    /**
     * DNS, the metadata servers (Workload Identity tokens), Google APIs (the model, traces and metrics), the MQTT
     * broker and, with Kafka, its TLS listener. The metadata rules are Google's: "If you have a strict cluster network
     * policy in place, you must allow egress to 169.254.169.252/32 on port 988. For clusters running GKE Dataplane V2,
     * ensure that you allowed egress to 169.254.169.254/32 on port 80" ("About Workload Identity Federation for GKE",
     * GKE metadata server, https://cloud.google.com/kubernetes-engine/docs/concepts/workload-identity). Google APIs
     * are reached at {@code private.googleapis.com}, which the foundation's private zone resolves every
     * {@code *.googleapis.com} name to, on HTTPS only.
     */
    private static List<NetworkPolicyEgressRuleArgs> egressRules(InferenceSettings settings, boolean kafka) {
        var rules = new ArrayList<NetworkPolicyEgressRuleArgs>();
        rules.add(NetworkPolicyEgressRuleArgs.builder()
                // kube-dns, NodeLocal DNSCache (its pods and its node address: with it, a pod's queries go to
                // 169.254.20.10, which a kube-dns rule alone drops), and the metadata server's resolver.
                .to(NetworkPolicyPeerArgs.builder()
                                .namespaceSelector(namespaceNamed("kube-system"))
                                .podSelector(LabelSelectorArgs.builder().matchLabels(Map.of("k8s-app", "kube-dns")).build())
                                .build(),
                        NetworkPolicyPeerArgs.builder()
                                .namespaceSelector(namespaceNamed("kube-system"))
                                .podSelector(LabelSelectorArgs.builder()
                                        .matchLabels(Map.of("k8s-app", "node-local-dns")).build())
                                .build(),
                        ipBlock(NODE_LOCAL_DNS),
                        ipBlock(METADATA_SERVER))
                .ports(NetworkPolicyPortArgs.builder().protocol("UDP").port(53).build(), tcp(53))
                .build());
        rules.add(NetworkPolicyEgressRuleArgs.builder()
                .to(ipBlock(GKE_METADATA_SERVER))
                .ports(tcp(GKE_METADATA_SERVER_PORT))
                .build());
        rules.add(NetworkPolicyEgressRuleArgs.builder()
                .to(ipBlock(METADATA_SERVER))
                .ports(tcp(80))
                .build());
        rules.add(NetworkPolicyEgressRuleArgs.builder()
                .to(ipBlock(PrivateGoogleApis.VIP_CIDR))
                .ports(tcp(PrivateGoogleApis.HTTPS_PORT))
                .build());
        rules.add(NetworkPolicyEgressRuleArgs.builder()
                .to(ipBlock(settings.mqtt().cidr()))
                .ports(tcp(settings.mqtt().port()))
                .build());
        if (kafka) {
            rules.add(NetworkPolicyEgressRuleArgs.builder()
                    .to(NetworkPolicyPeerArgs.builder()
                            .namespaceSelector(namespaceNamed(KafkaNames.NAMESPACE))
                            .podSelector(LabelSelectorArgs.builder()
                                    .matchLabels(Map.of("strimzi.io/cluster", KafkaNames.CLUSTER)).build())
                            .build())
                    .ports(tcp(KafkaNames.TLS_PORT))
                    .build());
        }
        return rules;
    }

    private static ObjectMetaArgs metadata(String name, Map<String, String> labels) {
        return ObjectMetaArgs.builder().name(name).namespace(InferenceNames.NAMESPACE).labels(labels).build();
    }

    private static LabelSelectorArgs namespaceNamed(String namespace) {
        return LabelSelectorArgs.builder().matchLabels(Map.of("kubernetes.io/metadata.name", namespace)).build();
    }

    private static NetworkPolicyPeerArgs ipBlock(String cidr) {
        return NetworkPolicyPeerArgs.builder().ipBlock(IPBlockArgs.builder().cidr(cidr).build()).build();
    }

    private static NetworkPolicyPortArgs tcp(int port) {
        return NetworkPolicyPortArgs.builder().protocol("TCP").port(port).build();
    }

    private static ServicePortArgs port(String name, int port) {
        return ServicePortArgs.builder().name(name).port(port).targetPort(name).protocol("TCP").build();
    }
}
