package ai.kuraos.infra.cli;

import ai.kuraos.infra.StackSettings;
import ai.kuraos.infra.edge.EdgeNames;
import ai.kuraos.infra.edge.EdgeSettings;
import ai.kuraos.infra.gcp.GoogleAccessTokens;
import ai.kuraos.infra.gcp.GoogleApi;
import ai.kuraos.infra.publish.CdnInvalidator;
import ai.kuraos.infra.publish.ComputeCdnInvalidator;
import ai.kuraos.infra.rollout.Preflight;

import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;

/** What publish-static and purge-cdn share: a stack that has an edge, and the CDN invalidator of its URL map. */
final class EdgeCommands {

    private EdgeCommands() {
    }

    static Optional<EdgeSettings> edgeOf(StackSettings settings, PrintWriter err) {
        if (settings.edge().isEmpty()) {
            err.println("error: stack " + settings.target().stack() + " has no edge (kura-infra:edge.enabled is false):"
                    + " there is no assets bucket or CDN to act on");
        }
        return settings.edge();
    }

    /** Prints what keeps the command from reaching Google Cloud; true when nothing does. */
    static boolean cloudReachable(Preflight preflight, PrintWriter err) {
        var problems = preflight.cloudAccessProblems();
        problems.forEach(problem -> err.println("error: " + problem));
        return problems.isEmpty();
    }

    static CdnInvalidator invalidator(StackSettings settings) {
        var compute = new GoogleApi("Compute Engine API", GoogleApi.COMPUTE, GoogleAccessTokens.fromEnvironment(),
                HttpClient.newHttpClient());
        return new ComputeCdnInvalidator(compute, settings.target().project(), EdgeNames.URL_MAP, Duration.ofMinutes(20));
    }
}
