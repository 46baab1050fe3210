package org.rehearse.segmentation.image;

/** Binary median filtering of masks, shared by the automatic segmentation and the segment editor's Median tool. */
public final class BinaryMedian {
    private BinaryMedian() {
    }

    /**
     * Binary median (majority vote) in a box of (2r+1) voxels per axis: a voxel is on when more than half of the box
     * (voxels outside the crop count as off) is on. Computed with separable running sums (prefix sums per line), so
     * the cost does not depend on the radius.
     *
     * @param mask   0/1 mask on an nx × ny × nz box, layout {@code i + nx·(j + ny·k)}
     * @param radius half-size per axis in voxels (≥ 0)
     * @return the filtered 0/1 mask (a new array)
     * @throws IllegalArgumentException when the mask does not have nx·ny·nz voxels
     */
    public static byte[] majority(byte[] mask, int nx, int ny, int nz, int[] radius) {
        if ((long) nx * ny * nz != mask.length) {
            throw new IllegalArgumentException("mask of " + mask.length + " voxels for a " + nx + "×" + ny + "×" + nz + " box");
        }
        int[] s = new int[mask.length];
        for (int v = 0; v < s.length; v++) {
            s[v] = mask[v] != 0 ? 1 : 0;
        }
        int[] n = {nx, ny, nz};
        int[] stride = {1, nx, nx * ny};
        int[] line = new int[Math.max(nx, Math.max(ny, nz)) + 1];
        for (int axis = 0; axis < 3; axis++) {
            int r = radius[axis];
            if (r <= 0) {
                continue;
            }
            int ua = axis == 0 ? 1 : 0, va = axis == 2 ? 1 : 2;
            int len = n[axis], st = stride[axis];
            for (int b = 0; b < n[va]; b++) {
                for (int c = 0; c < n[ua]; c++) {
                    int base = c * stride[ua] + b * stride[va];
                    line[0] = 0;
                    for (int q = 0; q < len; q++) {
                        line[q + 1] = line[q] + s[base + q * st]; // prefix sums
                    }
                    for (int q = 0; q < len; q++) {
                        int lo = Math.max(0, q - r), hi = Math.min(len - 1, q + r);
                        s[base + q * st] = line[hi + 1] - line[lo];
                    }
                }
            }
        }
        long box = (long) (2 * radius[0] + 1) * (2 * radius[1] + 1) * (2 * radius[2] + 1);
        byte[] out = new byte[mask.length];
        for (int v = 0; v < out.length; v++) {
            out[v] = (byte) (2L * s[v] > box ? 1 : 0);
        }
        return out;
    }
}
