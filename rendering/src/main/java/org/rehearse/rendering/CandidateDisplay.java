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
 * @param hemodynamics pressure curves and the surface colouring for the charts, or null when not available
 */
public record CandidateDisplay(String name, String description, SurfaceMesh surface, Map<String, Double> outcomes,
                               double[] gradientSamplesMmHg, CandidateHemodynamics hemodynamics) {

    /** A display without a sampled distribution. */
    public CandidateDisplay(String name, String description, SurfaceMesh surface, Map<String, Double> outcomes) {
        this(name, description, surface, outcomes, null, null);
    }

    /** A display without hemodynamic curves. */
    public CandidateDisplay(String name, String description, SurfaceMesh surface, Map<String, Double> outcomes,
                            double[] gradientSamplesMmHg) {
        this(name, description, surface, outcomes, gradientSamplesMmHg, null);
    }

    /** @return a copy with another name (e.g. the user's name for the candidate) */
    public CandidateDisplay withName(String newName) {
        return new CandidateDisplay(newName, description, surface, outcomes, gradientSamplesMmHg, hemodynamics);
    }

    /** @return a copy with these hemodynamic curves (null for none) */
    public CandidateDisplay withHemodynamics(CandidateHemodynamics h) {
        return new CandidateDisplay(name, description, surface, outcomes, gradientSamplesMmHg, h);
    }

    /** @throws NullPointerException when name or outcomes is null */
    public CandidateDisplay {
        Objects.requireNonNull(name, "candidate name");
        description = description == null ? "" : description;
        outcomes = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(outcomes, "outcomes of " + name)));
        gradientSamplesMmHg = gradientSamplesMmHg == null ? null : gradientSamplesMmHg.clone();
    }
}
