package ai.kuraos.infra.tls;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;

/** A certificate's distinguished name: common name and, unless it is a Kafka client's, organization. */
public final class Subject extends ResourceArgs {

    @Import(name = "commonName")
    private final Output<String> commonName;

    @Import(name = "organization")
    private final Output<String> organization;

    public Subject(String commonName, String organization) {
        this.commonName = Output.of(commonName);
        this.organization = Output.of(organization);
    }

    private Subject(String commonName) {
        this.commonName = Output.of(commonName);
        this.organization = null;
    }

    /**
     * {@code CN=<commonName>} and nothing else: Kafka's principal for a TLS client is the whole distinguished name, and
     * Strimzi's ACLs name the user {@code CN=<user>}.
     */
    public static Subject commonNameOnly(String commonName) {
        return new Subject(commonName);
    }
}
