package org.rehearse.rendering;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.rehearse.segmentation.mesh.SurfaceMesh;

/**
 * What the comparison view shows of one candidate repair. Display data only: the simulation fills it in.
 *
 * @param name        short name shown above the 3D view, e.g. "Stent"
 * @param description one or two lines under the name (may be empty, never null)
 * @param surface     the candidate's post-repair surface in LPS mm, or null when there is none to show
 * @param outcomes    ordered map from column header (with its unit, e.g. "Peak gradient (mmHg)") to value in that
 *                    unit; NaN means "not available". Copied into an unmodifiable map that keeps the given order.
 * @param gradientSamplesMmHg the sampled distribution of the candidate's peak-to-peak gradient (mmHg), for its
 *                    histogram; null when not sampled
 */
public record CandidateDisplay(String name, String description, SurfaceMesh surface, Map<String, Double> outcomes,
                               double[] gradientSamplesMmHg) {

    /** A display without a sampled distribution. */
    public CandidateDisplay(String name, String description, SurfaceMesh surface, Map<String, Double> outcomes) {
        this(name, description, surface, outcomes, null);
    }

    /** @throws NullPointerException when name or outcomes is null */
    public CandidateDisplay {
        Objects.requireNonNull(name, "candidate name");
        description = description == null ? "" : description;
        outcomes = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(outcomes, "outcomes of " + name)));
        gradientSamplesMmHg = gradientSamplesMmHg == null ? null : gradientSamplesMmHg.clone();
    }
}
