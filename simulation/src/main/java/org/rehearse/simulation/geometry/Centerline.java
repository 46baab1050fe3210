package org.rehearse.simulation.geometry;

import java.util.Arrays;

/**
 * The centerline of one vessel: an ordered polyline in DICOM patient coordinates (LPS, millimetres) with its arc
 * length and the maximum inscribed sphere radius at each point.
 *
 * <p>Layout: point {@code n} (0 … size−1) is at {@code pointsLps[3n … 3n+2]}; {@code arcLengthMm[n]} is the length of
 * the polyline from point 0 to point n (so {@code arcLengthMm[0] = 0}, strictly increasing);
 * {@code inscribedRadiusMm[n]} is the radius of the largest sphere centred at the point that stays inside the lumen
 * (from the Euclidean distance transform of the mask). Orientation: point 0 is the proximal end (for the aorta the
 * ascending aorta; see {@link CenterlineExtractor}).
 *
 * <p>Immutable: the arrays are copied in and out.
 */
public final class Centerline {
    private final double[] pointsLps;
    private final double[] arcLengthMm;
    private final double[] inscribedRadiusMm;

    /**
     * @param pointsLps         3·N coordinates (LPS mm), N ≥ 2
     * @param inscribedRadiusMm N radii in mm, each finite and ≥ 0
     * @throws IllegalArgumentException when the sizes do not match, fewer than 2 points are given, a value is not
     *                                  finite, or two consecutive points coincide
     */
    public Centerline(double[] pointsLps, double[] inscribedRadiusMm) {
        if (pointsLps.length % 3 != 0 || pointsLps.length / 3 < 2) {
            throw new IllegalArgumentException("a centerline needs at least 2 points (3 coordinates each), got "
                    + pointsLps.length + " coordinates");
        }
        int n = pointsLps.length / 3;
        if (inscribedRadiusMm.length != n) {
            throw new IllegalArgumentException("centerline has " + n + " points but " + inscribedRadiusMm.length + " radii");
        }
        for (double v : pointsLps) {
            if (!Double.isFinite(v)) throw new IllegalArgumentException("centerline point coordinate is not finite: " + v);
        }
        for (double r : inscribedRadiusMm) {
            if (!Double.isFinite(r) || r < 0) throw new IllegalArgumentException("inscribed radius must be finite and >= 0, got " + r);
        }
        this.pointsLps = pointsLps.clone();
        this.inscribedRadiusMm = inscribedRadiusMm.clone();
        this.arcLengthMm = new double[n];
        for (int i = 1; i < n; i++) {
            double step = dist(this.pointsLps, i - 1, i);
            if (!(step > 1e-9)) {
                throw new IllegalArgumentException("centerline points " + (i - 1) + " and " + i + " coincide");
            }
            arcLengthMm[i] = arcLengthMm[i - 1] + step;
        }
    }

    private static double dist(double[] p, int a, int b) {
        double dx = p[3 * a] - p[3 * b], dy = p[3 * a + 1] - p[3 * b + 1], dz = p[3 * a + 2] - p[3 * b + 2];
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }

    /** @return number of points N */
    public int size() { return arcLengthMm.length; }

    /** @return total arc length in mm */
    public double lengthMm() { return arcLengthMm[arcLengthMm.length - 1]; }

    /** @return a copy of the 3·N LPS coordinates (mm) */
    public double[] pointsLps() { return pointsLps.clone(); }

    /** @return the LPS position (mm) of point {@code n} as a new array {x, y, z} */
    public double[] pointLps(int n) {
        return new double[] {pointsLps[3 * n], pointsLps[3 * n + 1], pointsLps[3 * n + 2]};
    }

    /** @return a copy of the N arc lengths (mm), starting at 0 */
    public double[] arcLengthMm() { return arcLengthMm.clone(); }

    /** @return the arc length (mm) of point {@code n} */
    public double arcLengthMm(int n) { return arcLengthMm[n]; }

    /** @return a copy of the N maximum inscribed sphere radii (mm) */
    public double[] inscribedRadiusMm() { return inscribedRadiusMm.clone(); }

    /** @return the maximum inscribed sphere radius (mm) at point {@code n} */
    public double inscribedRadiusMm(int n) { return inscribedRadiusMm[n]; }

    /**
     * Unit tangent at point {@code n} (central difference, one-sided at the ends), pointing towards growing arc length.
     *
     * @return {tx, ty, tz} in LPS
     */
    public double[] tangent(int n) {
        int a = Math.max(0, n - 1), b = Math.min(size() - 1, n + 1);
        double tx = pointsLps[3 * b] - pointsLps[3 * a], ty = pointsLps[3 * b + 1] - pointsLps[3 * a + 1],
                tz = pointsLps[3 * b + 2] - pointsLps[3 * a + 2];
        double len = Math.sqrt(tx * tx + ty * ty + tz * tz);
        return new double[] {tx / len, ty / len, tz / len};
    }

    /**
     * The LPS position (mm) at arc length {@code sMm}, linear between points; clamped to the ends.
     */
    public double[] positionAt(double sMm) {
        int n = size();
        if (sMm <= 0) return pointLps(0);
        if (sMm >= lengthMm()) return pointLps(n - 1);
        int hi = Arrays.binarySearch(arcLengthMm, sMm);
        if (hi >= 0) return pointLps(hi);
        hi = -hi - 1;
        int lo = hi - 1;
        double f = (sMm - arcLengthMm[lo]) / (arcLengthMm[hi] - arcLengthMm[lo]);
        double[] p = new double[3];
        for (int a = 0; a < 3; a++) p[a] = pointsLps[3 * lo + a] + f * (pointsLps[3 * hi + a] - pointsLps[3 * lo + a]);
        return p;
    }

    /**
     * The point of the polyline nearest to {@code pLps}: exact projection onto each segment, brute force (O(N)).
     *
     * @param pLps a position in LPS mm
     * @return {arc length (mm) of the nearest polyline point, its distance (mm) to pLps}
     */
    public double[] project(double[] pLps) {
        double bestD2 = Double.POSITIVE_INFINITY, bestS = 0;
        for (int i = 0; i + 1 < size(); i++) {
            double ax = pointsLps[3 * i], ay = pointsLps[3 * i + 1], az = pointsLps[3 * i + 2];
            double ux = pointsLps[3 * i + 3] - ax, uy = pointsLps[3 * i + 4] - ay, uz = pointsLps[3 * i + 5] - az;
            double wx = pLps[0] - ax, wy = pLps[1] - ay, wz = pLps[2] - az;
            double uu = ux * ux + uy * uy + uz * uz;
            double t = Math.max(0, Math.min(1, (wx * ux + wy * uy + wz * uz) / uu));
            double dx = wx - t * ux, dy = wy - t * uy, dz = wz - t * uz;
            double d2 = dx * dx + dy * dy + dz * dz;
            if (d2 < bestD2) {
                bestD2 = d2;
                bestS = arcLengthMm[i] + t * (arcLengthMm[i + 1] - arcLengthMm[i]);
            }
        }
        return new double[] {bestS, Math.sqrt(bestD2)};
    }

    /** @return the same centerline traversed in the opposite direction */
    public Centerline reversed() {
        int n = size();
        double[] p = new double[3 * n], r = new double[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(pointsLps, 3 * (n - 1 - i), p, 3 * i, 3);
            r[i] = inscribedRadiusMm[n - 1 - i];
        }
        return new Centerline(p, r);
    }
}
