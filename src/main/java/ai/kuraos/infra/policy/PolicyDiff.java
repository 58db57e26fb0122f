package ai.kuraos.infra.policy;

import ai.kuraos.infra.plan.GitPlans;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a pull request changes in the policy's verdict: the findings it introduces (each marked waived or open), the
 * findings it fixes, and the waivers it adds or changes, every one of them, for the reviewer.
 */
public record PolicyDiff(List<Finding> introduced, List<Finding> fixed, List<Waiver> addedWaivers,
                         List<Waiver> removedWaivers, PolicyReport after) {

    /** The section's share of a pull-request comment (GitHub refuses one over 65536 characters). */
    public static final int DEFAULT_BUDGET = 20_000;

    /** Compares the verdict on the base's plans and waivers with the verdict on the working tree's. */
    public static PolicyDiff between(PolicyReport before, PolicyReport after) {
        var beforeKeys = keys(before);
        var afterKeys = keys(after);
        var beforeWaivers = before.waivers().stream().map(Waiver::identity).collect(Collectors.toSet());
        var afterWaivers = after.waivers().stream().map(Waiver::identity).collect(Collectors.toSet());
        return new PolicyDiff(
                all(after).stream().filter(finding -> !beforeKeys.contains(finding.key())).toList(),
                all(before).stream().filter(finding -> !afterKeys.contains(finding.key())).toList(),
                after.waivers().stream().filter(waiver -> !beforeWaivers.contains(waiver.identity())).toList(),
                before.waivers().stream().filter(waiver -> !afterWaivers.contains(waiver.identity())).toList(),
                after);
    }

    /**
     * The pull request's policy section: the plans and {@value Waivers#FILE} committed at {@code baseRef} against those
     * in the working tree of {@code projectDir} (the bootstrap's included), as of {@code today}.
     *
     * @throws IllegalArgumentException when the ref cannot be read or the working tree's waiver file is malformed
     */
    public static String markdownSection(Path projectDir, String baseRef, LocalDate today, int budget) {
        return of(projectDir, baseRef, today).markdown(budget);
    }

    /**
     * The verdict on the plans and {@value Waivers#FILE} committed at {@code baseRef} against the verdict on those in
     * the working tree of {@code projectDir}, as of {@code today}.
     *
     * @throws IllegalArgumentException when the ref cannot be read or the working tree's waiver file is malformed
     */
    public static PolicyDiff of(Path projectDir, String baseRef, LocalDate today) {
        var beforePlans = PolicyPlans.parse(PolicyPlans.atRef(projectDir, baseRef));
        var beforeWaivers = Waivers.parse(GitPlans.fileAtRef(projectDir, baseRef, Waivers.FILE).orElse(""), null);
        var afterPlans = PolicyPlans.parse(PolicyPlans.inWorkingTree(projectDir));
        var afterWaivers = Waivers.parse(readWaivers(projectDir), PolicyReport.waivableRules());
        return between(PolicyReport.of(beforePlans, beforeWaivers, today, true),
                PolicyReport.of(afterPlans, afterWaivers, today, true));
    }

    /** The working tree's waiver file; empty when there is none. */
    public static String readWaivers(Path projectDir) {
        var file = projectDir.resolve(Waivers.FILE);
        try {
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException unreadable) {
            throw new UncheckedIOException("cannot read " + file, unreadable);
        }
    }

    /**
     * The section, cut at a line below {@code budget} characters when longer; the waivers the change adds come first,
     * so a cut hides findings rather than a waiver.
     */
    public String markdown(int budget) {
        var full = markdown();
        if (full.length() <= budget) {
            return full;
        }
        var note = "\n... cut to fit the comment: run `java -jar target/kura-infra.jar policy --diff` for the rest\n";
        var cut = full.lastIndexOf('\n', Math.max(0, budget - note.length()));
        return full.substring(0, Math.max(cut, 0)) + note;
    }

    public String markdown() {
        var markdown = new StringBuilder("### Policy\n\n");
        var verdict = after.passes() ? "passes" : "**fails**: " + after.open().size() + " finding"
                + (after.open().size() == 1 ? "" : "s") + " not waived";
        markdown.append("`policy --all` ").append(verdict).append(". This change introduces ").append(introduced.size())
                .append(" finding").append(introduced.size() == 1 ? "" : "s").append(", fixes ").append(fixed.size())
                .append(", adds or changes ").append(addedWaivers.size()).append(" waiver")
                .append(addedWaivers.size() == 1 ? "" : "s").append(" and removes ").append(removedWaivers.size())
                .append(".\n");
        if (!addedWaivers.isEmpty()) {
            var counts = PolicyOutput.waiverCounts(after);
            var added = new LinkedHashMap<Waiver, Integer>();
            addedWaivers.forEach(waiver -> added.put(waiver, counts.getOrDefault(waiver, 0)));
            markdown.append("\n#### Waivers added or changed: review each reason\n\n")
                    .append(PolicyOutput.Markdown.waivers(added, Integer.MAX_VALUE));
        }
        var waivedKeys = after.waived().stream().map(waived -> waived.finding().key()).collect(Collectors.toSet());
        var openIntroduced = introduced.stream().filter(finding -> !waivedKeys.contains(finding.key())).toList();
        var waivedIntroduced = introduced.stream().filter(finding -> waivedKeys.contains(finding.key())).toList();
        section(markdown, "Introduced, not waived", openIntroduced);
        section(markdown, "Introduced and waived", waivedIntroduced);
        section(markdown, "Fixed", fixed);
        if (!removedWaivers.isEmpty()) {
            markdown.append("\n#### Waivers removed\n\n");
            removedWaivers.forEach(waiver -> markdown.append("- ").append(PolicyOutput.Markdown.cell(waiver.shown()))
                    .append('\n'));
        }
        var stillOpen = after.open().stream().filter(finding -> !introduced.contains(finding)).toList();
        section(markdown, "Already open before this change", stillOpen);
        return markdown.toString();
    }

    private static void section(StringBuilder markdown, String title, List<Finding> findings) {
        if (!findings.isEmpty()) {
            markdown.append("\n#### ").append(title).append("\n\n")
                    .append(PolicyOutput.Markdown.findings(findings, PolicyOutput.Markdown.MAX_ROWS));
        }
    }

    private static List<Finding> all(PolicyReport report) {
        var findings = new java.util.ArrayList<Finding>(report.open());
        report.waived().forEach(waived -> findings.add(waived.finding()));
        findings.sort(Finding.ORDER);
        return findings;
    }

    private static Set<String> keys(PolicyReport report) {
        return all(report).stream().map(Finding::key).collect(Collectors.toSet());
    }
}
