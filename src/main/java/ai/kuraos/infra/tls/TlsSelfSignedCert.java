package ai.kuraos.infra.tls;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ResourceArgs;

import java.util.List;

/**
 * A self-signed CA certificate. Within {@code earlyRenewalHours} of its end, the next update replaces it (and what it
 * signed), so an update in time keeps clients trusting the chain.
 */
@ResourceType(type = TlsSelfSignedCert.TYPE)
public final class TlsSelfSignedCert extends TlsCertificate {

    public static final String TYPE = "tls:index/selfSignedCert:SelfSignedCert";

    public TlsSelfSignedCert(String name, Args args, CustomResourceOptions options) {
        super(TYPE, name, args, options);
    }

    public static final class Args extends ResourceArgs {

        @Import(name = "privateKeyPem", required = true)
        private final Output<String> privateKeyPem;

        @Import(name = "subject")
        private final Output<Subject> subject;

        @Import(name = "isCaCertificate")
        private final Output<Boolean> isCaCertificate = Output.of(true);

        @Import(name = "allowedUses", required = true)
        private final Output<List<String>> allowedUses = Output.of(List.of("cert_signing", "crl_signing", "digital_signature"));

        @Import(name = "validityPeriodHours", required = true)
        private final Output<Integer> validityPeriodHours;

        @Import(name = "earlyRenewalHours")
        private final Output<Integer> earlyRenewalHours;

        /** A certificate authority, signed with its own key. */
        public static Args authority(Output<String> privateKeyPem, Subject subject, int validityHours, int earlyRenewalHours) {
            return new Args(privateKeyPem, subject, validityHours, earlyRenewalHours);
        }

        private Args(Output<String> privateKeyPem, Subject subject, int validityHours, int earlyRenewalHours) {
            this.privateKeyPem = privateKeyPem;
            this.subject = Output.of(subject);
            this.validityPeriodHours = Output.of(validityHours);
            this.earlyRenewalHours = Output.of(earlyRenewalHours);
        }
    }
}
