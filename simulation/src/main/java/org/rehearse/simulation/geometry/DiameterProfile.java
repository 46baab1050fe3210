package org.rehearse.simulation.geometry;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;

import org.rehearse.segmentation.Progress;
import org.rehearse.segmentation.image.ImageGeometry;
import org.rehearse.segmentation.image.LabelMap;

/**
 * The lumen diameter along a centerline, measured on cross-sections of the mask normal to the centerline.
 *
 * <p>At each centerline point the mask is sampled by trilinear interpolation (lumen where the interpolated value is
 * ≥ 0.5, the iso-0.5 surface of the binary mask) on a square grid of {@link #GRID_STEP_MM} in the plane normal to the
 * centerline tangent. Only the 4-connected part of the lumen that contains the centerline point is kept (flood fill),
 * so that a neighbouring vessel cut by the same plane does not count. Outside the image grid counts as background.
 *
 * <p>Side branches: where a branch leaves, the connected cross-section includes part of the branch ostium and is not
 * representative of the main lumen. The profile handles this robustly: the cross-section is divided into
 * {@value #SECTORS} angular sectors about the centerline point, the farthest lumen sample of each sector gives a
 * sector radius, and lumen samples farther than {@link #BRANCH_CAP} × the median sector radius from the centerline
 * point are not counted. A circular or mildly elliptic lumen (axis ratio below {@value #BRANCH_CAP}) is unaffected,
 * while a branch ostium, which adds a long lobe in a few sectors, is cut off at that radius. Such points are flagged
 * ({@link #branchSuspected(int)}) when a sector radius exceeds 1.5 × the median. The uncapped area is also kept
 * ({@link #rawAreaMm2()}).
 *
 * <p>The area-equivalent diameter is {@code d = 2·√(A/π)}. The inscribed-sphere diameter is twice the centerline's
 * maximum inscribed sphere radius. Points within half a diameter of either end are flagged as end zone
 * ({@link #endZone(int)}): there the plane is cut by the vessel's end face or the image border.
 */
public final class DiameterProfile {
    /** Sample spacing of the cross-section grid, mm. */
    public static final double GRID_STEP_MM = 0.2;
    /** Number of angular sectors used for the branch-robust area. */
    public static final int SECTORS = 72;
    /** Lumen samples beyond this multiple of the median sector radius are not counted. */
    public static final double BRANCH_CAP = 1.3;
    /** A point is flagged as a suspected branch when a sector radius exceeds this multiple of the median. */
    public static final double BRANCH_FLAG = 1.5;

    private final Centerline centerline;
    private final double[] areaMm2;
    private final double[] rawAreaMm2;
    private final boolean[] branch;
    private final boolean[] endZone;

    private final Section section;
    private final double[] halfWidth;

    private DiameterProfile(Centerline centerline, double[] areaMm2, double[] rawAreaMm2, boolean[] branch, boolean[] endZone,
                            Section section, double[] halfWidth) {
        this.section = section;
        this.halfWidth = halfWidth;
        this.centerline = centerline;
        this.areaMm2 = areaMm2;
        this.rawAreaMm2 = rawAreaMm2;
        this.branch = branch;
        this.endZone = endZone;
    }

    /**
     * Measures the cross-sections of {@code mask} along {@code centerline}.
     *
     * @param mask       binary lumen mask (label ≠ 0 = lumen)
     * @param centerline the vessel's centerline in the mask's LPS frame
     * @param progress   progress and cancellation; may be {@link Progress#NONE}
     * @return the profile, one entry per centerline point
     * @throws Progress.CancelledException when cancelled
     */
    public static DiameterProfile measure(LabelMap mask, Centerline centerline, Progress progress) {
        Objects.requireNonNull(mask, "mask");
        Objects.requireNonNull(centerline, "centerline");
        Progress pr = progress == null ? Progress.NONE : progress;
        MaskSampler sampler = new MaskSampler(mask);
        ImageGeometry g = mask.geometry();
        int n = centerline.size();
        double[] area = new double[n], raw = new double[n];
        boolean[] branch = new boolean[n], end = new boolean[n];
        double h = GRID_STEP_MM;
        double len = centerline.lengthMm();
        // half-width of the cross-section grid: generous around the local inscribed radius
        double[] halfWidth = new double[n];
        for (int p = 0; p < n; p++) {
            double rmax = 0;
            for (int q = 0; q < n; q++) {
                if (Math.abs(centerline.arcLengthMm(q) - centerline.arcLengthMm(p)) <= 15) {
                    rmax = Math.max(rmax, centerline.inscribedRadiusMm(q));
                }
            }
            halfWidth[p] = Math.min(60, 2 * rmax + 4);
        }
        int maxM = 0;
        for (double w : halfWidth) maxM = Math.max(maxM, (int) Math.ceil(w / h));
        Section section = new Section(maxM, sampler);
        for (int p = 0; p < n; p++) {
            if ((p & 15) == 0) {
                pr.checkCancelled();
                pr.update((double) p / n, "diameter profile");
            }
            double[] res = section.measure(g, centerline.pointLps(p), centerline.tangent(p), halfWidth[p],
                    centerline.inscribedRadiusMm(p) + 1.0);
            raw[p] = res[0];
            area[p] = res[1];
            branch[p] = res[2] > 0;
            double s = centerline.arcLengthMm(p), dHalf = Math.sqrt(raw[p] / Math.PI);
            end[p] = s < dHalf || len - s < dHalf;
        }
        pr.update(1, "diameter profile");
        return new DiameterProfile(centerline, area, raw, branch, end, section, halfWidth);
    }

    /**
     * Measures one extra cross-section at any arc length (not only at the centerline points), e.g. to locate a throat
     * between two points: position linear between the neighbouring points, tangent of the nearer point. Not
     * thread-safe (shares the profile's sampling buffers).
     *
     * @param sMm arc length in mm, clamped to [0, length]
     * @return the branch-robust area-equivalent diameter (mm) there
     */
    public synchronized double measureDiameterMm(double sMm) {
        double s = Math.max(0, Math.min(centerline.lengthMm(), sMm));
        double[] arc = centerline.arcLengthMm();
        int hi = java.util.Arrays.binarySearch(arc, s);
        int near = hi >= 0 ? hi : Math.min(arc.length - 1, -hi - 1);
        if (hi < 0 && near > 0 && s - arc[near - 1] < arc[near] - s) near--;
        // tangent: interpolate the two neighbouring tangents
        int lo = hi >= 0 ? hi : Math.max(0, -hi - 2), up = Math.min(arc.length - 1, lo + 1);
        double f = up > lo ? (s - arc[lo]) / (arc[up] - arc[lo]) : 0;
        double[] t0 = centerline.tangent(lo), t1 = centerline.tangent(up), t = new double[3];
        double tl = 0;
        for (int a = 0; a < 3; a++) {
            t[a] = t0[a] + f * (t1[a] - t0[a]);
            tl += t[a] * t[a];
        }
        tl = Math.sqrt(tl);
        for (int a = 0; a < 3; a++) t[a] /= tl;
        double[] res = section.measure(section.sampler.geometry(), centerline.positionAt(s), t, halfWidth[near],
                centerline.inscribedRadiusMm(near) + 1.0);
        return 2 * Math.sqrt(res[1] / Math.PI);
    }

    static double[] perpendicular(double[] t) {
        double[] e = Math.abs(t[0]) <= Math.abs(t[1]) && Math.abs(t[0]) <= Math.abs(t[2]) ? new double[] {1, 0, 0}
                : Math.abs(t[1]) <= Math.abs(t[2]) ? new double[] {0, 1, 0} : new double[] {0, 0, 1};
        double[] u = cross(t, e);
        double l = Math.sqrt(u[0] * u[0] + u[1] * u[1] + u[2] * u[2]);
        return new double[] {u[0] / l, u[1] / l, u[2] / l};
    }

    static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    /** Flood fill of one cross-section; reusable buffers sized for the largest grid. */
    private static final class Section {
        final int maxM, side;
        final MaskSampler sampler;
        final int[] stamp;
        final byte[] state; // 1 = lumen, 2 = background (valid when stamp matches)
        final int[] queue;
        final byte[] sectorOf;
        final float[] radiusOf; // in grid steps
        int current;

        Section(int maxM, MaskSampler sampler) {
            this.maxM = maxM;
            this.side = 2 * maxM + 1;
            this.sampler = sampler;
            int cells = side * side;
            stamp = new int[cells];
            state = new byte[cells];
            queue = new int[cells];
            sectorOf = new byte[cells];
            radiusOf = new float[cells];
            for (int b = -maxM; b <= maxM; b++) {
                for (int a = -maxM; a <= maxM; a++) {
                    int cell = (a + maxM) + side * (b + maxM);
                    double ang = Math.atan2(b, a) + Math.PI;
                    sectorOf[cell] = (byte) Math.min(SECTORS - 1, (int) (ang / (2 * Math.PI) * SECTORS));
                    radiusOf[cell] = (float) Math.sqrt(a * a + b * b);
                }
            }
        }

        private boolean lumen(int a, int b, double[] i0, double[] du, double[] dv) {
            int cell = (a + maxM) + side * (b + maxM);
            if (stamp[cell] != current) {
                stamp[cell] = current;
                double val = sampler.valueAtIndex(i0[0] + a * du[0] + b * dv[0], i0[1] + a * du[1] + b * dv[1],
                        i0[2] + a * du[2] + b * dv[2]);
                state[cell] = (byte) (val >= 0.5 ? 1 : 2);
            }
            return state[cell] == 1;
        }

        /**
         * @param c          centre (LPS mm)
         * @param t          unit normal of the plane
         * @param halfWidth  half-width of the square grid, mm
         * @param searchMm   radius within which to look for lumen when the centre is not in it, mm
         * @return {raw area mm², branch-robust area mm², branch flag (1/0)}
         */
        double[] measure(ImageGeometry g, double[] c, double[] t, double halfWidth, double searchMm) {
            double h = GRID_STEP_MM;
            double[] u = perpendicular(t);
            double[] v = cross(t, u);
            double[] i0 = g.lpsToIndex(c, null), du = new double[3], dv = new double[3], tmp = new double[3];
            for (int a = 0; a < 3; a++) tmp[a] = c[a] + h * u[a];
            g.lpsToIndex(tmp, du);
            for (int a = 0; a < 3; a++) tmp[a] = c[a] + h * v[a];
            g.lpsToIndex(tmp, dv);
            for (int a = 0; a < 3; a++) {
                du[a] -= i0[a];
                dv[a] -= i0[a];
            }
            int m = Math.min(maxM, (int) Math.ceil(halfWidth / h));
            double[] r = count(i0, du, dv, m, (int) Math.ceil(searchMm / h));
            return new double[] {r[0] * h * h, r[1] * h * h, r[2]};
        }

        /** @return {raw sample count, capped sample count, branch flag (1/0)} */
        private double[] count(double[] i0, double[] du, double[] dv, int m, int search) {
            current++;
            // start at the centre, or the nearest lumen sample within the search radius
            int sa = Integer.MIN_VALUE, sb = 0;
            if (lumen(0, 0, i0, du, dv)) {
                sa = 0;
            } else {
                double best = Double.POSITIVE_INFINITY;
                int r = Math.min(search, m);
                for (int b = -r; b <= r; b++) for (int a = -r; a <= r; a++) {
                    double rr = a * a + b * b;
                    if (rr < best && rr <= (double) r * r && lumen(a, b, i0, du, dv)) {
                        best = rr;
                        sa = a;
                        sb = b;
                    }
                }
                if (sa == Integer.MIN_VALUE) return new double[] {0, 0, 0};
            }
            current++; // invalidate the probes, re-sample during the fill (cheap)
            int head = 0, tail = 0;
            lumen(sa, sb, i0, du, dv);
            state[(sa + maxM) + side * (sb + maxM)] = 3; // 3 = lumen, queued
            queue[tail++] = (sa + maxM) + side * (sb + maxM);
            float[] sectorMax = new float[SECTORS];
            while (head < tail) {
                int cell = queue[head++];
                int a = cell % side - maxM, b = cell / side - maxM;
                int sec = sectorOf[cell];
                if (radiusOf[cell] > sectorMax[sec]) sectorMax[sec] = radiusOf[cell];
                for (int nb = 0; nb < 4; nb++) {
                    int na = a + (nb == 0 ? 1 : nb == 1 ? -1 : 0), nbb = b + (nb == 2 ? 1 : nb == 3 ? -1 : 0);
                    if (na < -m || na > m || nbb < -m || nbb > m) continue;
                    int ncell = (na + maxM) + side * (nbb + maxM);
                    if (stamp[ncell] == current && state[ncell] != 1) continue; // background or already queued
                    if (lumen(na, nbb, i0, du, dv)) {
                        state[ncell] = 3;
                        queue[tail++] = ncell;
                    }
                }
            }
            float[] sorted = sectorMax.clone();
            Arrays.sort(sorted);
            double median = 0.5 * (sorted[SECTORS / 2 - 1] + sorted[SECTORS / 2]);
            double cap = BRANCH_CAP * median + 0.5;
            int capped = 0;
            for (int q = 0; q < tail; q++) if (radiusOf[queue[q]] <= cap) capped++;
            boolean flag = sorted[SECTORS - 1] > BRANCH_FLAG * median + 1;
            return new double[] {tail, capped, flag ? 1 : 0};
        }
    }

    /** @return the centerline this profile was measured along */
    public Centerline centerline() { return centerline; }

    /** @return number of points (that of the centerline) */
    public int size() { return areaMm2.length; }

    /** @return a copy of the arc lengths (mm) of the points */
    public double[] arcLengthMm() { return centerline.arcLengthMm(); }

    /** @return a copy of the branch-robust cross-section areas (mm²), see the class documentation */
    public double[] areaMm2() { return areaMm2.clone(); }

    /** @return a copy of the uncapped connected cross-section areas (mm²) */
    public double[] rawAreaMm2() { return rawAreaMm2.clone(); }

    /** @return a copy of the area-equivalent diameters 2·√(A/π) (mm) of the branch-robust areas */
    public double[] diameterMm() {
        double[] d = new double[areaMm2.length];
        for (int i = 0; i < d.length; i++) d[i] = diameterMm(i);
        return d;
    }

    /** @return the area-equivalent diameter (mm) of the branch-robust area at point {@code i} */
    public double diameterMm(int i) { return 2 * Math.sqrt(areaMm2[i] / Math.PI); }

    /** @return the maximum inscribed sphere diameter (mm) at point {@code i} */
    public double inscribedDiameterMm(int i) { return 2 * centerline.inscribedRadiusMm(i); }

    /** @return a copy of the maximum inscribed sphere diameters (mm) */
    public double[] inscribedDiameterMm() {
        double[] d = new double[size()];
        for (int i = 0; i < d.length; i++) d[i] = inscribedDiameterMm(i);
        return d;
    }

    /** @return true when the cross-section at point {@code i} looks like a branch ostium (see class documentation) */
    public boolean branchSuspected(int i) { return branch[i]; }

    /** @return true when point {@code i} lies within half a diameter of an end of the centerline */
    public boolean endZone(int i) { return endZone[i]; }
}
