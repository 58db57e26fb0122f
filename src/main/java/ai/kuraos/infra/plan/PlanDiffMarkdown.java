package ai.kuraos.infra.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A plan diff as a pull-request comment: a summary table of every stack, then a collapsed block per stack with
 * changes. Long diffs are cut at a resource boundary to fit a comment; the summary table is never cut.
 */
public final class PlanDiffMarkdown {

    /** The first line of the comment, so that a workflow can find its previous comment and update it. */
    public static final String MARKER = "<!-- kura-plan-diff -->";
    /** Below GitHub's limit of 65,536 characters a comment, with room for what a workflow adds around it. */
    public static final int DEFAULT_BUDGET = 60_000;

    private static final String TITLE = "## Plan diff";
    private static final String CLOSE_DETAILS = "\n</details>\n";
    private static final Pattern BACKTICKS = Pattern.compile("`+");

    private PlanDiffMarkdown() {
    }

    public static String render(PlanDiffs diffs) {
        return render(diffs, DEFAULT_BUDGET, null);
    }

    /**
     * The comment in at most {@code budget} characters, unless the summary table alone is longer. When the details
     * do not fit, they stop after the last resource that fits and a note says where the full diff is, followed by
     * {@code artifactHint} (e.g. the artifact's name or link) when given.
     */
    public static String render(PlanDiffs diffs, int budget, String artifactHint) {
        var head = MARKER + "\n" + TITLE + "\n\n";
        if (diffs.isEmpty()) {
            var stacks = diffs.stacks().stream().map(PlanDiff::stack).toList();
            return head + "No changes in any stack" + (stacks.isEmpty() ? "" : " (" + String.join(", ", stacks) + ")")
                    + ".\n";
        }
        head += table(diffs);
        var changed = diffs.stacks().stream().filter(diff -> !diff.isEmpty()).toList();
        var full = details(changed, Integer.MAX_VALUE);
        if (head.length() + full.length() <= budget) {
            return head + full;
        }
        var note = "\n_The diff is cut to fit a pull-request comment: the full diff is in the workflow run's artifact._"
                + (artifactHint == null || artifactHint.isBlank() ? "" : " " + artifactHint.strip()) + "\n";
        return head + details(changed, budget - head.length() - note.length()) + note;
    }

    private static String table(PlanDiffs diffs) {
        var table = new StringBuilder("| Stack | To add | To remove | To change | Outputs to change |\n")
                .append("| --- | ---: | ---: | ---: | ---: |\n");
        for (var diff : diffs.stacks()) {
            table.append("| ").append(diff.stack())
                    .append(" | ").append(diff.added().size())
                    .append(" | ").append(diff.removed().size())
                    .append(" | ").append(diff.changed().size())
                    .append(" | ").append(diff.outputs().size())
                    .append(" |\n");
        }
        return table.toString();
    }

    /**
     * The details blocks of {@code diffs}, resource by resource while they fit in {@code room} characters. Each piece
     * is complete Markdown (a list item, or a resource with its whole code block) so a cut only has to close the
     * open details block.
     */
    private static String details(List<PlanDiff> diffs, int room) {
        var text = new StringBuilder();
        for (var diff : diffs) {
            var pieces = pieces(diff);
            for (var index = 0; index < pieces.size(); index++) {
                var piece = (index == 0 ? "\n<details><summary>" + PlanDiffText.summary(diff) + "</summary>\n" : "")
                        + pieces.get(index);
                if (text.length() + piece.length() + CLOSE_DETAILS.length() > room) {
                    if (index > 0) {
                        text.append(CLOSE_DETAILS);
                    }
                    return text.toString();
                }
                text.append(piece);
            }
            text.append(CLOSE_DETAILS);
        }
        return text.toString();
    }

    /** One piece a resource; the first piece of a section carries the section's heading. */
    private static List<String> pieces(PlanDiff diff) {
        var pieces = new ArrayList<String>();
        for (var index = 0; index < diff.added().size(); index++) {
            pieces.add((index == 0 ? "\n**To add**\n\n" : "") + "- `" + diff.added().get(index) + "`\n");
        }
        for (var index = 0; index < diff.removed().size(); index++) {
            pieces.add((index == 0 ? "\n**To remove**\n\n" : "") + "- `" + diff.removed().get(index) + "`\n");
        }
        for (var index = 0; index < diff.changed().size(); index++) {
            var change = diff.changed().get(index);
            pieces.add((index == 0 ? "\n**To change**\n" : "") + "\n`" + change.resource() + "`\n\n"
                    + codeBlock(change.changes()));
        }
        if (!diff.outputs().isEmpty()) {
            pieces.add("\n**Outputs**\n\n" + codeBlock(diff.outputs()));
        }
        return pieces;
    }

    /** The changes as a diff: {@code - path: old} and {@code + path: new}, leaving out the side where it is absent. */
    private static String codeBlock(List<PlanDiff.Change> changes) {
        var lines = new StringBuilder();
        for (var change : changes) {
            if (!change.before().isMissingNode()) {
                lines.append("- ").append(change.path()).append(": ").append(PlanDiffText.value(change.before())).append('\n');
            }
            if (!change.after().isMissingNode()) {
                lines.append("+ ").append(change.path()).append(": ").append(PlanDiffText.value(change.after())).append('\n');
            }
        }
        var fence = fence(lines);
        return fence + "diff\n" + lines + fence + "\n";
    }

    /** A fence longer than any run of backticks in the values, which would otherwise end the block early. */
    private static String fence(CharSequence content) {
        var longest = BACKTICKS.matcher(content).results().mapToInt(run -> run.group().length()).max().orElse(0);
        return "`".repeat(Math.max(3, longest + 1));
    }
}
