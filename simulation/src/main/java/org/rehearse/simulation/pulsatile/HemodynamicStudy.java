package org.rehearse.simulation.pulsatile;

import org.rehearse.segmentation.Progress;
import org.rehearse.simulation.geometry.Centerline;
import org.rehearse.simulation.geometry.Lesion;
import org.rehearse.simulation.repair.Repair;
import org.rehearse.simulation.repair.VesselModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The whole hemodynamic study of one patient: the arch branches, the twin calibrated to the measurements, every
 * candidate simulated at the nominal inputs and sampled for uncertainty. The entry point for the application.
 *
 * <p>Probes: proximal 10 mm before the lesion's start, distal 20 mm after its end (beyond the jet's pressure
 * recovery), on the native vessel, mapped onto each candidate.
 */
public final class HemodynamicStudy {
    /** Proximal probe offset before the lesion and distal offset after it (mm). */
    public static final double PROXIMAL_OFFSET_MM = 10, DISTAL_OFFSET_MM = 20;
    /** Default number of uncertainty samples per candidate and seed. */
    public static final int DEFAULT_SAMPLES = 200;
    /** Default seed of the sampling. */
    public static final long DEFAULT_SEED = 20261121L;

    private HemodynamicStudy() {}

    /**
     * One candidate's results.
     *
     * @param repair      the candidate
     * @param outcome     at the nominal (calibrated) inputs
     * @param uncertainty the sampled distribution of its peak-to-peak gradient, or null when no samples were asked
     */
    public record CandidateResult(Repair repair, PulsatileOutcome outcome, UncertaintyAnalysis.Result uncertainty) {}

    /**
     * @param calibration the calibrated twin
     * @param branches    the arch branches used
     * @param candidates  per candidate, in order
     */
    public record Result(Calibration.Result calibration, List<ArchBranch> branches, List<CandidateResult> candidates) {}

    /**
     * Runs the study.
     *
     * @param centerline   the aortic centerline (arc length 0 at the aortic inlet)
     * @param vessel       the native vessel on it
     * @param lesion       the lesion found on it
     * @param repairs      the candidates (the first is usually native)
     * @param patient      the measurements
     * @param voxelSizeMm  the image's in-plane voxel size (mm), for the radius uncertainty
     * @param samples      uncertainty samples per candidate (0 for none)
     * @param seed         sampling seed
     * @param progress     progress and cancellation
     * @return the result
     * @throws IllegalArgumentException when the vessel cannot be modelled (too short, too narrow) or a repair does not
     *                                  fit it
     * @throws CalibrationException     when the measurements cannot be reached
     * @throws IllegalStateException    when the model does not reach a periodic state
     */
    public static Result run(Centerline centerline, VesselModel vessel, Lesion lesion, List<Repair> repairs,
                             PatientMeasurements patient, double voxelSizeMm, int samples, long seed, Progress progress) {
        return run(centerline, vessel, lesion, repairs, patient, voxelSizeMm, samples, seed, List.of(), progress);
    }

    /**
     * As the other overload, with the arch branches measured from the segmentation ({@link ArchBranch#fromMask});
     * when that list is empty, the branches are assumed ({@link ArchBranch#assumed}).
     *
     * @param segmentedBranches branches found in the segmentation (may be empty)
     */
    public static Result run(Centerline centerline, VesselModel vessel, Lesion lesion, List<Repair> repairs,
                             PatientMeasurements patient, double voxelSizeMm, int samples, long seed,
                             List<ArchBranch> segmentedBranches, Progress progress) {
        Objects.requireNonNull(repairs, "repairs");
        if (samples < 0 || samples > 100000) throw new IllegalArgumentException("samples must be 0 … 100000, got " + samples);
        double len = vessel.lengthMm();
        double prox = Math.max(2, lesion.startArcLengthMm() - PROXIMAL_OFFSET_MM);
        double dist = Math.min(len - 2, lesion.endArcLengthMm() + DISTAL_OFFSET_MM);
        if (!(dist > prox + 1)) {
            throw new IllegalArgumentException(String.format("the vessel (%.0f mm) is too short to place pressure probes "
                    + "around the lesion at %.0f–%.0f mm", len, lesion.startArcLengthMm(), lesion.endArcLengthMm()));
        }
        List<ArchBranch> branches = segmentedBranches == null || segmentedBranches.isEmpty()
                ? ArchBranch.assumed(centerline, vessel.referenceDiameterMm(), prox) : List.copyOf(segmentedBranches);
        PulsatileModel start = new PulsatileModel(vessel, branches, prox, dist, new Periphery(1e8, 1e-8, 1, 0),
                patient, PulsatileModel.MU_PA_S, PulsatileModel.Settings.nominal());
        progress.update(0, "Calibrating the model to the patient");
        Calibration.Result cal = Calibration.calibrate(start);
        progress.checkCancelled();
        UncertaintyAnalysis ua = new UncertaintyAnalysis(cal, lesion.startArcLengthMm(), lesion.endArcLengthMm(),
                voxelSizeMm, seed);
        List<CandidateResult> out = new ArrayList<>();
        for (int i = 0; i < repairs.size(); i++) {
            Repair r = repairs.get(i);
            double f0 = 0.2 + 0.8 * i / repairs.size(), f1 = 0.2 + 0.8 * (i + 1) / repairs.size();
            progress.update(f0, "Simulating " + r.name());
            PulsatileModel.Run run = cal.model().run(r, null);
            progress.checkCancelled();
            UncertaintyAnalysis.Result u = null;
            if (samples > 0) {
                progress.update(f0 + 0.2 * (f1 - f0), String.format("Sampling %s (%d samples)", r.name(), samples));
                u = ua.run(r, samples, run, progress);
            }
            out.add(new CandidateResult(r, run.outcome(), u));
        }
        progress.update(1, "Simulated " + out.size() + " candidates");
        return new Result(cal, branches, out);
    }
}
