package org.rehearse.segmentation.image;

import java.util.function.IntToDoubleFunction;

/** Trilinear interpolation on an {@link ImageGeometry} grid, shared by volumes and label maps. */
public final class Interpolation {
    private Interpolation() {
    }

    /**
     * Trilinear interpolation of a voxel array at continuous index (i, j, k); indices are clamped to the grid, so
     * outside the grid the nearest edge value is returned.
     *
     * @param g     the grid
     * @param value value of the voxel at a linear index ({@link ImageGeometry#index})
     */
    public static double trilinear(ImageGeometry g, double i, double j, double k, IntToDoubleFunction value) {
        int nx = g.columns(), ny = g.rows(), nz = g.slices();
        i = clamp(i, nx - 1);
        j = clamp(j, ny - 1);
        k = clamp(k, nz - 1);
        int i0 = (int) Math.floor(i), j0 = (int) Math.floor(j), k0 = (int) Math.floor(k);
        int i1 = Math.min(i0 + 1, nx - 1), j1 = Math.min(j0 + 1, ny - 1), k1 = Math.min(k0 + 1, nz - 1);
        double fx = i - i0, fy = j - j0, fz = k - k0;
        double c00 = lerp(value.applyAsDouble(g.index(i0, j0, k0)), value.applyAsDouble(g.index(i1, j0, k0)), fx);
        double c10 = lerp(value.applyAsDouble(g.index(i0, j1, k0)), value.applyAsDouble(g.index(i1, j1, k0)), fx);
        double c01 = lerp(value.applyAsDouble(g.index(i0, j0, k1)), value.applyAsDouble(g.index(i1, j0, k1)), fx);
        double c11 = lerp(value.applyAsDouble(g.index(i0, j1, k1)), value.applyAsDouble(g.index(i1, j1, k1)), fx);
        return lerp(lerp(c00, c10, fy), lerp(c01, c11, fy), fz);
    }

    private static double clamp(double v, int max) {
        return v < 0 ? 0 : (v > max ? max : v);
    }

    private static double lerp(double a, double b, double f) {
        return a + (b - a) * f;
    }
}
