package ai.kuraos.infra.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.List;

/**
 * The review of a change, as the sections given: for a terminal, as a pull-request comment (every section's summary
 * first, then their details while they fit below GitHub's comment size), or as one JSON document.
 */
public final class PlanReview {

    /** The first line of the comment, so that a workflow can find its previous comment and update it. */
    public static final String MARKER = "<!-- kura-plan-diff -->";
    /** Below GitHub's limit of 65,536 characters a comment, with room for what a workflow adds around it. */
    public static final int DEFAULT_BUDGET = 60_000;

    private static final String TITLE = "## Plan diff";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PlanReview() {
    }

    public static String text(List<ReviewSection> sections) {
        var text = new StringBuilder();
        sections.forEach(section -> text.append(section.headline()));
        sections.forEach(section -> text.append(section.text()));
        return text.toString();
    }

    /**
     * The comment in at most {@code budget} characters, unless the summaries alone are longer. Details that do not fit
     * are cut and a note says where the full review is, followed by {@code artifactHint} when given.
     */
    public static String markdown(List<ReviewSection> sections, int budget, String artifactHint) {
        var head = new StringBuilder(MARKER + "\n" + TITLE + "\n");
        sections.stream().map(ReviewSection::markdownHeadline).filter(headline -> !headline.isEmpty())
                .forEach(headline -> head.append('\n').append(headline));
        sections.forEach(section -> head.append('\n').append(section.markdownSummary()));
        var note = "\n_The review is cut to fit a pull-request comment: the full review is in the workflow run's"
                + " artifact._" + (artifactHint == null || artifactHint.isBlank() ? "" : " " + artifactHint.strip()) + "\n";
        var details = new StringBuilder();
        var cut = false;
        for (var section : sections) {
            var room = budget - head.length() - details.length() - note.length();
            if (cut || section.cutAt(room)) {
                // Once something is cut, what follows would read as complete when it is not; only the cut part shows.
                if (!cut) {
                    details.append(section.markdownDetails(Math.max(0, room)));
                }
                cut = true;
            } else {
                details.append(section.markdownDetails(room));
            }
        }
        return head.append(details).append(cut ? note : "").toString();
    }

    /** {@code {"<key>": <section>, …}} in the sections' order. */
    public static String json(List<ReviewSection> sections) {
        var root = JSON.createObjectNode();
        sections.forEach(section -> root.set(section.key(), section.json()));
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the review as JSON", e);
        }
    }

    /** True when any section says the change must not land. */
    public static boolean blocks(List<ReviewSection> sections) {
        return sections.stream().anyMatch(ReviewSection::blocks);
    }
}
