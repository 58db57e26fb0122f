package ai.kuraos.infra;

import ai.kuraos.infra.backend.Backend;
import ai.kuraos.infra.backend.BackendInputs;
import ai.kuraos.infra.component.LiveDescriptions;
import ai.kuraos.infra.component.Principal;
import ai.kuraos.infra.config.StackConfigValues;
import ai.kuraos.infra.data.Backups;
import ai.kuraos.infra.data.Cache;
import ai.kuraos.infra.data.Database;
import ai.kuraos.infra.data.SecretCatalogue.Reader;
import ai.kuraos.infra.data.SecretCatalogue;
import ai.kuraos.infra.data.Secrets;
import ai.kuraos.infra.edge.Edge;
import ai.kuraos.infra.edge.EdgeNames;
import ai.kuraos.infra.edge.EdgeSettings;
import ai.kuraos.infra.inference.Workload;
import ai.kuraos.infra.k8s.Cluster;
import ai.kuraos.infra.messaging.CeleryBroker;
import ai.kuraos.infra.messaging.Kafka;
import ai.kuraos.infra.messaging.KafkaNames;
import ai.kuraos.infra.observability.Monitoring;
import ai.kuraos.infra.platform.Foundation;
import com.pulumi.Context;
import com.pulumi.core.Output;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Pulumi program: wires every component from one stack's validated settings. The Pulumi CLI runs it with the
 * stack's configuration from the language host; {@code plan} runs the very same function under the mock engine.
 */
public final class KuraProgram {

    /** The Pulumi project name ({@code Pulumi.yaml}), also the state backend's directory of its stacks. */
    public static final String PROJECT = "kura-infra";

    private KuraProgram() {
    }

    public static void define(Context ctx, StackSettings settings) {
        settings.configWarnings().forEach(ctx.log()::warn);
        var target = settings.target();

        var foundation = new Foundation("foundation", target, settings.foundation());
        var backend = new Principal("backend", foundation.backendServiceAccount().member());
        var migrator = new Principal("migrator", foundation.migratorServiceAccount().member());

        var database = new Database("database", target, settings.database(), foundation, List.of(backend, migrator));
        var cache = new Cache("cache", target, settings.cache(), foundation);
        var celeryBroker = CeleryBroker.declare("celery-broker", target, settings.messaging().celery(), foundation);
        var cluster = settings.cluster().map(clusterSettings -> new Cluster("cluster", target, clusterSettings, foundation));
        var kafkaClients = new ArrayList<>(List.of(KafkaNames.BACKEND_SERVICE));
        settings.inference().ifPresent(present -> kafkaClients.add(KafkaNames.INFERENCE_SERVICE));
        var kafka = settings.messaging().kafka().map(kafkaSettings -> new Kafka("kafka", target, kafkaSettings,
                settings.messaging().kafkaCertificates(), foundation, settings.foundation().network().subnetCidr(),
                cluster.orElseThrow(), kafkaClients));
        var backendKafka = kafka.map(present -> present.endpoint(KafkaNames.BACKEND_SERVICE));

        var generated = new HashMap<String, Output<String>>();
        database.databaseUrl().ifPresent(url -> generated.put(SecretCatalogue.DATABASE_URL, url));
        database.password().ifPresent(password -> generated.put(SecretCatalogue.DB_PASSWORD, password));
        generated.put(SecretCatalogue.REDIS_AUTH, cache.authString());
        generated.put(SecretCatalogue.CELERY_BROKER_AUTH, celeryBroker.authString());
        backendKafka.ifPresent(endpoint -> {
            generated.put(SecretCatalogue.KAFKA_SSL_CERT_PEM, endpoint.client().certificate());
            generated.put(SecretCatalogue.KAFKA_SSL_KEY_PEM, endpoint.client().privateKey());
        });
        var secrets = new Secrets("secrets", target, settings.secrets(), foundation, generated,
                Map.of(Reader.BACKEND, backend, Reader.MIGRATOR, migrator));
        var backups = new Backups("backups", target, settings.backups(), foundation, List.of(backend));
        settings.inference().ifPresent(inferenceSettings -> new Workload("inference", target, inferenceSettings,
                foundation, cluster.orElseThrow(), kafka.map(present -> present.endpoint(KafkaNames.INFERENCE_SERVICE))));
        var api = new Backend("backend", target, settings.backend(), new BackendInputs(database.connectionName(),
                cache.endpoint(), backups.bucketName(), settings.messaging().backend(), celeryBroker.endpoint(),
                backendKafka,
                Map.of(Reader.BACKEND, database.clientGrant(backend), Reader.MIGRATOR, database.clientGrant(migrator))),
                foundation, secrets);
        var edge = settings.edge().map(edgeSettings -> new Edge("edge", target, edgeSettings, foundation, api.service()));
        new Monitoring("monitoring", settings.alertScope(), settings.monitoring(),
                settings.edge().map(EdgeSettings::domain), api.url(), foundation);

        ctx.export("network", foundation.networkName());
        ctx.export("subnetwork", foundation.subnetworkName());
        ctx.export("artifactRegistry", foundation.registryUrl());
        ctx.export("backendServiceAccount", foundation.backendServiceAccount().email());
        ctx.export("migratorServiceAccount", foundation.migratorServiceAccount().email());
        ctx.export("databaseConnectionName", database.connectionName());
        ctx.export("databasePrivateIp", database.privateIpAddress());
        ctx.export("redisHost", cache.host());
        ctx.export("redisPort", cache.port());
        ctx.export("redisCaCertificate", cache.caCertificate());
        ctx.export("celeryBrokerHost", celeryBroker.host());
        ctx.export("celeryBrokerPort", celeryBroker.port());
        ctx.export("celeryBrokerCaCertificate", celeryBroker.caCertificate());
        ctx.export("backupsBucket", backups.bucketName());
        ctx.export("backendUrl", api.url());
        // Behind the edge, run.app URLs take no outside traffic: the candidate answers through the load balancer.
        ctx.export("backendCandidateUrl", edge.map(Edge::candidateUrl).map(Output::of).orElse(api.candidateUrl()));
        edge.ifPresent(present -> {
            ctx.export("edgeIp", present.ip());
            ctx.export("edgeDnsRecords", present.dnsRecords());
            ctx.export("apiUrl", Output.of(present.apiUrl()));
            ctx.export("assetsBucket", Output.of(EdgeNames.assetsBucket(target.stack())));
            ctx.export("urlMap", Output.of(EdgeNames.URL_MAP));
        });
        ctx.export("backendRelease", Output.of(settings.backend().release()));
        ctx.export("backendRevision", api.revision());
        ctx.export("messagingBackend", Output.of(settings.messaging().backend().id()));
        cluster.ifPresent(present -> ctx.export("gkeCluster", present.clusterName()));
        kafka.ifPresent(present -> {
            ctx.export("kafkaBootstrapServers", present.bootstrapServers());
            ctx.export("kafkaCaCertificate", present.caCertificate());
            present.certificateEnds().forEach(ctx::export);
        });
    }

    /**
     * Under {@code pulumi preview/up}: configuration comes from the language host's environment, and the adopted
     * resources' descriptions from {@code stacks/<stack>/adopted/} of the project directory the CLI runs the program in.
     */
    static void define(Context ctx) {
        define(ctx, StackSettings.parse(ctx.stackName(), StackConfigValues.fromEngineEnvironment(System.getenv()),
                LiveDescriptions.ofStack(Path.of(""), ctx.stackName())));
    }
}
