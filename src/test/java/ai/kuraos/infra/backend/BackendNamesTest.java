package ai.kuraos.infra.backend;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Revision names: whatever changes a revision's template changes its name. */
class BackendNamesTest {

    private static final Map<String, String> TEMPLATE = Map.of(
            "image", "europe-southwest1-docker.pkg.dev/kura-os/cloud-run-source-deploy/kura-backend:v1-3-7",
            "secret.STRIPE_SECRET_KEY", "latest",
            "secret.DATABASE_URL", "3",
            "env.REDIS_HOST", "10.100.0.3",
            "env.REDIS_PORT", "6378",
            "env.REDIS_CA_CERT", "-----BEGIN CERTIFICATE-----\nMIIB...first\n-----END CERTIFICATE-----",
            "env.KAFKA_BOOTSTRAP_SERVERS", "10.10.0.40:9094",
            "env.KAFKA_SSL_CA_PEM", "-----BEGIN CERTIFICATE-----\nMIIC...ca\n-----END CERTIFICATE-----");

    /**
     * Defect: fixed revision names ignored values from other resources. A new secret version, Redis host or CA, Kafka
     * address or CA sent a new template under a revision name Cloud Run had seen, and it answered 409.
     */
    @Test
    void aTemplateChangedByAnotherResourceGetsANewRevisionName() {
        var before = BackendNames.revision("v1-3-7", "4f2a9c", TEMPLATE);
        assertThat(before).matches("kura-backend-v1-3-7-[0-9a-f]{6}");

        for (var changed : TEMPLATE.keySet()) {
            var template = new TreeMap<>(TEMPLATE);
            template.put(changed, TEMPLATE.get(changed) + "-changed");
            assertThat(BackendNames.revision("v1-3-7", "4f2a9c", template)).as(changed)
                    .matches("kura-backend-v1-3-7-[0-9a-f]{6}").isNotEqualTo(before);
        }
        assertThat(BackendNames.revision("v1-3-7", "0b1c2d", TEMPLATE)).as("a change of the stack's settings")
                .isNotEqualTo(before);
    }

    @Test
    void theSameTemplateKeepsItsName() {
        assertThat(BackendNames.revision("v1-3-7", "4f2a9c", new TreeMap<>(TEMPLATE)))
                .isEqualTo(BackendNames.revision("v1-3-7", "4f2a9c", TEMPLATE));
    }

    @Test
    void noValueCanPassForTwo() {
        assertThat(BackendNames.revision("v1", "f", Map.of("a", "x\n1:b1:y")))
                .isNotEqualTo(BackendNames.revision("v1", "f", Map.of("a", "x", "b", "y")));
    }

    @Test
    void tellsAReleasesRevisionsWhateverTheirTemplate() {
        assertThat(BackendNames.isRevisionOf("kura-backend-v1-3-7-4f2a9c", "v1-3-7")).isTrue();
        assertThat(BackendNames.isRevisionOf("kura-backend-v1-3-70-4f2a9c", "v1-3-7")).isFalse();
    }
}
