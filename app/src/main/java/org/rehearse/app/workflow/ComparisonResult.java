package org.rehearse.app.workflow;

import java.util.List;
import org.rehearse.app.casefile.CandidateSpec;
import org.rehearse.rendering.CandidateDisplay;

/**
 * Simulated candidate repairs, ready for display.
 *
 * @param candidates 1–6 candidates in display order (see {@link org.rehearse.rendering.ComparisonView})
 * @param summary    text for the user (method, assumptions, recommendation)
 * @param specs      the candidates as simulated, with all their parameters (clinical units), in the same order and
 *                   with the same names as {@code candidates}; empty when the service does not say
 */
public record ComparisonResult(List<CandidateDisplay> candidates, String summary, List<CandidateSpec> specs) {
    /** Copies the lists; a null summary becomes empty, null specs an empty list. */
    public ComparisonResult {
        candidates = List.copyOf(candidates);
        summary = summary == null ? "" : summary;
        specs = specs == null ? List.of() : List.copyOf(specs);
    }

    /** A result that does not name its candidates' parameters. */
    public ComparisonResult(List<CandidateDisplay> candidates, String summary) {
        this(candidates, summary, List.of());
    }
}
