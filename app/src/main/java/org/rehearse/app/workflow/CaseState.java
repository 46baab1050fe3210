package org.rehearse.app.workflow;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.rehearse.app.casefile.CandidateSpec;
import org.rehearse.segmentation.image.LabelMap;
import org.rehearse.simulation.pulsatile.PatientMeasurements;

/**
 * What the workstation saves of a case (see {@link CaseService#saveCase}).
 *
 * @param dicomFolder  the folder the series was loaded from
 * @param seriesUid    its SeriesInstanceUID
 * @param seedLps      the segmentation seed (LPS mm), or null
 * @param patient      the measurements the model is calibrated to, or null
 * @param candidates   the candidate repairs (names unique)
 * @param results      per candidate name, outcome name with unit → value (non-finite values are left out on saving)
 * @param segmentation the label map, or null
 */
public record CaseState(Path dicomFolder, String seriesUid, double[] seedLps, PatientMeasurements patient,
                        List<CandidateSpec> candidates, Map<String, Map<String, Double>> results,
                        LabelMap segmentation) {
    /** Copies the seed, the list and the map (order kept). */
    public CaseState {
        seedLps = seedLps == null ? null : seedLps.clone();
        candidates = List.copyOf(candidates);
        results = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(results));
    }
}
