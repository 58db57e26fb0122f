package ai.kuraos.infra.random;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;

/** The inputs of {@link RandomPassword} this program uses: a length and whether special characters are allowed. */
public final class RandomPasswordArgs extends ResourceArgs {

    @Import(name = "length", required = true)
    private final Output<Integer> length;

    @Import(name = "special")
    private final Output<Boolean> special;

    private RandomPasswordArgs(int length, boolean special) {
        this.length = Output.of(length);
        this.special = Output.of(special);
    }

    /** Letters and digits only, so the value is safe in a URL or connection string without escaping. */
    public static RandomPasswordArgs alphanumeric(int length) {
        return new RandomPasswordArgs(length, false);
    }
}
