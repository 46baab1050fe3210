package org.rehearse.segmentation.edit;

import java.util.Arrays;
import org.rehearse.segmentation.image.BinaryMedian;
import org.rehearse.segmentation.image.HoleFilling;

/**
 * Binary mask algorithms on a crop grid (layout i + nx·(j + ny·k)): connected components, hole filling,
 * Gaussian and majority (binary median) filtering. Package-private; all sizes in voxels unless
 * named Mm.
 */
final class MaskOps {
    private MaskOps() {
    }

    /** Neighbour offsets {di, dj, dk} for 6- or 26-connectivity. */
    static int[][] offsets(Connectivity c) {
        if (c == Connectivity.SIX) {
            return new int[][] {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}};
        }
        int[][] o = new int[26][];
        int n = 0;
        for (int dk = -1; dk <= 1; dk++) {
            for (int dj = -1; dj <= 1; dj++) {
                for (int di = -1; di <= 1; di++) {
                    if (di != 0 || dj != 0 || dk != 0) {
                        o[n++] = new int[] {di, dj, dk};
                    }
                }
            }
        }
        return o;
    }

    /**
     * Connected components of a mask.
     *
     * @return {@code ids} (component number 1…n per voxel, 0 off the mask) in element 0 and the sizes (index 0
     *         unused, length n+1) in element 1, packed as an int[][]
     */
    static int[][] components(boolean[] mask, int nx, int ny, int nz, Connectivity c) {
        int[] ids = new int[mask.length];
        int[][] off = offsets(c);
        int[] sizes = new int[16];
        int comps = 0;
        int[] stack = new int[1024];
        int plane = nx * ny;
        for (int start = 0; start < mask.length; start++) {
            if (!mask[start] || ids[start] != 0) {
                continue;
            }
            comps++;
            if (comps == sizes.length) {
                sizes = Arrays.copyOf(sizes, comps * 2);
            }
            int top = 0;
            stack[top++] = start;
            ids[start] = comps;
            int size = 0;
            while (top > 0) {
                int v = stack[--top];
                size++;
                int k = v / plane, rem = v - k * plane, j = rem / nx, i = rem - j * nx;
                for (int[] o : off) {
                    int a = i + o[0], b = j + o[1], d = k + o[2];
                    if (a < 0 || b < 0 || d < 0 || a >= nx || b >= ny || d >= nz) {
                        continue;
                    }
                    int w = a + nx * (b + ny * d);
                    if (mask[w] && ids[w] == 0) {
                        ids[w] = comps;
                        if (top == stack.length) {
                            stack = Arrays.copyOf(stack, top * 2);
                        }
                        stack[top++] = w;
                    }
                }
            }
            sizes[comps] = size;
        }
        return new int[][] {ids, Arrays.copyOf(sizes, comps + 1)};
    }

    /**
     * Fills holes in 3D: voxels off the mask that are not 6-connected (through off-mask voxels) to the crop border
     * are set on. The foreground is thus treated as 26-connected (the usual 26/6 pairing of digital topology).
     *
     * @return a new mask
     */
    static boolean[] fillHoles3d(boolean[] mask, int nx, int ny, int nz) {
        byte[] m = new byte[mask.length];
        for (int v = 0; v < mask.length; v++) {
            m[v] = (byte) (mask[v] ? 1 : 0);
        }
        HoleFilling.fill(nx, ny, nz, m);
        boolean[] out = new boolean[mask.length];
        for (int v = 0; v < mask.length; v++) {
            out[v] = m[v] != 0;
        }
        return out;
    }

    /**
     * Fills holes in each 2D slice of one orientation: off-mask pixels not 4-connected to the slice border are set on
     * (foreground 8-connected).
     *
     * @param normalAxis index axis constant within a slice (0 = i, 1 = j, 2 = k)
     * @return a new mask
     */
    static boolean[] fillHoles2d(boolean[] mask, int nx, int ny, int nz, int normalAxis) {
        int[] n = {nx, ny, nz};
        int[] stride = {1, nx, nx * ny};
        int ua = normalAxis == 0 ? 1 : 0, va = normalAxis == 2 ? 1 : 2;
        int nu = n[ua], nv = n[va], su = stride[ua], sv = stride[va];
        boolean[] out = mask.clone();
        boolean[] outside = new boolean[nu * nv];
        int[] stack = new int[1024];
        for (int s = 0; s < n[normalAxis]; s++) {
            int base = s * stride[normalAxis];
            Arrays.fill(outside, false);
            int top = 0;
            for (int v = 0; v < nv; v++) {
                for (int u = 0; u < nu; u++) {
                    if (u != 0 && v != 0 && u != nu - 1 && v != nv - 1) {
                        u = nu - 2;
                        continue;
                    }
                    int p = u + nu * v;
                    if (!mask[base + u * su + v * sv] && !outside[p]) {
                        outside[p] = true;
                        if (top == stack.length) stack = Arrays.copyOf(stack, top * 2);
                        stack[top++] = p;
                    }
                }
            }
            while (top > 0) {
                int p = stack[--top];
                int v = p / nu, u = p - v * nu;
                for (int d = 0; d < 4; d++) {
                    int a = u + (d == 0 ? 1 : d == 1 ? -1 : 0), b = v + (d == 2 ? 1 : d == 3 ? -1 : 0);
                    if (a < 0 || b < 0 || a >= nu || b >= nv) continue;
                    int q = a + nu * b;
                    if (!outside[q] && !mask[base + a * su + b * sv]) {
                        outside[q] = true;
                        if (top == stack.length) stack = Arrays.copyOf(stack, top * 2);
                        stack[top++] = q;
                    }
                }
            }
            for (int v = 0; v < nv; v++) {
                for (int u = 0; u < nu; u++) {
                    if (!outside[u + nu * v]) {
                        out[base + u * su + v * sv] = true;
                    }
                }
            }
        }
        return out;
    }


    /**
     * Separable Gaussian filter of a binary mask (1 on, 0 off; outside the crop 0), kernel truncated at 3σ and
     * normalised to sum 1.
     *
     * @param sigmaVoxels σ per axis in voxels (0 = no smoothing along that axis)
     * @return the filtered values in [0, 1]
     */
    static float[] gaussian(boolean[] mask, int nx, int ny, int nz, double[] sigmaVoxels) {
        float[] a = new float[mask.length];
        for (int v = 0; v < a.length; v++) {
            a[v] = mask[v] ? 1f : 0f;
        }
        int[] n = {nx, ny, nz};
        int[] stride = {1, nx, nx * ny};
        float[] line = new float[Math.max(nx, Math.max(ny, nz))];
        for (int axis = 0; axis < 3; axis++) {
            double s = sigmaVoxels[axis];
            if (!(s > 0)) {
                continue;
            }
            int r = (int) Math.ceil(3 * s);
            float[] w = new float[2 * r + 1];
            double sum = 0;
            for (int t = -r; t <= r; t++) {
                w[t + r] = (float) Math.exp(-0.5 * t * t / (s * s));
                sum += w[t + r];
            }
            for (int t = 0; t < w.length; t++) {
                w[t] /= (float) sum;
            }
            int ua = axis == 0 ? 1 : 0, va = axis == 2 ? 1 : 2;
            int len = n[axis], st = stride[axis];
            for (int b = 0; b < n[va]; b++) {
                for (int c = 0; c < n[ua]; c++) {
                    int base = c * stride[ua] + b * stride[va];
                    boolean any = false;
                    for (int q = 0; q < len; q++) {
                        line[q] = a[base + q * st];
                        any |= line[q] != 0;
                    }
                    if (!any) {
                        continue;
                    }
                    for (int q = 0; q < len; q++) {
                        float acc = 0;
                        int lo = Math.max(-r, -q), hi = Math.min(r, len - 1 - q);
                        for (int t = lo; t <= hi; t++) {
                            acc += w[t + r] * line[q + t];
                        }
                        a[base + q * st] = acc;
                    }
                }
            }
        }
        return a;
    }

    /** {@link BinaryMedian#majority} on a boolean mask. @return the filtered mask */
    static boolean[] majority(boolean[] mask, int nx, int ny, int nz, int[] radius) {
        byte[] m = new byte[mask.length];
        for (int v = 0; v < mask.length; v++) {
            m[v] = (byte) (mask[v] ? 1 : 0);
        }
        byte[] f = BinaryMedian.majority(m, nx, ny, nz, radius);
        boolean[] out = new boolean[mask.length];
        for (int v = 0; v < out.length; v++) {
            out[v] = f[v] != 0;
        }
        return out;
    }
}
