package org.rehearse.app.plan;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.rehearse.rendering.OrthoSliceView;
import org.rehearse.sampledata.Phantom;
import org.rehearse.sampledata.PhantomGenerator;
import org.rehearse.sampledata.PhantomSpec;
import org.rehearse.sampledata.PhantomWriter;
import org.rehearse.segmentation.Progress;
import org.rehearse.segmentation.dicom.DicomException;
import org.rehearse.segmentation.dicom.DicomScanResult;
import org.rehearse.segmentation.edit.GrowParameters;
import org.rehearse.segmentation.edit.LabelInfo;
import org.rehearse.segmentation.edit.SegmentEditor;
import org.rehearse.segmentation.edit.Segmentation;
import org.rehearse.segmentation.edit.SliceOrientation;
import org.rehearse.segmentation.image.ImageGeometry;
import org.rehearse.segmentation.image.LabelMap;
import org.rehearse.segmentation.image.Volume;
import org.rehearse.segmentation.mesh.SurfaceExtractor;
import org.rehearse.segmentation.mesh.SurfaceMesh;
import org.rehearse.segmentation.mesh.SurfaceParameters;
import org.rehearse.segmentation.segment.AortaLabel;
import org.rehearse.segmentation.segment.AortaSegmentation;
import org.rehearse.segmentation.segment.AortaSegmenter;
import org.rehearse.segmentation.segment.SegmentationParameters;
import org.rehearse.simulation.pulsatile.HemodynamicStudy;
import org.rehearse.simulation.pulsatile.PatientMeasurements;
import org.rehearse.simulation.pulsatile.PulsatileModel;
import org.rehearse.simulation.pulsatile.UncertaintyAnalysis;
import org.rehearse.simulation.repair.NativeRepair;
import org.rehearse.simulation.repair.Repair;

/**
 * The project's benchmark ({@code rehearse bench}): writes a phantom series of the given size as DICOM into a
 * temporary folder, then times, {@code repeats} times, the four steps of a plan — load (scan + decode), segmentation
 * from the phantom's seed, surface (flying edges, smoothing, decimation) and simulation (centerline, diameters,
 * candidates) — and prints each step's median, minimum and maximum in milliseconds. The first run is a warm-up and is
 * not counted. The simulate step calibrates the pulsatile model and simulates the five default candidates without
 * uncertainty samples. Then the hemodynamics alone: one native run of the calibrated model from rest to its periodic
 * state ({@code repeats} times), and {@code samples} uncertainty samples of every candidate (once), on all processors.
 * Wall-clock times on whatever machine runs it; compare numbers from the same machine only.
 */
public final class Bench {
    private Bench() {
    }

    /**
     * @param spec    phantom size etc.
     * @param repeats timed repetitions (≥ 1), after one warm-up
     * @return {load, segment, mesh, simulate} medians in ms
     */
    public static long[] run(PhantomSpec spec, int repeats, PrintStream out) throws IOException, DicomException {
        return run(spec, repeats, 0, out);
    }

    /**
     * @param samples uncertainty samples per candidate to time (0: skip that part)
     * @return {load, segment, mesh, simulate} medians in ms
     */
    public static long[] run(PhantomSpec spec, int repeats, int samples, PrintStream out) throws IOException, DicomException {
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be at least 1, got " + repeats);
        }
        Path dir = Files.createTempDirectory("rehearse-bench");
        try {
            out.printf(Locale.ROOT, "bench: phantom %dx%dx%d (columns x rows x slices), %d timed runs after a warm-up%n",
                    spec.columns(), spec.rows(), spec.slices(), repeats);
            long g0 = System.nanoTime();
            Phantom phantom = PhantomGenerator.generate(spec, Progress.NONE);
            PhantomWriter.write(phantom, dir, Progress.NONE);
            out.printf(Locale.ROOT, "bench: phantom generated and written in %d ms (not part of the timings)%n",
                    (System.nanoTime() - g0) / 1_000_000);
            double[] seed = phantom.seedLpsMm();
            Path dicom = dir.resolve(PhantomWriter.DICOM_DIR);
            long[][] t = new long[4][repeats];
            PatientMeasurements patient = PatientMeasurements.defaults();
            CasePipeline.Simulation last = null;
            for (int r = -1; r < repeats; r++) {
                long a = System.nanoTime();
                DicomScanResult scan = CasePipeline.scan(dicom, Progress.NONE);
                CasePipeline.Loaded loaded = CasePipeline.load(scan, null, Progress.NONE);
                long b = System.nanoTime();
                LabelMap mask = CasePipeline.segment(loaded.volume(), seed, Progress.NONE);
                long c = System.nanoTime();
                SurfaceMesh surface = CasePipeline.surface(mask, Progress.NONE);
                long d = System.nanoTime();
                last = CasePipeline.simulate(mask, surface, seed, patient, 0, Progress.NONE);
                long e = System.nanoTime();
                if (r >= 0) {
                    t[0][r] = b - a;
                    t[1][r] = c - b;
                    t[2][r] = d - c;
                    t[3][r] = e - d;
                }
            }
            String[] names = {"load", "segment", "mesh", "simulate"};
            long[] medians = new long[4];
            out.printf(Locale.ROOT, "%-10s %10s %10s %10s%n", "step", "median ms", "min ms", "max ms");
            for (int s = 0; s < 4; s++) {
                long[] x = t[s].clone();
                Arrays.sort(x);
                medians[s] = x[x.length / 2] / 1_000_000;
                out.printf(Locale.ROOT, "%-10s %10d %10d %10d%n", names[s], medians[s], x[0] / 1_000_000, x[x.length - 1] / 1_000_000);
            }
            PulsatileModel model = last.study().calibration().model();
            long[] one = new long[repeats];
            int cycles = 0;
            for (int r = -1; r < repeats; r++) {
                long a = System.nanoTime();
                PulsatileModel.Run run = model.run(new NativeRepair(), null);
                if (r >= 0) one[r] = System.nanoTime() - a;
                cycles = run.outcome().cycles();
            }
            Arrays.sort(one);
            out.printf(Locale.ROOT, "1D model, native, from rest to the periodic state (%d cycles): median %d ms, min %d, max %d%n",
                    cycles, one[one.length / 2] / 1_000_000, one[0] / 1_000_000, one[one.length - 1] / 1_000_000);
            if (samples > 0) {
                var lesion = last.lesion();
                UncertaintyAnalysis ua = new UncertaintyAnalysis(last.study().calibration(), lesion.startArcLengthMm(),
                        lesion.endArcLengthMm(), spec.spacingMm()[0], HemodynamicStudy.DEFAULT_SEED);
                out.printf(Locale.ROOT, "uncertainty: %d samples per candidate on %d processors%n", samples,
                        Runtime.getRuntime().availableProcessors());
                for (CasePipeline.CandidateResult c : last.candidates()) {
                    Repair rep = c.repair();
                    PulsatileModel.Run nominal = model.run(rep, null);
                    long a = System.nanoTime();
                    UncertaintyAnalysis.Result u = ua.run(rep, samples, nominal);
                    out.printf(Locale.ROOT, "  %-10s %8.1f s   gradient %.1f mmHg, 95 %% interval %.1f–%.1f, P(>20) %.2f%n",
                            rep.name(), (System.nanoTime() - a) / 1e9, nominal.outcome().peakToPeakGradientMmHg(),
                            u.ci95LowMmHg(), u.ci95HighMmHg(), u.pAboveThreshold());
                }
            }
            editorGrowAndSurface(dicom, seed, repeats, out);
            return medians;
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * Times the segment editor's seeded region growing (6-connected, from the phantom's seed, within half the seed's
     * HU … 1500 HU) plus the label's 3D surface as the editor builds it ({@link SurfaceParameters#INTERACTIVE}), its
     * one-click aorta ({@link AortaSegmenter#segment}) plus surface, and a brush stroke; prints medians.
     */
    private static void editorGrowAndSurface(Path dicom, double[] seed, int repeats, PrintStream out)
            throws IOException, DicomException {
        Volume volume = CasePipeline.load(CasePipeline.scan(dicom, Progress.NONE), null, Progress.NONE).volume();
        ImageGeometry g = volume.geometry();
        double[] ijk = g.lpsToIndex(seed, null);
        int seedHu = volume.get((int) Math.round(ijk[0]), (int) Math.round(ijk[1]), (int) Math.round(ijk[2]));
        GrowParameters range = GrowParameters.range(seedHu / 2, 1500);
        long[] grow = new long[repeats], surface = new long[repeats];
        int triangles = 0;
        long voxels = 0;
        for (int r = -1; r < repeats; r++) {
            Segmentation s = new Segmentation(g);
            s.addLabel(new LabelInfo(1, "aorta", 0xD8654F));
            SegmentEditor editor = new SegmentEditor(s, volume);
            long a = System.nanoTime();
            editor.growFromLpsSeeds(1, List.of(seed), range);
            long b = System.nanoTime();
            SurfaceMesh mesh = SurfaceExtractor.extract(s.labelMap(), 1, SurfaceParameters.INTERACTIVE, Progress.NONE);
            long c = System.nanoTime();
            if (r >= 0) {
                grow[r] = b - a;
                surface[r] = c - b;
            }
            triangles = mesh.triangleCount();
            voxels = s.labelMap().countNonZero();
        }
        long[] total = new long[repeats];
        for (int r = 0; r < repeats; r++) {
            total[r] = grow[r] + surface[r];
        }
        Arrays.sort(grow);
        Arrays.sort(surface);
        Arrays.sort(total);
        long[] click = new long[repeats], clickAorta = new long[repeats];
        int labels = 0;
        for (int r = -1; r < repeats; r++) {
            long a = System.nanoTime();
            AortaSegmentation seg = AortaSegmenter.segmentWithBranches(volume, seed, SegmentationParameters.defaults(),
                    Progress.NONE);
            SurfaceExtractor.extract(seg.labels(), AortaLabel.AORTA.value(), SurfaceParameters.INTERACTIVE, Progress.NONE);
            long b = System.nanoTime();
            for (AortaLabel l : seg.branchesFound()) {
                SurfaceExtractor.extract(seg.labels(), l.value(), SurfaceParameters.INTERACTIVE, Progress.NONE);
            }
            if (r >= 0) {
                clickAorta[r] = b - a;
                click[r] = System.nanoTime() - a;
            }
            labels = 1 + seg.branchesFound().size();
        }
        Arrays.sort(click);
        Arrays.sort(clickAorta);
        out.printf(Locale.ROOT, "segment editor, one-click aorta with its branches + aorta surface: median %d ms; with all %d "
                + "surfaces %d ms (min %d, max %d)%n", clickAorta[repeats / 2] / 1_000_000, labels,
                click[repeats / 2] / 1_000_000, click[0] / 1_000_000, click[repeats - 1] / 1_000_000);
        brushStroke(volume, seed, out);
        out.printf(Locale.ROOT, "segment editor, seeded growing %d…1500 HU (%d voxels) + surface (%d triangles): median %d ms "
                + "(growing %d, surface %d), min %d, max %d%n", seedHu / 2, voxels, triangles, total[repeats / 2] / 1_000_000,
                grow[repeats / 2] / 1_000_000, surface[repeats / 2] / 1_000_000, total[0] / 1_000_000,
                total[repeats - 1] / 1_000_000);
    }

    /** Dabs in one timed brush stroke. */
    private static final int DABS = 200;

    /**
     * Times a brush stroke of {@value #DABS} dabs (5 mm spheres 0.5 mm apart, near the seed): the label-map update of
     * each dab alone, and, where JavaFX can start (a display, or Xvfb as {@code ./rehearse} provides), the update plus
     * the refresh of the editor's three slice views, run on the JavaFX thread as the editor does. Prints medians.
     */
    private static void brushStroke(Volume volume, double[] seed, PrintStream out) {
        ImageGeometry g = volume.geometry();
        Segmentation s = new Segmentation(g);
        s.addLabel(new LabelInfo(1, "aorta", 0xD8654F));
        SegmentEditor editor = new SegmentEditor(s, volume);
        double[] data = new double[DABS];
        SegmentEditor.Stroke stroke = editor.beginStroke(1, false);
        double[] last = seed;
        for (int r = 0; r < DABS; r++) {
            double[] p = {seed[0] + 0.5 * (r % 80) - 20, seed[1], seed[2] + r / 80};
            long a = System.nanoTime();
            stroke.sphereLine(last, p, 5.0);
            data[r] = (System.nanoTime() - a) / 1e6;
            last = p;
        }
        stroke.end();
        Arrays.sort(data);
        out.printf(Locale.ROOT, "segment editor, brush dab (5 mm sphere), label map update: median %.2f ms, max %.2f%n",
                data[DABS / 2], data[DABS - 1]);
        double[] ui = new double[DABS];
        CompletableFuture<Void> done = new CompletableFuture<>();
        Runnable timed = () -> {
            try {
                List<OrthoSliceView> views = List.of(new OrthoSliceView(SliceOrientation.AXIAL),
                        new OrthoSliceView(SliceOrientation.CORONAL), new OrthoSliceView(SliceOrientation.SAGITTAL));
                HBox row = new HBox();
                for (OrthoSliceView v : views) {
                    v.setVolume(volume);
                    v.setLabelMap(s.labelMap());
                    v.setCursorLps(seed);
                    v.setPrefSize(500, 500);
                    row.getChildren().add(v);
                }
                Stage stage = new Stage();
                stage.setScene(new Scene(row, 1500, 500));
                stage.show();
                SegmentEditor.Stroke st = editor.beginStroke(1, false);
                double[] prev = seed;
                for (int r = 0; r < DABS; r++) {
                    double[] p = {seed[0] + 0.5 * (r % 80) - 20, seed[1] + 10, seed[2] + r / 80};
                    long a = System.nanoTime();
                    st.sphereLine(prev, p, 5.0);
                    views.forEach(OrthoSliceView::refresh);
                    ui[r] = (System.nanoTime() - a) / 1e6;
                    prev = p;
                }
                st.end();
                stage.close();
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        };
        try {
            try {
                Platform.startup(timed);
            } catch (IllegalStateException alreadyStarted) {
                Platform.runLater(timed);
            }
            done.get(120, TimeUnit.SECONDS);
            Arrays.sort(ui);
            out.printf(Locale.ROOT, "segment editor, brush dab + refresh of the three slice views: median %.2f ms, max %.2f%n",
                    ui[DABS / 2], ui[DABS - 1]);
        } catch (Exception | UnsatisfiedLinkError e) {
            out.println("segment editor, slice view refresh: not timed (JavaFX could not start: " + e + ")");
        }
    }
}
