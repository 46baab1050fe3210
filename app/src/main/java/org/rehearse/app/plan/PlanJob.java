package org.rehearse.app.plan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import org.rehearse.app.casefile.CandidateSpec;
import org.rehearse.app.casefile.CandidatesFile;
import org.rehearse.app.casefile.CaseFileException;
import org.rehearse.app.report.MeshExport;
import org.rehearse.app.report.PdfReport;
import org.rehearse.rendering.ComparisonView;
import org.rehearse.simulation.repair.Repair;
import org.rehearse.simulation.repair.RepairFactory;
import org.rehearse.sampledata.SampleCase;
import org.rehearse.segmentation.Progress;
import org.rehearse.segmentation.dicom.DicomException;
import org.rehearse.segmentation.dicom.DicomScanResult;
import org.rehearse.segmentation.image.ImageGeometry;
import org.rehearse.segmentation.image.LabelMap;
import org.rehearse.segmentation.mesh.StlWriter;
import org.rehearse.segmentation.mesh.SurfaceMesh;
import org.rehearse.segmentation.nifti.NiftiLabelIo;
import org.rehearse.segmentation.segment.AortaLabel;
import org.rehearse.segmentation.segment.AortaSegmentation;
import org.rehearse.simulation.geometry.Lesion;
import org.rehearse.simulation.hemo.Units;
import org.rehearse.simulation.pulsatile.Calibration;
import org.rehearse.simulation.pulsatile.PatientMeasurements;
import org.rehearse.simulation.pulsatile.PulsatileOutcome;
import org.rehearse.simulation.pulsatile.UncertaintyAnalysis;

/**
 * The headless job behind {@code rehearse plan}: DICOM folder → segmentation → surface → candidate repairs, written to
 * an output folder as {@code plan.json}, {@code segmentation.nii.gz}, {@code surface.stl} and {@code comparison.png}.
 */
public final class PlanJob {

    /**
     * What to plan.
     *
     * @param dicomDir         the folder with the DICOM series (searched recursively)
     * @param seriesUid        the series to use, or null for the CT series with the most slices
     * @param seedLps          the seed in LPS mm, or null for the bundled case's seed or an automatic guess
     * @param outDir           where the results go (created when missing)
     * @param patient          the patient's measurements (cuff pressure, cardiac output, heart rate, measured gradient)
     * @param samples          uncertainty samples per candidate (0 for none)
     * @param renderComparison whether to render comparison.png (needs a display; Xvfb will do)
     * @param sampleCacheDir   the folder of the bundled sample cases (to recognise one and use its seed), or null
     * @param candidatesFile   a candidates file ({@link CandidatesFile}) to simulate instead of the defaults, or null
     * @param reportPdf        where to write the PDF report, or null for none
     * @param anonymize        whether the report leaves out the patient's identifiers
     */
    public record Options(Path dicomDir, String seriesUid, double[] seedLps, Path outDir, PatientMeasurements patient,
                          int samples, boolean renderComparison, Path sampleCacheDir, Path candidatesFile,
                          Path reportPdf, boolean anonymize) {
        /** Options with the default candidates and no report. */
        public Options(Path dicomDir, String seriesUid, double[] seedLps, Path outDir, PatientMeasurements patient,
                       int samples, boolean renderComparison, Path sampleCacheDir) {
            this(dicomDir, seriesUid, seedLps, outDir, patient, samples, renderComparison, sampleCacheDir, null, null, false);
        }
    }

    private final Options options;
    private final PrintStream log;

    public PlanJob(Options options, PrintStream log) {
        this.options = options;
        this.log = log;
    }

    /**
     * Runs the job and writes its files.
     *
     * @return the report that was written to plan.json
     * @throws DicomException           for unreadable input (names the file)
     * @throws IllegalArgumentException for an impossible request (names the value)
     * @throws IOException              when an output cannot be written
     */
    public PlanReport run(Progress progress) throws DicomException, IOException {
        // a bad candidates file fails before any work
        List<CandidateSpec> specs = options.candidatesFile() == null ? null : CandidatesFile.read(options.candidatesFile());
        Files.createDirectories(options.outDir());
        List<String> warnings = new ArrayList<>();

        long t0 = System.nanoTime();
        DicomScanResult scan = CasePipeline.scan(options.dicomDir(), progress.sub(0, 0.05));
        CasePipeline.Loaded loaded = CasePipeline.load(scan, options.seriesUid(), progress.sub(0.05, 0.25));
        long tLoad = System.nanoTime();
        for (String m : loaded.messages()) {
            say(m);
            warnings.add(m);
        }
        ImageGeometry g = loaded.volume().geometry();
        say(String.format(Locale.ROOT, "loaded %s: %s", loaded.series().label(), g));

        double[] seed = chooseSeed(loaded, warnings);
        AortaSegmentation segmentation;
        if (seed == null) {
            segmentation = CasePipeline.segmentAutomatic(loaded.volume(), progress.sub(0.25, 0.5));
            seed = segmentation.seedLps();
            String m = String.format(Locale.ROOT, "no --seed given: the aorta was found automatically (seed %.1f, %.1f, %.1f mm)",
                    seed[0], seed[1], seed[2]);
            say(m);
            warnings.add(m);
        } else {
            segmentation = CasePipeline.segmentWithBranches(loaded.volume(), seed, progress.sub(0.25, 0.5));
        }
        LabelMap mask = segmentation.vesselMask(); // the aorta with its branch origins: the centerline and diameters need the whole lumen
        long tSeg = System.nanoTime();
        say(String.format(Locale.ROOT, "segmented %d voxels (%.1f mL); arch branches found: %s", mask.countNonZero(),
                mask.volumeMl(), segmentation.branchesFound()));

        SurfaceMesh surface = CasePipeline.surface(mask, progress.sub(0.5, 0.7));
        long tMesh = System.nanoTime();
        say(String.format(Locale.ROOT, "surface: %d triangles, %.0f mm², watertight %b", surface.triangleCount(),
                surface.areaMm2(), surface.isWatertight()));

        say(String.format(Locale.ROOT, "simulating: calibrating to %.0f/%.0f mmHg, %.1f L/min, %.0f bpm; %d uncertainty samples per candidate",
                options.patient().systolicMmHg(), options.patient().diastolicMmHg(), options.patient().cardiacOutputLMin(),
                options.patient().heartRateBpm(), options.samples()));
        List<String> names = new ArrayList<>();
        CasePipeline.Simulation sim = CasePipeline.simulate(mask, surface, seed, options.patient(), options.samples(),
                (lesion, vessel) -> {
                    if (specs == null) {
                        List<Repair> d = RepairFactory.defaults(lesion, vessel);
                        d.forEach(r -> names.add(r.name()));
                        return d;
                    }
                    try {
                        List<CandidatesFile.Named> named = CandidatesFile.toNamedRepairs(specs, options.candidatesFile(), lesion, vessel);
                        List<Repair> out = new ArrayList<>();
                        for (CandidatesFile.Named n : named) {
                            names.add(n.name());
                            out.add(n.repair());
                        }
                        return out;
                    } catch (CaseFileException e) {
                        throw new IllegalArgumentException(e.getMessage(), e);
                    }
                }, segmentation, progress.sub(0.7, 0.95));
        long tSim = System.nanoTime();

        NiftiLabelIo.write(segmentation.labels(), options.outDir().resolve("segmentation.nii.gz"));
        writeWaveforms(sim, names, options.outDir().resolve("waveforms.csv"));
        StlWriter.write(surface, options.outDir().resolve("surface.stl"), "aorta surface");
        boolean exportMeshes = options.candidatesFile() != null || options.reportPdf() != null;
        if (exportMeshes) {
            Map<String, SurfaceMesh> meshes = new LinkedHashMap<>();
            for (int i = 0; i < sim.candidates().size(); i++) {
                if (sim.candidates().get(i).surface() != null) meshes.put(names.get(i), sim.candidates().get(i).surface());
            }
            MeshExport.write(options.outDir(), meshes, false);
            say("candidate surfaces written to " + options.outDir().resolve(MeshExport.FOLDER));
        }
        if (options.renderComparison()) {
            try {
                ComparisonView.writePng(CasePipeline.displays(sim, names), null, 1600, 900, options.outDir().resolve("comparison.png"));
            } catch (RuntimeException | IOException | Error e) {
                String w = "comparison.png not written: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                        + " (rendering needs a display; run under Xvfb, as ./rehearse does)";
                say(w);
                warnings.add(w);
            }
        }
        PlanReport report = report(loaded, seed, mask, surface, sim, names, warnings,
                new PlanReport.Timings(ms(tLoad - t0), ms(tSeg - tLoad), ms(tMesh - tSeg), ms(tSim - tMesh)));
        mapper().writeValue(options.outDir().resolve("plan.json").toFile(), report);
        if (options.reportPdf() != null) {
            Path png = options.outDir().resolve("comparison.png");
            int pages = PdfReport.write(PlanPdf.input(loaded, sim, names, report, options.patient(),
                    Files.isRegularFile(png) ? png : null, options.anonymize()), options.reportPdf());
            say("report written to " + options.reportPdf() + " (" + pages + " pages)");
        }
        progress.update(1, "Plan written to " + options.outDir());
        printSummary(report);
        return report;
    }

    private double[] chooseSeed(CasePipeline.Loaded loaded, List<String> warnings) throws IOException {
        if (options.seedLps() != null) {
            return options.seedLps();
        }
        Path caseDir = options.dicomDir().toAbsolutePath().normalize().getParent();
        if (options.sampleCacheDir() != null && Files.isDirectory(options.sampleCacheDir()) && caseDir != null
                && caseDir.getParent() != null && Files.isSameFile(caseDir.getParent(), options.sampleCacheDir())
                && Files.exists(caseDir.resolve(SampleCase.MARKER))) {
            double[] s = SampleCase.load(caseDir).seedLpsMm();
            String m = String.format(Locale.ROOT, "no --seed given: using the bundled sample case's seed (%.1f, %.1f, %.1f) mm", s[0], s[1], s[2]);
            say(m);
            warnings.add(m);
            return s;
        }
        return null; // automatic mode
    }

    static PlanReport report(CasePipeline.Loaded loaded, double[] seed, LabelMap mask, SurfaceMesh surface,
                             CasePipeline.Simulation sim, List<String> names, List<String> warnings,
                             PlanReport.Timings timings) {
        ImageGeometry g = loaded.volume().geometry();
        Lesion l = sim.lesion();
        List<PlanReport.Candidate> candidates = new ArrayList<>();
        for (int ci = 0; ci < sim.candidates().size(); ci++) {
            CasePipeline.CandidateResult c = sim.candidates().get(ci);
            PulsatileOutcome o = c.outcome();
            UncertaintyAnalysis.Result u = c.uncertainty();
            Map<String, Double> split = new LinkedHashMap<>();
            o.branchFlowPercent().forEach((k, v) -> split.put(k, round(v, 2)));
            candidates.add(new PlanReport.Candidate(names.get(ci), c.repair().description(),
                    round(o.peakToPeakGradientMmHg(), 2), round(o.meanGradientMmHg(), 2),
                    round(o.peakInstantaneousGradientMmHg(), 2),
                    u == null ? null : new double[] {round(u.ci95LowMmHg(), 2), round(u.ci95HighMmHg(), 2)},
                    u == null ? null : round(u.pAboveThreshold(), 4), u == null ? null : u.gradientsMmHg().length,
                    round(o.peakVelocityMs(), 3), round(o.maxWallShearStressPa(), 2), round(o.minDiameterM() * 1000, 2),
                    split, round(o.lvWorkJ(), 4)));
        }
        Calibration.Result cal = sim.study().calibration();
        Map<String, Double> target = new LinkedHashMap<>();
        PatientMeasurements m = cal.target();
        target.put("systolic_mmHg", m.systolicMmHg());
        target.put("diastolic_mmHg", m.diastolicMmHg());
        target.put("cardiac_output_L_min", m.cardiacOutputLMin());
        target.put("heart_rate_bpm", m.heartRateBpm());
        if (m.hasMeasuredGradient()) target.put("measured_gradient_mmHg", m.measuredGradientMmHg());
        Map<String, Double> fitted = new LinkedHashMap<>();
        // Pa·s/m³ → mmHg·s/mL, m³/Pa → mL/mmHg
        fitted.put("total_resistance_mmHg_s_per_mL", round(Units.paToMmHg(cal.fitted().totalResistancePaSM3()) * 1e-6, 4));
        fitted.put("peripheral_compliance_mL_per_mmHg", round(cal.fitted().totalComplianceM3Pa() * 1e6 * Units.PA_PER_MMHG, 4));
        fitted.put("wall_stiffness_factor", round(cal.fitted().wallStiffnessFactor(), 4));
        fitted.put("descending_resistance_factor", round(cal.fitted().descendingFactor(), 4));
        cal.simulated().forEach((k, v) -> fitted.put("simulated_" + k, round(v, 2)));
        PlanReport.Calibration calibration = new PlanReport.Calibration(target, fitted, round(cal.residualMmHg(), 3),
                cal.evaluations());
        return new PlanReport(
                new PlanReport.Series(g.rows(), g.columns(), g.slices(), g.spacingMm(), loaded.volume().modality(),
                        loaded.series().seriesInstanceUid(), loaded.series().description()),
                seed,
                new PlanReport.Segmentation(mask.countNonZero(), round(mask.volumeMl(), 2)),
                new PlanReport.Mesh(surface.triangleCount(), surface.isWatertight(), round(surface.areaMm2(), 1)),
                new PlanReport.Vessel(round(sim.centerline().lengthMm(), 1), round(l.minDiameterMm(), 2),
                        round(l.referenceDiameterMm(), 2), round(l.stenosisPercent(), 1), l.throatLps()),
                calibration, candidates, timings, warnings.isEmpty() ? null : warnings);
    }

    private void printSummary(PlanReport r) {
        PlanReport.Vessel v = r.vessel();
        say(String.format(Locale.ROOT, "vessel: centerline %.0f mm, narrowest %.1f mm, reference %.1f mm, stenosis %.0f %%",
                v.centerlineLengthMm(), v.minDiameterMm(), v.referenceDiameterMm(), v.stenosisPercent()));
        PlanReport.Calibration c = r.calibration();
        say(String.format(Locale.ROOT, "calibration: %s → arm %.1f/%.1f mmHg (residual %.2f mmHg, %d model runs)",
                c.target(), c.fitted().get("simulated_systolic_mmHg"), c.fitted().get("simulated_diastolic_mmHg"),
                c.residualMmHg(), c.evaluations()));
        say(String.format(Locale.ROOT, "%-10s %14s %16s %12s %12s %10s", "candidate", "peak-to-peak", "95 % interval",
                "P(>20)", "mean mmHg", "v_max m/s"));
        for (PlanReport.Candidate k : r.candidates()) {
            String ci = k.gradientCi95MmHg() == null ? "—"
                    : String.format(Locale.ROOT, "%.1f–%.1f", k.gradientCi95MmHg()[0], k.gradientCi95MmHg()[1]);
            say(String.format(Locale.ROOT, "%-10s %14.1f %16s %12s %12.1f %10.2f%s", k.name(), k.peakToPeakGradientMmHg(),
                    ci, k.pGradientAbove20MmHg() == null ? "—" : String.format(Locale.ROOT, "%.2f", k.pGradientAbove20MmHg()),
                    k.meanGradientMmHg(), k.peakVelocityMS(), k.peakToPeakGradientMmHg() > 20 ? "   above 20 mmHg" : ""));
        }
        PlanReport.Timings t = r.timingsMs();
        say(String.format(Locale.ROOT, "timings: load %d ms, segment %d ms, mesh %d ms, simulate %d ms", t.load(), t.segment(), t.mesh(), t.simulate()));
    }

    /**
     * Writes the waveforms of every candidate's last cycle: columns time_s, candidate, location, pressure_mmHg,
     * flow_ml_s; locations inlet, proximal, distal and each outlet.
     */
    static void writeWaveforms(CasePipeline.Simulation sim, List<String> names, Path csv) throws IOException {
        StringBuilder b = new StringBuilder("time_s,candidate,location,pressure_mmHg,flow_ml_s\n");
        for (int ci = 0; ci < sim.candidates().size(); ci++) {
            CasePipeline.CandidateResult c = sim.candidates().get(ci);
            PulsatileOutcome.Waveforms w = c.outcome().waveforms();
            for (String loc : w.pressurePa().keySet()) {
                double[] p = w.pressurePa().get(loc), q = w.flowM3s().get(loc);
                for (int k = 0; k < w.timeS().length; k++) {
                    b.append(String.format(Locale.ROOT, "%.5f,%s,%s,%.3f,%.4f%n", w.timeS()[k], names.get(ci), loc,
                            Units.paToMmHg(p[k]), Units.m3sToMlPerS(q[k])));
                }
            }
        }
        Files.writeString(csv, b.toString());
    }

    /** The JSON writer for plan.json: indented, field order as declared. */
    public static ObjectMapper mapper() {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    private void say(String s) {
        if (log != null) {
            log.println(s);
        }
    }

    private static long ms(long nanos) {
        return Math.round(nanos / 1e6);
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
