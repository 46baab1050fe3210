package org.rehearse.segmentation.image;

/**
 * Exact Euclidean distance transform of a binary voxel grid with anisotropic spacing.
 *
 * <p>Method: the separable lower-envelope-of-parabolas algorithm of P. F. Felzenszwalb and D. P. Huttenlocher,
 * "Distance Transforms of Sampled Functions", Theory of Computing 8 (2012) 415–428. The squared distance is computed
 * one axis at a time; along axis {@code a} with spacing {@code h} the 1D transform is
 * {@code D(q) = min_p (h²·(q−p)² + f(p))}, where {@code f} is the result of the previous axes. Because the squared
 * Euclidean distance with per-axis spacing is a sum of per-axis terms, the result is exact for an orthogonal grid.
 * (For a tilted acquisition the index axes are not orthogonal and the result is an approximation.)
 *
 * <p>Layout of grids: {@code index = i + nx·(j + ny·k)}, as {@code ImageGeometry#index}.
 */
public final class EuclideanDistanceTransform {

    private EuclideanDistanceTransform() {
    }

    /**
     * Squared distance (mm²) from every voxel centre to the nearest background voxel centre.
     *
     * @param inside     foreground flags, length nx·ny·nz, layout as in the class documentation; true = foreground
     * @param nx         size along i
     * @param ny         size along j
     * @param nz         size along k
     * @param spacingMm  {Δi, Δj, Δk} in mm, each &gt; 0
     * @return squared distances in mm²: 0 on background voxels; {@link Float#POSITIVE_INFINITY} everywhere when the
     *         grid holds no background voxel at all
     * @throws IllegalArgumentException when the array length does not match the sizes or a spacing is not positive
     */
    public static float[] squaredMm2(boolean[] inside, int nx, int ny, int nz, double[] spacingMm) {
        long n = (long) nx * ny * nz;
        if (nx <= 0 || ny <= 0 || nz <= 0 || inside.length != n) {
            throw new IllegalArgumentException("distance transform: grid " + nx + "x" + ny + "x" + nz
                    + " does not match an array of " + inside.length + " voxels");
        }
        for (double s : spacingMm) {
            if (!(s > 0) || Double.isInfinite(s)) {
                throw new IllegalArgumentException("distance transform: spacing must be positive, got " + s);
            }
        }
        float[] d = new float[(int) n];
        for (int v = 0; v < n; v++) {
            d[v] = inside[v] ? Float.POSITIVE_INFINITY : 0f;
        }
        int maxLen = Math.max(nx, Math.max(ny, nz));
        double[] f = new double[maxLen];
        double[] out = new double[maxLen];
        int[] v = new int[maxLen];
        double[] z = new double[maxLen + 1];
        // axis i
        double h2 = spacingMm[0] * spacingMm[0];
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                int base = nx * (j + ny * k);
                boolean any = false;
                for (int i = 0; i < nx; i++) {
                    f[i] = d[base + i];
                    any |= f[i] != 0;
                }
                if (!any) continue;
                pass(f, nx, h2, out, v, z);
                for (int i = 0; i < nx; i++) d[base + i] = (float) out[i];
            }
        }
        // axis j
        h2 = spacingMm[1] * spacingMm[1];
        for (int k = 0; k < nz; k++) {
            for (int i = 0; i < nx; i++) {
                int base = i + nx * ny * k;
                boolean any = false;
                for (int j = 0; j < ny; j++) {
                    f[j] = d[base + nx * j];
                    any |= f[j] != 0;
                }
                if (!any) continue; // all background: stays 0
                pass(f, ny, h2, out, v, z);
                for (int j = 0; j < ny; j++) d[base + nx * j] = (float) out[j];
            }
        }
        // axis k
        h2 = spacingMm[2] * spacingMm[2];
        int plane = nx * ny;
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                int base = i + nx * j;
                boolean any = false;
                for (int k = 0; k < nz; k++) {
                    f[k] = d[base + plane * k];
                    any |= f[k] != 0;
                }
                if (!any) continue;
                pass(f, nz, h2, out, v, z);
                for (int k = 0; k < nz; k++) d[base + plane * k] = (float) out[k];
            }
        }
        return d;
    }

    /** One 1D pass (Felzenszwalb & Huttenlocher 2012, algorithm DT(f)), skipping infinite samples. */
    private static void pass(double[] f, int len, double h2, double[] out, int[] v, double[] z) {
        int kk = -1;
        for (int q = 0; q < len; q++) {
            if (f[q] == Double.POSITIVE_INFINITY) {
                continue;
            }
            double fq = f[q] + h2 * q * q;
            if (kk < 0) {
                kk = 0;
                v[0] = q;
                z[0] = Double.NEGATIVE_INFINITY;
                z[1] = Double.POSITIVE_INFINITY;
                continue;
            }
            double s;
            while (true) {
                int p = v[kk];
                s = (fq - (f[p] + h2 * p * p)) / (2 * h2 * (q - p));
                if (s <= z[kk]) {
                    kk--;
                    if (kk < 0) {
                        break;
                    }
                } else {
                    break;
                }
            }
            kk++;
            v[kk] = q;
            z[kk] = kk == 0 ? Double.NEGATIVE_INFINITY : s;
            z[kk + 1] = Double.POSITIVE_INFINITY;
        }
        if (kk < 0) {
            for (int q = 0; q < len; q++) out[q] = Double.POSITIVE_INFINITY;
            return;
        }
        int c = 0;
        for (int q = 0; q < len; q++) {
            while (z[c + 1] < q) c++;
            int p = v[c];
            out[q] = h2 * (q - p) * (q - p) + f[p];
        }
    }
}
