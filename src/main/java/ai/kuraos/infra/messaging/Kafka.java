package ai.kuraos.infra.messaging;

import ai.kuraos.infra.component.KnownValues;
import ai.kuraos.infra.component.KuraComponent;
import ai.kuraos.infra.config.Target;
import ai.kuraos.infra.k8s.Cluster;
import ai.kuraos.infra.k8s.KubernetesObject;
import ai.kuraos.infra.k8s.RecommendedLabels;
import ai.kuraos.infra.platform.Foundation;
import ai.kuraos.infra.tls.Subject;
import ai.kuraos.infra.tls.TlsCertRequest;
import ai.kuraos.infra.tls.TlsLocallySignedCert;
import ai.kuraos.infra.tls.TlsPrivateKey;
import ai.kuraos.infra.tls.TlsSelfSignedCert;
import com.pulumi.core.Output;
import com.pulumi.gcp.compute.Address;
import com.pulumi.gcp.compute.AddressArgs;
import com.pulumi.kubernetes.core.v1.Namespace;
import com.pulumi.kubernetes.core.v1.NamespaceArgs;
import com.pulumi.kubernetes.core.v1.Secret;
import com.pulumi.kubernetes.core.v1.SecretArgs;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.kubernetes.helm.v3.ReleaseArgs;
import com.pulumi.kubernetes.helm.v3.inputs.RepositoryOptsArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code kura:messaging:Kafka}: the event bus of the seeds' hybrid messaging, on the stack's GKE cluster. The Strimzi
 * operator (a pinned Helm chart) runs a KRaft Kafka cluster in {@value KafkaNames#NAMESPACE} and keeps the topics of
 * the catalogue. Clients connect over TLS only, with a certificate from the stack's own Kafka CA: pods in namespaces
 * labelled {@value KafkaNames#CLIENT_NAMESPACE_LABEL} on {@value KafkaNames#TLS_PORT}, Cloud Run through internal load
 * balancers at reserved addresses on {@value KafkaNames#VPC_PORT}. Both listeners require a client certificate from
 * the stack's clients CA, and each service of the catalogue is a KafkaUser that may use exactly its topics: the
 * program issues the certificates of the services it runs (delivered with their endpoints), the user operator those
 * of the others (the Secret {@code <service>} in {@value KafkaNames#NAMESPACE}).
 */
public final class Kafka extends KuraComponent {

    public static final String TYPE = "kura:messaging:Kafka";
    public static final String CHART = "strimzi-kafka-operator";
    /** The operator release; {@link KafkaSettings#SUPPORTED_VERSIONS} are the Kafka versions it runs. */
    public static final String CHART_VERSION = "0.45.0";
    public static final String CHART_REPOSITORY = "https://strimzi.io/charts/";
    /**
     * What the tls provider would take as the last 30 days of a certificate's life, to issue the next one. Under
     * Pulumi it does not (pulumi/pulumi-tls#39): the drift job warns instead ({@link CertificateExpiry}).
     */
    private static final int EARLY_RENEWAL_HOURS = 720;

    private final Output<String> bootstrapServers;
    private final Output<String> caCertificate;
    private final Map<String, KafkaClientCertificate> clientCertificates = new TreeMap<>();
    private final Map<String, Output<String>> certificateEnds;
    private final Map<String, Output<String>> clientCertificateEnds = new TreeMap<>();

    /**
     * @param servicesRunHere the catalogue's services this program runs (the backend, the inference workload when the
     *                        stack runs it): the program issues their certificates
     */
    public Kafka(String name, Target target, KafkaSettings settings, KafkaCertificateSettings certificates,
                 Foundation foundation, String subnetCidr, Cluster cluster, List<String> servicesRunHere) {
        super(TYPE, name, target);
        var provider = cluster.provider();
        var version = settings.version();

        var operatorNamespace = new Namespace("strimzi-namespace", NamespaceArgs.builder()
                .metadata(metadata(KafkaNames.OPERATOR_NAMESPACE, null, "strimzi-operator", "operator", CHART_VERSION,
                        // The operator's pod gets restricted security contexts from the chart's values below.
                        Map.of("pod-security.kubernetes.io/enforce", "restricted")))
                .build(), childThrough(provider));
        // Protected: deleting the namespace deletes the brokers' persistent volume claims with it.
        var namespace = new Namespace("kafka-namespace", NamespaceArgs.builder()
                .metadata(metadata(KafkaNames.NAMESPACE, null, KafkaNames.CLUSTER, "event-bus", version,
                        Map.of("pod-security.kubernetes.io/enforce", "restricted")))
                .build(), protectedChildThrough(provider));

        var operator = new Release("strimzi-operator", ReleaseArgs.builder()
                .name("strimzi-operator")
                .chart(CHART)
                .version(CHART_VERSION)
                .repositoryOpts(RepositoryOptsArgs.builder().repo(CHART_REPOSITORY).build())
                .namespace(KafkaNames.OPERATOR_NAMESPACE)
                .createNamespace(false)
                .atomic(true)
                .cleanupOnFail(true)
                .timeout(600)
                .values(Map.of(
                        "watchNamespaces", List.of(KafkaNames.NAMESPACE),
                        "resources", StrimziSpecs.resources("500m", "512Mi"),
                        "extraEnvs", List.of(Map.of("name", "STRIMZI_POD_SECURITY_PROVIDER_CLASS", "value", "restricted")),
                        // The chart renders them as the operator pod's and container's security contexts (its
                        // 060-Deployment template); the image runs as user 1001 and writes only to its /tmp emptyDir.
                        "podSecurityContext", Map.of("runAsNonRoot", true,
                                "seccompProfile", Map.of("type", "RuntimeDefault")),
                        "securityContext", Map.of("allowPrivilegeEscalation", false, "readOnlyRootFilesystem", true,
                                "capabilities", Map.of("drop", List.of("ALL")))))
                .build(), childThrough(provider, operatorNamespace, namespace));

        var addresses = KafkaNames.addressNames(settings.brokers()).stream()
                .map(address -> new Address(address, AddressArgs.builder()
                        .project(target.project())
                        .region(target.region())
                        .name(address)
                        .description("Kafka's internal load balancer for clients in the VPC (Cloud Run)")
                        .addressType("INTERNAL")
                        .subnetwork(foundation.subnetworkId())
                        .labels(target.labels())
                        .build(), child()).address())
                .toList();

        var caKey = new TlsPrivateKey("kafka-ca-key", child());
        var ca = new TlsSelfSignedCert("kafka-ca", TlsSelfSignedCert.Args.authority(caKey.privateKeyPem(),
                new Subject("Kura Kafka CA (" + target.stack() + ")", "Kura"), certificates.caValidityHours(), EARLY_RENEWAL_HOURS),
                child());
        var serverKey = new TlsPrivateKey("kafka-listener-key", child());
        var request = new TlsCertRequest("kafka-listener-request", new TlsCertRequest.Args(serverKey.privateKeyPem(),
                new Subject(KafkaNames.CLUSTER, "Kura"), KafkaNames.internalDnsNames(), Output.all(addresses)), child());
        var certificate = new TlsLocallySignedCert("kafka-listener-certificate", TlsLocallySignedCert.Args.server(
                request.certRequestPem(), caKey.privateKeyPem(), ca.certPem(), certificates.certificateValidityHours(),
                EARLY_RENEWAL_HOURS), child());
        var listenerSecret = new Secret("kafka-listener-tls", SecretArgs.builder()
                .metadata(metadata(KafkaNames.LISTENER_CERTIFICATE_SECRET, KafkaNames.NAMESPACE, KafkaNames.CLUSTER,
                        "event-bus", version, Map.of()))
                .type("kubernetes.io/tls")
                .stringData(Output.tuple(certificate.certPem(), ca.certPem(), serverKey.privateKeyPemPkcs8())
                        .applyValue(pems -> Map.of(
                                "tls.crt", KnownValues.orEmpty(pems.t1) + KnownValues.orEmpty(pems.t2),
                                "tls.key", KnownValues.orEmpty(pems.t3))))
                .build(), childThrough(provider, namespace));

        // Kafka's principal for a client is its certificate's subject; Strimzi's ACLs name it CN=<KafkaUser>.
        var clientsCaKey = new TlsPrivateKey("kafka-clients-ca-key", child());
        var clientsCa = new TlsSelfSignedCert("kafka-clients-ca", TlsSelfSignedCert.Args.authority(
                clientsCaKey.privateKeyPem(), new Subject("Kura Kafka clients CA (" + target.stack() + ")", "Kura"),
                certificates.caValidityHours(), EARLY_RENEWAL_HOURS), child());
        // Strimzi finds a clients CA it does not generate by these labels, and reads its generation (0: the first)
        // from the annotations (documentation/modules/security/proc-installing-your-own-ca-certificates.adoc).
        var clientsCaCertSecret = new Secret("kafka-clients-ca-cert-secret", SecretArgs.builder()
                .metadata(clientsCaMetadata(KafkaNames.CLIENTS_CA_CERT_SECRET, "strimzi.io/ca-cert-generation", version))
                // Public, but shown as every Secret's data is: as a secret.
                .stringData(clientsCa.certPem().applyValue(pem -> Map.of("ca.crt", KnownValues.orEmpty(pem))).asSecret())
                .build(), childThrough(provider, namespace));
        var clientsCaKeySecret = new Secret("kafka-clients-ca-key-secret", SecretArgs.builder()
                .metadata(clientsCaMetadata(KafkaNames.CLIENTS_CA_KEY_SECRET, "strimzi.io/ca-key-generation", version))
                .stringData(clientsCaKey.privateKeyPemPkcs8().applyValue(pem -> Map.of("ca.key", KnownValues.orEmpty(pem))))
                .build(), childThrough(provider, namespace));
        for (var service : servicesRunHere) {
            var key = new TlsPrivateKey("kafka-client-" + service + "-key", child());
            var clientRequest = new TlsCertRequest("kafka-client-" + service + "-request", TlsCertRequest.Args.client(
                    key.privateKeyPem(), Subject.commonNameOnly(service)), child());
            var clientCertificate = new TlsLocallySignedCert("kafka-client-" + service + "-certificate",
                    TlsLocallySignedCert.Args.client(clientRequest.certRequestPem(), clientsCaKey.privateKeyPem(),
                            clientsCa.certPem(), certificates.certificateValidityHours(), EARLY_RENEWAL_HOURS), child());
            clientCertificates.put(service, new KafkaClientCertificate(clientCertificate.certPem(),
                    key.privateKeyPemPkcs8()));
            clientCertificateEnds.put(CertificateExpiry.clientCertificateValidUntil(service),
                    clientCertificate.validityEndTime());
        }

        var kafka = new KubernetesObject("kafka-cluster", new KubernetesObject.Args(StrimziSpecs.API_VERSION, "Kafka",
                ObjectMetaArgs.builder(clusterMember(KafkaNames.CLUSTER, version))
                        .annotations(Map.of("strimzi.io/kraft", "enabled", "strimzi.io/node-pools", "enabled"))
                        .build(),
                // The addresses stay outputs inside the spec, so a preview shows which fields wait for them.
                Output.of(StrimziSpecs.kafka(settings, addresses, subnetCidr))),
                // Protected: deleting the Kafka resource deletes every broker.
                protectedChildThrough(provider, operator, listenerSecret, clientsCaCertSecret, clientsCaKeySecret));
        new KubernetesObject("kafka-node-pool", new KubernetesObject.Args(StrimziSpecs.API_VERSION, "KafkaNodePool",
                clusterMember(KafkaNames.NODE_POOL, version), Output.of(StrimziSpecs.nodePool(settings))),
                // Protected: the pool's persistent volumes hold every message.
                protectedChildThrough(provider, operator));
        for (var topic : settings.topics()) {
            var metadata = ObjectMetaArgs.builder(clusterMember(topic.name(), version))
                    .annotations(Map.of("kura.ai/description", topic.description()))
                    .build();
            new KubernetesObject("kafka-topic-" + topic.name(), new KubernetesObject.Args(StrimziSpecs.API_VERSION,
                    // Protected: deleting a KafkaTopic deletes the topic and its messages.
                    "KafkaTopic", metadata, Output.of(StrimziSpecs.topic(topic))), protectedChildThrough(provider, kafka));
        }

        for (var service : KafkaAcls.services(settings.topics())) {
            // Not protected: the user operator recreates the user and its ACLs, and a Strimzi-issued certificate, from
            // the KafkaUser; the clients CA that signs them is the program's.
            new KubernetesObject("kafka-user-" + service, new KubernetesObject.Args(StrimziSpecs.API_VERSION, "KafkaUser",
                    clusterMember(service, version), Output.of(StrimziSpecs.user(service, settings.topics(),
                    servicesRunHere.contains(service)))), childThrough(provider, kafka));
        }

        new KubernetesObject("kafka-exporter-monitoring", new KubernetesObject.Args("monitoring.googleapis.com/v1",
                "PodMonitoring", metadata("kafka-exporter", KafkaNames.NAMESPACE, KafkaNames.CLUSTER, "event-bus", version,
                Map.of()), Output.of(Map.of(
                        "selector", Map.of("matchLabels", Map.of("strimzi.io/name", KafkaNames.CLUSTER + "-kafka-exporter")),
                        "endpoints", List.of(Map.of("port", "tcp-prometheus", "interval", "30s"))))),
                childThrough(provider, kafka));

        this.bootstrapServers = addresses.get(0).applyValue(ip -> KnownValues.orEmpty(ip) + ":" + KafkaNames.VPC_PORT);
        this.caCertificate = ca.certPem();
        var ends = new TreeMap<>(Map.of(CertificateExpiry.CA_VALID_UNTIL, ca.validityEndTime(),
                CertificateExpiry.LISTENER_CERTIFICATE_VALID_UNTIL, certificate.validityEndTime(),
                CertificateExpiry.CLIENTS_CA_VALID_UNTIL, clientsCa.validityEndTime()));
        ends.putAll(clientCertificateEnds);
        this.certificateEnds = ends;
        registerOutputs(Map.of(
                "bootstrapServers", bootstrapServers,
                "internalBootstrapServers", Output.of(KafkaNames.internalBootstrap()),
                "caCertificate", caCertificate,
                "caValidUntil", ca.validityEndTime(),
                "listenerCertificateValidUntil", certificate.validityEndTime()));
    }

    /** When each CA and certificate the program issues ends, by the stack output that carries it (drift job's check). */
    public Map<String, Output<String>> certificateEnds() {
        return certificateEnds;
    }

    /** What {@code service}, one of the services this program runs, needs to reach the cluster and sign in. */
    public KafkaEndpoint endpoint(String service) {
        var client = clientCertificates.get(service);
        if (client == null) {
            throw new IllegalArgumentException(service + " is not a Kafka client this program issues a certificate for");
        }
        return new KafkaEndpoint(bootstrapServers, caCertificate, client);
    }

    /** The address clients in the VPC bootstrap from, {@code <ip>:9094}. */
    public Output<String> bootstrapServers() {
        return bootstrapServers;
    }

    /** The CA the listeners' certificate chains to: what clients trust. Public, not a secret. */
    public Output<String> caCertificate() {
        return caCertificate;
    }

    /** Every Kafka object's metadata: its name and namespace, the recommended labels and any others. */
    private static ObjectMetaArgs metadata(String name, String namespace, String application, String component,
                                           String version, Map<String, String> labels) {
        var all = new TreeMap<>(RecommendedLabels.of(application, application, component, version));
        all.putAll(labels);
        var metadata = ObjectMetaArgs.builder().name(name).labels(all);
        return (namespace == null ? metadata : metadata.namespace(namespace)).build();
    }

    /** A secret of the clients CA, labelled and annotated as Strimzi looks for one it does not generate. */
    private static ObjectMetaArgs clientsCaMetadata(String name, String generationAnnotation, String version) {
        var labels = new TreeMap<>(RecommendedLabels.of(KafkaNames.CLUSTER, KafkaNames.CLUSTER, "event-bus", version));
        labels.put("strimzi.io/kind", "Kafka");
        labels.put("strimzi.io/cluster", KafkaNames.CLUSTER);
        return ObjectMetaArgs.builder()
                .name(name)
                .namespace(KafkaNames.NAMESPACE)
                .labels(labels)
                // A cluster Strimzi first ran with a clients CA of its own has Secrets of these names, written by the
                // operator: the program's apply takes their fields over instead of failing on the conflict
                // (pulumi-kubernetes 4.5.5 provider/pkg/await/await.go patchForce).
                .annotations(Map.of(generationAnnotation, "0", "pulumi.com/patchForce", "true"))
                .build();
    }

    /** The metadata of a resource the cluster's operators act on: labelled with the cluster it belongs to. */
    private static ObjectMetaArgs clusterMember(String name, String version) {
        return metadata(name, KafkaNames.NAMESPACE, KafkaNames.CLUSTER, "event-bus", version,
                Map.of("strimzi.io/cluster", KafkaNames.CLUSTER));
    }
}
