package ai.kuraos.infra.policy;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.StreamSupport;

import static ai.kuraos.infra.policy.Severity.HIGH;
import static ai.kuraos.infra.policy.Severity.LOW;
import static ai.kuraos.infra.policy.Severity.MEDIUM;

/**
 * Kubernetes rules: the restricted Pod Security Standard per container, resources, probes, images, tokens, and
 * per-namespace NetworkPolicy and pod security admission (CIS GKE Benchmark section 4, Checkov's CKV_K8S checks,
 * kube-score).
 */
final class KubernetesRules {

    private static final String ARTIFACT_REGISTRY = "gcp:artifactregistry/repository:Repository";
    private static final String PSS_ENFORCE = "pod-security.kubernetes.io/enforce";

    private KubernetesRules() {
    }

    static List<Rule> rules() {
        return List.of(privileged(), hostAccess(), privilegeEscalation(), nonRoot(), capabilities(), seccomp(),
                readOnlyRoot(), cpuAndMemory(), ephemeralStorage(), probes(), pinnedImages(), tokenAutomount(),
                defaultNamespace(), secretsAsFiles(), networkPolicyCoverage(), podSecurityAdmission(),
                allowAllNetworkPolicies(), kafkaListenersTls(), kafkaClientsAuthenticated(), internalLoadBalancers(), unmodelledCharts(),
                recommendedLabels());
    }

    /** A check of each container, with the pod's security context as the fallback where Kubernetes has one. */
    private static BiFunction<Pod, StackPlan, List<Violation>> eachContainer(
            BiFunction<Pod, Pod.Container, List<Violation>> check) {
        return (pod, plan) -> {
            var violations = new ArrayList<Violation>();
            pod.containers().forEach(container -> violations.addAll(check.apply(pod, container)));
            return violations;
        };
    }

    private static List<Violation> violation(Pod.Container container, String field, String message) {
        return List.of(new Violation(container.path() + "." + field, "container " + container.name() + " " + message));
    }

    static PodRule privileged() {
        return new PodRule("KURA-K8S-001", HIGH, "No privileged containers",
                "CIS GKE 4.2.1 (Pod Security Standards, baseline); Checkov CKV_K8S_16; kube-score"
                        + " container-security-context-privileged",
                eachContainer((pod, container) -> Json.isTrue(container.spec().path("securityContext").path("privileged"))
                        ? violation(container, "securityContext.privileged", "is privileged: it has every capability"
                        + " of the node's root; remove privileged") : List.of()));
    }

    static PodRule hostAccess() {
        return new PodRule("KURA-K8S-002", HIGH, "Pods share no host namespace or port and mount no host path",
                "CIS GKE 4.2.2-4.2.4 (Pod Security Standards, baseline); Checkov CKV_K8S_17, CKV_K8S_18, CKV_K8S_19,"
                        + " CKV_K8S_26, CKV_K8S_27",
                (pod, plan) -> {
                    var violations = new ArrayList<Violation>();
                    for (var field : List.of("hostNetwork", "hostPID", "hostIPC")) {
                        if (Json.isTrue(pod.spec().path(field))) {
                            violations.add(new Violation(field, field + " is true: the pod sees the node's own"
                                    + " processes or network; remove it"));
                        }
                    }
                    var volumes = pod.spec().path("volumes");
                    for (int i = 0; i < volumes.size(); i++) {
                        if (volumes.get(i).has("hostPath")) {
                            violations.add(new Violation("volumes[" + i + "].hostPath", "mounts a host path: use an"
                                    + " emptyDir or a persistent volume"));
                        }
                    }
                    for (var container : pod.containers()) {
                        var ports = container.spec().path("ports");
                        for (int i = 0; i < ports.size(); i++) {
                            if (ports.get(i).has("hostPort")) {
                                violations.add(new Violation(container.path() + ".ports[" + i + "].hostPort",
                                        "container " + container.name() + " binds a port of the node: the pod is"
                                                + " reachable past its NetworkPolicy's service; use a Service"));
                            }
                        }
                    }
                    return violations;
                });
    }

    static PodRule privilegeEscalation() {
        return new PodRule("KURA-K8S-003", MEDIUM, "Containers cannot escalate privileges",
                "Pod Security Standards, restricted; Checkov CKV_K8S_20", eachContainer((pod, container) ->
                        Json.isFalse(container.spec().path("securityContext").path("allowPrivilegeEscalation"))
                                ? List.of() : violation(container, "securityContext.allowPrivilegeEscalation",
                                "may gain privileges through setuid binaries; set allowPrivilegeEscalation false")));
    }

    static PodRule nonRoot() {
        return new PodRule("KURA-K8S-004", MEDIUM, "Containers run as a non-root user",
                "Pod Security Standards, restricted; Checkov CKV_K8S_23", eachContainer((pod, container) -> {
                    var own = container.spec().path("securityContext").path("runAsNonRoot");
                    var nonRoot = own.isMissingNode() ? Json.isTrue(pod.spec().path("securityContext").path("runAsNonRoot"))
                            : Json.isTrue(own);
                    return nonRoot ? List.of() : violation(container, "securityContext.runAsNonRoot", "may run as"
                            + " root; set runAsNonRoot true (in the pod's or the container's securityContext)");
                }));
    }

    static PodRule capabilities() {
        return new PodRule("KURA-K8S-005", MEDIUM, "Containers drop ALL capabilities and add none but NET_BIND_SERVICE",
                "Pod Security Standards, restricted; Checkov CKV_K8S_28, CKV_K8S_37", eachContainer((pod, container) -> {
                    var capabilities = container.spec().path("securityContext").path("capabilities");
                    var violations = new ArrayList<Violation>();
                    if (!Json.texts(capabilities.path("drop")).contains("ALL")) {
                        violations.addAll(violation(container, "securityContext.capabilities.drop", "keeps the"
                                + " runtime's default capabilities (NET_RAW among them); drop ALL"));
                    }
                    var added = Json.texts(capabilities.path("add"));
                    added.remove("NET_BIND_SERVICE");
                    if (!added.isEmpty()) {
                        violations.addAll(violation(container, "securityContext.capabilities.add", "adds " + added
                                + ": remove them"));
                    }
                    return violations;
                }));
    }

    static PodRule seccomp() {
        return new PodRule("KURA-K8S-006", MEDIUM, "Pods use the RuntimeDefault (or a Localhost) seccomp profile",
                "Pod Security Standards, restricted; CIS GKE 4.6.2; Checkov CKV_K8S_31", eachContainer((pod, container) -> {
                    var own = Json.text(container.spec().path("securityContext").path("seccompProfile").path("type"));
                    var profile = own.isEmpty()
                            ? Json.text(pod.spec().path("securityContext").path("seccompProfile").path("type")) : own;
                    return Set.of("RuntimeDefault", "Localhost").contains(profile) ? List.of()
                            : violation(container, "securityContext.seccompProfile", "has "
                            + (profile.isEmpty() ? "no seccomp profile" : "seccomp profile " + profile) + ": every"
                            + " system call is allowed; set seccompProfile.type RuntimeDefault on the pod");
                }));
    }

    static PodRule readOnlyRoot() {
        return new PodRule("KURA-K8S-007", LOW, "Containers have a read-only root filesystem",
                "Checkov CKV_K8S_22; kube-score container-security-context-readonlyrootfilesystem",
                eachContainer((pod, container) -> Json.isTrue(container.spec().path("securityContext")
                        .path("readOnlyRootFilesystem")) ? List.of() : violation(container,
                        "securityContext.readOnlyRootFilesystem", "can write its image's files; set"
                                + " readOnlyRootFilesystem true and mount an emptyDir where it writes")));
    }

    static PodRule cpuAndMemory() {
        return new PodRule("KURA-K8S-010", MEDIUM, "Containers request and limit CPU and memory",
                "Checkov CKV_K8S_10, CKV_K8S_11, CKV_K8S_12, CKV_K8S_13; kube-score container-resources",
                eachContainer((pod, container) -> missingResources(container, List.of("cpu", "memory"))));
    }

    static PodRule ephemeralStorage() {
        return new PodRule("KURA-K8S-011", MEDIUM, "Containers request and limit ephemeral storage",
                "kube-score container-ephemeral-storage-request-and-limit; GKE Autopilot resource requests",
                eachContainer((pod, container) -> missingResources(container, List.of("ephemeral-storage"))));
    }

    private static List<Violation> missingResources(Pod.Container container, List<String> resources) {
        var violations = new ArrayList<Violation>();
        for (var bound : List.of("requests", "limits")) {
            var missing = resources.stream()
                    .filter(resource -> Json.text(container.spec().path("resources").path(bound).path(resource)).isEmpty())
                    .toList();
            if (!missing.isEmpty()) {
                violations.addAll(violation(container, "resources." + bound, "has no " + bound + " for "
                        + String.join(", ", missing) + ": the scheduler cannot place it safely and a neighbour can"
                        + " starve or evict it; set resources." + bound + " for " + String.join(", ", missing)));
            }
        }
        return violations;
    }

    static PodRule probes() {
        return new PodRule("KURA-K8S-012", MEDIUM, "Long-running containers have liveness and readiness probes",
                "Checkov CKV_K8S_8, CKV_K8S_9; kube-score pod-probes", eachContainer((pod, container) -> {
                    if (!Pod.isLongRunning(container)) {
                        return List.of();
                    }
                    var violations = new ArrayList<Violation>();
                    for (var probe : List.of("livenessProbe", "readinessProbe")) {
                        if (!container.spec().has(probe)) {
                            violations.addAll(violation(container, probe, "has no " + probe + ": a hung or starting"
                                    + " instance keeps receiving traffic; add one"));
                        }
                    }
                    return violations;
                }));
    }

    static PodRule pinnedImages() {
        return new PodRule("KURA-K8S-013", MEDIUM,
                "Images are pinned: a digest, or a tag of an Artifact Registry repository with immutable tags",
                "Checkov CKV_K8S_14, CKV_K8S_43; kube-score container-image-tag", (pod, plan) -> {
                    if (pod.operatorManaged()) {
                        return List.of();
                    }
                    var immutable = immutableRegistries(plan);
                    var violations = new ArrayList<Violation>();
                    for (var container : pod.containers()) {
                        var image = Json.text(container.spec().path("image"));
                        if (image.contains("@sha256:")) {
                            continue;
                        }
                        var tag = image.substring(image.lastIndexOf('/') + 1).contains(":")
                                ? image.substring(image.lastIndexOf(':') + 1) : "";
                        var registry = image.contains("/") ? image.substring(0, image.lastIndexOf('/')) : "";
                        if (tag.isEmpty() || tag.equals("latest")) {
                            violations.addAll(violation(container, "image", "runs '" + image + "', which moves with"
                                    + " every push; pin a digest or a release tag"));
                        } else if (!immutable.contains(registry)) {
                            violations.addAll(violation(container, "image", "runs tag '" + tag + "' of " + registry
                                    + ", where a tag can be moved to other content; pin the digest, or use a"
                                    + " repository with immutable tags"));
                        }
                    }
                    return violations;
                });
    }

    /** {@code <location>-docker.pkg.dev/<project>/<repository>} of the plan's repositories with immutable tags. */
    private static Set<String> immutableRegistries(StackPlan plan) {
        var registries = new java.util.HashSet<String>();
        for (var repository : plan.ofType(ARTIFACT_REGISTRY)) {
            var inputs = repository.inputs();
            if (Json.isTrue(inputs.path("dockerConfig").path("immutableTags"))) {
                registries.add(Json.text(inputs.path("location")) + "-docker.pkg.dev/" + Json.text(inputs.path("project"))
                        + "/" + Json.text(inputs.path("repositoryId")));
            }
        }
        return registries;
    }

    static PodRule tokenAutomount() {
        return new PodRule("KURA-K8S-014", LOW,
                "Pods that do not call the Kubernetes API do not mount a service account token",
                "CIS GKE 4.1.6; Checkov CKV_K8S_38", (pod, plan) -> pod.usesApi() || !mountsToken(pod, plan) ? List.of()
                        : List.of(new Violation("automountServiceAccountToken", "mounts a token of its service account"
                        + " that it does not need; set automountServiceAccountToken false")));
    }

    /**
     * Whether Kubernetes mounts a token into the pod: the pod's automountServiceAccountToken, or where the pod sets
     * none, its ServiceAccount's (an object of the plan in the pod's namespace; "default" when the pod names none).
     */
    private static boolean mountsToken(Pod pod, StackPlan plan) {
        var own = pod.spec().path("automountServiceAccountToken");
        if (!own.isMissingNode() && !own.isNull()) {
            return !Json.isFalse(own);
        }
        var account = Json.text(pod.spec().path("serviceAccountName"));
        var name = account.isEmpty() ? "default" : account;
        return plan.resources().stream()
                .filter(resource -> resource.type().startsWith("kubernetes:")
                        && Json.text(resource.inputs().path("kind")).equals("ServiceAccount")
                        && Json.text(resource.inputs().path("metadata").path("name")).equals(name)
                        && Pods.namespace(resource).equals(pod.namespace()))
                .noneMatch(resource -> Json.isFalse(resource.inputs().path("automountServiceAccountToken")));
    }

    static PodRule secretsAsFiles() {
        return new PodRule("KURA-K8S-016", MEDIUM, "Secrets reach containers as mounted files, not environment"
                + " variables", "CIS GKE 4.4.1; Checkov CKV_K8S_35", eachContainer((pod, container) -> {
                    var violations = new ArrayList<Violation>();
                    var env = container.spec().path("env");
                    for (int i = 0; i < env.size(); i++) {
                        var secret = env.get(i).path("valueFrom").path("secretKeyRef");
                        if (!secret.isMissingNode()) {
                            violations.addAll(violation(container, "env[" + i + "].valueFrom.secretKeyRef", "puts key "
                                    + Json.text(secret.path("key")) + " of secret " + Json.text(secret.path("name"))
                                    + " in environment variable " + Json.text(env.get(i).path("name")) + ", which"
                                    + " crash dumps, child processes and debug endpoints reveal; mount the secret as a"
                                    + " volume and read the file"));
                        }
                    }
                    var envFrom = container.spec().path("envFrom");
                    for (int i = 0; i < envFrom.size(); i++) {
                        if (envFrom.get(i).has("secretRef")) {
                            violations.addAll(violation(container, "envFrom[" + i + "].secretRef", "loads every key of"
                                    + " secret " + Json.text(envFrom.get(i).path("secretRef").path("name")) + " into"
                                    + " environment variables; mount the secret as a volume and read the files"));
                        }
                    }
                    return violations;
                }));
    }

    static ResourceRule allowAllNetworkPolicies() {
        return new ResourceRule("KURA-K8S-022", HIGH, "No NetworkPolicy allows all traffic",
                "CIS GKE 4.3.2; Kubernetes network policy guide (an empty rule allows everything)",
                "`kubernetes:networking.k8s.io/v1:NetworkPolicy`",
                type -> type.equals("kubernetes:networking.k8s.io/v1:NetworkPolicy"), (policy, plan) -> {
                    var violations = new ArrayList<Violation>();
                    for (var direction : List.of("ingress", "egress")) {
                        var peers = direction.equals("ingress") ? "from" : "to";
                        var list = policy.inputs().path("spec").path(direction);
                        for (int i = 0; i < list.size(); i++) {
                            if (allowsAll(list.get(i), peers)) {
                                violations.add(new Violation("spec." + direction + "[" + i + "]", "allows all "
                                        + direction + " of the pods it selects (a rule with no " + peers + " peers and"
                                        + " no ports): it undoes the namespace's default deny; list the peers and"
                                        + " ports of each flow"));
                            }
                        }
                    }
                    return violations;
                });
    }

    /** A rule that admits every peer on every port: no peers (or an empty peer) and no ports. */
    private static boolean allowsAll(JsonNode rule, String peers) {
        var list = rule.path(peers);
        var everyPeer = list.isEmpty() || StreamSupport.stream(list.spliterator(), false)
                .anyMatch(peer -> peer.isEmpty() || (peer.path("podSelector").isEmpty()
                        && peer.path("namespaceSelector").isObject() && peer.path("namespaceSelector").isEmpty()
                        && !peer.has("ipBlock")));
        return everyPeer && rule.path("ports").isEmpty();
    }

    static PodRule defaultNamespace() {
        return new PodRule("KURA-K8S-015", LOW, "Pods do not run in the default namespace",
                "CIS GKE 4.6.4; Checkov CKV_K8S_21", (pod, plan) -> pod.namespace().equals("default")
                ? List.of(new Violation("metadata.namespace", "runs in namespace default, which no NetworkPolicy or"
                + " pod security label of this program guards; give it its own namespace")) : List.of());
    }

    /** The namespaces that run pods, each with one pod's owner to report on when the namespace is not declared. */
    private static LinkedHashMap<String, PlanResource> namespacesWithPods(StackPlan plan) {
        var namespaces = new LinkedHashMap<String, PlanResource>();
        Pods.of(plan).forEach(pod -> namespaces.putIfAbsent(pod.namespace(), pod.owner()));
        return namespaces;
    }

    private static java.util.Optional<PlanResource> namespaceObject(StackPlan plan, String namespace) {
        return plan.resources().stream()
                .filter(resource -> resource.type().startsWith("kubernetes:")
                        && Json.text(resource.inputs().path("kind")).equals("Namespace")
                        && Json.text(resource.inputs().path("metadata").path("name")).equals(namespace))
                .findFirst();
    }

    /** A rule over the namespaces that run pods: reported on the Namespace, or on a pod's owner if undeclared. */
    private static Rule namespaceRule(String id, Severity severity, String title, String benchmark,
                                      BiFunction<String, StackPlan, List<Violation>> check) {
        return new DescribedRule(id, severity, title, benchmark, "every namespace that runs pods") {
            @Override
            public List<Finding> check(StackPlan plan, LocalDate today) {
                var findings = new ArrayList<Finding>();
                namespacesWithPods(plan).forEach((namespace, podOwner) -> {
                    var reported = namespaceObject(plan, namespace).orElse(podOwner);
                    for (var violation : check.apply(namespace, plan)) {
                        findings.add(finding(plan, reported.type(), reported.name(), violation.path(),
                                "namespace " + namespace + " " + violation.message()));
                    }
                });
                return findings;
            }
        };
    }

    static Rule networkPolicyCoverage() {
        return namespaceRule("KURA-K8S-020", MEDIUM,
                "Every namespace with pods has a NetworkPolicy that selects all its pods",
                "CIS GKE 4.3.2; kube-score pod-networkpolicy", (namespace, plan) -> {
                    var covered = plan.resources().stream()
                            .filter(resource -> resource.type().startsWith("kubernetes:")
                                    && Json.text(resource.inputs().path("kind")).equals("NetworkPolicy")
                                    && Pods.namespace(resource).equals(namespace))
                            .map(resource -> resource.inputs().path("spec"))
                            .anyMatch(spec -> selectsEveryPodForIngress(spec) && !anyAllowsAll(spec.path("ingress")));
                    return covered ? List.of() : List.of(new Violation("metadata.name", "has no NetworkPolicy with"
                            + " an empty podSelector: every pod in it accepts traffic from anywhere in the cluster; add"
                            + " a default-deny policy and allow the flows it needs"));
                });
    }

    private static boolean anyAllowsAll(JsonNode ingress) {
        return StreamSupport.stream(ingress.spliterator(), false)
                .anyMatch(rule -> allowsAll(rule, "from"));
    }

    private static boolean selectsEveryPodForIngress(JsonNode spec) {
        var types = Json.texts(spec.path("policyTypes"));
        return spec.path("podSelector").isObject() && spec.path("podSelector").isEmpty()
                && (types.isEmpty() || types.contains("Ingress"));
    }

    static Rule podSecurityAdmission() {
        return namespaceRule("KURA-K8S-021", MEDIUM, "Every namespace with pods enforces the restricted pod security",
                "CIS GKE 4.2 (Pod Security Standards); Kubernetes Pod Security Admission", (namespace, plan) -> {
                    var level = namespaceObject(plan, namespace)
                            .map(object -> Json.text(object.inputs().path("metadata").path("labels").path(PSS_ENFORCE)))
                            .orElse("");
                    return level.equals("restricted") ? List.of() : List.of(new Violation(
                            "metadata.labels[\"" + PSS_ENFORCE + "\"]", "enforces "
                            + (level.isEmpty() ? "no pod security level (privileged)" : "'" + level + "'")
                            + ": a pod that breaks the restricted profile would still be admitted; label it "
                            + PSS_ENFORCE + "=restricted"));
                });
    }

    static ResourceRule kafkaListenersTls() {
        return new ResourceRule("KURA-K8S-030", HIGH, "Kafka listeners encrypt traffic (TLS)",
                "Strimzi documentation (TLS listeners); encryption in transit",
                "`kubernetes:kafka.strimzi.io/*:Kafka`", type -> type.startsWith("kubernetes:kafka.strimzi.io/")
                && type.endsWith(":Kafka"), (kafka, plan) -> {
                    var listeners = kafka.inputs().path("spec").path("kafka").path("listeners");
                    var violations = new ArrayList<Violation>();
                    for (int i = 0; i < listeners.size(); i++) {
                        if (!Json.isTrue(listeners.get(i).path("tls"))) {
                            violations.add(new Violation("spec.kafka.listeners[" + i + "].tls", "listener "
                                    + Json.text(listeners.get(i).path("name")) + " is plain text: set tls true"));
                        }
                    }
                    return violations;
                });
    }

    static ResourceRule kafkaClientsAuthenticated() {
        return new ResourceRule("KURA-K8S-032", HIGH, "Kafka authenticates every client and authorizes it by ACLs",
                "Strimzi documentation (listener authentication, simple authorization); least privilege",
                "`kubernetes:kafka.strimzi.io/*:Kafka`", type -> type.startsWith("kubernetes:kafka.strimzi.io/")
                && type.endsWith(":Kafka"), (kafka, plan) -> {
                    var spec = kafka.inputs().path("spec").path("kafka");
                    var listeners = spec.path("listeners");
                    var violations = new ArrayList<Violation>();
                    for (int i = 0; i < listeners.size(); i++) {
                        if (Json.text(listeners.get(i).path("authentication").path("type")).isEmpty()) {
                            violations.add(new Violation("spec.kafka.listeners[" + i + "].authentication", "listener "
                                    + Json.text(listeners.get(i).path("name")) + " lets anyone who reaches it connect"
                                    + " without credentials: set authentication (type tls for mTLS)"));
                        }
                    }
                    if (Json.text(spec.path("authorization").path("type")).isEmpty()) {
                        violations.add(new Violation("spec.kafka.authorization", "every client may read and write"
                                + " every topic: set authorization (type simple) and give each client a KafkaUser"
                                + " with ACLs"));
                    }
                    return violations;
                });
    }

    private static final String INTERNAL_ANNOTATION = "networking.gke.io/load-balancer-type";

    static ResourceRule internalLoadBalancers() {
        return new ResourceRule("KURA-K8S-031", HIGH,
                "Kubernetes load balancers are internal and admit only listed ranges",
                "GKE networking guide (internal load balancers); kube-score service-type",
                "`kubernetes:core/v1:Service`, Strimzi Kafka listeners", type -> type.equals("kubernetes:core/v1:Service")
                || (type.startsWith("kubernetes:kafka.strimzi.io/") && type.endsWith(":Kafka")), (resource, plan) -> {
                    var violations = new ArrayList<Violation>();
                    var inputs = resource.inputs();
                    if (resource.type().equals("kubernetes:core/v1:Service")) {
                        if (Json.text(inputs.path("spec").path("type")).equals("LoadBalancer")) {
                            checkLoadBalancer(inputs.path("metadata").path("annotations"), "metadata.annotations",
                                    inputs.path("spec").path("loadBalancerSourceRanges"),
                                    "spec.loadBalancerSourceRanges", violations);
                        }
                        return violations;
                    }
                    var listeners = inputs.path("spec").path("kafka").path("listeners");
                    for (int i = 0; i < listeners.size(); i++) {
                        var listener = listeners.get(i);
                        if (!Json.text(listener.path("type")).equals("loadbalancer")) {
                            continue;
                        }
                        var path = "spec.kafka.listeners[" + i + "].configuration";
                        var configuration = listener.path("configuration");
                        checkLoadBalancer(configuration.path("bootstrap").path("annotations"),
                                path + ".bootstrap.annotations", configuration.path("loadBalancerSourceRanges"),
                                path + ".loadBalancerSourceRanges", violations);
                        var brokers = configuration.path("brokers");
                        for (int b = 0; b < brokers.size(); b++) {
                            checkLoadBalancer(brokers.get(b).path("annotations"), path + ".brokers[" + b
                                    + "].annotations", configuration.path("loadBalancerSourceRanges"), null, violations);
                        }
                    }
                    return violations;
                });
    }

    private static void checkLoadBalancer(JsonNode annotations, String annotationsPath, JsonNode sourceRanges,
                                          String rangesPath, List<Violation> violations) {
        if (!Json.text(annotations.path(INTERNAL_ANNOTATION)).equals("Internal")) {
            violations.add(new Violation(annotationsPath, "lacks " + INTERNAL_ANNOTATION + ": Internal, so GKE gives"
                    + " it an internet address; add the annotation"));
        }
        if (rangesPath == null) {
            return;
        }
        var ranges = Json.texts(sourceRanges);
        if (ranges.isEmpty() || ranges.contains("0.0.0.0/0")) {
            violations.add(new Violation(rangesPath, (ranges.isEmpty() ? "is unset" : "admits 0.0.0.0/0")
                    + ": every source may connect; list the client ranges"));
        }
    }

    /** The labels every object carries, so that kubectl, billing and the PodMonitorings can select by owner. */
    static final List<String> RECOMMENDED_LABELS = List.of("app.kubernetes.io/name", "app.kubernetes.io/part-of",
            "app.kubernetes.io/managed-by");

    static ResourceRule recommendedLabels() {
        return new ResourceRule("KURA-K8S-041", LOW, "Kubernetes objects carry the recommended app.kubernetes.io labels",
                "Kubernetes recommended labels; kube-linter required-label-owner", "every Kubernetes object of the plan",
                type -> type.startsWith("kubernetes:") && !type.equals(Pods.HELM_RELEASE), (object, plan) -> {
                    var labels = object.inputs().path("metadata").path("labels");
                    var missing = RECOMMENDED_LABELS.stream().filter(key -> Json.text(labels.path(key)).isEmpty())
                            .toList();
                    return GcpRules.when(!missing.isEmpty(), "metadata.labels", "lacks " + String.join(", ", missing)
                            + ": nothing can select it by application or owner; add the recommended labels");
                });
    }

    static ResourceRule unmodelledCharts() {
        return ResourceRule.on(Pods.HELM_RELEASE, "KURA-K8S-040", MEDIUM,
                "Every Helm chart's pods are known to the policy",
                "kura-infra policy coverage (the pod rules must see every pod)", (release, plan) -> {
                    var chart = Json.text(release.inputs().path("chart"));
                    return GcpRules.when(!Pods.MODELLED_CHARTS.contains(chart), "chart", "is " + chart + ", whose pods"
                            + " the pod rules cannot see: model its values in policy/Pods (as for "
                            + Pods.STRIMZI_CHART + ")");
                });
    }
}
