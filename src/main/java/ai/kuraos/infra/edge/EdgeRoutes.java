package ai.kuraos.infra.edge;

import java.util.List;

/**
 * The routing table of the URL map, as data: which host and path go to the API, the staged candidate or the assets.
 * {@code api.<domain>} is all API; {@code app.<domain>} sends {@code /api/*} to the API and everything else, assets
 * and pages alike, to the bucket (index.html fallback for the single-page app).
 */
public final class EdgeRoutes {

    /** Where a request ends up. */
    public enum Destination { API, CANDIDATE, ASSETS }

    /** Requests for {@code host} whose path matches one of {@code paths} ({@code /*} is the host's default). */
    public record Route(String host, List<String> paths, Destination destination) {
    }

    private EdgeRoutes() {
    }

    public static List<Route> table(String domain) {
        return List.of(
                new Route(EdgeNames.apiHost(domain), List.of("/*"), Destination.API),
                new Route(EdgeNames.appHost(domain), List.of("/api/*"), Destination.API),
                new Route(EdgeNames.appHost(domain), List.of("/assets/*"), Destination.ASSETS),
                new Route(EdgeNames.appHost(domain), List.of("/*"), Destination.ASSETS),
                new Route(EdgeNames.candidateHost(domain), List.of("/*"), Destination.CANDIDATE));
    }
}
