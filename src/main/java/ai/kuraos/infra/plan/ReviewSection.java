package ai.kuraos.infra.plan;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One part of the review of a change (the steps, and later costs or policies), rendered three ways. {@link PlanReview}
 * puts the sections together in the order the command lists them.
 */
public interface ReviewSection {

    /** The section's field in the JSON document, e.g. {@code steps}. */
    String key();

    /** The section for a terminal. */
    String text();

    /** What must be read before anything else, for a terminal (the dangerous steps); empty when nothing is. */
    default String headline() {
        return "";
    }

    /** The same as the comment's first lines, above every section's summary; never cut. */
    default String markdownHeadline() {
        return "";
    }

    /** What the pull-request comment always shows near its top (a summary table, the refusals); never cut. */
    String markdownSummary();

    /**
     * The section's details in at most {@code room} characters, cut at a boundary that leaves the Markdown complete;
     * empty when nothing fits.
     */
    String markdownDetails(int room);

    /** True when {@link #markdownDetails} with this room leaves something out. */
    boolean cutAt(int room);

    JsonNode json();

    /** True when the change must not land: {@code plan --diff} exits 1. */
    boolean blocks();
}
