package ai.kuraos.infra.config;

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

    public static Optional<EdgeSettings> disabled() {
        return Optional.empty();
    }
}
