package org.rehearse.segmentation.edit;

import org.rehearse.segmentation.image.ImageGeometry;

/**
 * An axis-aligned box of voxel indices, bounds inclusive: columns iMin…iMax, rows jMin…jMax, slices kMin…kMax.
 * Used to restrict a tool to a region and to report which part of a label map an {@link Edit} touched.
 *
 * @param iMin first column
 * @param jMin first row
 * @param kMin first slice
 * @param iMax last column (inclusive)
 * @param jMax last row (inclusive)
 * @param kMax last slice (inclusive)
 */
public record IndexBox(int iMin, int jMin, int kMin, int iMax, int jMax, int kMax) {
    /** @throws IllegalArgumentException when a maximum is below its minimum */
    public IndexBox {
        if (iMax < iMin || jMax < jMin || kMax < kMin) {
            throw new IllegalArgumentException("empty index box: i " + iMin + "…" + iMax + ", j " + jMin + "…" + jMax
                    + ", k " + kMin + "…" + kMax);
        }
    }

    /** @return the box of the whole grid */
    public static IndexBox of(ImageGeometry g) {
        return new IndexBox(0, 0, 0, g.columns() - 1, g.rows() - 1, g.slices() - 1);
    }

    /** @return the number of voxels in the box */
    public long voxelCount() {
        return (long) (iMax - iMin + 1) * (jMax - jMin + 1) * (kMax - kMin + 1);
    }

    /** @return true when (i, j, k) lies in the box */
    public boolean contains(int i, int j, int k) {
        return i >= iMin && i <= iMax && j >= jMin && j <= jMax && k >= kMin && k <= kMax;
    }

    /**
     * @return this box clipped to the grid
     * @throws IllegalArgumentException when the box lies entirely outside the grid
     */
    public IndexBox clippedTo(ImageGeometry g) {
        int a = Math.max(iMin, 0), b = Math.max(jMin, 0), c = Math.max(kMin, 0);
        int d = Math.min(iMax, g.columns() - 1), e = Math.min(jMax, g.rows() - 1), f = Math.min(kMax, g.slices() - 1);
        if (d < a || e < b || f < c) {
            throw new IllegalArgumentException("region " + this + " lies outside the image grid " + g);
        }
        return new IndexBox(a, b, c, d, e, f);
    }

    @Override
    public String toString() {
        return "i " + iMin + "…" + iMax + ", j " + jMin + "…" + jMax + ", k " + kMin + "…" + kMax;
    }
}
