package ai.kuraos.infra.tls;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ResourceArgs;

/** A certificate the tls provider issues: what the self-signed CA and the server certificates have in common. */
public abstract class TlsCertificate extends CustomResource {

    @Export(name = "certPem", refs = {String.class}, tree = "[0]")
    private Output<String> certPem;

    @Export(name = "validityEndTime", refs = {String.class}, tree = "[0]")
    private Output<String> validityEndTime;

    protected TlsCertificate(String type, String name, ResourceArgs args, CustomResourceOptions options) {
        super(type, name, args, CustomResourceOptions.merge(CustomResourceOptions.builder()
                .version(TlsPrivateKey.PROVIDER_VERSION)
                .build(), options, null));
    }

    /** The certificate, PEM-encoded. Public. */
    public Output<String> certPem() {
        return certPem;
    }

    /** When the certificate ends (RFC 3339): the provider's renewal does not run under Pulumi (pulumi/pulumi-tls#39). */
    public Output<String> validityEndTime() {
        return validityEndTime;
    }
}
