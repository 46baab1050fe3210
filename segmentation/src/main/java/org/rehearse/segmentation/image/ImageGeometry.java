package org.rehearse.segmentation.image;

import java.util.Arrays;

/**
 * The voxel grid of an image volume and its placement in DICOM patient coordinates (LPS, millimetres).
 *
 * <p>This is the one place where voxel index and patient position are converted. Index axes:
 * {@code i} = column (0 … columns−1), {@code j} = row (0 … rows−1), {@code k} = slice (0 … slices−1) with slices
 * ordered by their position along the slice normal. Following DICOM PS3.3 C.7.6.2.1.1 (Image Position and Image
 * Orientation), the LPS position of voxel centre (i, j, k) is
 * <pre>  P = origin + i·Δc·rowDir + j·Δr·colDir + k·Δs·sliceDir</pre>
 * where {@code rowDir} is the first triplet of ImageOrientationPatient (direction in which the column index grows),
 * {@code colDir} the second triplet (direction in which the row index grows), {@code origin} the
 * ImagePositionPatient of the first slice, Δc/Δr the PixelSpacing (column spacing is PixelSpacing[1], row spacing
 * PixelSpacing[0]) and Δs the distance between neighbouring slice positions. {@code sliceDir} is the unit vector
 * from the first to the last slice position; for an untilted acquisition it equals rowDir × colDir, with gantry
 * tilt it is not orthogonal to the in-plane axes and the transform stays exact because it is a general affine map.
 *
 * <p>Immutable. Spacing is in millimetres and always positive.
 */
public final class ImageGeometry {
    private final int columns, rows, slices;
    private final double[] spacingMm;   // {Δc, Δr, Δs}
    private final double[] originLps;   // position of voxel (0,0,0)
    private final double[] rowDir, colDir, sliceDir; // unit vectors in LPS
    private final double[] inverse;     // 3x3 inverse of the index→LPS linear part, row major

    /**
     * @param columns   number of columns (i axis), &gt; 0
     * @param rows      number of rows (j axis), &gt; 0
     * @param slices    number of slices (k axis), &gt; 0
     * @param spacingMm {column spacing, row spacing, slice spacing} in mm, each &gt; 0
     * @param originLps LPS position (mm) of the centre of voxel (0,0,0)
     * @param rowDir    unit LPS direction in which i grows
     * @param colDir    unit LPS direction in which j grows
     * @param sliceDir  unit LPS direction in which k grows
     * @throws IllegalArgumentException for non-positive sizes or spacings, or degenerate (coplanar) directions
     */
    public ImageGeometry(int columns, int rows, int slices, double[] spacingMm, double[] originLps,
                         double[] rowDir, double[] colDir, double[] sliceDir) {
        if (columns <= 0 || rows <= 0 || slices <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + columns + "x" + rows + "x" + slices);
        }
        for (double s : spacingMm) {
            if (!(s > 0) || Double.isInfinite(s)) {
                throw new IllegalArgumentException("voxel spacing must be positive and finite, got " + Arrays.toString(spacingMm));
            }
        }
        this.columns = columns;
        this.rows = rows;
        this.slices = slices;
        this.spacingMm = spacingMm.clone();
        this.originLps = originLps.clone();
        this.rowDir = unit(rowDir);
        this.colDir = unit(colDir);
        this.sliceDir = unit(sliceDir);
        double[] m = linear();
        double det = m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]);
        if (Math.abs(det) < 1e-9 * spacingMm[0] * spacingMm[1] * spacingMm[2]) {
            throw new IllegalArgumentException("image directions are degenerate (slice direction lies in the image plane)");
        }
        inverse = new double[] {
            (m[4] * m[8] - m[5] * m[7]) / det, (m[2] * m[7] - m[1] * m[8]) / det, (m[1] * m[5] - m[2] * m[4]) / det,
            (m[5] * m[6] - m[3] * m[8]) / det, (m[0] * m[8] - m[2] * m[6]) / det, (m[2] * m[3] - m[0] * m[5]) / det,
            (m[3] * m[7] - m[4] * m[6]) / det, (m[1] * m[6] - m[0] * m[7]) / det, (m[0] * m[4] - m[1] * m[3]) / det};
    }

    /** An axial grid with identity orientation (rowDir = +L, colDir = +P, sliceDir = +S), as most CT series are. */
    public static ImageGeometry axial(int columns, int rows, int slices, double[] spacingMm, double[] originLps) {
        return new ImageGeometry(columns, rows, slices, spacingMm, originLps,
                new double[] {1, 0, 0}, new double[] {0, 1, 0}, new double[] {0, 0, 1});
    }

    private static double[] unit(double[] v) {
        double n = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        if (!(n > 0)) {
            throw new IllegalArgumentException("direction vector has zero length");
        }
        return new double[] {v[0] / n, v[1] / n, v[2] / n};
    }

    /** Linear part of index→LPS, row major: column c of the matrix is the step for index axis c. */
    private double[] linear() {
        double[] m = new double[9];
        double[][] axes = {rowDir, colDir, sliceDir};
        for (int c = 0; c < 3; c++) {
            for (int r = 0; r < 3; r++) {
                m[3 * r + c] = axes[c][r] * spacingMm[c];
            }
        }
        return m;
    }

    public int columns() { return columns; }
    public int rows() { return rows; }
    public int slices() { return slices; }
    /** @return number of voxels, columns·rows·slices */
    public long voxelCount() { return (long) columns * rows * slices; }
    /** @return a copy of {column, row, slice} spacing in mm */
    public double[] spacingMm() { return spacingMm.clone(); }
    /** @return spacing along index axis {@code axis} (0 = i, 1 = j, 2 = k) in mm */
    public double spacingMm(int axis) { return spacingMm[axis]; }
    /** @return a copy of the LPS position (mm) of voxel (0,0,0) */
    public double[] originLps() { return originLps.clone(); }
    /** @return a copy of the unit LPS direction of index axis {@code axis} (0 = i, 1 = j, 2 = k) */
    public double[] direction(int axis) {
        return (axis == 0 ? rowDir : axis == 1 ? colDir : sliceDir).clone();
    }
    /** @return voxel volume in mm³ (the parallelepiped spanned by the three steps) */
    public double voxelVolumeMm3() {
        double[] m = linear();
        return Math.abs(m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]));
    }

    /** @return true when (i, j, k) is a voxel of this grid */
    public boolean contains(int i, int j, int k) {
        return i >= 0 && j >= 0 && k >= 0 && i < columns && j < rows && k < slices;
    }

    /** @return linear index {@code i + columns·(j + rows·k)}; no bounds check */
    public int index(int i, int j, int k) {
        return i + columns * (j + rows * k);
    }

    /**
     * Voxel index (fractional) → LPS millimetres.
     *
     * @param ijk continuous index {i, j, k}
     * @param dst destination of length 3, or null to allocate
     * @return the LPS position in mm (dst when given)
     */
    public double[] indexToLps(double[] ijk, double[] dst) {
        double[] p = dst != null ? dst : new double[3];
        double i = ijk[0] * spacingMm[0], j = ijk[1] * spacingMm[1], k = ijk[2] * spacingMm[2];
        for (int r = 0; r < 3; r++) {
            p[r] = originLps[r] + i * rowDir[r] + j * colDir[r] + k * sliceDir[r];
        }
        return p;
    }

    /**
     * LPS millimetres → voxel index (fractional; round to get the nearest voxel centre).
     *
     * @param lps LPS position in mm
     * @param dst destination of length 3, or null to allocate
     * @return continuous index {i, j, k} (dst when given); may lie outside the grid
     */
    public double[] lpsToIndex(double[] lps, double[] dst) {
        double[] q = dst != null ? dst : new double[3];
        double x = lps[0] - originLps[0], y = lps[1] - originLps[1], z = lps[2] - originLps[2];
        for (int r = 0; r < 3; r++) {
            q[r] = inverse[3 * r] * x + inverse[3 * r + 1] * y + inverse[3 * r + 2] * z;
        }
        return q;
    }

    /**
     * The 4×4 affine from NIfTI voxel index (i, j, k) to RAS millimetres, row major, as NIfTI-1 sform/qform expect.
     * RAS = diag(−1, −1, 1)·LPS (NIfTI-1 header documentation, "nifti1.h", method 3).
     */
    public double[][] rasAffine() {
        double[] m = linear();
        double[][] a = new double[4][4];
        double[] flip = {-1, -1, 1};
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                a[r][c] = flip[r] * m[3 * r + c];
            }
            a[r][3] = flip[r] * originLps[r];
        }
        a[3][3] = 1;
        return a;
    }

    /** @return true when both grids have the same size and place voxels within {@code toleranceMm} of each other */
    public boolean sameGrid(ImageGeometry o, double toleranceMm) {
        if (columns != o.columns || rows != o.rows || slices != o.slices) {
            return false;
        }
        double[][] corners = {{0, 0, 0}, {columns - 1, 0, 0}, {0, rows - 1, 0}, {0, 0, slices - 1}, {columns - 1, rows - 1, slices - 1}};
        for (double[] c : corners) {
            double[] a = indexToLps(c, null), b = o.indexToLps(c, null);
            if (Math.abs(a[0] - b[0]) > toleranceMm || Math.abs(a[1] - b[1]) > toleranceMm || Math.abs(a[2] - b[2]) > toleranceMm) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return String.format("%dx%dx%d voxels, spacing %.3f/%.3f/%.3f mm, origin LPS %s", columns, rows, slices,
                spacingMm[0], spacingMm[1], spacingMm[2], Arrays.toString(originLps));
    }
}
