package org.rehearse.segmentation.image;

import java.util.Objects;

/**
 * A label map (segmentation) on an image grid: 0 = background, 1…255 = labels.
 *
 * <p>Layout: one {@code byte[]} of length columns·rows·slices, voxel (i, j, k) at {@code i + columns·(j + rows·k)},
 * the same as {@link Volume}; labels are unsigned ({@code b & 0xFF}). Mutable: segmentation tools write into it.
 */
public final class LabelMap {
    private final ImageGeometry geometry;
    private final byte[] labels;

    /** An empty (all background) label map on the given grid. */
    public LabelMap(ImageGeometry geometry) {
        this(geometry, new byte[Math.toIntExact(geometry.voxelCount())]);
    }

    /**
     * @param geometry the voxel grid
     * @param labels   label array, layout as in the class documentation; shared, not copied
     * @throws IllegalArgumentException when the array length does not match the grid
     */
    public LabelMap(ImageGeometry geometry, byte[] labels) {
        this.geometry = Objects.requireNonNull(geometry);
        this.labels = Objects.requireNonNull(labels);
        if (labels.length != geometry.voxelCount()) {
            throw new IllegalArgumentException("label map has " + labels.length + " voxels but its grid has " + geometry.voxelCount());
        }
    }

    public ImageGeometry geometry() { return geometry; }
    /** @return the backing array (not a copy) */
    public byte[] labels() { return labels; }

    /** @return the label (0…255) at voxel (i, j, k) */
    public int get(int i, int j, int k) {
        return labels[geometry.index(i, j, k)] & 0xFF;
    }

    public void set(int i, int j, int k, int label) {
        labels[geometry.index(i, j, k)] = (byte) label;
    }

    /** @return the number of voxels whose label is not 0 */
    public long countNonZero() {
        long n = 0;
        for (byte b : labels) {
            if (b != 0) {
                n++;
            }
        }
        return n;
    }

    /** @return the foreground volume (label ≠ 0) in millilitres */
    public double volumeMl() {
        return countNonZero() * geometry.voxelVolumeMm3() / 1000.0;
    }

    /**
     * Dice coefficient 2|A∩B| / (|A|+|B|) of the foregrounds (label ≠ 0) of this and another label map on the same
     * grid (Dice 1945, "Measures of the amount of ecologic association between species").
     *
     * @return Dice in [0, 1]; 1 when both are empty
     * @throws IllegalArgumentException when the grids differ in size
     */
    public double dice(LabelMap other) {
        if (other.labels.length != labels.length) {
            throw new IllegalArgumentException("label maps are on different grids: " + geometry + " vs " + other.geometry);
        }
        long a = 0, b = 0, both = 0;
        for (int n = 0; n < labels.length; n++) {
            boolean x = labels[n] != 0, y = other.labels[n] != 0;
            if (x) a++;
            if (y) b++;
            if (x && y) both++;
        }
        return a + b == 0 ? 1.0 : 2.0 * both / (a + b);
    }

    /** @return a deep copy */
    public LabelMap copy() {
        return new LabelMap(geometry, labels.clone());
    }
}
