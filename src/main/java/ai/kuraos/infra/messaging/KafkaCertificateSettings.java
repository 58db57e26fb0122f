package ai.kuraos.infra.messaging;

import ai.kuraos.infra.config.ConfigReader;
import ai.kuraos.infra.config.ConfigSection;

/**
 * How long the Kafka CA and the listeners' certificate are valid. The tls provider issues them; its
 * {@code earlyRenewalHours} renews nothing under Pulumi (pulumi/pulumi-tls#39), so the drift job warns
 * {@link CertificateExpiry#WARN_BEFORE} before either ends, and a change of a validity here is what issues a new one
 * ({@code validityPeriodHours} forces a new certificate: terraform-provider-tls, RequiresReplace).
 */
public record KafkaCertificateSettings(int caValidityDays, int certificateValidityDays) {

    /** More than the warning window, so that a new certificate is not due the day it is issued. */
    static final int LEAST_CERTIFICATE_DAYS = (int) CertificateExpiry.WARN_BEFORE.toDays() + 1;

    /** The {@code messaging.kafka.tls} section. */
    static KafkaCertificateSettings read(ConfigSection section, ConfigReader config) {
        var caValidity = section.value("caValidityDays", "How long the stack's Kafka CA (kafka-ca) is valid. A change"
                + " issues a new CA, and every client must trust it (docs/operations.md, \"Kafka certificates\").")
                .integer(3650, 365, 36_500);
        var certificateValue = section.value("certificateValidityDays", "How long the listeners' certificate"
                + " (kafka-listener-certificate) is valid; the drift job warns 30 days before its end. A change issues"
                + " a new certificate from the same CA: that is how it is renewed (docs/operations.md).");
        var certificateValidity = certificateValue.integer(365, LEAST_CERTIFICATE_DAYS, 3650);
        if (certificateValidity > caValidity) {
            config.reject(certificateValue.key(), "got " + certificateValidity + ", longer than the CA's "
                    + caValidity + " days (" + section.keyOf("caValidityDays") + "): the certificate would outlive the"
                    + " CA that signs it. Expected at most " + caValidity);
        }
        return new KafkaCertificateSettings(caValidity, certificateValidity);
    }

    public int caValidityHours() {
        return caValidityDays * 24;
    }

    public int certificateValidityHours() {
        return certificateValidityDays * 24;
    }
}
