package ai.kuraos.infra.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** `certificates` on outputs as `pulumi stack output --json` prints them: the drift job's 30-day warning. */
class CertificatesCommandTest {

    @TempDir
    Path directory;

    private CliRun certificates(String outputs, String now) throws IOException {
        var file = Files.writeString(directory.resolve("outputs.json"), outputs);
        var out = new StringWriter();
        var err = new StringWriter();
        var code = KuraCli.execute(new PrintWriter(out), new PrintWriter(err), "certificates", "--outputs",
                file.toString(), "--now", now);
        return new CliRun(code, out.toString(), err.toString());
    }

    @Test
    void passesWhileBothCertificatesHaveMoreThanThirtyDaysLeft() throws IOException {
        var run = certificates("{\"kafkaCaValidUntil\": \"2036-12-01T10:00:00Z\", \"kafkaListenerCertificateValidUntil\":"
                + " \"2027-12-01T10:00:00Z\", \"redisPort\": 6378, \"kafkaCaCertificate\": \"[secret]\"}",
                "2027-10-31T10:00:00Z");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("the Kafka CA (kafka-ca) (kafkaCaValidUntil) ends 2036-12-01T10:00:00Z",
                "(kafkaListenerCertificateValidUntil) ends 2027-12-01T10:00:00Z: 31 day(s) left\n").doesNotContain("RENEW");
    }

    @Test
    void failsThirtyDaysBeforeTheListenerCertificateEndsNamingIt() throws IOException {
        var run = certificates("{\"kafkaCaValidUntil\": \"2036-12-01T10:00:00Z\", \"kafkaListenerCertificateValidUntil\":"
                + " \"2027-12-01T10:00:00Z\"}", "2027-11-01T10:00:00Z");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("the Kafka listener certificate (kafka-listener-certificate)"
                + " (kafkaListenerCertificateValidUntil) ends 2027-12-01T10:00:00Z: 30 day(s) left -- RENEW");
    }

    @Test
    void passesForAStackWithoutKafka() throws IOException {
        var run = certificates("{\"redisHost\": \"10.100.0.3\"}", "2027-11-01T10:00:00Z");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("no Kafka certificate in these outputs");
    }

    @Test
    void failsAsUsageWhenTheOutputsAreNotAJsonObject() throws IOException {
        var run = certificates("[]", "2027-11-01T10:00:00Z");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("expected the JSON object `pulumi stack output --json` prints");
    }
}
