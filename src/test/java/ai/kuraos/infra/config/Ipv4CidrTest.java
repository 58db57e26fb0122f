package ai.kuraos.infra.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class Ipv4CidrTest {

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/8", "10.10.0.0/20", "172.16.0.0/12", "192.168.1.0/24", "0.0.0.0/0"})
    void parsesCanonicalBlocks(String text) {
        assertThat(Ipv4Cidr.parse(text)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0", "10.0.0.0/33", "256.0.0.0/8", "10.0.0.1/24", "10.0.0/24", "ten/8", ""})
    void rejectsMalformedBlocksAndHostBits(String text) {
        assertThat(Ipv4Cidr.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"10.10.0.0/20,true", "172.20.0.0/16,true", "192.168.0.0/24,true", "172.32.0.0/16,false",
            "34.0.0.0/20,false", "10.0.0.0/7,false"})
    void knowsThePrivateRanges(String text, boolean isPrivate) {
        assertThat(Ipv4Cidr.parse(text).orElseThrow().isPrivate()).isEqualTo(isPrivate);
    }

    @ParameterizedTest
    @CsvSource({"10.10.0.0/20,10.10.8.0/24,true", "10.10.0.0/20,10.10.16.0/20,false", "10.0.0.0/8,10.200.0.0/16,true"})
    void detectsOverlapsInEitherDirection(String a, String b, boolean overlap) {
        var first = Ipv4Cidr.parse(a).orElseThrow();
        var second = Ipv4Cidr.parse(b).orElseThrow();

        assertThat(first.overlaps(second)).isEqualTo(overlap);
        assertThat(second.overlaps(first)).isEqualTo(overlap);
    }
}
