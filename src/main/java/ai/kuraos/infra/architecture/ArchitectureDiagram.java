package ai.kuraos.infra.architecture;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The components of a stack and how they connect, read from its plan ({@code plan.json}): one node per meaningful
 * component (a load balancer, a Cloud Run service, a database, all secrets together), never one per IAM member or API.
 * Each node knows the resources it stands for, so that a change to any of them marks the node.
 */
public final class ArchitectureDiagram {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z0-9._-]+)\\.");
    static final String GKE_GROUP = "gke";

    /** {@code shape} is Mermaid's: "box", "db" (cylinder), "round" (stadium) or "circle". */
    public record Node(String id, String label, String shape, Optional<String> group, List<String> resources) {

        public Node {
            resources = List.copyOf(resources);
        }
    }

    public record Edge(String from, String to, String label, boolean dotted) {
    }

    /** {@code groups}: subgraph id to its title (the GKE cluster holds the Kubernetes workloads). */
    public record Diagram(List<Node> nodes, List<Edge> edges, Map<String, String> groups) {

        public Diagram {
            nodes = List.copyOf(nodes);
            edges = List.copyOf(edges);
            groups = Map.copyOf(groups);
        }

        public Optional<Node> node(String id) {
            return nodes.stream().filter(node -> node.id().equals(id)).findFirst();
        }
    }

    private ArchitectureDiagram() {
    }

    public static Diagram of(JsonNode plan) {
        return new Builder(plan).build();
    }

    private static final class Builder {
        private final List<JsonNode> resources = new ArrayList<>();
        private final Map<String, Node> nodes = new LinkedHashMap<>();
        private final Set<Edge> edges = new LinkedHashSet<>();
        private final Map<String, String> groups = new LinkedHashMap<>();
        /** Resource name to the node that stands for it. */
        private final Map<String, String> owner = new LinkedHashMap<>();

        Builder(JsonNode plan) {
            plan.path("resources").forEach(resources::add);
        }

        Diagram build() {
            edge();
            backends();
            data();
            cluster();
            operations();
            connectClients();
            return new Diagram(List.copyOf(nodes.values()), List.copyOf(edges), groups);
        }

        private void edge() {
            var rules = ofType("gcp:compute/globalForwardingRule:GlobalForwardingRule");
            if (rules.isEmpty()) {
                return;
            }
            var domains = new ArrayList<String>();
            ofType("gcp:compute/managedSslCertificate:ManagedSslCertificate")
                    .forEach(cert -> cert.path("inputs").path("managed").path("domains").forEach(domain -> domains.add(domain.asText())));
            var parts = new ArrayList<JsonNode>(rules);
            for (var type : List.of("gcp:compute/targetHttpsProxy:TargetHttpsProxy", "gcp:compute/targetHttpProxy:TargetHttpProxy",
                    "gcp:compute/uRLMap:URLMap", "gcp:compute/managedSslCertificate:ManagedSslCertificate",
                    "gcp:compute/sSLPolicy:SSLPolicy", "gcp:compute/backendService:BackendService")) {
                parts.addAll(ofType(type));
            }
            ofType("gcp:compute/globalAddress:GlobalAddress").stream()
                    .filter(address -> address.path("inputs").path("addressType").asText().equals("EXTERNAL"))
                    .forEach(parts::add);
            add("users", "Users", "circle", null, List.of());
            add("lb", "Global HTTPS load balancer" + (domains.isEmpty() ? "" : "<br/>" + String.join(", ", domains)),
                    "box", null, names(parts));
            edges.add(new Edge("users", "lb", "HTTPS", false));
        }

        private void backends() {
            for (var neg : ofType("gcp:compute/regionNetworkEndpointGroup:RegionNetworkEndpointGroup")) {
                var cloudRun = neg.path("inputs").path("cloudRun");
                var tag = cloudRun.path("tag").asText("");
                add(id(neg), "Serverless NEG<br/>" + name(neg) + (tag.isEmpty() ? "" : " (tag " + tag + ")"), "box", null,
                        List.of(name(neg)));
            }
            for (var policy : ofType("gcp:compute/securityPolicy:SecurityPolicy")) {
                add(id(policy), "Cloud Armor<br/>" + name(policy) + ": " + policy.path("inputs").path("rules").size() + " rules",
                        "box", null, List.of(name(policy)));
            }
            for (var service : ofType("gcp:cloudrunv2/service:Service")) {
                var scaling = service.path("inputs").path("template").path("scaling");
                add(id(service), "Cloud Run<br/>" + name(service) + " (" + scaling.path("minInstanceCount").asInt(0) + "-"
                        + scaling.path("maxInstanceCount").asText("?") + " instances)", "round", null,
                        List.of(name(service)));
            }
            for (var job : ofType("gcp:cloudrunv2/job:Job")) {
                add(id(job), "Cloud Run job<br/>" + name(job), "round", null, List.of(name(job)));
            }
            for (var backendService : ofType("gcp:compute/backendService:BackendService")) {
                var inputs = backendService.path("inputs");
                var policy = referenced(inputs.path("securityPolicy").asText(""));
                var entry = policy.map(this::nodeOf).orElse("lb");
                policy.ifPresent(armor -> edges.add(new Edge("lb", nodeOf(armor), "/api/*", false)));
                for (var backend : inputs.path("backends")) {
                    referenced(backend.path("group").asText("")).map(this::nodeOf).ifPresent(neg -> edges.add(new Edge(entry, neg, "", false)));
                }
            }
            for (var neg : ofType("gcp:compute/regionNetworkEndpointGroup:RegionNetworkEndpointGroup")) {
                var service = neg.path("inputs").path("cloudRun").path("service").asText();
                byInputName("gcp:cloudrunv2/service:Service", service).ifPresent(run -> edges.add(new Edge(id(neg), id(run), "", false)));
            }
            for (var backendBucket : ofType("gcp:compute/backendBucket:BackendBucket")) {
                var cdn = backendBucket.path("inputs").path("enableCdn").asBoolean(false);
                add(id(backendBucket), (cdn ? "Cloud CDN" : "Backend bucket") + "<br/>" + name(backendBucket), "box", null,
                        List.of(name(backendBucket)));
                edges.add(new Edge("lb", id(backendBucket), "static assets", false));
            }
        }

        private void data() {
            for (var instance : ofType("gcp:sql/databaseInstance:DatabaseInstance")) {
                var settings = instance.path("inputs").path("settings");
                var parts = new ArrayList<>(List.of(name(instance)));
                parts.addAll(names(ofType("gcp:sql/database:Database")));
                parts.addAll(names(ofType("gcp:sql/user:User")));
                add(id(instance), "Cloud SQL " + instance.path("inputs").path("databaseVersion").asText("") + "<br/>"
                        + name(instance) + ": " + settings.path("tier").asText() + ", " + settings.path("availabilityType").asText(),
                        "db", null, parts);
            }
            for (var cache : ofType("gcp:redis/instance:Instance")) {
                var inputs = cache.path("inputs");
                add(id(cache), "Memorystore Redis<br/>" + name(cache) + ": " + inputs.path("tier").asText() + ", "
                        + inputs.path("memorySizeGb").asText() + " GB", "db", null, List.of(name(cache)));
            }
            var secrets = new ArrayList<JsonNode>(ofType("gcp:secretmanager/secret:Secret"));
            if (!secrets.isEmpty()) {
                var count = secrets.size();
                secrets.addAll(ofType("gcp:secretmanager/secretVersion:SecretVersion"));
                secrets.addAll(ofType("gcp:secretmanager/secretIamMember:SecretIamMember"));
                add("secrets", "Secret Manager<br/>" + count + " secrets", "db", null, names(secrets));
            }
            for (var bucket : ofType("gcp:storage/bucket:Bucket")) {
                add(id(bucket), "Cloud Storage<br/>" + bucket.path("inputs").path("name").asText(name(bucket)), "db", null,
                        List.of(name(bucket)));
            }
            for (var backendBucket : ofType("gcp:compute/backendBucket:BackendBucket")) {
                byInputName("gcp:storage/bucket:Bucket", backendBucket.path("inputs").path("bucketName").asText())
                        .ifPresent(bucket -> edges.add(new Edge(id(backendBucket), id(bucket), "cache fill", false)));
            }
        }

        private void cluster() {
            var clusters = ofType("gcp:container/cluster:Cluster");
            if (clusters.isEmpty()) {
                return;
            }
            var cluster = clusters.get(0);
            groups.put(GKE_GROUP, "GKE " + (cluster.path("inputs").path("enableAutopilot").asBoolean(false) ? "Autopilot " : "")
                    + name(cluster));
            var clusterParts = new ArrayList<>(List.of(name(cluster)));
            for (var kafka : ofType("kubernetes:kafka.strimzi.io/v1beta2:Kafka")) {
                var component = kafka.path("parent").asText("");
                var pools = ofType("kubernetes:kafka.strimzi.io/v1beta2:KafkaNodePool");
                var brokers = pools.stream().mapToInt(pool -> pool.path("inputs").path("spec").path("replicas").asInt()).sum();
                var topics = ofType("kubernetes:kafka.strimzi.io/v1beta2:KafkaTopic").size();
                // What the Kafka component declares besides the operator (addresses, certificates, topics) is Kafka's.
                var parts = resources.stream()
                        .filter(resource -> resource.path("parent").asText("").equals(component) && !component.isEmpty())
                        .filter(resource -> !resource.path("type").asText().equals("kubernetes:helm.sh/v3:Release"))
                        .toList();
                add(id(kafka), "Kafka (Strimzi)<br/>" + kafka.path("inputs").path("metadata").path("name").asText() + ": "
                        + brokers + " brokers, " + topics + " topics", "db", GKE_GROUP, names(parts));
            }
            for (var release : ofType("kubernetes:helm.sh/v3:Release")) {
                add(id(release), "Helm release<br/>" + release.path("inputs").path("chart").asText(name(release)) + " "
                        + release.path("inputs").path("version").asText(""), "box", GKE_GROUP, List.of(name(release)));
                ofType("kubernetes:kafka.strimzi.io/v1beta2:Kafka").forEach(kafka ->
                        edges.add(new Edge(id(release), id(kafka), "operates", true)));
            }
            for (var deployment : ofType("kubernetes:apps/v1:Deployment")) {
                var component = deployment.path("parent").asText("");
                var metadata = deployment.path("inputs").path("metadata");
                var parts = resources.stream()
                        .filter(resource -> resource.path("parent").asText("").equals(component) && !component.isEmpty())
                        .filter(resource -> resource.path("type").asText().startsWith("kubernetes:"))
                        .toList();
                var autoscaler = parts.stream()
                        .filter(resource -> resource.path("type").asText().equals("kubernetes:autoscaling/v2:HorizontalPodAutoscaler"))
                        .findFirst()
                        .map(hpa -> " (" + hpa.path("inputs").path("spec").path("minReplicas").asText() + "-"
                                + hpa.path("inputs").path("spec").path("maxReplicas").asText() + " pods)")
                        .orElse("");
                add(id(deployment), "Deployment<br/>" + metadata.path("namespace").asText() + "/" + metadata.path("name").asText()
                        + autoscaler, "round", GKE_GROUP, names(parts));
            }
            for (var nat : ofType("gcp:compute/routerNat:RouterNat")) {
                var parts = new ArrayList<>(List.of(name(nat)));
                parts.addAll(names(ofType("gcp:compute/router:Router")));
                add(id(nat), "Cloud NAT<br/>" + name(nat), "box", null, parts);
                edges.add(new Edge(GKE_GROUP, id(nat), "egress", false));
                if (nodes.containsKey("users")) {
                    edges.add(new Edge(id(nat), "users", "internet", false));
                }
            }
            // The cluster itself has no node: it is the subgraph, and its changes mark the nodes it holds.
            clusterParts.forEach(part -> owner.putIfAbsent(part, GKE_GROUP));
        }

        private void operations() {
            var alerts = ofType("gcp:monitoring/alertPolicy:AlertPolicy");
            var uptime = ofType("gcp:monitoring/uptimeCheckConfig:UptimeCheckConfig");
            if (!alerts.isEmpty() || !uptime.isEmpty()) {
                var parts = new ArrayList<JsonNode>(alerts);
                parts.addAll(uptime);
                parts.addAll(ofType("gcp:monitoring/dashboard:Dashboard"));
                parts.addAll(ofType("gcp:monitoring/notificationChannel:NotificationChannel"));
                parts.addAll(ofType("gcp:logging/metric:Metric"));
                add("monitoring", "Cloud Monitoring<br/>" + alerts.size() + " alert policies, " + uptime.size() + " uptime checks",
                        "box", null, names(parts));
                if (!uptime.isEmpty()) {
                    var target = nodes.containsKey("lb") ? List.of("lb")
                            : ofType("gcp:cloudrunv2/service:Service").stream().map(ArchitectureDiagram::id).toList();
                    target.forEach(node -> edges.add(new Edge("monitoring", node, "uptime checks", true)));
                }
            }
            for (var repository : ofType("gcp:artifactregistry/repository:Repository")) {
                add(id(repository), "Artifact Registry<br/>" + repository.path("inputs").path("repositoryId").asText(name(repository)),
                        "db", null, List.of(name(repository)));
                var consumers = new ArrayList<JsonNode>(ofType("gcp:cloudrunv2/service:Service"));
                consumers.addAll(ofType("gcp:cloudrunv2/job:Job"));
                consumers.forEach(consumer -> edges.add(new Edge(id(repository), id(consumer), "images", true)));
            }
        }

        /** Cloud Run services and jobs and Kubernetes workloads reach what their inputs reference. */
        private void connectClients() {
            var clients = new ArrayList<JsonNode>(ofType("gcp:cloudrunv2/service:Service"));
            clients.addAll(ofType("gcp:cloudrunv2/job:Job"));
            clients.addAll(ofType("kubernetes:apps/v1:Deployment"));
            var bucketNodes = new LinkedHashMap<String, String>();
            ofType("gcp:storage/bucket:Bucket").forEach(bucket -> bucketNodes.put(bucket.path("inputs").path("name").asText(), id(bucket)));
            for (var client : clients) {
                var text = new StringBuilder(client.path("inputs").toString());
                if (client.path("type").asText().startsWith("kubernetes:")) {
                    // A pod's settings live in the ConfigMaps of its component.
                    resources.stream()
                            .filter(resource -> resource.path("type").asText().equals("kubernetes:core/v1:ConfigMap")
                                    && resource.path("parent").asText("").equals(client.path("parent").asText("-")))
                            .forEach(configMap -> text.append(configMap.path("inputs")));
                }
                var targets = new LinkedHashSet<String>();
                var references = REFERENCE.matcher(text);
                while (references.find()) {
                    Optional.ofNullable(owner.get(references.group(1))).ifPresent(targets::add);
                }
                if (text.indexOf("\"secretKeyRef\"") >= 0 && nodes.containsKey("secrets")) {
                    targets.add("secrets");
                }
                bucketNodes.forEach((bucketName, node) -> {
                    if (text.indexOf("\"" + bucketName + "\"") >= 0) {
                        targets.add(node);
                    }
                });
                var self = id(client);
                targets.stream()
                        .filter(target -> !target.equals(self) && !target.equals(GKE_GROUP))
                        .filter(target -> nodes.containsKey(target) && !nodes.get(target).shape().equals("round"))
                        .forEach(target -> edges.add(new Edge(self, target, "", false)));
            }
        }

        private void add(String id, String label, String shape, String group, List<String> parts) {
            nodes.put(id, new Node(id, label, shape, Optional.ofNullable(group), parts));
            parts.forEach(part -> owner.putIfAbsent(part, id));
        }

        private String nodeOf(String resourceName) {
            return owner.getOrDefault(resourceName, sanitize(resourceName));
        }

        private Optional<String> referenced(String value) {
            var match = REFERENCE.matcher(value);
            return match.find() ? Optional.of(match.group(1)) : Optional.empty();
        }

        private Optional<JsonNode> byInputName(String type, String inputName) {
            return ofType(type).stream().filter(resource -> resource.path("inputs").path("name").asText().equals(inputName)).findFirst();
        }

        private List<JsonNode> ofType(String type) {
            return resources.stream().filter(resource -> resource.path("type").asText().equals(type)).toList();
        }
    }

    private static List<String> names(List<JsonNode> resources) {
        return resources.stream().map(ArchitectureDiagram::name).toList();
    }

    private static String name(JsonNode resource) {
        return resource.path("name").asText();
    }

    static String id(JsonNode resource) {
        return sanitize(name(resource));
    }

    /** Mermaid ids: letters, digits and underscores; "end" and friends are keywords, hence the prefix. */
    static String sanitize(String name) {
        return "n_" + name.replaceAll("[^A-Za-z0-9]", "_");
    }
}
