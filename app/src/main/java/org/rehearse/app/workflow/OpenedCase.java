package org.rehearse.app.workflow;

import java.nio.file.Path;
import java.util.List;
import org.rehearse.app.casefile.CandidateSpec;
import org.rehearse.simulation.pulsatile.PatientMeasurements;

/**
 * A case reopened from its folder (see {@link CaseService#openCase}): its series loaded again (after checking that it
 * is the same series, unchanged), its segmentation with a new surface, and its plan.
 *
 * @param caseFolder   the case folder
 * @param dicomFolder  where the series was found
 * @param seriesUid    its SeriesInstanceUID
 * @param image        the loaded series
 * @param segmentation the saved segmentation and its surface, or null when the case had none
 * @param seedLps      the seed (LPS mm), or null
 * @param patient      the patient's measurements, or null
 * @param candidates   the candidate repairs as saved
 */
public record OpenedCase(Path caseFolder, Path dicomFolder, String seriesUid, LoadedImage image,
                         SegmentationResult segmentation, double[] seedLps, PatientMeasurements patient,
                         List<CandidateSpec> candidates) {
    /** Copies the seed and the list. */
    public OpenedCase {
        seedLps = seedLps == null ? null : seedLps.clone();
        candidates = List.copyOf(candidates);
    }
}
