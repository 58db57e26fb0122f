package ai.kuraos.infra.edge;

import com.google.common.hash.Hashing;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Names of the edge: the hosts it serves, and the resources the publish and purge commands act on (the seeds call the
 * URL map {@code kura-lb} and the assets bucket {@code kura-static-<stack>}).
 */
public final class EdgeNames {

    public static final String URL_MAP = "kura-lb";

    private EdgeNames() {
    }

    public static String assetsBucket(String stack) {
        return "kura-static-" + stack;
    }

    public static String apiHost(String domain) {
        return "api." + domain;
    }

    public static String appHost(String domain) {
        return "app." + domain;
    }

    /** Where a staged release's candidate answers, through the load balancer and Cloud Armor like the API. */
    public static String candidateHost(String domain) {
        return "candidate.api." + domain;
    }

    public static List<String> hosts(String domain) {
        return List.of(apiHost(domain), appHost(domain), candidateHost(domain));
    }

    /** What the public hosts' certificate covers; the candidate host has a certificate of its own. */
    public static List<String> publicHosts(String domain) {
        return List.of(apiHost(domain), appHost(domain));
    }

    /**
     * A managed certificate's name, logical and in Compute Engine alike: {@code <prefix>-<hash of its domains>}. The
     * domains cannot change in place (managed.domains is ForceNew), and the bridge replaces a resource with a set name
     * delete-first, which the API refuses while the proxy uses it. A new name for new domains makes the change a
     * create, the proxy's update, then the old certificate's delete once nothing uses it.
     */
    public static String certificate(String prefix, List<String> domains) {
        return prefix + "-" + Hashing.sha256().hashString(String.join(",", domains), StandardCharsets.UTF_8)
                .toString().substring(0, 6);
    }
}
