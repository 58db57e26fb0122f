package ai.kuraos.infra.plan;

import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.pulumi.core.internal.Constants;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class PlanValuesTest {

    private static final Function<String, String> NAMES = urn -> urn.substring(urn.lastIndexOf("::") + 2);

    private static Value text(String text) {
        return Value.newBuilder().setStringValue(text).build();
    }

    private static Value number(double number) {
        return Value.newBuilder().setNumberValue(number).build();
    }

    private static Value struct(Map<String, Value> fields) {
        return Value.newBuilder().setStructValue(Struct.newBuilder().putAllFields(fields)).build();
    }

    @Test
    void writesWholeNumbersAsIntegersBecauseTheEngineSendsEveryNumberAsADouble() {
        assertThat(PlanValues.value(number(16.0), NAMES).isIntegralNumber()).isTrue();
        assertThat(PlanValues.value(number(16.0), NAMES).asLong()).isEqualTo(16);
        assertThat(PlanValues.value(number(-3.0), NAMES).toString()).isEqualTo("-3");
        assertThat(PlanValues.value(number(0.25), NAMES).toString()).isEqualTo("0.25");
        assertThat(PlanValues.value(number(1e300), NAMES).isIntegralNumber()).isFalse();
    }

    @Test
    void hidesSecretsWhateverTheyHold() {
        var secret = struct(Map.of(Constants.SpecialSigKey, text(Constants.SpecialSecretSig), "value", text("hunter2")));

        assertThat(PlanValues.value(secret, NAMES).asText()).isEqualTo("[secret]");
    }

    @Test
    void namesTheOutputsASecretIsMadeFromButNeverItsText() {
        var url = struct(Map.of(Constants.SpecialSigKey, text(Constants.SpecialSecretSig),
                "value", text("postgresql://kura_app:${pw.result}@/db?host=/cloudsql/${kura-primary.connectionName}")));

        assertThat(PlanValues.value(url, NAMES).asText())
                .isEqualTo("[secret ← kura-primary.connectionName, pw.result]");
    }

    @Test
    void aSecretMadeFromAReplacedResourceReferencesIt() {
        assertThat(PlanValues.references("[secret ← kura-cache.authString]", "kura-cache")).isTrue();
        assertThat(PlanValues.references("[secret ← kura-cache-2.authString]", "kura-cache")).isFalse();
        assertThat(PlanValues.references("[secret]", "kura-cache")).isFalse();
        assertThat(PlanValues.references("${kura.cache.host}", "kura.cache")).isTrue();
    }

    @Test
    void marksValuesNotKnownBeforeCreation() {
        assertThat(PlanValues.value(text(Constants.UnknownValue), NAMES).asText()).isEqualTo("[unknown]");
    }

    @Test
    void namesReferencedResourcesInsteadOfPrintingTheirUrns() {
        var reference = struct(Map.of(Constants.SpecialSigKey, text(Constants.SpecialResourceSig),
                "urn", text("urn:pulumi:prod::kura-infra::gcp:compute/network:Network::kura-vpc")));

        assertThat(PlanValues.value(reference, NAMES).asText()).isEqualTo("${kura-vpc}");
    }

    @Test
    void unwrapsOutputValuesAndHidesSecretOnes() {
        var known = struct(Map.of(Constants.SpecialSigKey, text(Constants.SpecialOutputSig), "value", text("x")));
        var secret = struct(Map.of(Constants.SpecialSigKey, text(Constants.SpecialOutputSig), "value", text("x"),
                "secret", Value.newBuilder().setBoolValue(true).build()));
        var unknown = struct(Map.of(Constants.SpecialSigKey, text(Constants.SpecialOutputSig)));

        assertThat(PlanValues.value(known, NAMES).asText()).isEqualTo("x");
        assertThat(PlanValues.value(secret, NAMES).asText()).isEqualTo("[secret]");
        assertThat(PlanValues.value(unknown, NAMES).asText()).isEqualTo("[unknown]");
    }

    @Test
    void sortsObjectKeysAndKeepsListOrder() {
        var list = Value.newBuilder().setListValue(ListValue.newBuilder().addValues(text("b")).addValues(text("a"))).build();
        var object = Struct.newBuilder().putFields("zeta", list).putFields("alpha", number(1))
                .putFields("nothing", Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build()).build();

        assertThat(PlanValues.object(object, NAMES).toString()).isEqualTo("{\"alpha\":1,\"nothing\":null,\"zeta\":[\"b\",\"a\"]}");
    }
}
