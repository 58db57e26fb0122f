package ai.kuraos.infra.edge;

import ai.kuraos.infra.config.ConfigReader;
import ai.kuraos.infra.config.ConfigSection;
import ai.kuraos.infra.config.Environment;
import ai.kuraos.infra.config.TextRule;

import java.util.List;
import java.util.Optional;

/**
 * The edge: one global HTTPS load balancer for {@code api.<domain>} and {@code app.<domain>}, the static assets
 * behind Cloud CDN, Cloud Armor in front of the API. Absent when the stack runs without it (then {@code kura-backend}
 * is reached directly).
 */
public record EdgeSettings(
        String domain,
        List<String> corsOrigins,
        String notFoundPage,
        Cdn cdn,
        Armor armor,
        double requestLogSampleRate) {

    /** Cloud CDN for the assets, and the Cache-Control that publish-static gives files without a content hash. */
    public record Cdn(int defaultTtlSeconds, int maxTtlSeconds, int clientTtlSeconds, int negativeCachingTtlSeconds,
                      int serveWhileStaleSeconds, int htmlMaxAgeSeconds, int otherMaxAgeSeconds) {
    }

    /**
     * Cloud Armor: per-client-IP rate limiting of /api/*, the preconfigured WAF rules, adaptive protection.
     * {@code methodEnforcement} keeps the CRS method enforcement rule set, which refuses every method but GET, HEAD,
     * POST and OPTIONS (rule 911100): off by default, since the API answers PUT, PATCH and DELETE.
     */
    public record Armor(int rateLimitRequests, int rateLimitIntervalSeconds, boolean wafPreview, boolean adaptiveProtection,
                        boolean methodEnforcement) {
    }

    public EdgeSettings {
        corsOrigins = List.copyOf(corsOrigins);
    }

    static final TextRule DOMAIN = TextRule.matching("([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}",
            "a DNS domain such as kuraos.ai or staging.kuraos.ai");
    static final TextRule HTTPS_ORIGIN = TextRule.matching("https://[a-z0-9.-]+(:[0-9]{1,5})?",
            "an https origin such as https://app.kuraos.ai (no path)");
    /** The windows Cloud Armor counts requests over. */
    static final TextRule RATE_LIMIT_INTERVAL = TextRule.oneOf(List.of(
            "10", "30", "60", "120", "180", "240", "300", "600", "900", "1200", "1800", "2700", "3600"));
    static final TextRule OBJECT_NAME = TextRule.matching("[A-Za-z0-9._/-]{1,256}", "an object name such as index.html");

    /** The {@code edge} section: the settings of a stack without the edge are checked all the same. */
    public static Optional<EdgeSettings> read(ConfigSection section, Environment environment, ConfigReader config) {
        var enabled = section.value("enabled", "Whether the stack has the load balancer, the CDN and Cloud Armor."
                + " Without them, `kura-backend` takes traffic directly.").bool(environment.pick(false, true, true));
        var domainValue = section.value("domain", "Serves `api.<domain>`, `app.<domain>`, and `candidate.api.<domain>`"
                + " for deploys; required when enabled. Create the A records from the `edgeDnsRecords` output; the managed"
                + " certificate becomes active once they resolve.");
        var domain = domainValue.text("", DnsNames.domain(DOMAIN));
        if (enabled && !domainValue.isSet()) {
            config.reject(domainValue.key(), "missing; the edge serves api.<domain> and app.<domain>, so name the domain,"
                    + " e.g. kuraos.ai");
        }
        var corsOrigins = section.value("corsOrigins", "Origins allowed to fetch assets cross-origin (GET, HEAD).")
                .defaultShown("`[https://app.<domain>]`").textList(List.of("https://app." + domain), HTTPS_ORIGIN);
        var notFoundPage = section.value("notFoundPage", "What the bucket serves for unknown paths: the single-page"
                + " app's fallback.").text("index.html", OBJECT_NAME);
        var cdn = cdn(section.section("cdn", "Cloud CDN (cache mode `CACHE_ALL_STATIC`, request coalescing, automatic"
                + " compression), and the Cache-Control that `publish-static` gives files without a content hash."));
        var armor = armor(section.section("armor", "Cloud Armor policy `kura-armor` on the API (and the candidate)."),
                environment, config);
        var sampleRate = section.value("requestLogSampleRate", "The share of API requests logged by the load balancer"
                + " (the request waterfall).").decimal(1.0, 0.0, 1.0);
        return enabled ? Optional.of(new EdgeSettings(domain, corsOrigins, notFoundPage, cdn, armor, sampleRate))
                : Optional.empty();
    }

    private static Cdn cdn(ConfigSection section) {
        var maxTtl = section.value("maxTtlSeconds", "Longest time the CDN keeps a response, whatever the origin says.")
                .integer(86_400, 0, 31_536_000);
        return new Cdn(
                section.value("defaultTtlSeconds", "Cache lifetime of responses without Cache-Control; at most"
                        + " `maxTtlSeconds`.").integer(Math.min(3600, maxTtl), 0, maxTtl),
                maxTtl,
                section.value("clientTtlSeconds", "Longest max-age passed on to browsers; at most `maxTtlSeconds`.")
                        .integer(Math.min(3600, maxTtl), 0, maxTtl),
                section.value("negativeCachingTtlSeconds", "How long a 404 or 410 is cached.").integer(60, 0, 1800),
                section.value("serveWhileStaleSeconds", "How long a stale copy may be served while the origin fails or"
                        + " is being revalidated.").integer(86_400, 0, 31_536_000),
                section.value("htmlMaxAgeSeconds", "`publish-static`: max-age of HTML.").integer(60, 0, 3600),
                section.value("otherMaxAgeSeconds", "`publish-static`: max-age of other files without a content hash.")
                        .integer(300, 0, 86_400));
    }

    private static Armor armor(ConfigSection section, Environment environment, ConfigReader config) {
        var rateLimitRequests = section.value("rateLimitRequests", "Requests per client IP and window on `/api/*`;"
                + " beyond that, 429.").integer(300, 1, 100_000);
        var rateLimitInterval = Integer.parseInt(section.value("rateLimitIntervalSeconds", "The rate-limit window.")
                .text("60", RATE_LIMIT_INTERVAL));
        var wafValue = section.value("wafMode", "The preconfigured OWASP rules (SQLi, XSS, LFI, RFI, RCE, method"
                + " enforcement, scanners, protocol attacks, session fixation): blocking (403), or only logging; not"
                + " `preview` in prod.");
        var wafMode = wafValue.text(environment.pick("preview", "enforce", "enforce"),
                TextRule.oneOf(List.of("enforce", "preview")));
        if (environment == Environment.PROD && wafMode.equals("preview")) {
            config.reject(wafValue.key(), "got \"preview\"; a prod stack enforces the WAF rules (preview only logs what"
                    + " they would block)");
        }
        var adaptiveProtection = section.value("adaptiveProtection", "Adaptive Protection: layer 7 DDoS detection.")
                .bool(environment.pick(false, false, true));
        var methodEnforcement = section.value("methodEnforcement", "The WAF's method enforcement rule set (CRS 911100),"
                + " which refuses every method but GET, HEAD, POST and OPTIONS: off, since the API answers PUT, PATCH"
                + " and DELETE.").bool(false);
        return new Armor(rateLimitRequests, rateLimitInterval, wafMode.equals("preview"), adaptiveProtection,
                methodEnforcement);
    }
}
