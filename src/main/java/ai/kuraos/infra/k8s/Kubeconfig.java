package ai.kuraos.infra.k8s;

/**
 * The kubeconfig the Kubernetes provider talks to the cluster with. It holds no credential: {@code kubectl}'s exec
 * plugin {@code gke-gcloud-auth-plugin} fetches a short-lived token from whoever runs Pulumi (a developer's gcloud
 * login, or CI's Workload Identity).
 */
public final class Kubeconfig {

    private Kubeconfig() {
    }

    /**
     * @param endpoint             the control plane's address (an IP)
     * @param caCertificateBase64  the cluster's CA certificate, base64-encoded as GKE returns it
     */
    public static String of(String clusterName, String endpoint, String caCertificateBase64) {
        return String.join("\n",
                "apiVersion: v1",
                "kind: Config",
                "clusters:",
                "  - name: " + clusterName,
                "    cluster:",
                "      server: https://" + endpoint,
                "      certificate-authority-data: " + caCertificateBase64,
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
