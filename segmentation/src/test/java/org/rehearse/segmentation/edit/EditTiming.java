package org.rehearse.segmentation.edit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.rehearse.segmentation.image.ImageGeometry;
import org.rehearse.segmentation.image.Volume;

/**
 * Not a test: prints median times of the editing tools on a 512×512×300 label map (0.7×0.7×1.0 mm) with a synthetic
 * aorta-sized tube (radius 12 mm, 300 HU in −100 HU). Run by hand:
 * {@code java -cp ... org.rehearse.segmentation.edit.EditTiming [repeats]}.
 */
public final class EditTiming {
    private EditTiming() {
    }

    /** @param args [repeats of each brush measurement (default 200)] */
    public static void main(String[] args) throws Exception {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        ImageGeometry g = ImageGeometry.axial(512, 512, 300, new double[] {0.7, 0.7, 1.0}, new double[] {-180, -180, 0});
        short[] hu = new short[Math.toIntExact(g.voxelCount())];
        Arrays.fill(hu, (short) -100);
        for (int k = 0; k < 300; k++) {
            for (int j = 0; j < 512; j++) {
                for (int i = 0; i < 512; i++) {
                    double di = (i - 256) * 0.7, dj = (j - 256) * 0.7;
                    if (di * di + dj * dj <= 144) hu[g.index(i, j, k)] = 300;
                }
            }
        }
        Volume ct = new Volume(g, hu, "CT");
        Segmentation s = new Segmentation(g);
        s.addLabel(new LabelInfo(1, "aorta", 0xD8654F));
        s.addLabel(new LabelInfo(2, "barrier", 0x3C78D8));
        SegmentEditor ed = new SegmentEditor(s, ct);

        double[] t = new double[repeats];
        double[] c = g.indexToLps(new double[] {256, 256, 150}, null);
        // a stroke of dabs along a line: each dab is one sphere paint update plus its undo record
        SegmentEditor.Stroke st = ed.beginStroke(1, false);
        for (int r = 0; r < repeats; r++) {
            double[] p = {c[0] + 0.5 * (r % 80) - 20, c[1], c[2] + (r / 80)};
            long t0 = System.nanoTime();
            st.sphere(p, 5.0);
            t[r] = (System.nanoTime() - t0) / 1e6;
        }
        Edit strokeEdit = st.end();
        report("paint 5 mm sphere dab (in a stroke)", t);
        for (int r = 0; r < repeats; r++) {
            double[] p = {c[0] + 7 * (r % 20) - 70, c[1] + 40, c[2] + 2 * (r / 20) - 20};
            long t0 = System.nanoTime();
            Edit e = ed.paintSphere(1, p, 5.0); // one-dab stroke: paint + finished Edit + push on the undo stack
            t[r] = (System.nanoTime() - t0) / 1e6;
            if (r == 0) System.out.printf(Locale.ROOT, "  one 5 mm sphere: %d voxels, %d bytes of undo record%n", e.voxelCount(), e.memoryBytes());
        }
        report("paint 5 mm sphere as its own undo step", t);
        for (int r = 0; r < repeats; r++) {
            long t0 = System.nanoTime();
            s.undo();
            t[r] = (System.nanoTime() - t0) / 1e6;
            s.redo();
        }
        report("undo of a 5 mm sphere", t);
        for (int r = 0; r < repeats; r++) {
            double[] p = {c[0] + 7 * (r % 20) - 70, c[1] - 40, c[2]};
            long t0 = System.nanoTime();
            ed.paintDisc(1, p, 5.0, SliceOrientation.AXIAL);
            t[r] = (System.nanoTime() - t0) / 1e6;
        }
        report("paint 5 mm disc", t);
        System.out.printf(Locale.ROOT, "  stroke of %d dabs: %d voxels, undo record %d bytes; undo stack holds %d bytes%n",
                repeats, strokeEdit.voxelCount(), strokeEdit.memoryBytes(), s.undoStack().memoryBytes());

        s.undoStack().clear();
        Arrays.fill(s.labelMap().labels(), (byte) 0);
        time("threshold 200…400 HU, whole image", () -> ed.threshold(1, 200, 400, null));
        Arrays.fill(s.labelMap().labels(), (byte) 0);
        time("region growing 200…400 HU from one seed", () -> ed.growFromLpsSeeds(1, List.of(c), GrowParameters.range(200, 400)));
        Arrays.fill(s.labelMap().labels(), (byte) 0);
        time("region growing with cross-section bound 600 mm²", () -> ed.growFromLpsSeeds(1, List.of(c),
                GrowParameters.range(200, 400).withMaxCrossSection(600, SliceOrientation.AXIAL)));
        time("island sizes (26-connectivity)", () -> ed.islandSizes(1, Connectivity.TWENTY_SIX));
        time("keep largest island", () -> ed.keepLargestIsland(1, Connectivity.TWENTY_SIX));
        time("fill holes 3D", () -> ed.fillHoles(1));
        time("fill holes per axial slice", () -> ed.fillHolesPerSlice(1, SliceOrientation.AXIAL));
        time("grow by 3 mm", () -> ed.grow(1, 3));
        time("shrink by 3 mm", () -> ed.shrink(1, 3));
        time("Gaussian smoothing σ 1 mm", () -> ed.smoothGaussian(1, 1));
        time("median smoothing 1 mm", () -> ed.smoothMedian(1, 1));
        time("cut with a plane", () -> ed.cutWithPlane(1, c, new double[] {0, 0, 1}));
        Path dir = Files.createTempDirectory("rehearse-autosave-timing");
        try (Autosave a = new Autosave(dir)) {
            time("autosave (synchronous, gzip level 1)", () -> a.save(s));
            time("snapshot for a background autosave", s::snapshot);
            time("find recoverable autosave", () -> Autosave.findRecoverable(dir));
            a.discard();
        }
        Files.deleteIfExists(dir);
    }

    interface Job {
        Object run() throws Exception;
    }

    private static void time(String what, Job job) throws Exception {
        double[] t = new double[3];
        for (int r = 0; r < t.length; r++) {
            long t0 = System.nanoTime();
            job.run();
            t[r] = (System.nanoTime() - t0) / 1e6;
        }
        report(what, t);
    }

    private static void report(String what, double[] ms) {
        double[] s = ms.clone();
        Arrays.sort(s);
        System.out.printf(Locale.ROOT, "%-48s median %8.3f ms  (min %.3f, max %.3f, n=%d)%n", what, s[s.length / 2], s[0],
                s[s.length - 1], s.length);
    }
}
