package ai.kuraos.infra.tls;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.Import;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ResourceArgs;

import java.util.List;

/**
 * A certificate signing request: for a server, its key, its name and every DNS name and address it answers on; for a
 * client, its key and its name.
 */
@ResourceType(type = TlsCertRequest.TYPE)
public final class TlsCertRequest extends CustomResource {

    public static final String TYPE = "tls:index/certRequest:CertRequest";

    @Export(name = "certRequestPem", refs = {String.class}, tree = "[0]")
    private Output<String> certRequestPem;

    public TlsCertRequest(String name, Args args, CustomResourceOptions options) {
        super(TYPE, name, args, CustomResourceOptions.merge(CustomResourceOptions.builder()
                .version(TlsPrivateKey.PROVIDER_VERSION)
                .build(), options, null));
    }

    public Output<String> certRequestPem() {
        return certRequestPem;
    }

    public static final class Args extends ResourceArgs {

        @Import(name = "privateKeyPem", required = true)
        private final Output<String> privateKeyPem;

        @Import(name = "subject")
        private final Output<Subject> subject;

        @Import(name = "dnsNames")
        private final Output<List<String>> dnsNames;

        @Import(name = "ipAddresses")
        private final Output<List<String>> ipAddresses;

        public Args(Output<String> privateKeyPem, Subject subject, List<String> dnsNames, Output<List<String>> ipAddresses) {
            this.privateKeyPem = privateKeyPem;
            this.subject = Output.of(subject);
            this.dnsNames = Output.of(dnsNames);
            this.ipAddresses = ipAddresses;
        }

        /** A client's request: no name or address to answer on. */
        public static Args client(Output<String> privateKeyPem, Subject subject) {
            return new Args(privateKeyPem, subject);
        }

        private Args(Output<String> privateKeyPem, Subject subject) {
            this.privateKeyPem = privateKeyPem;
            this.subject = Output.of(subject);
            this.dnsNames = null;
            this.ipAddresses = null;
        }
    }
}
