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
 * @param centerline the native vessel's centerline for the repairs' markers (positions in the specs are arc lengths
 *                   along it), or null when the service does not give it
 */
public record ComparisonResult(List<CandidateDisplay> candidates, String summary, List<CandidateSpec> specs,
                               org.rehearse.rendering.RepairMarkers centerline) {
    /** Copies the lists; a null summary becomes empty, null specs an empty list. */
    public ComparisonResult {
        candidates = List.copyOf(candidates);
        summary = summary == null ? "" : summary;
        specs = specs == null ? List.of() : List.copyOf(specs);
    }

    /** A result that does not name its candidates' parameters. */
    public ComparisonResult(List<CandidateDisplay> candidates, String summary) {
        this(candidates, summary, List.of(), null);
    }

    /** A result without a centerline. */
    public ComparisonResult(List<CandidateDisplay> candidates, String summary, List<CandidateSpec> specs) {
        this(candidates, summary, specs, null);
    }

    /** Position parameters shown as markers: arc lengths along the centerline. */
    public static final java.util.Set<String> MARKER_PARAMETERS = java.util.Set.of("startMm", "endMm", "archStartMm",
            "positionMm");

    /**
     * @param i a candidate's index
     * @return its position parameters on the centerline as markers, or null without a centerline or specs
     */
    public org.rehearse.rendering.RepairMarkers markers(int i) {
        if (centerline == null || i >= specs.size()) return null;
        java.util.Map<String, Double> pos = new java.util.LinkedHashMap<>();
        specs.get(i).parameters().forEach((k, v) -> {
            if (MARKER_PARAMETERS.contains(k)) pos.put(k, v);
        });
        return pos.isEmpty() ? null : centerline.withPositions(pos);
    }
}
