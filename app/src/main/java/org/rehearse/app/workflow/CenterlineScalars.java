package org.rehearse.app.workflow;

import java.util.function.DoubleUnaryOperator;
import org.rehearse.segmentation.mesh.SurfaceMesh;
import org.rehearse.simulation.geometry.Centerline;

/**
 * Maps a quantity known along the centerline (a 1D model's result, e.g. systolic pressure against arc length) onto
 * the vertices of a surface: each vertex takes the value at the arc length of its nearest centerline point
 * ({@link Centerline#project}), linearly interpolated, held constant beyond the ends. This is how a 1D model's
 * cross-section-averaged result is usually painted on a 3D wall for display; it carries no 3D information.
 */
public final class CenterlineScalars {
    private CenterlineScalars() {
    }

    /**
     * @param surface     the surface (LPS mm)
     * @param centerline  the centerline the surface was measured on (LPS mm)
     * @param toProfileMm maps a centerline arc length (mm) to the arc length of {@code arcLengthMm} (identity unless
     *                    the repair changed the vessel's length, see
     *                    {@link org.rehearse.simulation.repair.Repair#mapArcLengthMm})
     * @param arcLengthMm the profile's arc lengths (mm), increasing, {@code [m]}, m ≥ 1
     * @param values      the profile's values, {@code [m]}
     * @return one value per vertex, {@code [V]} in the surface's vertex order
     * @throws IllegalArgumentException when the profile is empty or its arrays differ in length
     */
    public static double[] perVertex(SurfaceMesh surface, Centerline centerline, DoubleUnaryOperator toProfileMm,
                                     double[] arcLengthMm, double[] values) {
        if (arcLengthMm.length == 0 || arcLengthMm.length != values.length) {
            throw new IllegalArgumentException("profile needs matching, non-empty arrays: " + arcLengthMm.length
                    + " arc lengths, " + values.length + " values");
        }
        float[] p = surface.pointsLps();
        double[] out = new double[surface.vertexCount()];
        double[] q = new double[3];
        for (int v = 0; v < out.length; v++) {
            q[0] = p[3 * v];
            q[1] = p[3 * v + 1];
            q[2] = p[3 * v + 2];
            double s = toProfileMm.applyAsDouble(centerline.project(q)[0]);
            out[v] = interpolate(arcLengthMm, values, s);
        }
        return out;
    }

    /**
     * Linear interpolation in a table, constant beyond its ends.
     *
     * @param x  increasing abscissae, {@code [m]}, m ≥ 1
     * @param y  values, {@code [m]}
     * @param at where to interpolate
     * @return the interpolated value
     */
    public static double interpolate(double[] x, double[] y, double at) {
        if (at <= x[0]) return y[0];
        int n = x.length;
        if (at >= x[n - 1]) return y[n - 1];
        int lo = 0, hi = n - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (x[mid] <= at) lo = mid; else hi = mid;
        }
        double t = (at - x[lo]) / (x[hi] - x[lo]);
        return y[lo] + t * (y[hi] - y[lo]);
    }
}
