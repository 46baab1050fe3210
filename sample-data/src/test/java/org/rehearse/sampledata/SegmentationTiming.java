package org.rehearse.sampledata;

import java.util.Arrays;
import org.rehearse.segmentation.Progress;
import org.rehearse.segmentation.image.LabelMap;
import org.rehearse.segmentation.mesh.SurfaceExtractor;
import org.rehearse.segmentation.mesh.SurfaceMesh;
import org.rehearse.segmentation.mesh.SurfaceParameters;
import org.rehearse.segmentation.segment.AortaSegmenter;
import org.rehearse.segmentation.segment.SegmentationParameters;

/**
 * Not a test (no assertions, not run by surefire): measures the seeded segmentation and the surface of the default
 * 512×512×300 phantom and prints Dice and medians. Run its {@code main} with the test class path.
 */
public final class SegmentationTiming {
    private SegmentationTiming() {
    }

    /** @param args optional: number of repetitions (default 5) */
    public static void main(String[] args) {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Phantom ph = PhantomGenerator.generate(PhantomSpec.defaults(), Progress.NONE);
        double[] seg = new double[reps], mesh = new double[reps];
        LabelMap m = null;
        for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            m = AortaSegmenter.segment(ph.volume(), ph.seedLpsMm(), SegmentationParameters.defaults(), Progress.NONE);
            long t1 = System.nanoTime();
            SurfaceMesh s = SurfaceExtractor.extract(m, 1, SurfaceParameters.DEFAULT, Progress.NONE);
            long t2 = System.nanoTime();
            seg[r] = (t1 - t0) / 1e6;
            mesh[r] = (t2 - t1) / 1e6;
            System.out.printf("run %d: segment %.0f ms, surface %.0f ms, Dice %.4f%n", r, seg[r], mesh[r], m.dice(ph.truthLumen()));
        }
        double[] tr = new double[reps];
        for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            AortaSegmenter.track(ph.volume(), ph.seedLpsMm(), SegmentationParameters.defaults(), Progress.NONE);
            tr[r] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(tr);
        System.out.printf("median of the centerline tracking alone (part of segment): %.0f ms%n", tr[reps / 2]);
        Arrays.sort(seg);
        Arrays.sort(mesh);
        System.out.printf("median: segment %.0f ms, surface %.0f ms, total %.0f ms; Dice %.4f%n", seg[reps / 2], mesh[reps / 2],
                seg[reps / 2] + mesh[reps / 2], m.dice(ph.truthLumen()));
    }
}
