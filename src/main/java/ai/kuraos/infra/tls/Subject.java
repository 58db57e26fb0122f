package ai.kuraos.infra.tls;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;

/** A certificate's distinguished name: common name and organization. */
public final class Subject extends ResourceArgs {

    @Import(name = "commonName")
    private final Output<String> commonName;

    @Import(name = "organization")
    private final Output<String> organization;

    public Subject(String commonName, String organization) {
        this.commonName = Output.of(commonName);
        this.organization = Output.of(organization);
    }
}
