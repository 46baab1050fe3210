package org.rehearse.simulation.repair;

import java.util.Objects;

import org.rehearse.segmentation.mesh.SurfaceMesh;
import org.rehearse.simulation.geometry.Centerline;

/**
 * Deforms the native lumen surface to show a repair: each vertex near the repaired segment moves radially about its
 * nearest centerline point so that its distance from the centerline scales by d_after(s)/d_before(s).
 *
 * <p>Rules:
 * <ul>
 *   <li>The repaired segment [a, b] is where the two profiles differ (|d_after/d_before − 1| &gt; 10⁻⁶). Beyond it the
 *       scale factor falls smoothly to 1 over a transition of {@code max(5 mm, ½ reference diameter)}, as a raised
 *       cosine of the distance in arc length, holding the factor of the nearer end of [a, b]; vertices whose nearest
 *       centerline point lies beyond the transition do not move at all.</li>
 *   <li>Vertices far from the centerline (more than 1.5 × the local native radius) belong to something else (a branch,
 *       a neighbouring loop of the vessel): their displacement fades with a raised cosine to 0 at 2.5 × the local
 *       radius, so the surface does not tear.</li>
 *   <li>Only vertex positions change: triangles are the same, so a watertight input stays watertight; vertex normals
 *       are recomputed (area-weighted triangle normals) when the input had normals.</li>
 *   <li>Both profiles must share the native arc length: for a resection pass
 *       {@link Repair#applyForDisplay(VesselModel)}, which keeps the native length and only widens the resected
 *       segment (the display does not shorten the vessel).</li>
 * </ul>
 */
public final class SurfaceRepairDeformer {
    /** Shortest transition (mm) beyond each end of the repaired segment. */
    public static final double MIN_TRANSITION_MM = 5.0;

    private SurfaceRepairDeformer() {
    }

    /**
     * @param nativeSurface the native lumen surface (LPS mm)
     * @param centerline    its centerline (same frame); arc length must match the profiles' within 1 mm
     * @param before        the native diameter profile (arc length along {@code centerline})
     * @param after         the repaired diameter profile on the same arc length (from {@link Repair#applyForDisplay})
     * @return a new mesh with moved vertices and the same triangles; the input itself when nothing changes
     * @throws IllegalArgumentException when the profiles' lengths differ from each other or from the centerline by more
     *                                  than 1 mm
     */
    public static SurfaceMesh apply(SurfaceMesh nativeSurface, Centerline centerline, VesselModel before, VesselModel after) {
        Objects.requireNonNull(nativeSurface, "nativeSurface");
        Objects.requireNonNull(centerline, "centerline");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        if (Math.abs(before.lengthMm() - after.lengthMm()) > 1.0) {
            throw new IllegalArgumentException(String.format("surface deformation needs both profiles on the native arc "
                    + "length, got %.1f mm before and %.1f mm after (use Repair.applyForDisplay for a resection)",
                    before.lengthMm(), after.lengthMm()));
        }
        if (Math.abs(before.lengthMm() - centerline.lengthMm()) > 1.0) {
            throw new IllegalArgumentException(String.format("surface deformation: the profile (%.1f mm) does not match the "
                    + "centerline (%.1f mm)", before.lengthMm(), centerline.lengthMm()));
        }
        // repaired segment [a, b]
        double a = Double.POSITIVE_INFINITY, b = Double.NEGATIVE_INFINITY;
        double[][] sets = {before.arcLengthMm(), after.arcLengthMm()};
        for (double[] ss : sets) {
            for (double s : ss) {
                if (Math.abs(factor(before, after, s) - 1) > 1e-6) {
                    a = Math.min(a, s);
                    b = Math.max(b, s);
                }
            }
        }
        if (a > b) {
            return nativeSurface;
        }
        // widen to the neighbouring samples, where the linear profiles return to 1
        a = previousSample(before, after, a);
        b = nextSample(before, after, b);
        double transition = Math.max(MIN_TRANSITION_MM, 0.5 * before.referenceDiameterMm());
        float[] p = nativeSurface.pointsLps();
        float[] q = p.clone();
        double[] v = new double[3];
        for (int i = 0; i < p.length; i += 3) {
            v[0] = p[i];
            v[1] = p[i + 1];
            v[2] = p[i + 2];
            double[] proj = centerline.project(v);
            double s = proj[0], dist = proj[1];
            double ws = AbstractRepair.segmentWeight(s, a, b, transition);
            if (ws <= 0) continue;
            double rb = 0.5 * before.diameterAtMm(s);
            double wr;
            if (dist <= 1.5 * rb) wr = 1;
            else if (dist >= 2.5 * rb) wr = 0;
            else wr = 0.5 * (1 + Math.cos(Math.PI * (dist - 1.5 * rb) / rb));
            if (wr <= 0) continue;
            double f = 1 + (factor(before, after, Math.max(a, Math.min(b, s))) - 1) * ws * wr;
            double[] c = centerline.positionAt(s);
            q[i] = (float) (c[0] + (v[0] - c[0]) * f);
            q[i + 1] = (float) (c[1] + (v[1] - c[1]) * f);
            q[i + 2] = (float) (c[2] + (v[2] - c[2]) * f);
        }
        int[] tri = nativeSurface.triangles();
        float[] normals = nativeSurface.normals().length == 0 ? new float[0] : SurfaceMesh.vertexNormals(q, tri);
        return new SurfaceMesh(q, tri, normals);
    }

    private static double factor(VesselModel before, VesselModel after, double s) {
        return after.diameterAtMm(s) / before.diameterAtMm(s);
    }

    private static double previousSample(VesselModel x, VesselModel y, double s) {
        double best = 0;
        for (double[] ss : new double[][] {x.arcLengthMm(), y.arcLengthMm()}) {
            for (double t : ss) if (t < s && t > best) best = t;
        }
        return best;
    }

    private static double nextSample(VesselModel x, VesselModel y, double s) {
        double best = Math.max(x.lengthMm(), y.lengthMm());
        for (double[] ss : new double[][] {x.arcLengthMm(), y.arcLengthMm()}) {
            for (double t : ss) if (t > s && t < best) best = t;
        }
        return best;
    }

}
