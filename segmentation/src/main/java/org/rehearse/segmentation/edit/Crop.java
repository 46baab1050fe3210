package org.rehearse.segmentation.edit;

import org.rehearse.segmentation.image.ImageGeometry;

/**
 * A box of the image grid worked on by a whole-label tool, padded by a margin and by at most one virtual voxel layer
 * outside the image (virtual voxels are background and never written). Local layout li + nx·(lj + ny·lk).
 * Package-private helper.
 */
final class Crop {
    final int i0, j0, k0;   // image index of local (0,0,0); may be -1
    final int nx, ny, nz;
    final int columns, rows, slices;

    private Crop(int i0, int j0, int k0, int nx, int ny, int nz, ImageGeometry g) {
        this.i0 = i0;
        this.j0 = j0;
        this.k0 = k0;
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        this.columns = g.columns();
        this.rows = g.rows();
        this.slices = g.slices();
    }

    /** The box grown by pad voxels per axis, clipped to the image plus one virtual layer. */
    static Crop around(IndexBox box, int padI, int padJ, int padK, ImageGeometry g) {
        int a = Math.max(box.iMin() - padI, -1), b = Math.max(box.jMin() - padJ, -1), c = Math.max(box.kMin() - padK, -1);
        int d = Math.min(box.iMax() + padI, g.columns()), e = Math.min(box.jMax() + padJ, g.rows()), f = Math.min(box.kMax() + padK, g.slices());
        long n = (long) (d - a + 1) * (e - b + 1) * (f - c + 1);
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("work region " + box + " is too large (" + n + " voxels)");
        }
        return new Crop(a, b, c, d - a + 1, e - b + 1, f - c + 1, g);
    }

    int size() {
        return nx * ny * nz;
    }

    /** @return the image linear index of local voxel (li, lj, lk), or -1 when it is a virtual voxel outside the image */
    int global(int li, int lj, int lk) {
        int i = li + i0, j = lj + j0, k = lk + k0;
        if (i < 0 || j < 0 || k < 0 || i >= columns || j >= rows || k >= slices) {
            return -1;
        }
        return i + columns * (j + rows * k);
    }

    /** @return a mask of the crop: true where the image voxel carries {@code value} */
    boolean[] mask(byte[] labels, byte value) {
        boolean[] m = new boolean[size()];
        for (int lk = 0; lk < nz; lk++) {
            for (int lj = 0; lj < ny; lj++) {
                int row = nx * (lj + ny * lk);
                for (int li = 0; li < nx; li++) {
                    int g = global(li, lj, lk);
                    m[row + li] = g >= 0 && labels[g] == value;
                }
            }
        }
        return m;
    }

    /**
     * Writes a new mask of the label back: label voxels outside the mask become background, non-label voxels inside
     * the mask get the label when writable.
     */
    void writeBack(boolean[] newMask, byte value, byte[] labels, EditRecorder rec, boolean overwriteOther) {
        for (int lk = 0; lk < nz; lk++) {
            for (int lj = 0; lj < ny; lj++) {
                int row = nx * (lj + ny * lk);
                for (int li = 0; li < nx; li++) {
                    int g = global(li, lj, lk);
                    if (g < 0) {
                        continue;
                    }
                    byte cur = labels[g];
                    if (newMask[row + li]) {
                        if (cur != value && (cur == 0 || overwriteOther)) {
                            rec.set(g, value);
                        }
                    } else if (cur == value) {
                        rec.set(g, (byte) 0);
                    }
                }
            }
        }
    }

    /** @return the bounding box of a label value over the whole image, or null when absent */
    static IndexBox bounds(byte[] labels, byte value, ImageGeometry g) {
        int cols = g.columns(), rows = g.rows(), slices = g.slices();
        int iMin = Integer.MAX_VALUE, jMin = Integer.MAX_VALUE, kMin = Integer.MAX_VALUE, iMax = -1, jMax = -1, kMax = -1;
        for (int k = 0; k < slices; k++) {
            for (int j = 0; j < rows; j++) {
                int row = cols * (j + rows * k);
                int first = -1, last = -1;
                for (int i = 0; i < cols; i++) {
                    if (labels[row + i] == value) {
                        first = i;
                        break;
                    }
                }
                if (first < 0) {
                    continue;
                }
                for (int i = cols - 1; i >= first; i--) {
                    if (labels[row + i] == value) {
                        last = i;
                        break;
                    }
                }
                iMin = Math.min(iMin, first);
                iMax = Math.max(iMax, last);
                jMin = Math.min(jMin, j);
                jMax = Math.max(jMax, j);
                kMin = Math.min(kMin, k);
                kMax = k;
            }
        }
        return iMax < 0 ? null : new IndexBox(iMin, jMin, kMin, iMax, jMax, kMax);
    }
}
