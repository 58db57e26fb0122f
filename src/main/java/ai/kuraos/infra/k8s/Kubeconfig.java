package ai.kuraos.infra.k8s;

/**
 * The kubeconfig the Kubernetes provider talks to the cluster with. It holds no credential: {@code kubectl}'s exec
 * plugin {@code gke-gcloud-auth-plugin} fetches a short-lived token from whoever runs Pulumi (a developer's gcloud
 * login, or CI's Workload Identity). It points at the Connect Gateway, which answers with Google's public certificate,
 * so it holds no cluster CA either.
 */
public final class Kubeconfig {

    private Kubeconfig() {
    }

    public static final String CONNECT_GATEWAY = "https://connectgateway.googleapis.com/v1/";

    /**
     * @param membershipName the fleet membership's name as GKE Hub returns it,
     *                       {@code projects/<number>/locations/global/memberships/<id>}; empty while not known
     */
    public static String viaConnectGateway(String clusterName, String membershipName) {
        return of(clusterName, gatewayServer(membershipName == null ? "" : membershipName));
    }

    /** The gateway serves a membership {@code m} at {@code v1/projects/<number>/locations/<l>/gkeMemberships/m}. */
    static String gatewayServer(String membershipName) {
        return CONNECT_GATEWAY + membershipName.replace("/memberships/", "/gkeMemberships/");
    }

    private static String of(String clusterName, String server) {
        return String.join("\n",
                "apiVersion: v1",
                "kind: Config",
                "clusters:",
                "  - name: " + clusterName,
                "    cluster:",
                "      server: " + server,
                "contexts:",
                "  - name: " + clusterName,
                "    context:",
                "      cluster: " + clusterName,
                "      user: " + clusterName,
                "current-context: " + clusterName,
                "users:",
                "  - name: " + clusterName,
                "    user:",
                "      exec:",
                "        apiVersion: client.authentication.k8s.io/v1beta1",
                "        command: gke-gcloud-auth-plugin",
                "        installHint: Install gke-gcloud-auth-plugin, e.g. `gcloud components install gke-gcloud-auth-plugin`",
                "        provideClusterInfo: true",
                "");
    }
}
