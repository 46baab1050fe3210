package org.rehearse.simulation.geometry;

import org.rehearse.segmentation.image.EuclideanDistanceTransform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rehearse.segmentation.Progress;
import org.rehearse.segmentation.image.ImageGeometry;
import org.rehearse.segmentation.image.LabelMap;
import org.rehearse.simulation.SyntheticVessels;

class GeometryTest {

    @Test
    void coarctTubeCenterlineProfileAndLesion() {
        LabelMap mask = SyntheticVessels.coarctTube();
        double[] seed = SyntheticVessels.coarctAxisLps(100);
        long t0 = System.nanoTime();
        Centerline c = CenterlineExtractor.extract(mask, seed, Progress.NONE);
        long t1 = System.nanoTime();
        DiameterProfile p = DiameterProfile.measure(mask, c, Progress.NONE);
        long t2 = System.nanoTime();
        Lesion lesion = LesionFinder.find(p);
        System.out.printf("coarct tube: centerline %.1f ms, profile %.1f ms, length %.2f mm, %d points%n",
                (t1 - t0) / 1e6, (t2 - t1) / 1e6, c.lengthMm(), c.size());
        double expectedLength = SyntheticVessels.TUBE_Z1 - SyntheticVessels.TUBE_Z0;
        assertEquals(expectedLength, c.lengthMm(), 0.03 * expectedLength);
        double originZ = SyntheticVessels.ORIGIN[2];
        for (int i = 0; i < c.size(); i++) {
            double[] q = c.pointLps(i);
            double[] axis = SyntheticVessels.coarctAxisLps(q[2] - originZ);
            assertEquals(axis[0], q[0], 0.6, "x of point " + i);
            assertEquals(axis[1], q[1], 0.6, "y of point " + i);
            if (p.endZone(i)) continue;
            double z = q[2] - originZ;
            double dAnalytic = 2 * SyntheticVessels.coarctRadiusMm(z);
            // the mask samples the narrowing only every 1 mm (slice spacing): within the steep flanks of the narrowing
            // the voxelised lumen can differ from the analytic one by the change of the radius over half a slice
            double sliceBlur = 2 * Math.max(Math.abs(SyntheticVessels.coarctRadiusMm(z + 0.5) - SyntheticVessels.coarctRadiusMm(z)),
                    Math.abs(SyntheticVessels.coarctRadiusMm(z - 0.5) - SyntheticVessels.coarctRadiusMm(z)));
            double tol = Math.max(0.5, 0.05 * dAnalytic) + sliceBlur;
            assertEquals(dAnalytic, p.diameterMm(i), tol, "diameter at z=" + (q[2] - originZ));
        }
        System.out.println("lesion " + lesion);
        double dMin = 2 * SyntheticVessels.THROAT_RADIUS_MM, dRef = 2 * SyntheticVessels.TUBE_RADIUS_MM;
        assertEquals(dMin, lesion.minDiameterMm(), 0.1 * dMin);
        assertEquals(dRef, lesion.referenceDiameterMm(), 0.05 * dRef);
        assertEquals(100 * (1 - dMin / dRef), lesion.stenosisPercent(), 5);
        assertEquals(originZ + SyntheticVessels.THROAT_Z, lesion.throatLps()[2], 1.0);
        assertTrue(lesion.lengthMm() > 3 && lesion.lengthMm() < 8, "extent " + lesion.lengthMm());
        assertTrue(lesion.startArcLengthMm() < lesion.throatArcLengthMm() && lesion.throatArcLengthMm() < lesion.endArcLengthMm());
    }

    @Test
    void archCenterlineFollowsTheCurveAndStartsAscending() {
        LabelMap mask = SyntheticVessels.arch(true);
        double[] seed = {SyntheticVessels.ARCH_X, SyntheticVessels.ARCH_YC - SyntheticVessels.ARCH_R, 200};
        CenterlineExtractor.extract(mask, seed, Progress.NONE); // warm-up
        long t0 = System.nanoTime();
        Centerline c = CenterlineExtractor.extract(mask, seed, Progress.NONE);
        long t1 = System.nanoTime();
        DiameterProfile p = DiameterProfile.measure(mask, c, Progress.NONE);
        long t2 = System.nanoTime();
        System.out.printf("arch 512x512x300: centerline %.1f ms, profile %.1f ms, length %.1f mm (analytic %.1f)%n",
                (t1 - t0) / 1e6, (t2 - t1) / 1e6, c.lengthMm(), SyntheticVessels.archLengthMm());
        assertEquals(SyntheticVessels.archLengthMm(), c.lengthMm(), 0.03 * SyntheticVessels.archLengthMm());
        // s = 0 is the ascending aorta (anterior, smaller y), the distal end the descending aorta at the border
        double[] first = c.pointLps(0), last = c.pointLps(c.size() - 1);
        assertEquals(SyntheticVessels.ARCH_YC - SyntheticVessels.ARCH_R, first[1], 1.5);
        assertEquals(SyntheticVessels.ROOT_Z, first[2], 2.0);
        assertEquals(SyntheticVessels.ARCH_YC + SyntheticVessels.ARCH_R, last[1], 1.5);
        assertEquals(0, last[2], 1.0);
        int branchFlags = 0;
        for (int i = 0; i < c.size(); i++) {
            double[] q = c.pointLps(i);
            assertEquals(0, distanceToArchAxis(q), 1.0, "point " + i + " off the analytic axis");
            if (p.branchSuspected(i)) branchFlags++;
            if (p.endZone(i)) continue;
            boolean nearBranch = Math.hypot(q[1] - SyntheticVessels.ARCH_YC, q[2] - SyntheticVessels.ARCH_Z0 - SyntheticVessels.ARCH_R) < 25;
            if (!nearBranch && c.arcLengthMm(i) > 12 && c.lengthMm() - c.arcLengthMm(i) > 12) {
                // a point off the axis by e has an inscribed sphere smaller by e
                assertEquals(2 * SyntheticVessels.AORTA_R, p.inscribedDiameterMm(i), 0.7 + 2 * distanceToArchAxis(q),
                        "inscribed diameter at point " + i);
            }
            assertEquals(2 * SyntheticVessels.AORTA_R, p.diameterMm(i), 0.05 * 2 * SyntheticVessels.AORTA_R,
                    "diameter at point " + i + " " + java.util.Arrays.toString(q));
        }
        assertTrue(branchFlags > 0, "the head vessel's ostium is flagged");
    }

    private static double distanceToArchAxis(double[] q) {
        double dx = q[0] - SyntheticVessels.ARCH_X;
        if (q[2] <= SyntheticVessels.ARCH_Z0) {
            double da = Math.abs(q[1] - (SyntheticVessels.ARCH_YC - SyntheticVessels.ARCH_R));
            double dd = Math.abs(q[1] - (SyntheticVessels.ARCH_YC + SyntheticVessels.ARCH_R));
            return Math.hypot(dx, Math.min(da, dd));
        }
        double rho = Math.hypot(q[1] - SyntheticVessels.ARCH_YC, q[2] - SyntheticVessels.ARCH_Z0) - SyntheticVessels.ARCH_R;
        return Math.hypot(dx, rho);
    }

    @Test
    void tubeCutByTheImageBorderEndsAtTheBorder() {
        LabelMap mask = SyntheticVessels.borderTube(7);
        Centerline c = CenterlineExtractor.extract(mask, null, Progress.NONE);
        ImageGeometry g = mask.geometry();
        // the iso-0.5 surface ends half a voxel beyond the first and last column centres
        double expected = g.columns() * g.spacingMm(0);
        assertEquals(expected, c.lengthMm(), 0.03 * expected);
        DiameterProfile p = DiameterProfile.measure(mask, c, Progress.NONE);
        assertTrue(p.endZone(0) && p.endZone(c.size() - 1));
        for (int i = 0; i < c.size(); i++) {
            if (!p.endZone(i)) assertEquals(14, p.diameterMm(i), 0.7, "diameter at " + i);
        }
        Lesion lesion = LesionFinder.find(p);
        assertTrue(Math.abs(lesion.stenosisPercent()) < 5, "no stenosis in a straight tube: " + lesion);
    }

    @Test
    void seedOutsideTheMaskSnapsToTheNearestLumenAndCancellationStops() {
        LabelMap mask = SyntheticVessels.borderTube(7);
        Centerline fromNull = CenterlineExtractor.extract(mask, null, Progress.NONE);
        // 20 mm beside the tube (outside the lumen): the nearest lumen voxel is used
        Centerline fromOutside = CenterlineExtractor.extract(mask, new double[] {40, 16.1, 21.2 + 20}, Progress.NONE);
        assertEquals(fromNull.lengthMm(), fromOutside.lengthMm(), 1.0);
        assertThrows(IllegalArgumentException.class,
                () -> CenterlineExtractor.extract(mask, new double[] {Double.NaN, 0, 0}, Progress.NONE));
        Progress cancelled = new Progress() {
            @Override public void update(double fraction, String message) { }
            @Override public boolean isCancelled() { return true; }
        };
        assertThrows(Progress.CancelledException.class, () -> CenterlineExtractor.extract(mask, null, cancelled));
    }

    @Test
    void emptyMaskIsRejected() {
        LabelMap empty = new LabelMap(ImageGeometry.axial(10, 10, 10, new double[] {1, 1, 1}, new double[] {0, 0, 0}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CenterlineExtractor.extract(empty, null, Progress.NONE));
        assertTrue(e.getMessage().contains("empty"));
    }

    @Test
    void distanceTransformIsExactWithAnisotropicSpacing() {
        int nx = 9, ny = 7, nz = 5;
        boolean[] in = new boolean[nx * ny * nz];
        java.util.Arrays.fill(in, true);
        in[4 + nx * (3 + ny * 2)] = false;
        in[0] = false;
        double[] sp = {0.5, 0.7, 1.3};
        float[] d2 = EuclideanDistanceTransform.squaredMm2(in, nx, ny, nz, sp);
        for (int k = 0; k < nz; k++) for (int j = 0; j < ny; j++) for (int i = 0; i < nx; i++) {
            double a = sq((i - 4) * sp[0]) + sq((j - 3) * sp[1]) + sq((k - 2) * sp[2]);
            double b = sq(i * sp[0]) + sq(j * sp[1]) + sq(k * sp[2]);
            assertEquals(Math.min(a, b), d2[i + nx * (j + ny * k)], 1e-4);
        }
    }

    private static double sq(double v) { return v * v; }
}
