package ai.kuraos.infra.edge;

import ai.kuraos.infra.backend.BackendNames;
import ai.kuraos.infra.component.KuraComponent;
import ai.kuraos.infra.config.Target;
import ai.kuraos.infra.platform.Foundation;
import ai.kuraos.infra.platform.ProjectApis;
import com.pulumi.core.Output;
import com.pulumi.gcp.compute.BackendBucket;
import com.pulumi.gcp.compute.BackendBucketArgs;
import com.pulumi.gcp.compute.BackendService;
import com.pulumi.gcp.compute.BackendServiceArgs;
import com.pulumi.gcp.compute.GlobalAddress;
import com.pulumi.gcp.compute.GlobalAddressArgs;
import com.pulumi.gcp.compute.GlobalForwardingRule;
import com.pulumi.gcp.compute.GlobalForwardingRuleArgs;
import com.pulumi.gcp.compute.ManagedSslCertificate;
import com.pulumi.gcp.compute.ManagedSslCertificateArgs;
import com.pulumi.gcp.compute.RegionNetworkEndpointGroup;
import com.pulumi.gcp.compute.RegionNetworkEndpointGroupArgs;
import com.pulumi.gcp.compute.SSLPolicy;
import com.pulumi.gcp.compute.SSLPolicyArgs;
import com.pulumi.gcp.compute.SecurityPolicy;
import com.pulumi.gcp.compute.SecurityPolicyArgs;
import com.pulumi.gcp.compute.TargetHttpProxy;
import com.pulumi.gcp.compute.TargetHttpProxyArgs;
import com.pulumi.gcp.compute.TargetHttpsProxy;
import com.pulumi.gcp.compute.TargetHttpsProxyArgs;
import com.pulumi.gcp.compute.URLMap;
import com.pulumi.gcp.compute.URLMapArgs;
import com.pulumi.gcp.compute.inputs.BackendBucketCdnPolicyArgs;
import com.pulumi.gcp.compute.inputs.BackendBucketCdnPolicyNegativeCachingPolicyArgs;
import com.pulumi.gcp.compute.inputs.BackendServiceBackendArgs;
import com.pulumi.gcp.compute.inputs.BackendServiceLogConfigArgs;
import com.pulumi.gcp.compute.inputs.ManagedSslCertificateManagedArgs;
import com.pulumi.gcp.compute.inputs.RegionNetworkEndpointGroupCloudRunArgs;
import com.pulumi.gcp.compute.inputs.SecurityPolicyAdaptiveProtectionConfigArgs;
import com.pulumi.gcp.compute.inputs.SecurityPolicyAdaptiveProtectionConfigLayer7DdosDefenseConfigArgs;
import com.pulumi.gcp.compute.inputs.SecurityPolicyRuleArgs;
import com.pulumi.gcp.compute.inputs.SecurityPolicyRuleMatchArgs;
import com.pulumi.gcp.compute.inputs.SecurityPolicyRuleMatchConfigArgs;
import com.pulumi.gcp.compute.inputs.SecurityPolicyRuleMatchExprArgs;
import com.pulumi.gcp.compute.inputs.SecurityPolicyRuleRateLimitOptionsArgs;
import com.pulumi.gcp.compute.inputs.SecurityPolicyRuleRateLimitOptionsRateLimitThresholdArgs;
import com.pulumi.gcp.compute.inputs.URLMapDefaultUrlRedirectArgs;
import com.pulumi.gcp.compute.inputs.URLMapHostRuleArgs;
import com.pulumi.gcp.compute.inputs.URLMapPathMatcherArgs;
import com.pulumi.gcp.compute.inputs.URLMapPathMatcherPathRuleArgs;
import com.pulumi.gcp.storage.Bucket;
import com.pulumi.gcp.storage.BucketArgs;
import com.pulumi.gcp.storage.BucketIAMMember;
import com.pulumi.gcp.storage.BucketIAMMemberArgs;
import com.pulumi.gcp.storage.inputs.BucketCorArgs;
import com.pulumi.gcp.storage.inputs.BucketWebsiteArgs;
import com.pulumi.resources.Resource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code kura:edge:Edge}: the seeds' ADR-019 edge. Everything pre-rendered is served from a Cloud Storage bucket
 * through Cloud CDN, {@code /api/*} from Cloud Run through Cloud Armor, behind one global HTTPS load balancer
 * (Google-managed certificate, TLS 1.2 or later, QUIC) with plain HTTP redirected to HTTPS.
 */
public final class Edge extends KuraComponent {

    public static final String TYPE = "kura:edge:Edge";

    private final GlobalAddress address;
    private final String domain;

    public Edge(String name, Target target, EdgeSettings settings, Foundation foundation, Resource backendService) {
        super(TYPE, name, target);
        this.domain = settings.domain();
        var compute = foundation.api(ProjectApis.COMPUTE);

        var assets = new Bucket("kura-static", BucketArgs.builder()
                .project(target.project())
                .name(EdgeNames.assetsBucket(target.stack()))
                .location(target.region())
                .storageClass("STANDARD")
                .uniformBucketLevelAccess(true)
                // Not "enforced", unlike every other bucket: see the public read grant below.
                .publicAccessPrevention("inherited")
                .website(BucketWebsiteArgs.builder()
                        .mainPageSuffix("index.html")
                        // The single-page app routes unknown paths itself.
                        .notFoundPage(settings.notFoundPage())
                        .build())
                .cors(BucketCorArgs.builder()
                        .origins(settings.corsOrigins())
                        .methods("GET", "HEAD")
                        .responseHeaders("Content-Type", "Cache-Control")
                        .maxAgeSeconds(3600)
                        .build())
                .forceDestroy(false)
                .labels(target.labels())
                .build(), child(foundation.api(ProjectApis.STORAGE)));

        // The one deliberate public bucket: it holds the front end's built files, which every browser downloads.
        new BucketIAMMember("kura-static-public-read", BucketIAMMemberArgs.builder()
                .bucket(assets.name())
                .role("roles/storage.objectViewer")
                .member("allUsers")
                .build(), child());

        var cdn = settings.cdn();
        var assetsBackend = new BackendBucket("kura-static-backend", BackendBucketArgs.builder()
                .project(target.project())
                .name("kura-static-backend")
                .description("Static assets of the Kura front end, through Cloud CDN")
                .bucketName(assets.name())
                .enableCdn(true)
                .compressionMode("AUTOMATIC")
                .cdnPolicy(BackendBucketCdnPolicyArgs.builder()
                        .cacheMode("CACHE_ALL_STATIC")
                        .defaultTtl(cdn.defaultTtlSeconds())
                        .maxTtl(cdn.maxTtlSeconds())
                        .clientTtl(cdn.clientTtlSeconds())
                        .negativeCaching(true)
                        .negativeCachingPolicies(
                                BackendBucketCdnPolicyNegativeCachingPolicyArgs.builder()
                                        .code(404).ttl(cdn.negativeCachingTtlSeconds()).build(),
                                BackendBucketCdnPolicyNegativeCachingPolicyArgs.builder()
                                        .code(410).ttl(cdn.negativeCachingTtlSeconds()).build())
                        .serveWhileStale(cdn.serveWhileStaleSeconds())
                        .requestCoalescing(true)
                        .build())
                .build(), child(compute));

        var armor = new SecurityPolicy("kura-armor", SecurityPolicyArgs.builder()
                .project(target.project())
                .name("kura-armor")
                .description("Kura API: rate limiting per client IP, OWASP WAF rules")
                .type("CLOUD_ARMOR")
                .rules(ArmorRules.of(settings.armor()).stream().map(Edge::armorRule).toList())
                .adaptiveProtectionConfig(SecurityPolicyAdaptiveProtectionConfigArgs.builder()
                        .layer7DdosDefenseConfig(SecurityPolicyAdaptiveProtectionConfigLayer7DdosDefenseConfigArgs.builder()
                                .enable(settings.armor().adaptiveProtection())
                                .build())
                        .build())
                .build(), child(compute));

        var api = apiBackend(target, settings, "kura-backend-api", "kura-backend-neg", false, armor, backendService, compute);
        var candidate = apiBackend(target, settings, "kura-backend-candidate", "kura-backend-candidate-neg", true, armor,
                backendService, compute);

        var destinations = Map.of(
                EdgeRoutes.Destination.API, api.selfLink(),
                EdgeRoutes.Destination.CANDIDATE, candidate.selfLink(),
                EdgeRoutes.Destination.ASSETS, assetsBackend.selfLink());
        var urlMap = new URLMap(EdgeNames.URL_MAP, URLMapArgs.builder()
                .project(target.project())
                .name(EdgeNames.URL_MAP)
                .description("api.<domain> to the API, app.<domain> to the assets except /api/*")
                .defaultService(assetsBackend.selfLink())
                .hostRules(hostRules())
                .pathMatchers(pathMatchers(destinations))
                .build(), child());

        // Two certificates, so that the candidate host's DNS record (or its absence) never holds back the issuance or
        // the renewal of the public hosts': a managed certificate is ACTIVE only once every one of its domains resolves
        // to the load balancer.
        var publicCertificate = certificate(target, EdgeNames.certificate("kura-certificate",
                EdgeNames.publicHosts(domain)), EdgeNames.publicHosts(domain), compute);
        var candidateCertificate = certificate(target, EdgeNames.certificate("kura-candidate-certificate",
                List.of(EdgeNames.candidateHost(domain))), List.of(EdgeNames.candidateHost(domain)), compute);

        var tls = new SSLPolicy("kura-modern-tls", SSLPolicyArgs.builder()
                .project(target.project())
                .name("kura-modern-tls")
                .profile("MODERN")
                .minTlsVersion("TLS_1_2")
                .build(), child(compute));

        var httpsProxy = new TargetHttpsProxy("kura-https-proxy", TargetHttpsProxyArgs.builder()
                .project(target.project())
                .name("kura-https-proxy")
                .urlMap(urlMap.selfLink())
                .sslCertificates(Output.all(publicCertificate.selfLink(), candidateCertificate.selfLink())
                        .applyValue(links -> links.stream().filter(Objects::nonNull).toList()))
                .sslPolicy(tls.selfLink())
                .quicOverride("ENABLE")
                .build(), child());

        // Protected: the public IP the DNS records point at; a new address cannot get it back.
        this.address = new GlobalAddress("kura-lb-ip", GlobalAddressArgs.builder()
                .project(target.project())
                .name("kura-lb-ip")
                .description("The edge's public address: the DNS records of api and app point here")
                .addressType("EXTERNAL")
                .ipVersion("IPV4")
                .labels(target.labels())
                .build(), protectedChild(compute));

        new GlobalForwardingRule("kura-https", GlobalForwardingRuleArgs.builder()
                .project(target.project())
                .name("kura-https")
                .loadBalancingScheme("EXTERNAL_MANAGED")
                .ipProtocol("TCP")
                .portRange("443")
                .ipAddress(address.address())
                .target(httpsProxy.selfLink())
                .labels(target.labels())
                .build(), child());

        var redirect = new URLMap("kura-lb-http-redirect", URLMapArgs.builder()
                .project(target.project())
                .name("kura-lb-http-redirect")
                .description("Plain HTTP only redirects to HTTPS")
                .defaultUrlRedirect(URLMapDefaultUrlRedirectArgs.builder()
                        .httpsRedirect(true)
                        .redirectResponseCode("MOVED_PERMANENTLY_DEFAULT")
                        .stripQuery(false)
                        .build())
                .build(), child(compute));

        var httpProxy = new TargetHttpProxy("kura-http-proxy", TargetHttpProxyArgs.builder()
                .project(target.project())
                .name("kura-http-proxy")
                .urlMap(redirect.selfLink())
                .build(), child());

        new GlobalForwardingRule("kura-http", GlobalForwardingRuleArgs.builder()
                .project(target.project())
                .name("kura-http")
                .loadBalancingScheme("EXTERNAL_MANAGED")
                .ipProtocol("TCP")
                .portRange("80")
                .ipAddress(address.address())
                .target(httpProxy.selfLink())
                .labels(target.labels())
                .build(), child());

        registerOutputs(Map.of(
                "ip", address.address(),
                "dnsRecords", dnsRecords(),
                "apiUrl", Output.of(apiUrl()),
                "appUrl", Output.of("https://" + EdgeNames.appHost(domain))));
    }

    /** A Google-managed certificate named after its domains (see {@link EdgeNames#certificate}). */
    private ManagedSslCertificate certificate(Target target, String name, List<String> domains, Resource compute) {
        return new ManagedSslCertificate(name, ManagedSslCertificateArgs.builder()
                .project(target.project())
                .name(name)
                .managed(ManagedSslCertificateManagedArgs.builder().domains(domains).build())
                .build(), child(compute));
    }

    /** A serverless NEG on kura-backend (or on its candidate tag) behind a backend service guarded by Cloud Armor. */
    private BackendService apiBackend(Target target, EdgeSettings settings, String name, String negName,
                                      boolean candidate, SecurityPolicy armor, Resource backendService, Resource compute) {
        var cloudRun = RegionNetworkEndpointGroupCloudRunArgs.builder().service(BackendNames.SERVICE);
        if (candidate) {
            cloudRun.tag(BackendNames.CANDIDATE_TAG);
        }
        var neg = new RegionNetworkEndpointGroup(negName, RegionNetworkEndpointGroupArgs.builder()
                .project(target.project())
                .region(target.region())
                .name(negName)
                .networkEndpointType("SERVERLESS")
                .cloudRun(cloudRun.build())
                .build(), child(backendService, compute));
        return new BackendService(name, BackendServiceArgs.builder()
                .project(target.project())
                .name(name)
                .description(candidate ? "The staged release of kura-backend, for its smoke test" : "kura-backend (Cloud Run)")
                .loadBalancingScheme("EXTERNAL_MANAGED")
                .protocol("HTTPS")
                .backends(BackendServiceBackendArgs.builder().group(neg.id()).build())
                .securityPolicy(armor.selfLink())
                .logConfig(BackendServiceLogConfigArgs.builder()
                        .enable(true)
                        .sampleRate(settings.requestLogSampleRate())
                        .build())
                .build(), child());
    }

    private List<URLMapHostRuleArgs> hostRules() {
        var hosts = new LinkedHashMap<String, String>();
        EdgeRoutes.table(domain).forEach(route -> hosts.putIfAbsent(route.host(), matcherName(route.host())));
        return hosts.entrySet().stream()
                .map(host -> URLMapHostRuleArgs.builder().hosts(host.getKey()).pathMatcher(host.getValue()).build())
                .toList();
    }

    /** One path matcher a host: its default route ({@code /*}) and its path rules. */
    private List<URLMapPathMatcherArgs> pathMatchers(Map<EdgeRoutes.Destination, Output<String>> destinations) {
        var matchers = new ArrayList<URLMapPathMatcherArgs>();
        var byHost = new LinkedHashMap<String, List<EdgeRoutes.Route>>();
        EdgeRoutes.table(domain).forEach(route -> byHost.computeIfAbsent(route.host(), host -> new ArrayList<>()).add(route));
        byHost.forEach((host, routes) -> {
            var matcher = URLMapPathMatcherArgs.builder().name(matcherName(host));
            var pathRules = new ArrayList<URLMapPathMatcherPathRuleArgs>();
            for (var route : routes) {
                if (route.paths().equals(List.of("/*"))) {
                    matcher.defaultService(destinations.get(route.destination()));
                } else {
                    pathRules.add(URLMapPathMatcherPathRuleArgs.builder()
                            .paths(route.paths())
                            .service(destinations.get(route.destination()))
                            .build());
                }
            }
            if (!pathRules.isEmpty()) {
                matcher.pathRules(pathRules);
            }
            matchers.add(matcher.build());
        });
        return matchers;
    }

    private String matcherName(String host) {
        return host.equals(EdgeNames.apiHost(domain)) ? "api" : host.equals(EdgeNames.appHost(domain)) ? "app" : "candidate";
    }

    private static SecurityPolicyRuleArgs armorRule(ArmorRules.Rule rule) {
        var match = SecurityPolicyRuleMatchArgs.builder();
        rule.expression().ifPresentOrElse(
                expression -> match.expr(SecurityPolicyRuleMatchExprArgs.builder()
                        .expression(expression).build()),
                () -> match.versionedExpr("SRC_IPS_V1")
                        .config(SecurityPolicyRuleMatchConfigArgs.builder().srcIpRanges("*").build()));
        var args = SecurityPolicyRuleArgs.builder()
                .priority(rule.priority())
                .description(rule.description())
                .action(rule.action())
                .preview(rule.preview())
                .match(match.build());
        rule.rateLimit().ifPresent(limit -> args.rateLimitOptions(SecurityPolicyRuleRateLimitOptionsArgs.builder()
                .conformAction("allow")
                .exceedAction("deny(429)")
                .enforceOnKey("IP")
                .rateLimitThreshold(SecurityPolicyRuleRateLimitOptionsRateLimitThresholdArgs.builder()
                        .count(limit.requests())
                        .intervalSec(limit.intervalSeconds())
                        .build())
                .build()));
        return args.build();
    }

    public Output<String> ip() {
        return address.address();
    }

    /** The A records to create at the DNS provider, one a host. */
    public Output<List<String>> dnsRecords() {
        return address.address().applyValue(ip -> ip == null
                ? List.of()
                : EdgeNames.hosts(domain).stream().map(host -> host + ". A " + ip).toList());
    }

    public String apiUrl() {
        return "https://" + EdgeNames.apiHost(domain);
    }

    public String candidateUrl() {
        return "https://" + EdgeNames.candidateHost(domain);
    }
}
