package org.rehearse.app.workflow;

import java.nio.file.Path;
import java.util.List;
import org.rehearse.app.casefile.CandidateSpec;
import org.rehearse.app.plan.CasePipeline;
import org.rehearse.segmentation.Progress;
import org.rehearse.segmentation.image.Volume;

/**
 * The steps of a rehearsal case as the workstation calls them: scan a folder, load a series, segment the aorta from a
 * seed and build its surface, simulate candidate repairs, and fetch the bundled sample case. The workstation calls
 * every method off the JavaFX thread, one at a time, inside a cancellable task; implementations report through
 * {@code p} and stop with {@link Progress.CancelledException} when {@link Progress#isCancelled()}.
 *
 * <p>Errors the user can act on (no DICOM files, unreadable series, seed outside the vessel …) are thrown as
 * {@link CaseException} with a message written for the user; anything else is treated as a bug (logged, summarised).
 */
public interface CaseService {
    /**
     * Lists the image series in a folder (recursively).
     *
     * @param folder a folder chosen by the user
     * @return the series found, in a sensible order (largest/most likely first); empty when there are none
     * @throws CaseException when the folder cannot be read
     */
    List<SeriesChoice> scanFolder(Path folder, Progress p) throws CaseException;

    /**
     * Loads one series as a volume.
     *
     * @param seriesUid a {@link SeriesChoice#uid()} from {@link #scanFolder} of the same folder
     * @throws CaseException when the series cannot be loaded (the message names the file and the problem)
     */
    LoadedImage loadSeries(Path folder, String seriesUid, Progress p) throws CaseException;

    /**
     * Segments the aorta from a seed point and builds its surface.
     *
     * @param seedLps seed position in LPS mm (inside the aortic lumen)
     * @throws CaseException when segmentation fails (e.g. seed outside the volume or not in a bright vessel)
     */
    SegmentationResult segment(Volume volume, double[] seedLps, Progress p) throws CaseException;

    /** An automatic segmentation and the point in the aorta it was found from (LPS mm). */
    record FoundAorta(SegmentationResult segmentation, double[] seedLps) {
    }

    /**
     * Finds the aorta without a seed (the bright round lumen beside the spine, {@link CasePipeline#segmentAutomatic})
     * and segments it. This default segments from the point found with {@link #segment}; the real service keeps the
     * automatic segmentation itself.
     *
     * @return the segmentation and the point it was found from
     * @throws CaseException when no aorta is found (the message says what was searched) or the segmentation fails
     */
    default FoundAorta segmentAutomatic(Volume volume, Progress p) throws CaseException {
        double[] seed;
        try {
            seed = CasePipeline.segmentAutomatic(volume, p.sub(0, 0.5)).seedLps();
        } catch (IllegalArgumentException e) {
            throw new CaseException(e.getMessage(), e);
        }
        return new FoundAorta(segment(volume, seed, p.sub(0.5, 1)), seed);
    }

    /**
     * Simulates the candidate repairs on the segmented anatomy.
     *
     * @throws CaseException when the anatomy does not allow it (e.g. no coarctation found)
     */
    ComparisonResult compareRepairs(Volume volume, SegmentationResult seg, double[] seedLps, Progress p) throws CaseException;

    /**
     * Provides the bundled sample case (generating it on first use if needed).
     *
     * @throws CaseException when it cannot be made available
     */
    SampleCase sampleCase(Progress p) throws CaseException;

    /**
     * Sets the patient's measurements the hemodynamic model is calibrated to, and the uncertainty samples per
     * candidate, for the next {@link #compareRepairs}. The default implementation ignores them.
     *
     * @param patient the measurements (validated by their constructor)
     * @param samples samples per candidate, 0 … 100000
     * @throws IllegalArgumentException on a sample count out of range
     */
    default void setHemodynamics(org.rehearse.simulation.pulsatile.PatientMeasurements patient, int samples) {
        if (samples < 0 || samples > 100000) throw new IllegalArgumentException("samples must be 0 … 100000, got " + samples);
    }

    /**
     * Simulates caller-chosen candidates (e.g. edited in the workstation) on the segmented anatomy. An empty list asks
     * for the default candidates. The default implementation ignores the list and calls {@link #compareRepairs}.
     *
     * @param candidates the candidates, names unique, in display order (at most
     *                   {@value org.rehearse.rendering.ComparisonView#MAX_CANDIDATES})
     * @return the result, with {@link ComparisonResult#specs()} naming every candidate's full parameters
     * @throws CaseException when the anatomy does not allow it or a candidate does not fit the vessel (the message
     *                       names the candidate and the parameter)
     */
    default ComparisonResult compareCandidates(Volume volume, SegmentationResult seg, double[] seedLps,
                                               List<CandidateSpec> candidates, Progress p) throws CaseException {
        return compareRepairs(volume, seg, seedLps, p);
    }

    /**
     * A new candidate of a kind with the default parameters for the current patient's lesion (known after the first
     * comparison). Called on the JavaFX thread; must be quick.
     *
     * @param kind one of {@link org.rehearse.simulation.repair.RepairFactory#KINDS}
     * @param name the candidate's name
     * @throws CaseException when no lesion is known yet or the kind is unknown
     */
    default CandidateSpec newCandidate(String kind, String name) throws CaseException {
        throw new CaseException("New candidates need a comparison first (Plan ▸ Compare repairs).");
    }

    /**
     * Checks a candidate against the current patient's vessel ({@link org.rehearse.simulation.repair.Repair#validate}).
     * Called on the JavaFX thread; must be quick. The default accepts everything.
     *
     * @return null when it fits, else a message for the user naming the parameter, its value and the limit
     */
    default String checkCandidate(CandidateSpec candidate) {
        return null;
    }

    /**
     * Saves the case into a case folder ({@link org.rehearse.app.casefile.CaseFolder}: case.json and the label map).
     *
     * @throws CaseException when it cannot be written or the series is no longer where it was loaded from
     */
    default void saveCase(Path caseFolder, CaseState state, Progress p) throws CaseException {
        throw new CaseException("Saving a case is not available in this workstation.");
    }

    /**
     * Reopens a case folder: reads the plan and the label map, finds the series again and checks that it is unchanged.
     * A missing or changed series is an error (reported, never guessed).
     *
     * @param dicomFolder where to look for the series: null for the folder stored in the case
     * @throws CaseException naming the case file when it is unreadable, or the series is missing or changed
     */
    default OpenedCase openCase(Path caseFolder, Path dicomFolder, Progress p) throws CaseException {
        throw new CaseException("Opening a case is not available in this workstation.");
    }
}
