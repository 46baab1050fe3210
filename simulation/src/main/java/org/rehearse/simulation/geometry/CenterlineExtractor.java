package org.rehearse.simulation.geometry;

import org.rehearse.segmentation.image.EuclideanDistanceTransform;
import java.util.Arrays;
import java.util.Objects;

import org.rehearse.segmentation.Progress;
import org.rehearse.segmentation.image.ImageGeometry;
import org.rehearse.segmentation.image.LabelMap;

/**
 * Extracts the centerline of the main vessel held by a binary mask (the aorta: ascending root, arch, descending
 * aorta; or whatever single vessel the mask holds).
 *
 * <p>Method:
 * <ol>
 *   <li>Crop to the bounding box of the mask (label ≠ 0) plus one voxel of background on every side; the image
 *       outside the grid counts as background, so a vessel cut by the image border ends there.</li>
 *   <li>Exact Euclidean distance transform in millimetres with the anisotropic voxel spacing
 *       ({@link EuclideanDistanceTransform}, Felzenszwalb &amp; Huttenlocher 2012). Its value at a lumen voxel is the
 *       radius of the maximum inscribed sphere centred there.</li>
 *   <li>The two ends of the main vessel as geodesic extremes: within the seed's 26-connected component, the voxel
 *       farthest from the seed, then the voxel farthest from that one (Dijkstra on the 26-neighbourhood of a coarser
 *       grid of about 1.5 mm blocks, each block inside when any of its voxels is, with the largest DT of its voxels;
 *       the ends need no finer resolution because they are refined next). Distances are plain path lengths in mm,
 *       but only voxels whose local thickness R (radius of the largest ridge sphere containing the voxel, after
 *       Hildebrand &amp; Rüegsegger, J Microsc 185 (1997) 67–75; ridge = voxels whose DT is not below any neighbour's)
 *       is at least {@value #END_THICKNESS_FRACTION} × the largest DT qualify as ends, so that the tip of a thin side
 *       branch (a head and neck vessel of r ≈ 4 mm beside an aorta of r ≈ 12–15 mm) is not taken for an end of the
 *       aorta; a branch as thick as that fraction can still win if it is geodesically longer than the main vessel.
 *       (A length weighted by the voxel's own DT or R was tried and rejected: it favours paths that hug the wall.)
 *       Each end is then moved to the voxel of largest inscribed radius within two maximal radii of the extreme
 *       (score DT − 0.05·distance), so that the path starts on the vessel axis rather than on the rim of the end
 *       face.</li>
 *   <li>The minimal path between the two ends with step cost {@code step/(ε + DT²)}, ε = 0.01 mm², by A* on the
 *       full-resolution 26-neighbourhood (heuristic: the smallest cost per mm times the geodesic length to the end on
 *       the coarse grid less two block diagonals, a lower bound of the remaining cost): the path keeps to the middle of the lumen (the cost of the CMP/"minimal path"
 *       centerline family, e.g. Deschamps &amp; Cohen, Med. Image Anal. 5 (2001) 281–299, and VMTK's
 *       Voronoi-based centerlines, Antiga et al., IEEE TMI 22 (2003) 674–684, use the same idea of a cost
 *       inversely related to the inscribed radius).</li>
 *   <li>Resampling to ~1 mm steps, smoothing (three passes of a 5-point moving average, ends fixed), then
 *       extending each end along its tangent to where the mask (trilinear, iso 0.5) ends — the vessel's end face or
 *       the image border — and resampling again.</li>
 *   <li>Orientation (s = 0 proximal). For the aorta the proximal end is the ascending aorta. Anatomy: the descending
 *       aorta lies posterior to the ascending aorta, i.e. at larger LPS y; so when the two ends differ by at least
 *       10 mm in y, the posterior end is distal. Otherwise the end with the larger mean inscribed radius (measured
 *       5–20 mm from the end) is proximal (the ascending aorta is wider than the descending aorta), if the radii
 *       differ by more than 10 %; otherwise the superior end (larger LPS z) is proximal (blood in a descending
 *       segment flows downwards).</li>
 * </ol>
 * The inscribed radius reported at each point is {@code min over the 8 surrounding voxel centres v of
 * (DT(v) + |p − v|)} minus half the smallest voxel spacing, never below 0. The first term is the tightest upper bound
 * of DT(p) that the samples give (DT is 1-Lipschitz) and is exact on the ridge of DT, where the centerline runs;
 * trilinear interpolation would cut the cone-shaped ridge and underestimate it by up to half a voxel. The half voxel
 * is subtracted because the transform measures to the nearest background voxel centre, which lies half a voxel
 * beyond the lumen boundary.
 */
public final class CenterlineExtractor {

    /** Target spacing of the output centerline points, mm. */
    public static final double STEP_MM = 1.0;
    private static final double PATH_EPSILON_MM2 = 0.01;
    /** Target voxel size (mm) of the coarse grid on which the vessel ends are searched. */
    private static final double COARSE_MM = 1.5;
    /** Voxels qualify as vessel ends when their local thickness is at least this fraction of the largest DT. */
    public static final double END_THICKNESS_FRACTION = 0.4;

    private CenterlineExtractor() {
    }

    /**
     * @param mask     binary mask of the vessel lumen (label ≠ 0 = lumen) on its image grid
     * @param seedLps  a position (LPS mm) in or near the main vessel, choosing the connected component; may be null,
     *                 then the voxel with the largest inscribed sphere is used
     * @param progress progress and cancellation; may be {@link Progress#NONE}
     * @return the centerline from the proximal to the distal end, points ~{@link #STEP_MM} apart
     * @throws IllegalArgumentException when the mask is empty, the seed is not finite, or the seed's component is too
     *                                  small to have a centerline (fewer than two distinct ends)
     * @throws Progress.CancelledException when cancelled
     */
    public static Centerline extract(LabelMap mask, double[] seedLps, Progress progress) {
        Objects.requireNonNull(mask, "mask");
        Progress pr = progress == null ? Progress.NONE : progress;
        ImageGeometry g = mask.geometry();
        byte[] labels = mask.labels();
        int nx = g.columns(), ny = g.rows(), nz = g.slices();
        pr.update(0, "centerline: bounding box");

        // 1. bounding box
        int minI = Integer.MAX_VALUE, minJ = Integer.MAX_VALUE, minK = Integer.MAX_VALUE, maxI = -1, maxJ = -1, maxK = -1;
        for (int k = 0; k < nz; k++) {
            if (!anyNonZero(labels, nx * ny * k, nx * ny * (k + 1))) continue;
            for (int j = 0; j < ny; j++) {
                int row = nx * (j + ny * k);
                if (!anyNonZero(labels, row, row + nx)) continue;
                int first = -1, last = -1;
                for (int i = 0; i < nx; i++) {
                    if (labels[row + i] != 0) {
                        if (first < 0) first = i;
                        last = i;
                    }
                }
                if (first >= 0) {
                    if (first < minI) minI = first;
                    if (last > maxI) maxI = last;
                    if (j < minJ) minJ = j;
                    if (j > maxJ) maxJ = j;
                    if (k < minK) minK = k;
                    if (k > maxK) maxK = k;
                }
            }
        }
        if (maxI < 0) {
            throw new IllegalArgumentException("centerline: the mask is empty (no voxel with a label)");
        }
        pr.checkCancelled();
        int oi = minI - 1, oj = minJ - 1, ok = minK - 1; // box origin in image indices (may be -1: outside = background)
        int bx = maxI - minI + 3, by = maxJ - minJ + 3, bz = maxK - minK + 3;
        int bn = Math.multiplyExact(Math.multiplyExact(bx, by), bz);
        boolean[] inside = new boolean[bn];
        for (int k = minK; k <= maxK; k++) {
            for (int j = minJ; j <= maxJ; j++) {
                int row = nx * (j + ny * k), brow = bx * ((j - oj) + by * (k - ok));
                for (int i = minI; i <= maxI; i++) {
                    inside[brow + i - oi] = labels[row + i] != 0;
                }
            }
        }
        double[] sp = g.spacingMm();

        // 2. distance transform
        pr.update(0.1, "centerline: distance transform");
        float[] d2 = EuclideanDistanceTransform.squaredMm2(inside, bx, by, bz, sp);
        float[] dt = new float[bn];
        for (int v = 0; v < bn; v++) dt[v] = (float) Math.sqrt(d2[v]);
        pr.checkCancelled();

        // seed
        int seed = -1;
        if (seedLps == null) {
            float best = -1;
            for (int v = 0; v < bn; v++) if (dt[v] > best) { best = dt[v]; seed = v; }
        } else {
            if (seedLps.length != 3 || !Double.isFinite(seedLps[0]) || !Double.isFinite(seedLps[1]) || !Double.isFinite(seedLps[2])) {
                throw new IllegalArgumentException("centerline: seed must be 3 finite LPS coordinates, got " + Arrays.toString(seedLps));
            }
            double[] q = g.lpsToIndex(seedLps, null);
            double qi = q[0] - oi, qj = q[1] - oj, qk = q[2] - ok;
            int ri = (int) Math.round(qi), rj = (int) Math.round(qj), rk = (int) Math.round(qk);
            if (ri >= 0 && rj >= 0 && rk >= 0 && ri < bx && rj < by && rk < bz && inside[ri + bx * (rj + by * rk)]) {
                seed = ri + bx * (rj + by * rk);
            } else {
                double best = Double.POSITIVE_INFINITY;
                for (int k = 0; k < bz; k++) for (int j = 0; j < by; j++) for (int i = 0; i < bx; i++) {
                    int v = i + bx * (j + by * k);
                    if (!inside[v]) continue;
                    double di = (i - qi) * sp[0], dj = (j - qj) * sp[1], dk = (k - qk) * sp[2];
                    double dd = di * di + dj * dj + dk * dk;
                    if (dd < best) { best = dd; seed = v; }
                }
            }
        }

        // the seed's 26-connected component
        boolean[] comp = component(inside, bx, by, bz, seed);
        Grid grid = new Grid(bx, by, bz, sp, comp, dt);
        float maxDt = 0;
        for (int v = 0; v < bn; v++) if (comp[v] && dt[v] > maxDt) maxDt = dt[v];

        // 3. geodesic extremes (cross-section weighted), on a coarser grid of about 1.5 mm
        pr.update(0.3, "centerline: vessel ends");
        int[] f = new int[3];
        for (int ax = 0; ax < 3; ax++) f[ax] = Math.max(1, Math.min(4, (int) Math.floor(COARSE_MM / sp[ax] + 1e-9)));
        int cx = (bx + f[0] - 1) / f[0] + 2, cy = (by + f[1] - 1) / f[1] + 2, cz = (bz + f[2] - 1) / f[2] + 2;
        boolean[] cIn = new boolean[cx * cy * cz];
        float[] cDt = new float[cIn.length];
        int[] cRep = new int[cIn.length]; // a fine voxel of the component in each coarse block
        for (int k = 0; k < bz; k++) for (int j = 0; j < by; j++) for (int i = 0; i < bx; i++) {
            int v = i + bx * (j + by * k);
            if (!comp[v]) continue;
            int c = (i / f[0] + 1) + cx * ((j / f[1] + 1) + cy * (k / f[2] + 1));
            if (!cIn[c] || dt[v] > cDt[c]) {
                cDt[c] = dt[v];
                cRep[c] = v;
            }
            cIn[c] = true;
        }
        int si = seed % bx, sj = (seed / bx) % by, sk = seed / (bx * by);
        int cSeed = (si / f[0] + 1) + cx * ((sj / f[1] + 1) + cy * (sk / f[2] + 1));
        double[] csp = {sp[0] * f[0], sp[1] * f[1], sp[2] * f[2]};
        float[] thickness = localThickness(cIn, cDt, cx, cy, cz, csp);
        Grid coarse = new Grid(cx, cy, cz, csp, cIn, cDt);
        boolean[] candidate = new boolean[cIn.length];
        for (int v = 0; v < cIn.length; v++) candidate[v] = cIn[v] && thickness[v] >= END_THICKNESS_FRACTION * maxDt;
        double[] dist1 = coarse.dijkstra(cSeed, -1, Grid.LENGTH, null, pr);
        int ca = argmaxFinite(dist1, candidate);
        double[] dist2 = coarse.dijkstra(ca, -1, Grid.LENGTH, null, pr);
        int cb = argmaxFinite(dist2, candidate);
        if (ca == cb || dist2[cb] <= 0) {
            throw new IllegalArgumentException("centerline: the seed's connected component is too small to have a centerline");
        }
        int a = cRep[ca], b = cRep[cb];
        int a2 = grid.deepestNear(a, 2 * maxDt);
        int b2 = grid.deepestNear(b, 2 * maxDt);
        if (a2 == b2) {
            a2 = a;
            b2 = b;
        }

        // 4. minimal path through the middle
        pr.update(0.6, "centerline: minimal path");
        // A* heuristic: (smallest cost per mm) × (coarse geodesic length to the end − 2 block diagonals), a lower bound
        // of the remaining cost
        int b2i = b2 % bx, b2j = (b2 / bx) % by, b2k = b2 / (bx * by);
        int cEnd = (b2i / f[0] + 1) + cx * ((b2j / f[1] + 1) + cy * (b2k / f[2] + 1));
        double[] geoEnd = coarse.dijkstra(cEnd, -1, Grid.LENGTH, null, pr);
        double perMm = 1.0 / (PATH_EPSILON_MM2 + maxDt * maxDt);
        double margin = 2 * Math.sqrt(sq(sp[0] * f[0]) + sq(sp[1] * f[1]) + sq(sp[2] * f[2]));
        final int fx = f[0], fy = f[1], fz = f[2], ccx = cx, ccy = cy;
        grid.dijkstra(a2, b2, Grid.PATH, w -> {
            int wi = w % bx, wj = (w / bx) % by, wk = w / (bx * by);
            double g0 = geoEnd[(wi / fx + 1) + ccx * ((wj / fy + 1) + ccy * (wk / fz + 1))];
            return g0 == Double.POSITIVE_INFINITY ? 0 : perMm * Math.max(0, g0 - margin);
        }, pr);
        int[] path = grid.backtrack(b2);
        double[] raw = new double[3 * path.length];
        double[] ijk = new double[3], lps = new double[3];
        for (int n = 0; n < path.length; n++) {
            int v = path[n];
            ijk[0] = v % bx + oi;
            ijk[1] = (v / bx) % by + oj;
            ijk[2] = v / (bx * by) + ok;
            g.indexToLps(ijk, lps);
            System.arraycopy(lps, 0, raw, 3 * n, 3);
        }
        pr.update(0.85, "centerline: smoothing");

        // 5. resample, smooth, extend, resample
        double[] pts = resample(raw, STEP_MM);
        for (int it = 0; it < 3; it++) pts = smooth(pts);
        MaskSampler sampler = new MaskSampler(mask);
        pts = extend(pts, sampler, 2.0 * maxDt + 5.0);
        pts = reverse(extend(reverse(pts), sampler, 2.0 * maxDt + 5.0));
        pts = resample(pts, STEP_MM);

        int n = pts.length / 3;
        double[] radius = new double[n];
        double halfVoxel = 0.5 * Math.min(sp[0], Math.min(sp[1], sp[2]));
        for (int p = 0; p < n; p++) {
            lps[0] = pts[3 * p];
            lps[1] = pts[3 * p + 1];
            lps[2] = pts[3 * p + 2];
            g.lpsToIndex(lps, ijk);
            radius[p] = Math.max(0, grid.dtAt(ijk[0] - oi, ijk[1] - oj, ijk[2] - ok) - halfVoxel);
        }
        Centerline c = new Centerline(pts, radius);
        if (distalFirst(c)) {
            c = c.reversed();
        }
        pr.update(1, "centerline: done");
        return c;
    }

    /** Decides whether point 0 is the distal end (see the class documentation, step 6). */
    static boolean distalFirst(Centerline c) {
        double[] p0 = c.pointLps(0), p1 = c.pointLps(c.size() - 1);
        double dy = p1[1] - p0[1];
        if (Math.abs(dy) >= 10.0) {
            return dy < 0; // point 0 posterior → distal first
        }
        double r0 = meanRadius(c, true), r1 = meanRadius(c, false);
        if (Math.abs(r0 - r1) > 0.1 * Math.max(r0, r1)) {
            return r0 < r1;
        }
        return p0[2] < p1[2];
    }

    private static double meanRadius(Centerline c, boolean fromStart) {
        double len = c.lengthMm(), sum = 0;
        int cnt = 0;
        for (int i = 0; i < c.size(); i++) {
            double s = fromStart ? c.arcLengthMm(i) : len - c.arcLengthMm(i);
            if (s >= 5 && s <= 20) {
                sum += c.inscribedRadiusMm(i);
                cnt++;
            }
        }
        if (cnt == 0) return c.inscribedRadiusMm(fromStart ? 0 : c.size() - 1);
        return sum / cnt;
    }

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    /** @return true when any byte in [from, to) is not 0 (reads 8 bytes at a time) */
    private static boolean anyNonZero(byte[] a, int from, int to) {
        int i = from;
        long acc = 0;
        for (; i + 8 <= to; i += 8) {
            acc |= (long) LONGS.get(a, i);
            if ((i & 511) == 0 && acc != 0) return true;
        }
        for (; i < to; i++) acc |= a[i];
        return acc != 0;
    }

    /** The 26-connected component of {@code seed} among inside voxels (the box border is background). */
    private static boolean[] component(boolean[] inside, int bx, int by, int bz, int seed) {
        boolean[] comp = new boolean[inside.length];
        int[] offsets = new int[26];
        int c = 0;
        for (int dk = -1; dk <= 1; dk++) for (int dj = -1; dj <= 1; dj++) for (int di = -1; di <= 1; di++) {
            if (di != 0 || dj != 0 || dk != 0) offsets[c++] = di + bx * (dj + by * dk);
        }
        int[] queue = new int[1024];
        int head = 0, tail = 0;
        queue[tail++] = seed;
        comp[seed] = true;
        while (head < tail) {
            int u = queue[head++];
            for (int o : offsets) {
                int w = u + o;
                if (inside[w] && !comp[w]) {
                    comp[w] = true;
                    if (tail == queue.length) queue = Arrays.copyOf(queue, 2 * tail);
                    queue[tail++] = w;
                }
            }
        }
        return comp;
    }

    private static double sq(double v) { return v * v; }

    /**
     * Local thickness (as a radius, mm): for every inside voxel the largest DT among the ridge spheres that contain it
     * (at least its own DT). Ridge voxels: inside voxels whose DT is ≥ that of all 26 neighbours.
     */
    static float[] localThickness(boolean[] inside, float[] dt, int nx, int ny, int nz, double[] sp) {
        float[] r = dt.clone();
        int plane = nx * ny;
        for (int k = 1; k < nz - 1; k++) for (int j = 1; j < ny - 1; j++) for (int i = 1; i < nx - 1; i++) {
            int v = i + nx * (j + ny * k);
            if (!inside[v]) continue;
            float d = dt[v];
            boolean ridge = true;
            for (int dk = -1; dk <= 1 && ridge; dk++) for (int dj = -1; dj <= 1 && ridge; dj++) for (int di = -1; di <= 1; di++) {
                if (dt[v + di + nx * dj + plane * dk] > d) {
                    ridge = false;
                    break;
                }
            }
            if (!ridge) continue;
            int ri = (int) (d / sp[0]), rj = (int) (d / sp[1]), rk = (int) (d / sp[2]);
            double d2 = (double) d * d;
            for (int kk = Math.max(0, k - rk); kk <= Math.min(nz - 1, k + rk); kk++) {
                double zk = sq((kk - k) * sp[2]);
                for (int jj = Math.max(0, j - rj); jj <= Math.min(ny - 1, j + rj); jj++) {
                    double zj = zk + sq((jj - j) * sp[1]);
                    if (zj > d2) continue;
                    int row = nx * (jj + ny * kk);
                    for (int ii = Math.max(0, i - ri); ii <= Math.min(nx - 1, i + ri); ii++) {
                        int w = row + ii;
                        if (r[w] < d && inside[w] && zj + sq((ii - i) * sp[0]) <= d2) r[w] = d;
                    }
                }
            }
        }
        return r;
    }

    /** The candidate with the largest finite value; when no candidate is reached, any voxel with the largest value. */
    private static int argmaxFinite(double[] d, boolean[] candidate) {
        int best = -1, any = -1;
        double bv = -1, av = -1;
        for (int v = 0; v < d.length; v++) {
            if (!(d[v] < Double.POSITIVE_INFINITY)) continue;
            if (candidate[v] && d[v] > bv) { bv = d[v]; best = v; }
            if (d[v] > av) { av = d[v]; any = v; }
        }
        return best >= 0 ? best : any;
    }

    /** Resamples a polyline (3·N coordinates) at equal arc-length steps close to {@code step}, keeping both ends. */
    static double[] resample(double[] p, double step) {
        int n = p.length / 3;
        double[] s = new double[n];
        for (int i = 1; i < n; i++) {
            double dx = p[3 * i] - p[3 * i - 3], dy = p[3 * i + 1] - p[3 * i - 2], dz = p[3 * i + 2] - p[3 * i - 1];
            s[i] = s[i - 1] + Math.sqrt(dx * dx + dy * dy + dz * dz);
        }
        double len = s[n - 1];
        int m = Math.max(2, (int) Math.round(len / step) + 1);
        double[] out = new double[3 * m];
        int seg = 0;
        for (int q = 0; q < m; q++) {
            double t = len * q / (m - 1);
            while (seg < n - 2 && s[seg + 1] < t) seg++;
            double ds = s[seg + 1] - s[seg];
            double f = ds > 0 ? Math.max(0, Math.min(1, (t - s[seg]) / ds)) : 0;
            for (int a = 0; a < 3; a++) out[3 * q + a] = p[3 * seg + a] + f * (p[3 * seg + 3 + a] - p[3 * seg + a]);
        }
        return out;
    }

    /** One pass of a 5-point moving average (window shrinks near the ends; the end points stay fixed). */
    static double[] smooth(double[] p) {
        int n = p.length / 3;
        double[] out = p.clone();
        for (int i = 1; i < n - 1; i++) {
            int h = Math.min(2, Math.min(i, n - 1 - i));
            for (int a = 0; a < 3; a++) {
                double sum = 0;
                for (int o = -h; o <= h; o++) sum += p[3 * (i + o) + a];
                out[3 * i + a] = sum / (2 * h + 1);
            }
        }
        return out;
    }

    private static double[] reverse(double[] p) {
        int n = p.length / 3;
        double[] out = new double[p.length];
        for (int i = 0; i < n; i++) System.arraycopy(p, 3 * (n - 1 - i), out, 3 * i, 3);
        return out;
    }

    /** Extends the last point along the end tangent (over the last ~5 mm) while the mask is ≥ 0.5, up to maxMm. */
    private static double[] extend(double[] p, MaskSampler sampler, double maxMm) {
        int n = p.length / 3;
        int back = Math.max(0, n - 1 - (int) Math.round(5 / STEP_MM));
        double tx = p[3 * n - 3] - p[3 * back], ty = p[3 * n - 2] - p[3 * back + 1], tz = p[3 * n - 1] - p[3 * back + 2];
        double len = Math.sqrt(tx * tx + ty * ty + tz * tz);
        if (!(len > 0)) return p;
        tx /= len;
        ty /= len;
        tz /= len;
        double h = 0.1, reach = 0;
        double[] q = new double[3];
        while (reach + h <= maxMm) {
            q[0] = p[3 * n - 3] + (reach + h) * tx;
            q[1] = p[3 * n - 2] + (reach + h) * ty;
            q[2] = p[3 * n - 1] + (reach + h) * tz;
            if (sampler.valueAtLps(q) < 0.5) break;
            reach += h;
        }
        if (reach < 0.05) return p;
        double[] out = Arrays.copyOf(p, p.length + 3);
        out[3 * n] = p[3 * n - 3] + reach * tx;
        out[3 * n + 1] = p[3 * n - 2] + reach * ty;
        out[3 * n + 2] = p[3 * n - 1] + reach * tz;
        return out;
    }

    /** The cropped grid with its 26-neighbourhood and Dijkstra searches. */
    private static final class Grid {
        final int bx, by, bz;
        final double[] sp;
        final boolean[] inside;
        final float[] dt;
        final int[] offsets = new int[26];
        final double[] stepMm = new double[26];
        final int[][] delta = new int[26][];
        int[] pred;

        Grid(int bx, int by, int bz, double[] sp, boolean[] inside, float[] dt) {
            this.bx = bx;
            this.by = by;
            this.bz = bz;
            this.sp = sp;
            this.inside = inside;
            this.dt = dt;
            int c = 0;
            for (int dk = -1; dk <= 1; dk++) for (int dj = -1; dj <= 1; dj++) for (int di = -1; di <= 1; di++) {
                if (di == 0 && dj == 0 && dk == 0) continue;
                offsets[c] = di + bx * (dj + by * dk);
                stepMm[c] = Math.sqrt(di * di * sp[0] * sp[0] + dj * dj * sp[1] * sp[1] + dk * dk * sp[2] * sp[2]);
                delta[c] = new int[] {di, dj, dk};
                c++;
            }
        }

        /** Step costs: plain length, or the centred-path cost. */
        static final int LENGTH = 1, PATH = 2;

        /**
         * Dijkstra from {@code source} over inside voxels (26-neighbourhood). The box has a background border, so
         * neighbours of inside voxels are always within the box. Step costs by {@code mode}: LENGTH step (mm), PATH step/(ε + DT²) with DT the mean of the two voxels. With a
         * {@code target} the search stops when the target is settled and records predecessors; with a
         * {@code heuristic} (a lower bound of the remaining cost, per voxel) it is A* (Hart, Nilsson &amp; Raphael,
         * IEEE Trans. SSC 4 (1968) 100–107) with re-opening, which stays optimal for an admissible heuristic that is
         * not consistent.
         */
        double[] dijkstra(int source, int target, int mode, java.util.function.IntToDoubleFunction heuristic, Progress pr) {
            int n = inside.length;
            double[] dist = new double[n];
            Arrays.fill(dist, Double.POSITIVE_INFINITY);
            if (target >= 0) {
                pred = new int[n];
                Arrays.fill(pred, -1);
            }
            boolean[] done = heuristic == null ? new boolean[n] : null;
            Heap heap = new Heap(1024);
            dist[source] = 0;
            heap.push(heuristic == null ? 0 : heuristic.applyAsDouble(source), source);
            int settled = 0;
            while (heap.size > 0) {
                double key = heap.topKey();
                int u = heap.pop();
                double du = dist[u];
                if (done != null) {
                    if (done[u]) continue;
                    done[u] = true;
                } else if (key > du + heuristic.applyAsDouble(u) + 1e-12) {
                    continue; // stale entry
                }
                if (u == target) break;
                if ((++settled & 0xFFFF) == 0) pr.checkCancelled();
                double ru = dt[u];
                for (int c = 0; c < 26; c++) {
                    int w = u + offsets[c];
                    if (!inside[w] || (done != null && done[w])) continue;
                    double r = 0.5 * (ru + dt[w]);
                    double cost = mode == PATH ? stepMm[c] / (PATH_EPSILON_MM2 + r * r)
                            : stepMm[c];
                    double nd = du + cost;
                    if (nd < dist[w]) {
                        dist[w] = nd;
                        if (target >= 0) pred[w] = u;
                        heap.push(heuristic == null ? nd : nd + heuristic.applyAsDouble(w), w);
                    }
                }
            }
            return dist;
        }

        int[] backtrack(int target) {
            int len = 0;
            for (int v = target; v >= 0; v = pred[v]) len++;
            int[] path = new int[len];
            int p = len - 1;
            for (int v = target; v >= 0; v = pred[v]) path[p--] = v;
            return path;
        }

        /**
         * The reachable voxel within radiusMm (Euclidean) of voxel {@code v} with the largest DT, ties (within 5 %)
         * broken towards {@code v}: score = DT − 0.05·distance.
         */
        int deepestNear(int v, double radiusMm) {
            int vi = v % bx, vj = (v / bx) % by, vk = v / (bx * by);
            int ri = (int) Math.ceil(radiusMm / sp[0]), rj = (int) Math.ceil(radiusMm / sp[1]), rk = (int) Math.ceil(radiusMm / sp[2]);
            int best = v;
            double bestScore = dt[v];
            double r2 = radiusMm * radiusMm;
            for (int k = Math.max(0, vk - rk); k <= Math.min(bz - 1, vk + rk); k++) {
                for (int j = Math.max(0, vj - rj); j <= Math.min(by - 1, vj + rj); j++) {
                    for (int i = Math.max(0, vi - ri); i <= Math.min(bx - 1, vi + ri); i++) {
                        int w = i + bx * (j + by * k);
                        if (!inside[w] || dt[w] <= bestScore) continue;
                        double di = (i - vi) * sp[0], dj = (j - vj) * sp[1], dk = (k - vk) * sp[2];
                        double dd = di * di + dj * dj + dk * dk;
                        if (dd <= r2) {
                            double score = dt[w] - 0.05 * Math.sqrt(dd);
                            if (score > bestScore) {
                                best = w;
                                bestScore = score;
                            }
                        }
                    }
                }
            }
            return best;
        }

        /**
         * DT (mm) at a continuous box index as min over the 8 surrounding voxel centres of DT(v) + |p − v| (see the
         * class documentation); voxels outside the box count as DT 0.
         */
        double dtAt(double i, double j, double k) {
            int i0 = (int) Math.floor(i), j0 = (int) Math.floor(j), k0 = (int) Math.floor(k);
            double best = Double.POSITIVE_INFINITY;
            for (int c = 0; c < 8; c++) {
                int ii = i0 + (c & 1), jj = j0 + ((c >> 1) & 1), kk = k0 + ((c >> 2) & 1);
                double d = (ii < 0 || jj < 0 || kk < 0 || ii >= bx || jj >= by || kk >= bz) ? 0 : dt[ii + bx * (jj + by * kk)];
                double e = Math.sqrt(sq((ii - i) * sp[0]) + sq((jj - j) * sp[1]) + sq((kk - k) * sp[2]));
                best = Math.min(best, d + e);
            }
            return best;
        }
    }

    /** A binary min-heap of (double key, int value) pairs with lazy deletion (duplicates allowed). */
    private static final class Heap {
        double[] keys;
        int[] vals;
        int size;

        Heap(int cap) {
            keys = new double[cap];
            vals = new int[cap];
        }

        double topKey() { return keys[0]; }

        void push(double key, int val) {
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
                vals = Arrays.copyOf(vals, size * 2);
            }
            int i = size++;
            while (i > 0) {
                int p = (i - 1) >>> 1;
                if (keys[p] <= key) break;
                keys[i] = keys[p];
                vals[i] = vals[p];
                i = p;
            }
            keys[i] = key;
            vals[i] = val;
        }

        int pop() {
            int top = vals[0];
            size--;
            if (size > 0) {
                double key = keys[size];
                int val = vals[size];
                int i = 0;
                while (true) {
                    int l = 2 * i + 1;
                    if (l >= size) break;
                    int c = (l + 1 < size && keys[l + 1] < keys[l]) ? l + 1 : l;
                    if (keys[c] >= key) break;
                    keys[i] = keys[c];
                    vals[i] = vals[c];
                    i = c;
                }
                keys[i] = key;
                vals[i] = val;
            }
            return top;
        }
    }
}
