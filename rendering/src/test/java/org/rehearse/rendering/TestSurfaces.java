package org.rehearse.rendering;

import java.util.function.DoubleUnaryOperator;
import org.rehearse.segmentation.mesh.SurfaceMesh;

/** Closed, outward-oriented (counter-clockwise) test surfaces in LPS mm. */
final class TestSurfaces {
    private TestSurfaces() {
    }

    /**
     * A capped tube along the superior axis: rings at z = z0 … z1 (LPS S), centre (cx + shift(z), cy), radius r(z).
     */
    static SurfaceMesh tube(double cx, double cy, double z0, double z1, DoubleUnaryOperator shift,
                            DoubleUnaryOperator radius, int rings, int sides) {
        int v = rings * sides + 2;
        float[] p = new float[3 * v];
        for (int a = 0; a < rings; a++) {
            double z = z0 + (z1 - z0) * a / (rings - 1);
            double r = radius.applyAsDouble(z), x0 = cx + shift.applyAsDouble(z);
            for (int s = 0; s < sides; s++) {
                double th = 2 * Math.PI * s / sides;
                int q = 3 * (a * sides + s);
                p[q] = (float) (x0 + r * Math.cos(th));
                p[q + 1] = (float) (cy + r * Math.sin(th));
                p[q + 2] = (float) z;
            }
        }
        int bottom = rings * sides, top = bottom + 1;
        p[3 * bottom] = (float) (cx + shift.applyAsDouble(z0));
        p[3 * bottom + 1] = (float) cy;
        p[3 * bottom + 2] = (float) z0;
        p[3 * top] = (float) (cx + shift.applyAsDouble(z1));
        p[3 * top + 1] = (float) cy;
        p[3 * top + 2] = (float) z1;
        int[] t = new int[3 * (2 * sides * (rings - 1) + 2 * sides)];
        int n = 0;
        for (int a = 0; a + 1 < rings; a++) {
            for (int s = 0; s < sides; s++) {
                int a0 = a * sides + s, a1 = a * sides + (s + 1) % sides;
                int b0 = a0 + sides, b1 = a1 + sides;
                t[n++] = a0; t[n++] = a1; t[n++] = b1;
                t[n++] = a0; t[n++] = b1; t[n++] = b0;
            }
        }
        for (int s = 0; s < sides; s++) {
            int a0 = s, a1 = (s + 1) % sides;
            t[n++] = bottom; t[n++] = a1; t[n++] = a0;
            int b0 = (rings - 1) * sides + s, b1 = (rings - 1) * sides + (s + 1) % sides;
            t[n++] = top; t[n++] = b0; t[n++] = b1;
        }
        return new SurfaceMesh(p, t, null);
    }

    /** An axis-aligned box from (x0, y0, z0) to (x1, y1, z1) LPS mm, 8 vertices, 12 outward triangles. */
    static SurfaceMesh box(double x0, double y0, double z0, double x1, double y1, double z1) {
        float[] p = new float[24];
        for (int c = 0; c < 8; c++) {
            p[3 * c] = (float) ((c & 1) == 0 ? x0 : x1);
            p[3 * c + 1] = (float) ((c & 2) == 0 ? y0 : y1);
            p[3 * c + 2] = (float) ((c & 4) == 0 ? z0 : z1);
        }
        int[] t = {
            0, 2, 3, 0, 3, 1,   // z0 face, normal -z
            4, 5, 7, 4, 7, 6,   // z1 face, normal +z
            0, 1, 5, 0, 5, 4,   // y0 face, normal -y
            2, 6, 7, 2, 7, 3,   // y1 face, normal +y
            0, 4, 6, 0, 6, 2,   // x0 face, normal -x
            1, 3, 7, 1, 7, 5};  // x1 face, normal +x
        return new SurfaceMesh(p, t, null);
    }
}
