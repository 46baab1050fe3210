package org.rehearse.simulation.geometry;

import org.rehearse.segmentation.image.ImageGeometry;
import org.rehearse.segmentation.image.LabelMap;

/**
 * Trilinear interpolation of a binary mask (label ≠ 0 → 1, else 0) at continuous positions, treating everything
 * outside the image grid as background (unlike {@code Interpolation.trilinear}, which clamps to the edge: a vessel cut
 * by the image border must end there, not be extended).
 */
final class MaskSampler {
    private final ImageGeometry g;
    private final byte[] labels;
    private final int nx, ny, nz;

    MaskSampler(LabelMap mask) {
        this.g = mask.geometry();
        this.labels = mask.labels();
        this.nx = g.columns();
        this.ny = g.rows();
        this.nz = g.slices();
    }

    ImageGeometry geometry() { return g; }

    private double at(int i, int j, int k) {
        if (i < 0 || j < 0 || k < 0 || i >= nx || j >= ny || k >= nz) return 0;
        return labels[i + nx * (j + ny * k)] != 0 ? 1 : 0;
    }

    /** @return mask value in [0, 1] at continuous voxel index (i, j, k) */
    double valueAtIndex(double i, double j, double k) {
        int i0 = (int) Math.floor(i), j0 = (int) Math.floor(j), k0 = (int) Math.floor(k);
        double fx = i - i0, fy = j - j0, fz = k - k0;
        if (i0 >= 0 && j0 >= 0 && k0 >= 0 && i0 + 1 < nx && j0 + 1 < ny && k0 + 1 < nz) {
            int b = i0 + nx * (j0 + ny * k0), sy = nx, sz = nx * ny;
            double c000 = labels[b] != 0 ? 1 : 0, c100 = labels[b + 1] != 0 ? 1 : 0;
            double c010 = labels[b + sy] != 0 ? 1 : 0, c110 = labels[b + sy + 1] != 0 ? 1 : 0;
            double c001 = labels[b + sz] != 0 ? 1 : 0, c101 = labels[b + sz + 1] != 0 ? 1 : 0;
            double c011 = labels[b + sz + sy] != 0 ? 1 : 0, c111 = labels[b + sz + sy + 1] != 0 ? 1 : 0;
            double c00 = c000 + (c100 - c000) * fx, c10 = c010 + (c110 - c010) * fx;
            double c01 = c001 + (c101 - c001) * fx, c11 = c011 + (c111 - c011) * fx;
            double c0 = c00 + (c10 - c00) * fy, c1 = c01 + (c11 - c01) * fy;
            return c0 + (c1 - c0) * fz;
        }
        if (i0 < -1 || j0 < -1 || k0 < -1 || i0 >= nx || j0 >= ny || k0 >= nz) return 0;
        double c00 = at(i0, j0, k0) + (at(i0 + 1, j0, k0) - at(i0, j0, k0)) * fx;
        double c10 = at(i0, j0 + 1, k0) + (at(i0 + 1, j0 + 1, k0) - at(i0, j0 + 1, k0)) * fx;
        double c01 = at(i0, j0, k0 + 1) + (at(i0 + 1, j0, k0 + 1) - at(i0, j0, k0 + 1)) * fx;
        double c11 = at(i0, j0 + 1, k0 + 1) + (at(i0 + 1, j0 + 1, k0 + 1) - at(i0, j0 + 1, k0 + 1)) * fx;
        double c0 = c00 + (c10 - c00) * fy, c1 = c01 + (c11 - c01) * fy;
        return c0 + (c1 - c0) * fz;
    }

    /** @return mask value in [0, 1] at an LPS position (mm) */
    double valueAtLps(double[] lps) {
        double[] q = g.lpsToIndex(lps, null);
        return valueAtIndex(q[0], q[1], q[2]);
    }
}
