package ai.kuraos.infra.messaging;

import ai.kuraos.infra.testing.SynthesizedStack;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The Kafka CA and listener certificate: how long each is valid, and the ends the drift job checks. */
class KafkaCertificatesTest {

    private static final String CA = "tls:index/selfSignedCert:SelfSignedCert";
    private static final String CERTIFICATE = "tls:index/locallySignedCert:LocallySignedCert";

    @Test
    void issuesATenYearCaAndAOneYearListenerCertificateByDefault() {
        var prod = SynthesizedStack.of("prod");

        prod.resource(CA, "kafka-ca").hasInput("validityPeriodHours", 87_600).hasInput("isCaCertificate", true);
        prod.resource(CERTIFICATE, "kafka-listener-certificate").hasInput("validityPeriodHours", 8760)
                .hasInput("earlyRenewalHours", 720);
    }

    @Test
    void exportsWhenTheCaAndTheListenerCertificateEndForTheDriftJob() {
        var staging = SynthesizedStack.of("staging");

        assertThat(staging.output("kafkaCaValidUntil").asText()).isEqualTo("${kafka-ca.validityEndTime}");
        assertThat(staging.output("kafkaListenerCertificateValidUntil").asText())
                .isEqualTo("${kafka-listener-certificate.validityEndTime}");
    }

    @Test
    void exportsWhenTheClientsCaAndEachClientCertificateTheProgramIssuesEnd() {
        var prod = SynthesizedStack.of("prod");
        var staging = SynthesizedStack.of("staging");

        assertThat(prod.output("kafkaClientsCaValidUntil").asText()).isEqualTo("${kafka-clients-ca.validityEndTime}");
        assertThat(prod.output("kafkaApiClientCertificateValidUntil").asText())
                .isEqualTo("${kafka-client-api-certificate.validityEndTime}");
        assertThat(prod.output("kafkaAdelineClientCertificateValidUntil").asText())
                .isEqualTo("${kafka-client-adeline-certificate.validityEndTime}");
        // Staging runs no inference workload, so the program issues Adeline no certificate there.
        assertThat(staging.json().path("outputs").has("kafkaAdelineClientCertificateValidUntil")).isFalse();
        prod.resource(CERTIFICATE, "kafka-client-api-certificate").hasInput("validityPeriodHours", 8760);
    }

    @Test
    void exportsNoCertificateEndWithoutKafka() {
        assertThat(SynthesizedStack.of("dev").json().path("outputs").has("kafkaCaValidUntil")).isFalse();
    }
}
