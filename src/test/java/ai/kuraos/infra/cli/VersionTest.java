package ai.kuraos.infra.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class VersionTest {

    @Test
    void versionNamesTheBuildTheSdksAndTheProviderPluginsOfTheReplacementRules() {
        var out = new StringWriter();

        var code = KuraCli.execute(new PrintWriter(out), new PrintWriter(new StringWriter()), "--version");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("kura-infra 1.0.0\n", "Pulumi Java SDK 1.36.1, gcp SDK 7.0.0, kubernetes SDK 4.0.0",
                "gcp 7.0.0 (source 925e6d96)", "kubernetes 4.5.5").doesNotContain("${");
    }
}
