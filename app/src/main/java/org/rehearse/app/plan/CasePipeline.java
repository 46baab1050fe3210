package org.rehearse.app.plan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rehearse.rendering.CandidateDisplay;
import org.rehearse.segmentation.Progress;
import org.rehearse.segmentation.dicom.DicomException;
import org.rehearse.segmentation.dicom.DicomFolderScanner;
import org.rehearse.segmentation.dicom.DicomScanResult;
import org.rehearse.segmentation.dicom.DicomSeries;
import org.rehearse.segmentation.dicom.LoadedSeries;
import org.rehearse.segmentation.dicom.SeriesLoader;
import org.rehearse.segmentation.image.ImageGeometry;
import org.rehearse.segmentation.image.LabelMap;
import org.rehearse.segmentation.image.Volume;
import org.rehearse.segmentation.mesh.SurfaceExtractor;
import org.rehearse.segmentation.mesh.SurfaceMesh;
import org.rehearse.segmentation.mesh.SurfaceParameters;
import org.rehearse.segmentation.segment.AortaSegmenter;
import org.rehearse.segmentation.segment.SegmentationParameters;
import org.rehearse.simulation.geometry.Centerline;
import org.rehearse.simulation.geometry.CenterlineExtractor;
import org.rehearse.simulation.geometry.DiameterProfile;
import org.rehearse.simulation.geometry.Lesion;
import org.rehearse.simulation.geometry.LesionFinder;
import org.rehearse.segmentation.segment.AortaLabel;
import org.rehearse.segmentation.segment.AortaSegmentation;
import org.rehearse.simulation.pulsatile.ArchBranch;
import org.rehearse.simulation.pulsatile.HemodynamicStudy;
import org.rehearse.simulation.pulsatile.PatientMeasurements;
import org.rehearse.simulation.pulsatile.PulsatileOutcome;
import org.rehearse.simulation.pulsatile.UncertaintyAnalysis;
import org.rehearse.simulation.repair.Repair;
import org.rehearse.simulation.repair.RepairFactory;
import org.rehearse.simulation.repair.SurfaceRepairDeformer;
import org.rehearse.simulation.repair.VesselModel;

/**
 * The steps of a rehearsal case, shared by the command line ({@link PlanJob}) and the workstation: scan a folder,
 * load a series, segment the aorta from a seed, build its surface, and simulate the candidate repairs. Each step is a
 * plain call that reports to a {@link Progress} and honours its cancellation; none touches JavaFX.
 *
 * <p>Errors: {@link DicomException} for unreadable input (message names the file), {@link IllegalArgumentException}
 * for an impossible request (a seed outside the image, no vessel at the seed, parameters out of range) with a message
 * naming the value; both are meant for the user as they are.
 */
public final class CasePipeline {
    private CasePipeline() {
    }

    /** A loaded series and what the user should know about how it was chosen and read. */
    public record Loaded(Volume volume, DicomSeries series, List<String> messages) { }

    /**
     * One simulated candidate repair: the operation, its pulsatile outcome, the distribution of its peak-to-peak
     * gradient (null when no samples were asked) and its surface for display (LPS mm).
     */
    public record CandidateResult(Repair repair, PulsatileOutcome outcome, UncertaintyAnalysis.Result uncertainty,
                                  SurfaceMesh surface) { }

    /** The vessel as measured on the segmentation, the hemodynamic study, and every candidate's result, native first. */
    public record Simulation(Centerline centerline, DiameterProfile profile, Lesion lesion, VesselModel vessel,
                             HemodynamicStudy.Result study, List<CandidateResult> candidates) { }

    /** Scans a folder recursively for DICOM series (see {@link DicomFolderScanner}). */
    public static DicomScanResult scan(Path folder, Progress progress) throws DicomException {
        return new DicomFolderScanner().scan(folder, progress);
    }

    /**
     * Loads one series of a scan.
     *
     * @param seriesUid the SeriesInstanceUID to load, or null for the default (the CT series with the most slices)
     * @throws IllegalArgumentException when no series has that UID (the message lists those found)
     */
    public static Loaded load(DicomScanResult scan, String seriesUid, Progress progress) throws DicomException {
        List<String> messages = new ArrayList<>();
        DicomSeries chosen = null;
        if (seriesUid != null) {
            for (DicomSeries s : scan.series()) {
                if (seriesUid.equals(s.seriesInstanceUid())) {
                    chosen = s;
                }
            }
            if (chosen == null) {
                StringBuilder found = new StringBuilder();
                for (DicomSeries s : scan.series()) {
                    found.append("\n  ").append(s.seriesInstanceUid()).append("  ").append(s.label());
                }
                throw new IllegalArgumentException("no series with UID " + seriesUid + " in " + scan.folder()
                        + "; series found:" + found);
            }
        } else {
            DicomScanResult.Choice c = scan.defaultSeries().orElseThrow(
                    () -> new IllegalArgumentException("no image series in " + scan.folder()));
            chosen = c.series();
            if (scan.series().size() > 1) {
                messages.add(c.reason());
            }
        }
        if (!scan.skipped().isEmpty()) {
            messages.add(scan.skipped().size() + " file(s) skipped, e.g. " + scan.skipped().get(0).file().getFileName()
                    + ": " + scan.skipped().get(0).reason());
        }
        LoadedSeries loaded = new SeriesLoader().load(chosen, progress);
        messages.addAll(loaded.warnings());
        return new Loaded(loaded.volume(), chosen, messages);
    }

    /**
     * Segments the aorta from a seed ({@link AortaSegmenter} with default parameters).
     *
     * @param seedLps seed in LPS mm, inside the aortic lumen
     * @throws IllegalArgumentException for a seed outside the image or not in a vessel
     */
    public static LabelMap segment(Volume ct, double[] seedLps, Progress progress) {
        checkSeedInside(ct.geometry(), seedLps);
        return AortaSegmenter.segment(ct, seedLps, SegmentationParameters.defaults(), progress);
    }

    /**
     * Segments the aorta and its arch branches from a seed ({@link AortaSegmenter#segmentWithBranches}: label 1 the
     * aorta, 2–4 the brachiocephalic trunk, left common carotid and left subclavian artery where found).
     *
     * @throws IllegalArgumentException for a seed outside the image or not in a vessel
     */
    public static AortaSegmentation segmentWithBranches(Volume ct, double[] seedLps, Progress progress) {
        checkSeedInside(ct.geometry(), seedLps);
        return AortaSegmenter.segmentWithBranches(ct, seedLps, SegmentationParameters.defaults(), progress);
    }

    /**
     * Finds and segments the aorta and its branches without a click ({@link AortaSegmenter#segmentAutomatic}).
     *
     * @throws org.rehearse.segmentation.segment.AortaNotFoundException when no aorta is found (the message says what
     *                                                                  was searched)
     */
    public static AortaSegmentation segmentAutomatic(Volume ct, Progress progress) {
        return AortaSegmenter.segmentAutomatic(ct, SegmentationParameters.defaults(), progress);
    }

    /**
     * The arch branches of a segmentation as outlets of the 1D model ({@link ArchBranch#fromMask}), named as
     * {@link ArchBranch#NAMES}.
     *
     * @param seg        the segmentation (labels 2–4)
     * @param centerline the aortic centerline
     * @return the branches found, proximal to distal along the centerline (may be empty)
     */
    public static List<ArchBranch> branches(AortaSegmentation seg, Centerline centerline) {
        List<ArchBranch> out = new ArrayList<>();
        AortaLabel[] labels = {AortaLabel.BRACHIOCEPHALIC_TRUNK, AortaLabel.LEFT_COMMON_CAROTID, AortaLabel.LEFT_SUBCLAVIAN};
        for (int i = 0; i < labels.length; i++) {
            if (!seg.branchesFound().contains(labels[i])) continue;
            ArchBranch.fromMask(ArchBranch.NAMES.get(i), seg.mask(labels[i]), centerline).ifPresent(out::add);
        }
        out.sort(java.util.Comparator.comparingDouble(ArchBranch::takeoffMm));
        return out;
    }

    /** Builds the smoothed, decimated surface of label 1 ({@link SurfaceExtractor}, default parameters). */
    public static SurfaceMesh surface(LabelMap mask, Progress progress) {
        return SurfaceExtractor.extract(mask, 1, SurfaceParameters.DEFAULT, progress);
    }

    /**
     * Measures the vessel and simulates the default candidates (native, resection, patch, stent, balloon) with the
     * pulsatile 1D model calibrated to the patient ({@link HemodynamicStudy}).
     *
     * @param nativeSurface the segmentation's surface; each candidate's surface is this one deformed inside its segment
     * @param patient       the patient's measurements
     * @param samples       uncertainty samples per candidate (0 for none)
     * @throws IllegalArgumentException when the vessel is too short or too small to measure or model, or the
     *                                  calibration cannot reach the measurements
     */
    public static Simulation simulate(LabelMap mask, SurfaceMesh nativeSurface, double[] seedLps,
                                      PatientMeasurements patient, int samples, Progress progress) {
        return simulate(mask, nativeSurface, seedLps, patient, samples, RepairFactory::defaults, progress);
    }

    /**
     * As {@link #simulate(LabelMap, SurfaceMesh, double[], PatientMeasurements, int, Progress)} with the candidates
     * chosen by the caller once the lesion is known (e.g. read from a candidates file, or edited in the workstation).
     *
     * @param candidates from the lesion and the native vessel to the candidates to simulate, in order
     * @throws IllegalArgumentException as the other overload, or when a candidate does not fit the vessel (its
     *                                  message names the parameter)
     */
    public static Simulation simulate(LabelMap mask, SurfaceMesh nativeSurface, double[] seedLps,
                                      PatientMeasurements patient, int samples,
                                      java.util.function.BiFunction<Lesion, VesselModel, List<Repair>> candidates,
                                      Progress progress) {
        return simulate(mask, nativeSurface, seedLps, patient, samples, candidates, null, progress);
    }

    /**
     * As the other overloads, with the arch branches taken from a segmentation where it found them.
     *
     * @param branchesFrom the segmentation with labels 2–4, or null to assume the branches
     */
    public static Simulation simulate(LabelMap mask, SurfaceMesh nativeSurface, double[] seedLps,
                                      PatientMeasurements patient, int samples,
                                      java.util.function.BiFunction<Lesion, VesselModel, List<Repair>> candidates,
                                      AortaSegmentation branchesFrom, Progress progress) {
        Centerline centerline = CenterlineExtractor.extract(mask, seedLps, progress.sub(0, 0.2));
        DiameterProfile profile = DiameterProfile.measure(mask, centerline, progress.sub(0.2, 0.35));
        Lesion lesion = LesionFinder.find(profile);
        VesselModel vessel = VesselModel.fromProfile(profile, lesion);
        List<Repair> repairs = candidates.apply(lesion, vessel);
        for (Repair r : repairs) r.validate(vessel);
        double voxel = Math.min(mask.geometry().spacingMm(0), mask.geometry().spacingMm(1));
        List<ArchBranch> branches = branchesFrom == null ? List.of() : branches(branchesFrom, centerline);
        HemodynamicStudy.Result study = HemodynamicStudy.run(centerline, vessel, lesion, repairs, patient, voxel, samples,
                HemodynamicStudy.DEFAULT_SEED, branches, progress.sub(0.35, 0.95));
        List<CandidateResult> results = new ArrayList<>();
        for (HemodynamicStudy.CandidateResult c : study.candidates()) {
            progress.checkCancelled();
            Repair r = c.repair();
            SurfaceMesh surface = nativeSurface == null ? null
                    : "native".equals(r.name()) ? nativeSurface
                    : SurfaceRepairDeformer.apply(nativeSurface, centerline, vessel, r.applyForDisplay(vessel));
            results.add(new CandidateResult(r, c.outcome(), c.uncertainty(), surface));
        }
        progress.update(1, "Simulated " + results.size() + " candidates");
        return new Simulation(centerline, profile, lesion, vessel, study, results);
    }

    /** Column headers of the comparison table (units in the header). */
    public static final String PEAK_TO_PEAK = "Peak-to-peak gradient (mmHg)", CI_LOW = "95 % low (mmHg)",
            CI_HIGH = "95 % high (mmHg)", P_ABOVE = "P(> 20 mmHg)", MEAN = "Mean gradient (mmHg)",
            PEAK_INSTANT = "Peak instant. (mmHg)", VELOCITY = "Peak velocity (m/s)",
            WSS = "Max WSS (Pa)", MIN_D = "Min diameter (mm)", DESCENDING = "Descending flow (%)";

    /** The comparison view's content: one display per candidate, outcomes in clinical units. */
    public static List<CandidateDisplay> displays(Simulation sim) {
        return displays(sim, null);
    }

    /**
     * As {@link #displays(Simulation)}, with the candidates' own names.
     *
     * @param names one per candidate, or null for the kinds' titles
     */
    public static List<CandidateDisplay> displays(Simulation sim, List<String> names) {
        List<CandidateDisplay> out = new ArrayList<>();
        for (int ci = 0; ci < sim.candidates().size(); ci++) {
            CandidateResult c = sim.candidates().get(ci);
            PulsatileOutcome o = c.outcome();
            Map<String, Double> values = new LinkedHashMap<>();
            values.put(PEAK_TO_PEAK, o.peakToPeakGradientMmHg());
            if (c.uncertainty() != null) {
                values.put(CI_LOW, c.uncertainty().ci95LowMmHg());
                values.put(CI_HIGH, c.uncertainty().ci95HighMmHg());
                values.put(P_ABOVE, c.uncertainty().pAboveThreshold());
            }
            values.put(MEAN, o.meanGradientMmHg());
            values.put(PEAK_INSTANT, o.peakInstantaneousGradientMmHg());
            values.put(VELOCITY, o.peakVelocityMs());
            values.put(WSS, o.maxWallShearStressPa());
            values.put(MIN_D, o.minDiameterM() * 1000);
            Double desc = o.branchFlowPercent().get("descending_aorta");
            if (desc != null) values.put(DESCENDING, desc);
            String name = names == null || names.get(ci).equals(c.repair().name()) ? title(c.repair().name()) : names.get(ci);
            out.add(new CandidateDisplay(name, c.repair().description(), c.surface(), values,
                    c.uncertainty() == null ? null : c.uncertainty().gradientsMmHg()));
        }
        return out;
    }

    /** @return the display title of a repair kind */
    public static String title(String kind) {
        switch (kind) {
            case "native": return "Native (no repair)";
            case "resection": return "Resection + end-to-end";
            case "patch": return "Patch aortoplasty";
            case "stent": return "Stent";
            case "balloon": return "Balloon angioplasty";
            case "extended_resection": return "Extended end-to-end";
            case "custom": return "Custom profile";
            default: return kind;
        }
    }

    /**
     * @throws IllegalArgumentException when the seed is not a point of three finite numbers inside the image, with the
     *                                  image's LPS extent in the message
     */
    public static void checkSeedInside(ImageGeometry g, double[] seedLps) {
        if (seedLps == null || seedLps.length != 3 || !Double.isFinite(seedLps[0]) || !Double.isFinite(seedLps[1])
                || !Double.isFinite(seedLps[2])) {
            throw new IllegalArgumentException("the seed must be three finite numbers x,y,z in LPS mm");
        }
        double[] ijk = g.lpsToIndex(seedLps, null);
        int i = (int) Math.round(ijk[0]), j = (int) Math.round(ijk[1]), k = (int) Math.round(ijk[2]);
        if (!g.contains(i, j, k)) {
            double[] a = g.indexToLps(new double[] {0, 0, 0}, null);
            double[] b = g.indexToLps(new double[] {g.columns() - 1, g.rows() - 1, g.slices() - 1}, null);
            throw new IllegalArgumentException(String.format(
                    "seed (%.1f, %.1f, %.1f) mm lies outside the image, which spans LPS x %.1f…%.1f, y %.1f…%.1f, z %.1f…%.1f mm",
                    seedLps[0], seedLps[1], seedLps[2], Math.min(a[0], b[0]), Math.max(a[0], b[0]),
                    Math.min(a[1], b[1]), Math.max(a[1], b[1]), Math.min(a[2], b[2]), Math.max(a[2], b[2])));
        }
    }
}
