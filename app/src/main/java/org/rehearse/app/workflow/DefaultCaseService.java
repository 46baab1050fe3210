package org.rehearse.app.workflow;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.rehearse.app.plan.CasePipeline;
import org.rehearse.segmentation.Progress;
import org.rehearse.segmentation.dicom.DicomException;
import org.rehearse.segmentation.dicom.DicomScanResult;
import org.rehearse.segmentation.dicom.DicomSeries;
import org.rehearse.segmentation.image.LabelMap;
import org.rehearse.segmentation.image.Volume;
import org.rehearse.segmentation.mesh.SurfaceMesh;
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
    public ComparisonResult compareRepairs(Volume volume, SegmentationResult seg, double[] seedLps, Progress p)
            throws CaseException {
        try {
            CasePipeline.Simulation sim = CasePipeline.simulate(seg.mask(), seg.surface(), seedLps, patient, samples, p);
            var cal = sim.study().calibration();
            String summary = String.format(Locale.ROOT,
                    "Narrowest %.1f mm at %.0f mm along the centerline, reference %.1f mm, stenosis %.0f %%. "
                            + "Pulsatile 1D model calibrated to %.0f/%.0f mmHg (reached %.1f/%.1f), %.1f L/min, %.0f/min; "
                            + "%d uncertainty samples per candidate.",
                    sim.lesion().minDiameterMm(), sim.lesion().throatArcLengthMm(), sim.lesion().referenceDiameterMm(),
                    sim.lesion().stenosisPercent(), patient.systolicMmHg(), patient.diastolicMmHg(),
                    cal.simulated().get("systolic_mmHg"), cal.simulated().get("diastolic_mmHg"),
                    patient.cardiacOutputLMin(), patient.heartRateBpm(), samples);
            return new ComparisonResult(CasePipeline.displays(sim), summary);
        } catch (IllegalArgumentException | IllegalStateException e) {
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
