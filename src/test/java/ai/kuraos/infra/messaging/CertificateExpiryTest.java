package ai.kuraos.infra.messaging;

import ai.kuraos.infra.testing.SynthesizedStack;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** When the drift job's certificate check reports the Kafka CA or listener certificate (30 days before its end). */
class CertificateExpiryTest {

    private static final Instant ISSUED = Instant.parse("2027-01-10T09:00:00Z");

    /**
     * Renewal tested by rendering with a short validity: staging issues a 45-day listener certificate. From what the
     * plan asks of the tls provider (validityPeriodHours), the certificate ends 45 days after it is issued; the check
     * is quiet with 31 days left and reports it with 29.
     */
    @Test
    void reportsAShortValidityListenerCertificateThirtyDaysBeforeItsEnd() {
        var staging = SynthesizedStack.withConfig("staging", Map.of("kura-infra:messaging",
                "{\"kafka\":{\"enabled\":true,\"tls\":{\"certificateValidityDays\":45}}}"));
        var hours = staging.resource("tls:index/locallySignedCert:LocallySignedCert", "kafka-listener-certificate")
                .hasInput("earlyRenewalHours", 720)
                .input("validityPeriodHours").asLong();
        var outputs = Map.of(CertificateExpiry.LISTENER_CERTIFICATE_VALID_UNTIL,
                ISSUED.plus(Duration.ofHours(hours)).toString());

        var early = CertificateExpiry.check(outputs, ISSUED.plus(Duration.ofDays(14)), CertificateExpiry.WARN_BEFORE);
        var late = CertificateExpiry.check(outputs, ISSUED.plus(Duration.ofDays(16)), CertificateExpiry.WARN_BEFORE);

        assertThat(hours).isEqualTo(45 * 24);
        assertThat(early).singleElement().satisfies(finding -> {
            assertThat(finding.due()).isFalse();
            assertThat(finding.describe()).contains("31 day(s) left").doesNotContain("RENEW");
        });
        assertThat(late).singleElement().satisfies(finding -> {
            assertThat(finding.due()).isTrue();
            assertThat(finding.describe()).startsWith("the Kafka listener certificate (kafka-listener-certificate)"
                    + " (kafkaListenerCertificateValidUntil) ends 2027-02-24T09:00:00Z: 29 day(s) left -- RENEW");
        });
    }

    @Test
    void reportsAnEndedCaAsDue() {
        var findings = CertificateExpiry.check(Map.of(CertificateExpiry.CA_VALID_UNTIL, "2027-01-01T00:00:00+01:00"),
                ISSUED, CertificateExpiry.WARN_BEFORE);

        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.due()).isTrue();
            assertThat(finding.validUntil()).isEqualTo(Instant.parse("2026-12-31T23:00:00Z"));
            assertThat(finding.describe()).contains("the Kafka CA (kafka-ca)", "expired 9 day(s) ago");
        });
    }

    @Test
    void reportsTheBackendsClientCertificateAsDueInItsLastThirtyDays() {
        var findings = CertificateExpiry.check(Map.of("kafkaApiClientCertificateValidUntil", "2027-01-20T00:00:00Z"),
                ISSUED, CertificateExpiry.WARN_BEFORE);

        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.due()).isTrue();
            assertThat(finding.describe()).contains("the Kafka client certificate of api (kafka-client-api-certificate)");
        });
    }

    @Test
    void findsNothingInTheOutputsOfAStackWithoutKafka() {
        assertThat(CertificateExpiry.check(Map.of("redisHost", "10.100.0.3"), ISSUED, CertificateExpiry.WARN_BEFORE))
                .isEmpty();
    }

    @Test
    void failsWhenAnEndOfValidityIsNotATime() {
        assertThatThrownBy(() -> CertificateExpiry.check(Map.of(CertificateExpiry.CA_VALID_UNTIL, "next year"), ISSUED,
                CertificateExpiry.WARN_BEFORE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stack output kafkaCaValidUntil: got \"next year\"; expected an RFC 3339 time such as"
                        + " 2027-12-08T00:00:00Z");
    }
}
