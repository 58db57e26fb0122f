package ai.kuraos.infra.tls;

import ai.kuraos.infra.component.ProviderPlugins;
import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.Import;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ResourceArgs;

/** A private key the provider generates once and keeps in the stack's state: ECDSA P-256. */
@ResourceType(type = TlsPrivateKey.TYPE)
public final class TlsPrivateKey extends CustomResource {

    public static final String TYPE = "tls:index/privateKey:PrivateKey";
    static final String PROVIDER_VERSION = ProviderPlugins.version("tls");

    @Export(name = "privateKeyPem", refs = {String.class}, tree = "[0]")
    private Output<String> privateKeyPem;

    @Export(name = "privateKeyPemPkcs8", refs = {String.class}, tree = "[0]")
    private Output<String> privateKeyPemPkcs8;

    public TlsPrivateKey(String name, CustomResourceOptions options) {
        super(TYPE, name, new Args(), CustomResourceOptions.merge(CustomResourceOptions.builder()
                .version(PROVIDER_VERSION)
                .additionalSecretOutputs("privateKeyPem", "privateKeyPemPkcs8", "privateKeyOpenssh")
                .build(), options, null));
    }

    /** PEM as the certificates' signing inputs take it. */
    public Output<String> privateKeyPem() {
        return privateKeyPem;
    }

    /** PKCS #8 PEM, the only private key form Kafka's PEM key stores read. */
    public Output<String> privateKeyPemPkcs8() {
        return privateKeyPemPkcs8;
    }

    private static final class Args extends ResourceArgs {

        @Import(name = "algorithm", required = true)
        private final Output<String> algorithm = Output.of("ECDSA");

        @Import(name = "ecdsaCurve")
        private final Output<String> ecdsaCurve = Output.of("P256");
    }
}
