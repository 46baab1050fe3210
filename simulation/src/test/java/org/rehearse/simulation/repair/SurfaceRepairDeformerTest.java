package org.rehearse.simulation.repair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rehearse.segmentation.mesh.SurfaceMesh;
import org.rehearse.simulation.SyntheticVessels;
import org.rehearse.simulation.geometry.Centerline;

class SurfaceRepairDeformerTest {
    static final int RING = 48;
    static final double DZ = 0.5, LENGTH = 120, THROAT = 50;

    static double radius(double s) {
        return SyntheticVessels.coarctRadiusMm(s - THROAT + SyntheticVessels.THROAT_Z);
    }

    /** A closed tube along +z from z = 0 to LENGTH with the coarctation profile; capped with fans, CCW outward. */
    static SurfaceMesh tube() {
        int rings = (int) Math.round(LENGTH / DZ) + 1;
        int nv = rings * RING + 2;
        float[] p = new float[3 * nv];
        for (int r = 0; r < rings; r++) {
            double z = r * DZ, rad = radius(z);
            for (int k = 0; k < RING; k++) {
                double a = 2 * Math.PI * k / RING;
                int v = r * RING + k;
                p[3 * v] = (float) (rad * Math.cos(a));
                p[3 * v + 1] = (float) (rad * Math.sin(a));
                p[3 * v + 2] = (float) z;
            }
        }
        int bottom = rings * RING, top = bottom + 1;
        p[3 * top + 2] = (float) LENGTH;
        int nt = 2 * RING * (rings - 1) + 2 * RING;
        int[] t = new int[3 * nt];
        int c = 0;
        for (int r = 0; r + 1 < rings; r++) {
            for (int k = 0; k < RING; k++) {
                int a = r * RING + k, b = r * RING + (k + 1) % RING, a2 = a + RING, b2 = b + RING;
                t[c++] = a; t[c++] = b; t[c++] = b2;
                t[c++] = a; t[c++] = b2; t[c++] = a2;
            }
        }
        for (int k = 0; k < RING; k++) {
            int a = k, b = (k + 1) % RING;
            t[c++] = bottom; t[c++] = b; t[c++] = a;
            int a2 = (rings - 1) * RING + k, b2 = (rings - 1) * RING + (k + 1) % RING;
            t[c++] = top; t[c++] = a2; t[c++] = b2;
        }
        return new SurfaceMesh(p, t, new float[3 * nv]);
    }

    static Centerline axis() {
        int n = (int) LENGTH + 1;
        double[] pts = new double[3 * n], r = new double[n];
        for (int i = 0; i < n; i++) {
            pts[3 * i + 2] = i;
            r[i] = radius(i);
        }
        return new Centerline(pts, r);
    }

    static VesselModel model() {
        int n = (int) LENGTH * 4 + 1;
        double[] s = new double[n], d = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = i * 0.25;
            d[i] = 2 * radius(s[i]);
        }
        return new VesselModel(s, d, new boolean[n], 2 * SyntheticVessels.TUBE_RADIUS_MM);
    }

    @Test
    void stentDeformationKeepsTheMeshWatertightAndLocal() {
        SurfaceMesh mesh = tube();
        assertTrue(mesh.isWatertight());
        assertTrue(mesh.volumeMm3() > 0);
        VesselModel before = model();
        Repair stent = new StentRepair(THROAT, 20, 18, 95);
        VesselModel after = stent.applyForDisplay(before);
        SurfaceMesh out = SurfaceRepairDeformer.apply(mesh, axis(), before, after);
        assertTrue(out.isWatertight());
        assertEquals(mesh.triangleCount(), out.triangleCount());
        // the repaired segment: where the profiles differ, widened to the neighbouring samples (0.25 mm apart)
        double first = Double.POSITIVE_INFINITY, last = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < before.size(); i++) {
            if (Math.abs(after.diameterMm(i) - before.diameterMm(i)) > 1e-9) {
                first = Math.min(first, before.arcLengthMm(i));
                last = Math.max(last, before.arcLengthMm(i));
            }
        }
        assertTrue(first < last);
        double transition = Math.max(SurfaceRepairDeformer.MIN_TRANSITION_MM, 0.5 * before.referenceDiameterMm());
        double lo = first - 0.25 - transition, hi = last + 0.25 + transition;
        float[] a = mesh.pointsLps(), b = out.pointsLps();
        int moved = 0;
        for (int v = 0; v < mesh.vertexCount(); v++) {
            double z = a[3 * v + 2];
            boolean changed = a[3 * v] != b[3 * v] || a[3 * v + 1] != b[3 * v + 1] || a[3 * v + 2] != b[3 * v + 2];
            if (z < lo - 1e-3 || z > hi + 1e-3) {
                assertTrue(!changed, "vertex " + v + " at z = " + z + " moved outside the segment and transition");
            }
            if (changed) moved++;
            if (Math.abs(z - THROAT) < 0.01) {
                // at the throat the wall moves to the stent's lumen radius
                assertEquals(0.5 * 0.95 * 18, Math.hypot(b[3 * v], b[3 * v + 1]), 1e-3);
                assertEquals(z, b[3 * v + 2], 1e-4);
            }
        }
        assertTrue(moved > 0);
        assertTrue(out.volumeMm3() > mesh.volumeMm3());
        for (int i = 0; i < out.normals().length; i += 3) {
            double l = Math.sqrt(out.normals()[i] * out.normals()[i] + out.normals()[i + 1] * out.normals()[i + 1]
                    + out.normals()[i + 2] * out.normals()[i + 2]);
            assertEquals(1, l, 1e-4);
        }
    }

    @Test
    void nativeLeavesTheMeshAloneAndResectionNeedsTheDisplayProfile() {
        SurfaceMesh mesh = tube();
        VesselModel before = model();
        assertSame(mesh, SurfaceRepairDeformer.apply(mesh, axis(), before, new NativeRepair().apply(before)));
        ResectionRepair r = new ResectionRepair(THROAT - 4, THROAT + 4, 18, 5);
        assertThrows(IllegalArgumentException.class, () -> SurfaceRepairDeformer.apply(mesh, axis(), before, r.apply(before)));
        SurfaceMesh shown = SurfaceRepairDeformer.apply(mesh, axis(), before, r.applyForDisplay(before));
        assertTrue(shown.isWatertight());
        assertTrue(shown.volumeMm3() > mesh.volumeMm3());
    }
}
