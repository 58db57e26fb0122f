package ai.kuraos.infra.edge;

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
}
