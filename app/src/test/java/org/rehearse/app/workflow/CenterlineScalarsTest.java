package org.rehearse.app.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.rehearse.segmentation.mesh.SurfaceMesh;
import org.rehearse.simulation.geometry.Centerline;

/** Painting a centerline quantity onto a surface's vertices. */
class CenterlineScalarsTest {

    /** A straight centerline along LPS z from 0 to 100 mm and a ring of four vertices at z = 0, 25, 50, …, 100. */
    @Test
    void eachVertexTakesTheValueAtItsNearestArcLength() {
        double[] pts = new double[3 * 11];
        double[] r = new double[11];
        for (int i = 0; i <= 10; i++) {
            pts[3 * i + 2] = 10 * i;
            r[i] = 5;
        }
        Centerline cl = new Centerline(pts, r);
        float[] v = new float[3 * 20];
        int n = 0;
        for (int ring = 0; ring < 5; ring++) {
            for (int k = 0; k < 4; k++) {
                double a = Math.PI / 2 * k;
                v[3 * n] = (float) (5 * Math.cos(a));
                v[3 * n + 1] = (float) (5 * Math.sin(a));
                v[3 * n + 2] = 25 * ring;
                n++;
            }
        }
        int[] tri = {0, 1, 2};
        SurfaceMesh mesh = new SurfaceMesh(v, tri, null);
        double[] s = {0, 50, 100}, p = {120, 100, 90};
        double[] out = CenterlineScalars.perVertex(mesh, cl, x -> x, s, p);
        assertEquals(20, out.length);
        double[] expected = {120, 110, 100, 95, 90};
        for (int i = 0; i < 20; i++) {
            assertEquals(expected[i / 4], out[i], 1e-4, "vertex " + i);
        }
        // a shortening repair: native arc length s maps to s − 20 beyond 40 mm
        double[] shifted = CenterlineScalars.perVertex(mesh, cl, x -> x > 40 ? x - 20 : x, s, p);
        assertEquals(120 - 20 * 30 / 50.0, shifted[8], 1e-4); // z = 50 → 30 mm on the repaired vessel
        assertEquals(90, CenterlineScalars.interpolate(s, p, 1000), 0);
        assertEquals(120, CenterlineScalars.interpolate(s, p, -5), 0);
        assertThrows(IllegalArgumentException.class, () -> CenterlineScalars.perVertex(mesh, cl, x -> x, s, new double[2]));
    }
}
