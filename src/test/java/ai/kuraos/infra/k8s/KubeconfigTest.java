package ai.kuraos.infra.k8s;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KubeconfigTest {

    @Test
    void pointsAtTheConnectGatewayPathOfTheFleetMembership() {
        var kubeconfig = Kubeconfig.viaConnectGateway("kura-gke",
                "projects/123456789012/locations/global/memberships/kura-gke");

        assertThat(kubeconfig).contains("server: https://connectgateway.googleapis.com/v1/projects/123456789012"
                + "/locations/global/gkeMemberships/kura-gke\n");
    }

    @Test
    void holdsNoClusterCaNoEndpointAndNoCredential() {
        var kubeconfig = Kubeconfig.viaConnectGateway("kura-gke",
                "projects/123456789012/locations/global/memberships/kura-gke");

        assertThat(kubeconfig).doesNotContain("certificate-authority", "token:", "client-key")
                .contains("command: gke-gcloud-auth-plugin");
    }
}
