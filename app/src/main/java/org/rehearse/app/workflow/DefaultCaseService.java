package org.rehearse.app.workflow;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.rehearse.app.casefile.CandidateSpec;
import org.rehearse.app.casefile.CandidatesFile;
import org.rehearse.app.casefile.RepairKinds;
import org.rehearse.app.casefile.CaseFile;
import org.rehearse.app.casefile.CaseFileException;
import org.rehearse.app.casefile.CaseFolder;
import org.rehearse.app.casefile.SeriesReference;
import org.rehearse.app.plan.CasePipeline;
import org.rehearse.rendering.CandidateDisplay;
import org.rehearse.rendering.CandidateHemodynamics;
import org.rehearse.simulation.geometry.Centerline;
import org.rehearse.simulation.geometry.Lesion;
import org.rehearse.simulation.hemo.Units;
import org.rehearse.simulation.pulsatile.PulsatileModel;
import org.rehearse.simulation.pulsatile.PulsatileOutcome;
import org.rehearse.simulation.pulsatile.UncertaintyAnalysis;
import org.rehearse.simulation.repair.Repair;
import org.rehearse.simulation.repair.RepairFactory;
import org.rehearse.simulation.repair.VesselModel;
import org.rehearse.segmentation.Progress;
import org.rehearse.segmentation.dicom.DicomException;
import org.rehearse.segmentation.dicom.DicomScanResult;
import org.rehearse.segmentation.dicom.DicomSeries;
import org.rehearse.segmentation.image.LabelMap;
import org.rehearse.segmentation.image.Volume;
import org.rehearse.segmentation.mesh.SurfaceMesh;
import org.rehearse.segmentation.segment.AortaSegmentation;
import org.rehearse.segmentation.segment.AortaLabel;
import org.rehearse.segmentation.segment.AortaSeedFinder;
import org.rehearse.simulation.pulsatile.PatientMeasurements;

/**
 * The workstation's {@link CaseService} on the real pipeline ({@link CasePipeline}). Errors the user can act on
 * ({@link DicomException}, {@link IllegalArgumentException}) become {@link CaseException}s with the same message; the
 * last scan is kept so that loading a series does not scan the folder again.
 */
public final class DefaultCaseService implements CaseService {
    private final Path sampleCacheDir;
    private DicomScanResult lastScan;

    /** @param sampleCacheDir folder where the bundled sample case is generated and kept */
    public DefaultCaseService(Path sampleCacheDir) {
        this.sampleCacheDir = sampleCacheDir;
    }

    @Override
    public synchronized List<SeriesChoice> scanFolder(Path folder, Progress p) throws CaseException {
        try {
            lastScan = CasePipeline.scan(folder, p);
        } catch (DicomException e) {
            throw new CaseException(e.getMessage(), e);
        }
        List<SeriesChoice> out = new ArrayList<>();
        for (DicomSeries s : lastScan.series()) {
            out.add(new SeriesChoice(s.seriesInstanceUid(), s.label(), s.size(), s.modality()));
        }
        return out;
    }

    @Override
    public synchronized LoadedImage loadSeries(Path folder, String seriesUid, Progress p) throws CaseException {
        forgetLesion();
        try {
            if (lastScan == null || !lastScan.folder().equals(folder)) {
                lastScan = CasePipeline.scan(folder, p.sub(0, 0.1));
            }
            CasePipeline.Loaded loaded = CasePipeline.load(lastScan, seriesUid, p.sub(0.1, 1));
            Optional<double[]> guess = AortaSeedFinder.find(loaded.volume());
            return new LoadedImage(loaded.volume(), loaded.messages(), loaded.series().label(), guess.orElse(null));
        } catch (DicomException | IllegalArgumentException e) {
            throw new CaseException(e.getMessage(), e);
        }
    }

    @Override
    public SegmentationResult segment(Volume volume, double[] seedLps, Progress p) throws CaseException {
        forgetLesion();
        try {
            LabelMap mask = CasePipeline.segment(volume, seedLps, p.sub(0, 0.6));
            SurfaceMesh surface = CasePipeline.surface(mask, p.sub(0.6, 1));
            String summary = String.format(Locale.ROOT, "Aorta: %.1f mL, surface %d triangles%s", mask.volumeMl(),
                    surface.triangleCount(), surface.isWatertight() ? "" : " (not closed)");
            return new SegmentationResult(mask, surface, summary);
        } catch (IllegalArgumentException e) {
            throw new CaseException(e.getMessage(), e);
        }
    }

    @Override
    public FoundAorta segmentAutomatic(Volume volume, Progress p) throws CaseException {
        forgetLesion();
        try {
            AortaSegmentation found = CasePipeline.segmentAutomatic(volume, p.sub(0, 0.6));
            LabelMap mask = found.mask(AortaLabel.AORTA);
            SurfaceMesh surface = CasePipeline.surface(mask, p.sub(0.6, 1));
            double[] s = found.seedLps();
            String summary = String.format(Locale.ROOT, "Aorta found automatically (from %.1f, %.1f, %.1f mm): %.1f mL, "
                    + "surface %d triangles%s", s[0], s[1], s[2], mask.volumeMl(), surface.triangleCount(),
                    surface.isWatertight() ? "" : " (not closed)");
            return new FoundAorta(new SegmentationResult(mask, surface, summary), s);
        } catch (IllegalArgumentException e) {
            throw new CaseException(e.getMessage(), e);
        }
    }

    @Override
    public ComparisonResult compareRepairs(Volume volume, SegmentationResult seg, double[] seedLps, Progress p)
            throws CaseException {
        return compareCandidates(volume, seg, seedLps, List.of(), p);
    }

    @Override
    public ComparisonResult compareCandidates(Volume volume, SegmentationResult seg, double[] seedLps,
                                              List<CandidateSpec> specs, Progress p) throws CaseException {
        try {
            List<String> names = new ArrayList<>();
            CasePipeline.Simulation sim = CasePipeline.simulate(seg.mask(), seg.surface(), seedLps, patient, samples,
                    (lesion, vessel) -> {
                        lastLesion = lesion;
                        lastVessel = vessel;
                        names.clear();
                        if (specs.isEmpty()) {
                            List<Repair> d = RepairFactory.defaults(lesion, vessel);
                            d.forEach(r -> names.add(CasePipeline.title(r.name())));
                            return d;
                        }
                        try {
                            List<Repair> out = CandidatesFile.toRepairs(specs, null, lesion, vessel);
                            specs.forEach(c -> names.add(c.name()));
                            return out;
                        } catch (CaseFileException e) {
                            throw new IllegalArgumentException(e.getMessage(), e);
                        }
                    }, p);
            List<CandidateDisplay> plain = CasePipeline.displays(sim);
            List<CandidateDisplay> shown = new ArrayList<>();
            List<CandidateSpec> used = new ArrayList<>();
            for (int i = 0; i < plain.size(); i++) {
                p.checkCancelled();
                CasePipeline.CandidateResult c = sim.candidates().get(i);
                shown.add(plain.get(i).withName(names.get(i)).withHemodynamics(hemodynamics(sim.centerline(), c)));
                used.add(CandidateSpec.of(names.get(i), c.repair()));
            }
            var cal = sim.study().calibration();
            String summary = String.format(Locale.ROOT,
                    "Narrowest %.1f mm at %.0f mm along the centerline, reference %.1f mm, stenosis %.0f %%. "
                            + "Pulsatile 1D model calibrated to %.0f/%.0f mmHg (reached %.1f/%.1f), %.1f L/min, %.0f/min; "
                            + "%d uncertainty samples per candidate.",
                    sim.lesion().minDiameterMm(), sim.lesion().throatArcLengthMm(), sim.lesion().referenceDiameterMm(),
                    sim.lesion().stenosisPercent(), patient.systolicMmHg(), patient.diastolicMmHg(),
                    cal.simulated().get("systolic_mmHg"), cal.simulated().get("diastolic_mmHg"),
                    patient.cardiacOutputLMin(), patient.heartRateBpm(), samples);
            return new ComparisonResult(shown, summary, used, new org.rehearse.rendering.RepairMarkers(
                    sim.centerline().pointsLps(), sim.centerline().arcLengthMm(), java.util.Map.of(),
                    sim.centerline().inscribedRadiusMm()));
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new CaseException(e.getMessage(), e);
        }
    }

    /** The charts' curves and the surface colouring of one simulated candidate, in mmHg. */
    static CandidateHemodynamics hemodynamics(Centerline centerline, CasePipeline.CandidateResult c) {
        PulsatileOutcome o = c.outcome();
        double[] s = o.profile().arcLengthMm();
        double[] sys = mmHg(o.profile().systolicPa());
        double[] t = o.waveforms().timeS();
        double[] prox = mmHg(o.waveforms().pressurePa().get(PulsatileModel.PROXIMAL));
        double[] dist = mmHg(o.waveforms().pressurePa().get(PulsatileModel.DISTAL));
        double[] vertex = c.surface() == null || s.length == 0 ? null
                : CenterlineScalars.perVertex(c.surface(), centerline, c.repair()::mapArcLengthMm, s, sys);
        double[] wss = c.surface() == null || s.length == 0 || o.profile().maxWssPa() == null ? null
                : CenterlineScalars.perVertex(c.surface(), centerline, c.repair()::mapArcLengthMm, s, o.profile().maxWssPa());
        UncertaintyAnalysis.Result u = c.uncertainty();
        return new CandidateHemodynamics(s, sys, t, prox == null ? new double[t.length] : prox,
                dist == null ? new double[t.length] : dist, o.peakToPeakGradientMmHg(),
                u == null ? Double.NaN : u.ci95LowMmHg(), u == null ? Double.NaN : u.ci95HighMmHg(), vertex, wss);
    }

    private static double[] mmHg(double[] pa) {
        if (pa == null) return null;
        double[] out = new double[pa.length];
        for (int i = 0; i < pa.length; i++) out[i] = Units.paToMmHg(pa[i]);
        return out;
    }

    private volatile Lesion lastLesion;
    private volatile VesselModel lastVessel;

    /** A new image or segmentation: the last comparison's lesion no longer applies. */
    private void forgetLesion() {
        lastLesion = null;
        lastVessel = null;
    }

    @Override
    public CandidateSpec newCandidate(String kind, String name) throws CaseException {
        Lesion lesion = lastLesion;
        VesselModel vessel = lastVessel;
        if (lesion == null || vessel == null) {
            throw new CaseException("New candidates take their defaults from the patient's lesion: run Plan ▸ Compare repairs once first.");
        }
        try {
            return CandidateSpec.of(name, RepairFactory.create(kind, lesion, vessel));
        } catch (IllegalArgumentException e) {
            throw new CaseException(e.getMessage(), e);
        }
    }

    @Override
    public String checkCandidate(CandidateSpec candidate) {
        Lesion lesion = lastLesion;
        VesselModel vessel = lastVessel;
        try {
            if (lesion == null || vessel == null) {
                // no vessel yet (before the first comparison): the simulation fills in missing parameters and checks
                if (!RepairKinds.isKnown(candidate.kind())) {
                    return "unknown repair kind '" + candidate.kind() + "'; known kinds: " + RepairKinds.kinds();
                }
                List<String> names = RepairKinds.parameterNames(candidate.kind());
                for (Map.Entry<String, Double> e : candidate.parameters().entrySet()) {
                    if (!names.contains(e.getKey())) {
                        return candidate.kind() + " has no parameter '" + e.getKey() + "'; it has " + names;
                    }
                    if (e.getValue() == null || !Double.isFinite(e.getValue())) {
                        return e.getKey() + " must be a finite number, got " + e.getValue();
                    }
                }
                return null;
            }
            candidate.toRepair(lesion, vessel).validate(vessel);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** The version written into saved case files. */
    public static final String APP_VERSION = "0.1.0";

    @Override
    public synchronized void saveCase(Path caseFolder, CaseState state, Progress p) throws CaseException {
        try {
            if (lastScan == null || !lastScan.folder().equals(state.dicomFolder())) {
                lastScan = CasePipeline.scan(state.dicomFolder(), p.sub(0, 0.5));
            }
            DicomSeries series = lastScan.series().stream()
                    .filter(s -> s.seriesInstanceUid().equals(state.seriesUid())).findFirst()
                    .orElseThrow(() -> new CaseException("The series " + state.seriesUid() + " is no longer in "
                            + state.dicomFolder() + "; the case cannot refer to it."));
            SeriesReference ref = SeriesReference.of(lastScan, series);
            PatientMeasurements pm = state.patient();
            Map<String, Map<String, Double>> results = new LinkedHashMap<>();
            Set<String> names = new HashSet<>();
            state.candidates().forEach(c -> names.add(c.name()));
            state.results().forEach((name, values) -> {
                if (!names.contains(name)) return;
                Map<String, Double> finite = new LinkedHashMap<>();
                values.forEach((k, v) -> {
                    if (v != null && Double.isFinite(v)) finite.put(k, v);
                });
                results.put(name, finite);
            });
            p.update(0.7, "Writing " + caseFolder);
            CaseFile plan = CaseFile.create(APP_VERSION, ref, state.seedLps(), pm, state.candidates(), results);
            CaseFolder.save(caseFolder, plan, state.segmentation(), APP_VERSION);
        } catch (DicomException | IOException | IllegalArgumentException e) {
            throw new CaseException("The case could not be saved to " + caseFolder + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized OpenedCase openCase(Path caseFolder, Path dicomFolder, Progress p) throws CaseException {
        try {
            CaseFolder.Opened opened = CaseFolder.open(caseFolder);
            SeriesReference ref = opened.plan().series();
            Path dir = dicomFolder != null ? dicomFolder : ref.folder();
            if (!Files.isDirectory(dir)) {
                throw new CaseException(opened.caseFile() + ": the DICOM folder " + dir + " of series '"
                        + ref.description() + "' (" + ref.seriesInstanceUid() + ") does not exist any more. "
                        + "Was it moved? The case was not opened.");
            }
            lastScan = CasePipeline.scan(dir, p.sub(0, 0.3));
            DicomSeries series = ref.verify(opened.caseFile(), lastScan);
            CasePipeline.Loaded loaded = CasePipeline.load(lastScan, series.seriesInstanceUid(), p.sub(0.3, 0.7));
            Optional<double[]> guess = AortaSeedFinder.find(loaded.volume());
            LoadedImage image = new LoadedImage(loaded.volume(), loaded.messages(), loaded.series().label(),
                    guess.orElse(null));
            SegmentationResult seg = null;
            if (opened.segmentation() != null) {
                LabelMap mask = opened.segmentation();
                SurfaceMesh surface = CasePipeline.surface(mask, p.sub(0.7, 1));
                seg = new SegmentationResult(mask, surface, String.format(Locale.ROOT,
                        "Aorta (from the case): %.1f mL, surface %d triangles", mask.volumeMl(), surface.triangleCount()));
            }
            PatientMeasurements patientOut = opened.plan().patient();
            forgetLesion();
            return new OpenedCase(opened.folder(), dir, series.seriesInstanceUid(), image, seg, opened.plan().seedLpsMm(),
                    patientOut, opened.plan().candidates());
        } catch (CaseFileException | DicomException | IllegalArgumentException e) {
            throw new CaseException(e.getMessage(), e);
        }
    }

    private PatientMeasurements patient = PatientMeasurements.defaults();
    private int samples = 100;

    /**
     * Sets the measurements the twin is calibrated to and the uncertainty samples per candidate for the next
     * comparison.
     *
     * @param patient the measurements
     * @param samples samples per candidate, 0 … 100000
     * @throws IllegalArgumentException on a sample count out of range
     */
    @Override
    public void setHemodynamics(PatientMeasurements patient, int samples) {
        if (samples < 0 || samples > 100000) throw new IllegalArgumentException("samples must be 0 … 100000, got " + samples);
        this.patient = java.util.Objects.requireNonNull(patient, "patient");
        this.samples = samples;
    }

    @Override
    public SampleCase sampleCase(Progress p) throws CaseException {
        try {
            org.rehearse.sampledata.SampleCase c = org.rehearse.sampledata.SampleCase.ensure(sampleCacheDir, p);
            return new SampleCase(c.dicomDir(), null, c.seedLpsMm());
        } catch (IOException e) {
            throw new CaseException("the bundled sample case could not be written to " + sampleCacheDir + ": " + e.getMessage(), e);
        }
    }
}
