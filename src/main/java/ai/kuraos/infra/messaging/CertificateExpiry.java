package ai.kuraos.infra.messaging;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * When the Kafka CA and listener certificate end, as the stack's outputs say, and whether that is within the warning
 * window. The tls provider's {@code earlyRenewalHours} renews nothing under Pulumi (pulumi/pulumi-tls#39: the
 * provider's plan-time "ready for renewal" replacement is not honoured), so the drift job checks the ends itself.
 */
public final class CertificateExpiry {

    /** How long before its end a certificate is reported. */
    public static final Duration WARN_BEFORE = Duration.ofDays(30);

    /** The stack outputs that carry an end of validity (RFC 3339, the tls provider's {@code validityEndTime}). */
    public static final String CA_VALID_UNTIL = "kafkaCaValidUntil";
    public static final String LISTENER_CERTIFICATE_VALID_UNTIL = "kafkaListenerCertificateValidUntil";
    public static final String CLIENTS_CA_VALID_UNTIL = "kafkaClientsCaValidUntil";

    /** Each of those outputs, and what it is the end of. */
    public static final Map<String, String> OUTPUTS;

    static {
        var outputs = new LinkedHashMap<String, String>();
        outputs.put(CA_VALID_UNTIL, "the Kafka CA (kafka-ca)");
        outputs.put(LISTENER_CERTIFICATE_VALID_UNTIL, "the Kafka listener certificate (kafka-listener-certificate)");
        outputs.put(CLIENTS_CA_VALID_UNTIL, "the Kafka clients CA (kafka-clients-ca)");
        for (var service : List.of(KafkaNames.BACKEND_SERVICE, KafkaNames.INFERENCE_SERVICE)) {
            outputs.put(clientCertificateValidUntil(service),
                    "the Kafka client certificate of " + service + " (kafka-client-" + service + "-certificate)");
        }
        OUTPUTS = Collections.unmodifiableMap(outputs);
    }

    /** One certificate's end, and whether it is due: within {@code warnBefore} of its end, or past it. */
    public record Finding(String output, String certificate, Instant validUntil, Duration left, boolean due) {

        public String describe() {
            var days = left.toDays();
            return certificate + " (" + output + ") ends " + validUntil + ": " + (left.isNegative()
                    ? "expired " + (-days) + " day(s) ago" : days + " day(s) left") + (due ? " -- RENEW" : "");
        }
    }

    private CertificateExpiry() {
    }

    /** The stack output that carries when the client certificate the program issues to {@code service} ends. */
    public static String clientCertificateValidUntil(String service) {
        return "kafka" + Character.toUpperCase(service.charAt(0)) + service.substring(1) + "ClientCertificateValidUntil";
    }

    /**
     * The findings for the outputs present; an absent output (a stack without Kafka) has none.
     *
     * @throws IllegalArgumentException when an output present is not an RFC 3339 time
     */
    public static List<Finding> check(Map<String, String> stackOutputs, Instant now, Duration warnBefore) {
        var findings = new ArrayList<Finding>();
        OUTPUTS.forEach((output, certificate) -> {
            var text = stackOutputs.get(output);
            if (text == null) {
                return;
            }
            Instant end;
            try {
                end = OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("stack output " + output + ": got \"" + text + "\"; expected an RFC"
                        + " 3339 time such as 2027-12-08T00:00:00Z", e);
            }
            var left = Duration.between(now, end);
            findings.add(new Finding(output, certificate, end, left, left.compareTo(warnBefore) <= 0));
        });
        return findings;
    }
}
