package ai.kuraos.infra.rollout;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ShortRunJvmTest {

    @Test
    void givesThePulumiCliItStartsTheShortRunOptionsForTheLanguageHostsJava() {
        var added = ShortRunJvm.forPulumiCli(Map.of("PATH", "/usr/bin"));

        assertThat(added).containsExactly(Map.entry("JDK_JAVA_OPTIONS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"));
    }

    @Test
    void keepsTheOptionsTheEnvironmentAlreadySets() {
        var added = ShortRunJvm.forPulumiCli(Map.of("JDK_JAVA_OPTIONS", "-Xmx2g"));

        assertThat(added).isEmpty();
    }
}
