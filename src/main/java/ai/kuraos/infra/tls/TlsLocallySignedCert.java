package ai.kuraos.infra.tls;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ResourceArgs;

import java.util.List;

/**
 * A server or client certificate signed by a CA of the stack. Within {@code earlyRenewalHours} of its end, the next update
 * issues a new one.
 */
@ResourceType(type = TlsLocallySignedCert.TYPE)
public final class TlsLocallySignedCert extends TlsCertificate {

    public static final String TYPE = "tls:index/locallySignedCert:LocallySignedCert";

    public TlsLocallySignedCert(String name, Args args, CustomResourceOptions options) {
        super(TYPE, name, args, options);
    }

    public static final class Args extends ResourceArgs {

        @Import(name = "certRequestPem", required = true)
        private final Output<String> certRequestPem;

        @Import(name = "caPrivateKeyPem", required = true)
        private final Output<String> caPrivateKeyPem;

        @Import(name = "caCertPem", required = true)
        private final Output<String> caCertPem;

        @Import(name = "allowedUses", required = true)
        private final Output<List<String>> allowedUses;

        @Import(name = "validityPeriodHours", required = true)
        private final Output<Integer> validityPeriodHours;

        @Import(name = "earlyRenewalHours")
        private final Output<Integer> earlyRenewalHours;

        /** A TLS server certificate. */
        public static Args server(Output<String> certRequestPem, Output<String> caPrivateKeyPem, Output<String> caCertPem,
                                  int validityHours, int earlyRenewalHours) {
            return new Args(certRequestPem, caPrivateKeyPem, caCertPem, "server_auth", validityHours, earlyRenewalHours);
        }

        /** A TLS client certificate (mutual TLS). */
        public static Args client(Output<String> certRequestPem, Output<String> caPrivateKeyPem, Output<String> caCertPem,
                                  int validityHours, int earlyRenewalHours) {
            return new Args(certRequestPem, caPrivateKeyPem, caCertPem, "client_auth", validityHours, earlyRenewalHours);
        }

        private Args(Output<String> certRequestPem, Output<String> caPrivateKeyPem, Output<String> caCertPem,
                     String extendedUse, int validityHours, int earlyRenewalHours) {
            this.allowedUses = Output.of(List.of("digital_signature", "key_encipherment", extendedUse));
            this.certRequestPem = certRequestPem;
            this.caPrivateKeyPem = caPrivateKeyPem;
            this.caCertPem = caCertPem;
            this.validityPeriodHours = Output.of(validityHours);
            this.earlyRenewalHours = Output.of(earlyRenewalHours);
        }
    }
}
