package ai.kuraos.infra.cli;

import ai.kuraos.infra.testing.SynthesizedStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A property over mutations of the real stack files: whatever the file says, {@code plan} either plans it (exit 0) or
 * refuses it (exit 2) naming a key, writing nothing; it never ends in a stack trace and never prints a secret.
 * {@code -Dkura.malformed.count=1000} runs a larger corpus; the seed makes every run the same files.
 */
class MalformedStackFilesTest {

    private static final int COUNT = Integer.getInteger("kura.malformed.count", 150);
    private static final long SEED = Long.getLong("kura.malformed.seed", 14L);
    /** Text that may appear only where a secret would be: it must never be printed. */
    private static final String CIPHERTEXT_MARK = "v1:Q09SUFVTQ0lQSEVS";
    private static final String PLAINTEXT_MARK = "sk_live_CORPUS_SECRET";

    /** Values that break a stack file in the ways YAML, Pulumi and Google Cloud can. */
    private static final List<String> VALUES = List.of(".inf", "-.nan", "*undefined", "~", "[]", "{}", "''",
            "{secure: 1}", "{secure: ''}", "{secure: [a]}", "{secure: " + CIPHERTEXT_MARK + "}",
            "\"" + "x".repeat(300) + "\"", "-1", "0", "1e999", "99999999999999999999", "0x10", "010", "on", "yes",
            "\"\\u0000\"", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]", "&a x", "!!int x",
            "!!binary AAAA", "2024-01-01", "\"a\\tb\"", "|\n  block", "{<<: {a: 1}}", "[1, {b: [2]}]", "🦄", "24Gi",
            "999999Gi", "8", "0.0001", "europe-west99", "db-custom-2-1", "allkeys-random", "\"" + "a.".repeat(130) + "ai\"");
    private static final List<String> CHARACTERS = List.of("\t", ":", "&", "*", "[", "{", "\"", "'", "%", "@", "`", "!",
            "|", ">", "#", "-", "? ", "<<: ", "\r", "\u00a0");

    @TempDir
    Path project;

    @Test
    void everyMalformedStackFileIsPlannedOrRefusedCleanly() throws IOException {
        SynthesizedStack.copyProjectTo(project);
        var originals = Map.of(
                "dev", Files.readString(project.resolve("Pulumi.dev.yaml")),
                "staging", Files.readString(project.resolve("Pulumi.staging.yaml")),
                "prod", Files.readString(project.resolve("Pulumi.prod.yaml")));
        var random = new Random(SEED);
        var stacks = List.of("dev", "staging", "prod");
        var refused = 0;
        for (int i = 0; i < COUNT; i++) {
            var stack = stacks.get(random.nextInt(stacks.size()));
            var mutated = mutate(originals.get(stack), random);
            var file = project.resolve("Pulumi." + stack + ".yaml");
            Files.write(file, mutated);

            var run = CliRun.in(project, Map.of(), "plan", "--stack", stack);

            var what = "mutation " + i + " of " + stack + ":\n" + new String(mutated, StandardCharsets.UTF_8) + "\n---\n" + run.err();
            assertThat(run.exitCode()).as(what).isIn(0, 2);
            assertThat(run.err() + run.out()).as(what)
                    .doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("org.yaml")
                    .doesNotContain(CIPHERTEXT_MARK).doesNotContain(PLAINTEXT_MARK);
            if (run.exitCode() == 2) {
                refused++;
                assertThat(run.err()).as(what).containsPattern("error: (stack '" + stack + "' has \\d+ configuration error)");
                assertThat(SynthesizedStack.renderedNothing(project)).as(what).isTrue();
            } else {
                deleteStacks();
            }
            Files.writeString(file, originals.get(stack));
        }
        assertThat(refused).as("most mutations break the file").isGreaterThan(COUNT / 2);
    }

    private byte[] mutate(String original, Random random) {
        var lines = new ArrayList<>(List.of(original.split("\n", -1)));
        var line = 1 + random.nextInt(lines.size() - 1);
        switch (random.nextInt(9)) {
            case 0 -> lines.remove(line);
            case 1 -> lines.add(line, lines.get(line));
            case 2 -> lines.set(line, " " + lines.get(line));
            case 3 -> {
                var text = lines.get(line);
                var at = random.nextInt(text.length() + 1);
                lines.set(line, text.substring(0, at) + CHARACTERS.get(random.nextInt(CHARACTERS.size())) + text.substring(at));
            }
            case 4, 5 -> {
                var text = lines.get(line);
                if (text.contains(": ")) {
                    var value = VALUES.get(random.nextInt(VALUES.size()));
                    lines.set(line, text.substring(0, text.indexOf(": ") + 2) + value.replace("\n", "\n" + " ".repeat(indent(text) + 2)));
                } else {
                    lines.add(line, "  kura-infra:secrets: {STRIPE_SECRET_KEY: " + plaintextSecret(random) + "}");
                }
            }
            case 6 -> lines.add(line, "  kura-infra:secrets: {STRIPE_SECRET_KEY: " + plaintextSecret(random) + "}");
            case 7 -> {
                return invalidUtf8(String.join("\n", lines), random);
            }
            default -> lines.subList(line, lines.size()).clear();
        }
        return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
    }

    private static String plaintextSecret(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> PLAINTEXT_MARK;
            case 1 -> "[" + PLAINTEXT_MARK + ", b]";
            case 2 -> "{k: " + PLAINTEXT_MARK + "}";
            default -> "{secure: " + CIPHERTEXT_MARK + "}";
        };
    }

    private static byte[] invalidUtf8(String text, Random random) {
        var bytes = text.getBytes(StandardCharsets.UTF_8);
        bytes[random.nextInt(bytes.length)] = (byte) (0x80 + random.nextInt(0x40));
        return bytes;
    }

    private static int indent(String line) {
        return line.length() - line.stripLeading().length();
    }

    private void deleteStacks() throws IOException {
        var stacks = project.resolve("stacks");
        if (Files.exists(stacks)) {
            try (Stream<Path> paths = Files.walk(stacks)) {
                for (var path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
