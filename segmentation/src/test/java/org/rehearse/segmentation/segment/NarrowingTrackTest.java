package org.rehearse.segmentation.segment;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rehearse.segmentation.Progress;
import org.rehearse.segmentation.image.ImageGeometry;
import org.rehearse.segmentation.image.LabelMap;
import org.rehearse.segmentation.image.Volume;

/**
 * The tracker must follow the lumen through a coarctation: a straight vessel of 10 mm radius (400 HU in −100 HU fat,
 * σ 15 HU noise, 0.8 mm voxels) narrowed to 3 mm radius (a 70 % diameter stenosis) over 6 mm in its middle. Tracked
 * from a seed below the narrowing, the segmentation must reach the far end above it.
 */
class NarrowingTrackTest {
    @Test
    void trackingFollowsTheLumenThroughASevereNarrowing() {
        int n = 60, slices = 150;
        double sp = 0.8;
        ImageGeometry g = ImageGeometry.axial(n, n, slices, new double[] {sp, sp, sp}, new double[] {-24, -24, 0});
        short[] hu = new short[Math.toIntExact(g.voxelCount())];
        byte[] truth = new byte[hu.length];
        Random rnd = new Random(3);
        double[] p = new double[3];
        double zMid = 0.5 * (slices - 1) * sp;
        for (int k = 0; k < slices; k++) {
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < n; i++) {
                    g.indexToLps(new double[] {i, j, k}, p);
                    double dz = Math.abs(p[2] - zMid);
                    double r = dz < 3 ? 3 : dz < 8 ? 3 + 7 * (dz - 3) / 5 : 10;
                    boolean in = Math.hypot(p[0], p[1]) <= r;
                    int q = g.index(i, j, k);
                    truth[q] = (byte) (in ? 1 : 0);
                    hu[q] = (short) Math.round((in ? 400 : -100) + 15 * rnd.nextGaussian());
                }
            }
        }
        Volume ct = new Volume(g, hu, "CT");
        double[] seed = {0, 0, 20};
        LabelMap tracked = AortaSegmenter.segmentByTracking(ct, seed, SegmentationParameters.defaults(), Progress.NONE);
        int top = -1;
        for (int k = slices - 1; k >= 0 && top < 0; k--) {
            for (int q = k * n * n; q < (k + 1) * n * n; q++) {
                if (tracked.labels()[q] != 0) {
                    top = k;
                    break;
                }
            }
        }
        double dice = tracked.dice(new LabelMap(g, truth));
        System.out.printf("tracking through a 70 %% narrowing: reaches slice %d of %d, Dice %.3f%n", top, slices - 1, dice);
        assertTrue(top >= slices - 8, "tracking stopped at slice " + top + " (the narrowing is at " + (slices / 2) + ")");
        assertTrue(dice >= 0.9, "Dice " + dice);
    }
}
