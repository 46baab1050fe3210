package org.rehearse.sampledata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rehearse.segmentation.Progress;
import org.rehearse.segmentation.image.ImageGeometry;
import org.rehearse.segmentation.image.LabelMap;
import org.rehearse.segmentation.image.Volume;

class PhantomGeneratorTest {
    /** 1.2 × 1.2 × 2 mm voxels: fine enough to see the 6.3 mm throat, fast to generate. */
    static final PhantomSpec MEDIUM = PhantomSpec.defaults().withSize(256, 256, 150);
    static final PhantomSpec SMALL = PhantomSpec.defaults().withSize(128, 128, 75);
    static Phantom medium;

    @BeforeAll
    static void generate() {
        medium = PhantomGenerator.generate(MEDIUM, Progress.NONE);
    }

    @Test
    void sameSpecGivesSameVoxels() {
        Phantom a = PhantomGenerator.generate(SMALL, Progress.NONE);
        Phantom b = PhantomGenerator.generate(SMALL, Progress.NONE);
        assertArrayEquals(a.volume().values(), b.volume().values());
        assertArrayEquals(a.truthLumen().labels(), b.truthLumen().labels());
        assertEquals(a.centerline(), b.centerline());

        Phantom c = PhantomGenerator.generate(SMALL.withSeed(SMALL.seed() + 1), Progress.NONE);
        assertFalse(java.util.Arrays.equals(a.volume().values(), c.volume().values()), "another seed must change the noise");
        assertArrayEquals(a.truthLumen().labels(), c.truthLumen().labels(), "the seed changes only the noise");
    }

    @Test
    void spacingScalesWithSize() {
        assertArrayEquals(new double[] {0.6, 0.6, 1.0}, PhantomSpec.defaults().spacingMm(), 1e-12);
        assertArrayEquals(new double[] {2.4, 2.4, 4.0}, SMALL.spacingMm(), 1e-12);
        ImageGeometry g = PhantomGenerator.geometry(SMALL);
        assertEquals(128, g.columns());
        assertEquals(75, g.slices());
    }

    @Test
    void truthDiametersMatchTheSpec() {
        for (double f : new double[] {0.0, 0.5, 0.65, 0.9}) {
            Phantom p = PhantomGenerator.generate(SMALL.withStenosis(f).withNoise(0), Progress.NONE);
            assertEquals((1 - f) * p.referenceDiameterMm(), p.minDiameterMm(), 1e-9);
            assertEquals(100 * f, p.stenosisPercent(), 1e-9);
            assertEquals(18, p.referenceDiameterMm(), 1.0, "descending aorta of an adolescent");
            double minOnCenterline = p.centerline().stream().mapToDouble(CenterlinePoint::radiusMm).min().orElseThrow();
            if (f > 0.3) {
                assertEquals(p.minDiameterMm() / 2, minOnCenterline, 1e-9, "the throat is the narrowest centerline point");
            }
        }
        assertThrows(IllegalArgumentException.class, () -> SMALL.withStenosis(0.95));
        assertThrows(IllegalArgumentException.class, () -> SMALL.withStenosis(-0.1));
        assertThrows(IllegalArgumentException.class, () -> SMALL.withSize(64, 64, 40));
    }

    @Test
    void maskCrossSectionsShowTheNarrowingAtTheThroat() {
        List<CenterlinePoint> cl = medium.centerline();
        int throat = nearest(cl, medium.throatLpsMm());
        assertEquals(0, distance(cl.get(throat).lpsMm(), medium.throatLpsMm()), 1e-3);
        double step = 0.5;
        int from = throat - (int) (8 / step), to = throat + (int) (15 / step);
        int argMin = -1;
        double min = Double.MAX_VALUE;
        for (int n = from; n <= to; n++) {
            double d = equivalentDiameter(medium.truthLumen(), cl, n);
            if (d < min) {
                min = d;
                argMin = n;
            }
        }
        assertEquals(throat * step, argMin * step, 3.0, "narrowest mask cross-section (mm along the centerline)");
        assertEquals(medium.minDiameterMm(), equivalentDiameter(medium.truthLumen(), cl, throat), 1.2);
        int ref = throat + (int) (15 / step);
        assertEquals(medium.referenceDiameterMm(), equivalentDiameter(medium.truthLumen(), cl, ref), 1.2);
        // the narrowing sits just distal to the left subclavian origin
        CenterlinePoint subclavianOrigin = medium.branches().get("left_subclavian").get(0);
        double along = (throat - nearest(cl, subclavianOrigin.lpsMm())) * step;
        assertTrue(along > 5 && along < 25, "throat " + along + " mm beyond the left subclavian origin");
    }

    @Test
    void tissuesHaveTheStatedHounsfieldUnits() {
        Volume v = medium.volume();
        assertEquals(PhantomAnatomy.HU_BLOOD, mean(v, medium.seedLpsMm()), 15, "blood in the descending aorta");
        assertEquals(PhantomAnatomy.HU_LUNG, mean(v, new double[] {PhantomAnatomy.LUNG_CX, PhantomAnatomy.LUNG_CY, 10}), 15, "left lung");
        assertEquals(PhantomAnatomy.HU_LUNG, mean(v, new double[] {-PhantomAnatomy.LUNG_CX, PhantomAnatomy.LUNG_CY, 10}), 15, "right lung");
        double zBody = PhantomAnatomy.VB_Z0 + 7 * PhantomAnatomy.VB_PERIOD + PhantomAnatomy.VB_HEIGHT / 2;
        assertEquals(PhantomAnatomy.HU_CANCELLOUS, mean(v, new double[] {0, PhantomAnatomy.VB_CY, zBody}), 20, "vertebral body");
        assertEquals(PhantomAnatomy.HU_AIR, mean(v, new double[] {-145, -145, 0}), 15, "air outside the body");
        assertEquals(PhantomAnatomy.HU_BLOOD, mean(v, PhantomAnatomy.LV_C), 15, "left ventricle");
        assertEquals(PhantomAnatomy.HU_SOFT, mean(v, new double[] {45, 80, -130}), 15, "muscle of the back");
        // cortical rim is brighter than the cancellous bone
        double cortex = -1000;
        for (double y = PhantomAnatomy.VB_CY - PhantomAnatomy.VB_B - 2; y < PhantomAnatomy.VB_CY - PhantomAnatomy.VB_B + 4; y += 0.5) {
            double[] c = idx(v, new double[] {0, y, zBody});
            cortex = Math.max(cortex, v.get((int) Math.round(c[0]), (int) Math.round(c[1]), (int) Math.round(c[2])));
        }
        assertTrue(cortex > 400, "cortical rim " + cortex);
        // the seed lies in the truth lumen and the noise has the requested strength
        double[] s = v.geometry().lpsToIndex(medium.seedLpsMm(), null);
        assertEquals(1, medium.truthLumen().get((int) Math.round(s[0]), (int) Math.round(s[1]), (int) Math.round(s[2])));
        assertEquals(15, noiseSigma(v, medium.seedLpsMm()), 3);
    }

    @Test
    void regionGrowFromTheSeedStaysInTheVessels() {
        // a plain threshold + 6-connected grow from the seed must not leak into the heart or the spine
        Volume v = medium.volume();
        ImageGeometry g = v.geometry();
        LabelMap grown = new LabelMap(g);
        double[] s = g.lpsToIndex(medium.seedLpsMm(), null);
        int nx = g.columns(), ny = g.rows(), nz = g.slices();
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        int start = g.index((int) Math.round(s[0]), (int) Math.round(s[1]), (int) Math.round(s[2]));
        queue.add(start);
        grown.labels()[start] = 1;
        short[] hu = v.values();
        int[] off = {1, -1, nx, -nx, nx * ny, -nx * ny};
        while (!queue.isEmpty()) {
            int p = queue.poll();
            int i = p % nx, j = (p / nx) % ny, k = p / (nx * ny);
            for (int d = 0; d < 6; d++) {
                if ((d == 0 && i == nx - 1) || (d == 1 && i == 0) || (d == 2 && j == ny - 1) || (d == 3 && j == 0)
                        || (d == 4 && k == nz - 1) || (d == 5 && k == 0)) {
                    continue;
                }
                int q = p + off[d];
                if (grown.labels()[q] == 0 && hu[q] >= 200) {
                    grown.labels()[q] = 1;
                    queue.add(q);
                }
            }
        }
        double dice = grown.dice(medium.truthLumen());
        assertTrue(dice > 0.85, "Dice of the region grow against the truth: " + dice);
        double[] lv = g.lpsToIndex(PhantomAnatomy.LV_C, null);
        assertEquals(0, grown.get((int) Math.round(lv[0]), (int) Math.round(lv[1]), (int) Math.round(lv[2])), "leaked into the left ventricle");
        assertTrue(grown.countNonZero() < 1.2 * medium.truthLumen().countNonZero(), "grown region far larger than the lumen");
    }

    // ---- helpers

    private static double[] idx(Volume v, double[] lps) {
        return v.geometry().lpsToIndex(lps, null);
    }

    /** Mean over the 3 × 3 × 3 voxels around the voxel nearest to an LPS point. */
    static double mean(Volume v, double[] lps) {
        double[] c = idx(v, lps);
        int ci = (int) Math.round(c[0]), cj = (int) Math.round(c[1]), ck = (int) Math.round(c[2]);
        double sum = 0;
        for (int k = -1; k <= 1; k++) {
            for (int j = -1; j <= 1; j++) {
                for (int i = -1; i <= 1; i++) {
                    sum += v.get(ci + i, cj + j, ck + k);
                }
            }
        }
        return sum / 27;
    }

    private static double noiseSigma(Volume v, double[] lps) {
        double[] c = idx(v, lps);
        int ci = (int) Math.round(c[0]), cj = (int) Math.round(c[1]), ck = (int) Math.round(c[2]);
        double sum = 0, sum2 = 0;
        int n = 0;
        for (int k = -1; k <= 1; k++) {
            for (int j = -2; j <= 2; j++) {
                for (int i = -2; i <= 2; i++) {
                    double x = v.get(ci + i, cj + j, ck + k);
                    sum += x;
                    sum2 += x * x;
                    n++;
                }
            }
        }
        double m = sum / n;
        return Math.sqrt(sum2 / n - m * m);
    }

    static int nearest(List<CenterlinePoint> cl, double[] p) {
        int best = -1;
        double bd = Double.MAX_VALUE;
        for (int n = 0; n < cl.size(); n++) {
            double d = distance(cl.get(n).lpsMm(), p);
            if (d < bd) {
                bd = d;
                best = n;
            }
        }
        return best;
    }

    static double distance(double[] a, double[] b) {
        return Math.sqrt((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]) + (a[2] - b[2]) * (a[2] - b[2]));
    }

    /**
     * Diameter of the circle with the area of the mask's cross-section in the plane normal to the centerline at point
     * n, within 1.4 × the local truth radius (to exclude branches), sampled on a 0.2 mm grid by nearest voxel.
     */
    static double equivalentDiameter(LabelMap mask, List<CenterlinePoint> cl, int n) {
        double[] c = cl.get(n).lpsMm(), a = cl.get(n - 2).lpsMm(), b = cl.get(n + 2).lpsMm();
        double[] t = {b[0] - a[0], b[1] - a[1], b[2] - a[2]};
        double tl = Math.sqrt(t[0] * t[0] + t[1] * t[1] + t[2] * t[2]);
        for (int q = 0; q < 3; q++) {
            t[q] /= tl;
        }
        double[] u = Math.abs(t[0]) < 0.9 ? new double[] {1, 0, 0} : new double[] {0, 1, 0};
        double dot = u[0] * t[0] + u[1] * t[1] + u[2] * t[2];
        for (int q = 0; q < 3; q++) {
            u[q] -= dot * t[q];
        }
        double ul = Math.sqrt(u[0] * u[0] + u[1] * u[1] + u[2] * u[2]);
        for (int q = 0; q < 3; q++) {
            u[q] /= ul;
        }
        double[] w = {t[1] * u[2] - t[2] * u[1], t[2] * u[0] - t[0] * u[2], t[0] * u[1] - t[1] * u[0]};
        double limit = 1.4 * cl.get(n).radiusMm(), h = 0.2;
        ImageGeometry g = mask.geometry();
        int count = 0;
        double[] p = new double[3], ijk = new double[3];
        for (double x = -limit; x <= limit; x += h) {
            for (double y = -limit; y <= limit; y += h) {
                if (x * x + y * y > limit * limit) {
                    continue;
                }
                for (int q = 0; q < 3; q++) {
                    p[q] = c[q] + x * u[q] + y * w[q];
                }
                g.lpsToIndex(p, ijk);
                int i = (int) Math.round(ijk[0]), j = (int) Math.round(ijk[1]), k = (int) Math.round(ijk[2]);
                if (g.contains(i, j, k) && mask.get(i, j, k) != 0) {
                    count++;
                }
            }
        }
        return 2 * Math.sqrt(count * h * h / Math.PI);
    }
}
