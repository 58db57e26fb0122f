package ai.kuraos.infra.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;

import static ai.kuraos.infra.policy.Severity.HIGH;
import static ai.kuraos.infra.policy.Severity.LOW;
import static ai.kuraos.infra.policy.Severity.MEDIUM;

/**
 * Google Cloud rules: public access, encryption, logging, network, labels and deletion protection. Each method is one
 * rule; ids are stable (waivers name them).
 */
final class GcpRules {

    static final String BUCKET = "gcp:storage/bucket:Bucket";
    static final String SQL_INSTANCE = "gcp:sql/databaseInstance:DatabaseInstance";
    static final String REDIS = "gcp:redis/instance:Instance";
    static final String SUBNET = "gcp:compute/subnetwork:Subnetwork";
    static final String NETWORK = "gcp:compute/network:Network";
    static final String FIREWALL = "gcp:compute/firewall:Firewall";
    static final String CRYPTO_KEY = "gcp:kms/cryptoKey:CryptoKey";
    static final String HTTPS_PROXY = "gcp:compute/targetHttpsProxy:TargetHttpsProxy";
    static final String SSL_POLICY = "gcp:compute/sSLPolicy:SSLPolicy";
    static final String FORWARDING_RULE = "gcp:compute/globalForwardingRule:GlobalForwardingRule";
    static final String HTTP_PROXY = "gcp:compute/targetHttpProxy:TargetHttpProxy";
    static final String URL_MAP = "gcp:compute/uRLMap:URLMap";
    static final String BACKEND_SERVICE = "gcp:compute/backendService:BackendService";
    static final String ROUTER_NAT = "gcp:compute/routerNat:RouterNat";
    static final String RUN_SERVICE = "gcp:cloudrunv2/service:Service";
    static final String RUN_JOB = "gcp:cloudrunv2/job:Job";
    static final String GKE = "gcp:container/cluster:Cluster";
    static final String SECRET = "gcp:secretmanager/secret:Secret";

    /** The labels every labelled resource carries: who owns it and where it belongs (the program sets them). */
    static final List<String> REQUIRED_LABELS = List.of("app", "environment", "managed-by");

    /** Where each labelled type keeps its labels. */
    private static final Map<String, String> LABELS_INPUT = Map.ofEntries(
            Map.entry(BUCKET, "labels"),
            Map.entry(SQL_INSTANCE, "settings.userLabels"),
            Map.entry(REDIS, "labels"),
            Map.entry(RUN_SERVICE, "labels"),
            Map.entry(RUN_JOB, "labels"),
            Map.entry(SECRET, "labels"),
            Map.entry("gcp:artifactregistry/repository:Repository", "labels"),
            Map.entry(GKE, "resourceLabels"),
            Map.entry(CRYPTO_KEY, "labels"),
            Map.entry("gcp:compute/address:Address", "labels"),
            Map.entry("gcp:compute/globalAddress:GlobalAddress", "labels"),
            Map.entry(FORWARDING_RULE, "labels"),
            Map.entry("gcp:monitoring/notificationChannel:NotificationChannel", "userLabels"));

    private GcpRules() {
    }

    static List<Rule> rules() {
        return List.of(publicBucket(), publicCloudRun(), publicArtifactRegistry(), publicSecret(), publicKmsKey(),
                publicBigQuery(), publicOther(), bucketPublicAccessPrevention(), bucketUniformAccess(), bucketVersioning(),
                redisAuth(), redisTransitEncryption(), redisPrivate(), kmsRotation(), customerManagedKeys(),
                sslPolicyOnHttpsProxies(), httpOnlyRedirects(), armorOnExternalBackends(), runOnlyBehindTheEdge(),
                backendLogging(),
                natLogging(), flowLogs(), privateGoogleAccess(), defaultNetwork(), openFirewall(),
                cloudRunIdentity(), labels(), deletionProtection());
    }

    static List<Violation> when(boolean violated, String path, String message) {
        return violated ? List.of(new Violation(path, message)) : List.of();
    }

    // Public access -------------------------------------------------------------------------------------------------

    private static ResourceRule publicGrant(String id, String title, String benchmark, String family,
                                            Predicate<String> types) {
        return new ResourceRule(id, HIGH, title, benchmark, family, types.and(Grants.IAM_TYPES),
                (grant, plan) -> publicMembers(grant));
    }

    /** The members of {@code grant} that are allUsers or allAuthenticatedUsers. */
    private static List<Violation> publicMembers(PlanResource grant) {
        return Grants.bindings(grant).stream().flatMap(binding -> binding.members().stream()
                        .filter(member -> Grants.PUBLIC_PRINCIPALS.contains(member.value()))
                        .map(member -> new Violation(member.path(), "grants " + binding.role() + " to "
                                + member.value() + ": anyone on the internet gets it; grant it to the principals that"
                                + " need it instead", binding.role())))
                        .toList();
    }

    static ResourceRule publicBucket() {
        return publicGrant("KURA-GCP-001", "Cloud Storage buckets are not anonymously or publicly accessible",
                "CIS GCP 2.0 5.1; Checkov CKV_GCP_28", "IAM grants on `gcp:storage/*`",
                type -> type.startsWith("gcp:storage/"));
    }

    static ResourceRule publicCloudRun() {
        return publicGrant("KURA-GCP-002", "Cloud Run services and jobs are not anonymously or publicly invocable",
                "Checkov CKV_GCP_102", "IAM grants on `gcp:cloudrunv2/*`, `gcp:cloudrun/*`",
                type -> type.startsWith("gcp:cloudrunv2/") || type.startsWith("gcp:cloudrun/"));
    }

    static ResourceRule publicArtifactRegistry() {
        return publicGrant("KURA-GCP-003", "Artifact Registry repositories are not anonymously or publicly readable",
                "Checkov CKV_GCP_101", "IAM grants on `gcp:artifactregistry/*`",
                type -> type.startsWith("gcp:artifactregistry/"));
    }

    static ResourceRule publicSecret() {
        return publicGrant("KURA-GCP-004", "Secret Manager secrets are not anonymously or publicly accessible",
                "Google Secret Manager best practices (least privilege); Checkov CKV_GCP_113",
                "IAM grants on `gcp:secretmanager/*`", type -> type.startsWith("gcp:secretmanager/"));
    }

    static ResourceRule publicKmsKey() {
        return publicGrant("KURA-GCP-005", "Cloud KMS keys and key rings are not anonymously or publicly accessible",
                "CIS GCP 2.0 1.9; Checkov CKV2_GCP_6, CKV2_GCP_8, CKV_GCP_112", "IAM grants on `gcp:kms/*`",
                type -> type.startsWith("gcp:kms/"));
    }

    static final String BIGQUERY_DATASET = "gcp:bigquery/dataset:Dataset";
    static final String BIGQUERY_ACCESS = "gcp:bigquery/datasetAccess:DatasetAccess";

    static ResourceRule publicBigQuery() {
        return new ResourceRule("KURA-GCP-007", HIGH, "BigQuery datasets are not anonymously or publicly accessible",
                "CIS GCP 2.0 7.1; Checkov CKV_GCP_15", "`" + BIGQUERY_DATASET + "` (accesses), `" + BIGQUERY_ACCESS
                + "`, IAM grants on `gcp:bigquery/*`", type -> type.equals(BIGQUERY_DATASET)
                || type.equals(BIGQUERY_ACCESS) || (type.startsWith("gcp:bigquery/") && Grants.IAM_TYPES.test(type)),
                (resource, plan) -> {
                    if (Grants.IAM_TYPES.test(resource.type())) {
                        return publicMembers(resource);
                    }
                    var violations = new ArrayList<Violation>();
                    var accesses = resource.type().equals(BIGQUERY_ACCESS) ? List.of(resource.inputs())
                            : StreamSupport.stream(resource.inputs().path("accesses").spliterator(),
                            false).toList();
                    for (int i = 0; i < accesses.size(); i++) {
                        var at = resource.type().equals(BIGQUERY_ACCESS) ? "" : "accesses[" + i + "].";
                        for (var field : List.of("specialGroup", "iamMember")) {
                            var principal = Json.text(accesses.get(i).path(field));
                            if (Grants.PUBLIC_PRINCIPALS.contains(principal)) {
                                violations.add(new Violation(at + field, "shares the dataset ("
                                        + Json.text(accesses.get(i).path("role")) + ") with " + principal + ": anyone"
                                        + " with a Google account (or anyone at all) reads its tables; share it with"
                                        + " the groups or service accounts that need it", principal));
                            }
                        }
                    }
                    return violations;
                });
    }

    static ResourceRule publicOther() {
        return publicGrant("KURA-GCP-006", "No other IAM grant goes to allUsers or allAuthenticatedUsers",
                "Checkov CKV_GCP_113", "every other IAM grant",
                type -> !type.startsWith("gcp:storage/") && !type.startsWith("gcp:bigquery/")
                        && !type.startsWith("gcp:cloudrunv2/")
                        && !type.startsWith("gcp:cloudrun/") && !type.startsWith("gcp:artifactregistry/")
                        && !type.startsWith("gcp:secretmanager/") && !type.startsWith("gcp:kms/"));
    }

    static ResourceRule bucketPublicAccessPrevention() {
        return ResourceRule.on(BUCKET, "KURA-GCP-010", MEDIUM, "Public access prevention is enforced on buckets",
                "CIS GCP 2.0 5.1; Checkov CKV_GCP_114", (bucket, plan) -> {
                    var value = Json.text(bucket.inputs().path("publicAccessPrevention"));
                    return when(!value.equals("enforced"), "publicAccessPrevention", "is "
                            + (value.isEmpty() ? "unset (inherited)" : "'" + value + "'")
                            + ": a later grant to allUsers would publish the objects; set it to 'enforced'");
                });
    }

    static ResourceRule bucketUniformAccess() {
        return ResourceRule.on(BUCKET, "KURA-GCP-011", MEDIUM, "Buckets use uniform bucket-level access",
                "CIS GCP 2.0 5.2; Checkov CKV_GCP_29", (bucket, plan) ->
                        when(!Json.isTrue(bucket.inputs().path("uniformBucketLevelAccess")), "uniformBucketLevelAccess",
                                "is not true: object ACLs can grant access that IAM does not show; set it to true"));
    }

    static ResourceRule bucketVersioning() {
        return ResourceRule.on(BUCKET, "KURA-GCP-012", LOW, "Buckets keep overwritten and deleted objects (versioning)",
                "Checkov CKV_GCP_78", (bucket, plan) ->
                        when(!Json.isTrue(bucket.inputs().path("versioning").path("enabled")), "versioning.enabled",
                                "is not true: an overwrite or delete cannot be undone; enable versioning with a"
                                        + " lifecycle rule that ends noncurrent versions"));
    }

    // Memorystore ---------------------------------------------------------------------------------------------------

    static ResourceRule redisAuth() {
        return ResourceRule.on(REDIS, "KURA-GCP-020", HIGH, "Memorystore for Redis requires AUTH",
                "Checkov CKV_GCP_95", (redis, plan) -> when(!Json.isTrue(redis.inputs().path("authEnabled")),
                        "authEnabled", "is not true: anything in the network may read and write the cache; set it to"
                                + " true and give clients the AUTH string from Secret Manager"));
    }

    static ResourceRule redisTransitEncryption() {
        return ResourceRule.on(REDIS, "KURA-GCP-021", HIGH, "Memorystore for Redis encrypts traffic in transit",
                "Checkov CKV_GCP_97", (redis, plan) -> {
                    var mode = Json.text(redis.inputs().path("transitEncryptionMode"));
                    return when(!mode.equals("SERVER_AUTHENTICATION"), "transitEncryptionMode", "is "
                            + (mode.isEmpty() ? "unset (DISABLED)" : "'" + mode + "'")
                            + ": traffic to the cache is plain text; set it to SERVER_AUTHENTICATION");
                });
    }

    static ResourceRule redisPrivate() {
        return ResourceRule.on(REDIS, "KURA-GCP-022", MEDIUM,
                "Memorystore for Redis is reachable only through private services access in the platform's VPC",
                "Google Memorystore networking guide", (redis, plan) -> {
                    var violations = new ArrayList<Violation>();
                    if (Json.text(redis.inputs().path("authorizedNetwork")).isEmpty()) {
                        violations.add(new Violation("authorizedNetwork", "is unset: the instance joins the project's"
                                + " default network; set it to the platform's VPC"));
                    }
                    if (!Json.text(redis.inputs().path("connectMode")).equals("PRIVATE_SERVICE_ACCESS")) {
                        violations.add(new Violation("connectMode", "is not PRIVATE_SERVICE_ACCESS: direct peering"
                                + " bypasses the reserved private services range; set it to PRIVATE_SERVICE_ACCESS"));
                    }
                    return violations;
                });
    }

    // Encryption at rest --------------------------------------------------------------------------------------------

    static ResourceRule kmsRotation() {
        return ResourceRule.on(CRYPTO_KEY, "KURA-GCP-030", MEDIUM, "Cloud KMS keys rotate at least every 90 days",
                "CIS GCP 2.0 1.10; Checkov CKV_GCP_43", (key, plan) -> {
                    var period = Json.text(key.inputs().path("rotationPeriod"));
                    var seconds = period.endsWith("s") ? parseLong(period.substring(0, period.length() - 1)) : -1;
                    return when(seconds <= 0 || seconds > 90L * 24 * 3600, "rotationPeriod", "is "
                            + (period.isEmpty() ? "unset (never rotates)" : "'" + period + "'")
                            + ": set it to at most 7776000s (90 days)");
                });
    }

    private static long parseLong(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException notANumber) {
            return -1;
        }
    }

    /** Where each data store takes a customer-managed key. */
    private static final Map<String, String> CMEK_INPUT = Map.of(
            SQL_INSTANCE, "encryptionKeyName",
            REDIS, "customerManagedKey",
            BUCKET, "encryption.defaultKmsKeyName");

    static ResourceRule customerManagedKeys() {
        return new ResourceRule("KURA-GCP-031", LOW, "Data stores are encrypted at rest with a customer-managed key",
                "Google CMEK guide; Checkov CKV_GCP_84 (the Artifact Registry twin); Trivy GCP-0066 (buckets)", "`" + SQL_INSTANCE + "`, `" + REDIS + "`, `" + BUCKET
                + "`", CMEK_INPUT::containsKey, (store, plan) -> {
                    var path = CMEK_INPUT.get(store.type());
                    return when(Json.text(Json.at(store.inputs(), path)).isEmpty(), path, "is unset: the data is"
                            + " encrypted with Google-managed keys, which the project cannot revoke or audit; set a"
                            + " Cloud KMS key");
                });
    }

    // Encryption in transit at the edge -----------------------------------------------------------------------------

    static ResourceRule sslPolicyOnHttpsProxies() {
        return new ResourceRule("KURA-NET-001", MEDIUM, "HTTPS load balancers allow only TLS 1.2+ with modern ciphers",
                "CIS GCP 2.0 3.9; Checkov CKV_GCP_4", "`" + HTTPS_PROXY + "`, `" + SSL_POLICY + "`",
                type -> type.equals(HTTPS_PROXY) || type.equals(SSL_POLICY), (resource, plan) -> {
                    var inputs = resource.inputs();
                    if (resource.type().equals(HTTPS_PROXY)) {
                        return when(Json.text(inputs.path("sslPolicy")).isEmpty(), "sslPolicy", "is unset: Google's"
                                + " default policy still accepts TLS 1.0; attach an SSL policy with minTlsVersion"
                                + " TLS_1_2 and profile MODERN or RESTRICTED");
                    }
                    var violations = new ArrayList<Violation>();
                    var version = Json.text(inputs.path("minTlsVersion"));
                    if (!Set.of("TLS_1_2", "TLS_1_3").contains(version)) {
                        violations.add(new Violation("minTlsVersion", "is " + (version.isEmpty() ? "unset (TLS_1_0)"
                                : "'" + version + "'") + ": set it to TLS_1_2"));
                    }
                    var profile = Json.text(inputs.path("profile"));
                    if (profile.isEmpty() || profile.equals("COMPATIBLE")) {
                        violations.add(new Violation("profile", "is " + (profile.isEmpty() ? "unset (COMPATIBLE)"
                                : "COMPATIBLE") + ": it allows weak cipher suites; set it to MODERN or RESTRICTED"));
                    }
                    return violations;
                });
    }

    static ResourceRule httpOnlyRedirects() {
        return ResourceRule.on(FORWARDING_RULE, "KURA-NET-002", MEDIUM,
                "Plain-HTTP forwarding rules only redirect to HTTPS", "Checkov CKV2_GCP_38", (rule, plan) -> {
                    var proxy = plan.referencedBy(Json.text(rule.inputs().path("target")))
                            .filter(target -> target.type().equals(HTTP_PROXY));
                    if (proxy.isEmpty()) {
                        return List.of();
                    }
                    var redirects = plan.referencedBy(Json.text(proxy.get().inputs().path("urlMap")))
                            .filter(map -> map.type().equals(URL_MAP))
                            .map(map -> Json.isTrue(map.inputs().path("defaultUrlRedirect").path("httpsRedirect")))
                            .orElse(false);
                    return when(!redirects, "target", "serves plain HTTP through " + proxy.get().name() + " whose URL"
                            + " map does not redirect to HTTPS: give the HTTP proxy a URL map with"
                            + " defaultUrlRedirect.httpsRedirect true");
                });
    }

    static ResourceRule armorOnExternalBackends() {
        return ResourceRule.on(BACKEND_SERVICE, "KURA-NET-003", MEDIUM,
                "Internet-facing backend services have a Cloud Armor policy",
                "Google Cloud Armor best practices", (backend, plan) -> {
                    var scheme = Json.text(backend.inputs().path("loadBalancingScheme"));
                    var external = scheme.isEmpty() || scheme.startsWith("EXTERNAL");
                    return when(external && Json.text(backend.inputs().path("securityPolicy")).isEmpty(),
                            "securityPolicy", "is unset on a backend the internet reaches: attach the Cloud Armor"
                                    + " policy (rate limit, WAF rules)");
                });
    }

    static final String SERVERLESS_NEG = "gcp:compute/regionNetworkEndpointGroup:RegionNetworkEndpointGroup";

    static ResourceRule runOnlyBehindTheEdge() {
        return ResourceRule.on(RUN_SERVICE, "KURA-NET-004", MEDIUM,
                "A Cloud Run service behind the load balancer takes traffic only from it",
                "Google Cloud Run ingress guide (restrict ingress to the load balancer)", (service, plan) -> {
                    var name = Json.text(service.inputs().path("name"));
                    var behindTheEdge = plan.ofType(SERVERLESS_NEG).stream()
                            .anyMatch(neg -> Json.text(neg.inputs().path("cloudRun").path("service")).equals(name));
                    var ingress = Json.text(service.inputs().path("ingress"));
                    return when(behindTheEdge && !ingress.equals("INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER"), "ingress",
                            "is " + (ingress.isEmpty() ? "unset (INGRESS_TRAFFIC_ALL)" : ingress) + " while a load"
                                    + " balancer serves the service: its run.app URL bypasses Cloud Armor; set it to"
                                    + " INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER");
                });
    }

    // Logging -------------------------------------------------------------------------------------------------------

    static ResourceRule backendLogging() {
        return ResourceRule.on(BACKEND_SERVICE, "KURA-LOG-001", LOW, "Load balancer backend services log requests",
                "CIS GCP 2.0 2.16", (backend, plan) -> when(!Json.isTrue(backend.inputs().path("logConfig")
                        .path("enable")), "logConfig.enable", "is not true: requests to the backend leave no trace;"
                        + " enable logging"));
    }

    static ResourceRule natLogging() {
        return ResourceRule.on(ROUTER_NAT, "KURA-LOG-002", LOW, "Cloud NAT logs at least its errors",
                "Google Cloud NAT logging guide", (nat, plan) -> when(!Json.isTrue(nat.inputs().path("logConfig")
                        .path("enable")), "logConfig.enable", "is not true: dropped connections and exhausted ports go"
                        + " unseen; enable logging with filter ERRORS_ONLY"));
    }

    /**
     * Subnets reserved for Google's managed proxies: they take no flow logs or Private Google Access (the provider sends
     * no logConfig for them: terraform-provider-google-beta v5.0.0 resource_compute_subnetwork.go,
     * expandComputeSubnetworkLogConfig).
     */
    private static final Set<String> PROXY_ONLY_PURPOSES = Set.of("REGIONAL_MANAGED_PROXY", "GLOBAL_MANAGED_PROXY",
            "INTERNAL_HTTPS_LOAD_BALANCER");

    static boolean proxyOnly(PlanResource subnet) {
        return PROXY_ONLY_PURPOSES.contains(Json.text(subnet.inputs().path("purpose")));
    }

    static ResourceRule flowLogs() {
        return ResourceRule.on(SUBNET, "KURA-LOG-003", MEDIUM, "Every subnet records VPC flow logs (proxy-only"
                        + " subnets take none)", "CIS GCP 2.0 3.8; Checkov CKV_GCP_26", (subnet, plan) -> {
                    if (proxyOnly(subnet)) {
                        return List.of();
                    }
                    var logConfig = subnet.inputs().path("logConfig");
                    var sampling = logConfig.path("flowSampling");
                    return when(logConfig.isMissingNode() || (sampling.isNumber() && sampling.doubleValue() <= 0),
                            "logConfig", "is unset: the subnet's traffic cannot be investigated; set logConfig with"
                                    + " flowSampling above 0 and metadata INCLUDE_ALL_METADATA");
                });
    }

    // Network -------------------------------------------------------------------------------------------------------

    static ResourceRule privateGoogleAccess() {
        return ResourceRule.on(SUBNET, "KURA-NET-010", LOW, "Subnets reach Google APIs through Private Google Access",
                "Checkov CKV_GCP_74", (subnet, plan) -> when(!proxyOnly(subnet)
                        && !Json.isTrue(subnet.inputs().path("privateIpGoogleAccess")),
                        "privateIpGoogleAccess", "is not true: workloads without public addresses cannot reach Google"
                                + " APIs except through NAT; set it to true"));
    }

    static ResourceRule defaultNetwork() {
        return ResourceRule.on(NETWORK, "KURA-NET-011", MEDIUM, "No default or auto-mode network",
                "CIS GCP 2.0 3.1; Checkov CKV_GCP_27, CKV2_GCP_18", (network, plan) -> {
                    if (Json.text(network.inputs().path("name")).equals("default")) {
                        return List.of(new Violation("name", "is 'default': the default network comes with"
                                + " permissive firewall rules; declare a custom-mode network with its own name"));
                    }
                    return when(!Json.isFalse(network.inputs().path("autoCreateSubnetworks")), "autoCreateSubnetworks",
                            "is not false (the provider's default is true): an auto-mode network gets a subnet in every"
                                    + " region; set it to false and declare the subnets");
                });
    }

    static ResourceRule openFirewall() {
        return ResourceRule.on(FIREWALL, "KURA-NET-012", HIGH, "No firewall rule admits the whole internet",
                "CIS GCP 2.0 3.6, 3.7; Checkov CKV_GCP_2, CKV_GCP_3, CKV_GCP_106, CKV2_GCP_12", (rule, plan) -> {
                    var inputs = rule.inputs();
                    // A disabled rule (a break-glass rule kept off until needed) admits nothing.
                    if (Json.text(inputs.path("direction")).equals("EGRESS") || Json.isTrue(inputs.path("disabled"))) {
                        return List.of();
                    }
                    var ranges = inputs.path("sourceRanges");
                    if (ranges.isEmpty() && inputs.path("sourceTags").isEmpty()
                            && inputs.path("sourceServiceAccounts").isEmpty()) {
                        // The API stores an ingress rule without sources as 0.0.0.0/0 (terraform-provider-google-beta
                        // v5.0.0 resource_compute_firewall.go, diffSuppressSourceRanges: ["0.0.0.0/0"] -> []).
                        return List.of(new Violation("sourceRanges", "is unset, with no source tags or service"
                                + " accounts: Google Cloud then admits 0.0.0.0/0; list the sources that need the ports"));
                    }
                    var violations = new ArrayList<Violation>();
                    for (int i = 0; i < ranges.size(); i++) {
                        var range = ranges.get(i).asText("");
                        if (range.equals("0.0.0.0/0") || range.equals("::/0")) {
                            violations.add(new Violation("sourceRanges[" + i + "]", "admits " + range + ": narrow it to"
                                    + " the sources that need the ports (e.g. Google's health-check or IAP ranges)"));
                        }
                    }
                    if (violations.isEmpty() && Cidrs.coverTheInternet(Json.texts(ranges))) {
                        violations.add(new Violation("sourceRanges", "adds up to the whole internet ("
                                + String.join(", ", Json.texts(ranges)) + "): narrow it to the sources that need the"
                                + " ports"));
                    }
                    return violations;
                });
    }

    static ResourceRule cloudRunIdentity() {
        return new ResourceRule("KURA-IAM-010", MEDIUM, "Cloud Run services and jobs run as a dedicated service account",
                "Google Cloud Run security guide; Checkov CKV_GCP_46 (default service account)",
                "`" + RUN_SERVICE + "`, `" + RUN_JOB + "`", type -> type.equals(RUN_SERVICE) || type.equals(RUN_JOB),
                (run, plan) -> {
                    var path = run.type().equals(RUN_JOB) ? "template.template.serviceAccount" : "template.serviceAccount";
                    var account = Json.text(Json.at(run.inputs(), path));
                    // The account is the finding's value, so a waiver names the one account it accepts.
                    return account.isEmpty() || account.endsWith("-compute@developer.gserviceaccount.com")
                            ? List.of(new Violation(path, "is " + (account.isEmpty() ? "unset" : "'" + account + "'")
                            + ": it runs as the Compute Engine default service account (Editor on the project); give"
                            + " it its own account", account))
                            : List.of();
                });
    }

    // Labels and deletion protection --------------------------------------------------------------------------------

    static ResourceRule labels() {
        return new ResourceRule("KURA-GCP-040", LOW, "Labelled resources carry app, environment and managed-by",
                "Google labelling best practices; Checkov CKV_GCP_21", "every type that takes labels",
                LABELS_INPUT::containsKey, (resource, plan) -> {
                    var path = LABELS_INPUT.get(resource.type());
                    var labels = Json.at(resource.inputs(), path);
                    var missing = REQUIRED_LABELS.stream().filter(key -> Json.text(labels.path(key)).isEmpty()).toList();
                    return when(!missing.isEmpty(), path, "lacks " + String.join(", ", missing)
                            + ": billing and inventory cannot tell whose it is; pass the stack's labels");
                });
    }

    /** Types whose loss loses data or an identity that cannot be recreated as it was. */
    private static final Set<String> DATA_BEARING = Set.of(SQL_INSTANCE, "gcp:sql/database:Database", REDIS, BUCKET,
            SECRET, CRYPTO_KEY, "gcp:kms/keyRing:KeyRing", GKE);

    static ResourceRule deletionProtection() {
        return new ResourceRule("KURA-GCP-050", MEDIUM, "Data-bearing resources are protected from deletion",
                "Google Cloud SQL and GKE deletion protection; Checkov CKV_GCP_82 (KMS)",
                "Cloud SQL, Memorystore, buckets, secrets, KMS, GKE", DATA_BEARING::contains, (resource, plan) -> {
                    var violations = new ArrayList<Violation>();
                    if (!resource.protect()) {
                        violations.add(new Violation("protect", "is not set: a change that replaces or removes it"
                                + " would destroy its data; protect it"));
                    }
                    var inputs = resource.inputs();
                    if (resource.type().equals(SQL_INSTANCE)) {
                        if (!Json.isTrue(inputs.path("deletionProtection"))) {
                            violations.add(new Violation("deletionProtection", "is not true: Pulumi may delete the"
                                    + " instance; set it to true"));
                        }
                        if (!Json.isTrue(inputs.path("settings").path("deletionProtectionEnabled"))) {
                            violations.add(new Violation("settings.deletionProtectionEnabled", "is not true: the"
                                    + " console and API may delete the instance; set it to true"));
                        }
                    }
                    if (resource.type().equals(GKE) && Json.isFalse(inputs.path("deletionProtection"))) {
                        violations.add(new Violation("deletionProtection", "is false: set it to true"));
                    }
                    if (resource.type().equals(BUCKET) && Json.isTrue(inputs.path("forceDestroy"))) {
                        violations.add(new Violation("forceDestroy", "is true: deleting the bucket deletes its objects;"
                                + " set it to false"));
                    }
                    return violations;
                });
    }
}
