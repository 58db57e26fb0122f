package ai.kuraos.infra.cli;

import ai.kuraos.infra.messaging.CertificateExpiry;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.TreeMap;
import java.util.concurrent.Callable;

@Command(name = "certificates",
        mixinStandardHelpOptions = true,
        description = {
                "Says when the stack's Kafka CA and listener certificate end, from its outputs as `pulumi stack output"
                        + " --json` prints them (kafkaCaValidUntil, kafkaListenerCertificateValidUntil), and fails"
                        + " from 30 days before an end: the drift job opens an issue then (docs/drift.md).",
                "The tls provider's early renewal does not run under Pulumi (pulumi/pulumi-tls#39); the renewal is"
                        + " a change of messaging.kafka.tls (docs/operations.md, \"Kafka certificates\")."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:no certificate ends within 30 days (or the stack runs no Kafka)",
                "1:a certificate ends within 30 days, or has ended (named on stdout)",
                "2:bad usage or outputs that cannot be read"})
final class CertificatesCommand implements Callable<Integer> {

    @Option(names = "--outputs", required = true, paramLabel = "FILE",
            description = "The stack's outputs: `pulumi stack output --stack <stack> --json > FILE`.")
    private Path outputs;

    @Option(names = "--now", paramLabel = "TIME", description = "The time to compare with, RFC 3339 (default: now).")
    private String now;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        return check(spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    private int check(PrintWriter out, PrintWriter err) {
        Instant at;
        try {
            at = now == null ? Instant.now() : OffsetDateTime.parse(now).toInstant();
        } catch (DateTimeParseException e) {
            err.println("error: --now " + now + ": expected an RFC 3339 time such as 2027-12-08T00:00:00Z");
            return KuraCli.USAGE;
        }
        var values = new TreeMap<String, String>();
        try {
            var json = new ObjectMapper().readTree(Files.readString(outputs));
            if (!json.isObject()) {
                err.println("error: " + outputs + ": expected the JSON object `pulumi stack output --json` prints");
                return KuraCli.USAGE;
            }
            json.fields().forEachRemaining(field -> {
                if (field.getValue().isTextual()) {
                    values.put(field.getKey(), field.getValue().asText());
                }
            });
        } catch (IOException e) {
            err.println("error: cannot read " + outputs + ": " + e.getMessage());
            return KuraCli.USAGE;
        }
        try {
            var findings = CertificateExpiry.check(values, at, CertificateExpiry.WARN_BEFORE);
            if (findings.isEmpty()) {
                out.println("no Kafka certificate in these outputs: the stack runs no Kafka");
            }
            findings.forEach(finding -> out.println(finding.describe()));
            return findings.stream().anyMatch(CertificateExpiry.Finding::due) ? KuraCli.FAILED : KuraCli.OK;
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return KuraCli.USAGE;
        }
    }
}
