package org.rehearse.app.workflow;

import java.util.List;
import org.rehearse.rendering.CandidateDisplay;

/**
 * Simulated candidate repairs, ready for display.
 *
 * @param candidates 1–6 candidates in display order (see {@link org.rehearse.rendering.ComparisonView})
 * @param summary    text for the user (method, assumptions, recommendation)
 */
public record ComparisonResult(List<CandidateDisplay> candidates, String summary) {
    /** Copies the candidate list; a null summary becomes empty. */
    public ComparisonResult {
        candidates = List.copyOf(candidates);
        summary = summary == null ? "" : summary;
    }
}
