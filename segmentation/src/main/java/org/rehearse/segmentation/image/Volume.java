package org.rehearse.segmentation.image;

import java.util.Objects;

/**
 * A scalar image volume in Hounsfield units (CT) or the modality's rescaled units (MR), on an {@link ImageGeometry}.
 *
 * <p>Layout: one {@code short[]} of length columns·rows·slices, voxel (i, j, k) at {@code i + columns·(j + rows·k)}
 * (column fastest, then row, then slice). Values are the rescaled values (stored·RescaleSlope + RescaleIntercept,
 * DICOM PS3.3 C.11.1.1.2) rounded to the nearest integer and clamped to the short range; for CT these are HU.
 * A 512×512×300 CT takes 157 MB on the heap. The array is shared, not copied: callers must not modify it unless
 * they own the volume.
 */
public final class Volume {
    private final ImageGeometry geometry;
    private final short[] values;
    private final String modality;

    /**
     * @param geometry the voxel grid
     * @param values   rescaled values, layout as in the class documentation; length must equal the voxel count
     * @param modality DICOM Modality (0008,0060), e.g. "CT" or "MR"; may be empty, never null
     * @throws IllegalArgumentException when the array length does not match the grid
     */
    public Volume(ImageGeometry geometry, short[] values, String modality) {
        this.geometry = Objects.requireNonNull(geometry);
        this.values = Objects.requireNonNull(values);
        this.modality = modality == null ? "" : modality;
        if (values.length != geometry.voxelCount()) {
            throw new IllegalArgumentException("volume has " + values.length + " values but its grid has " + geometry.voxelCount() + " voxels");
        }
    }

    public ImageGeometry geometry() { return geometry; }
    /** @return the backing array (not a copy), layout as in the class documentation */
    public short[] values() { return values; }
    public String modality() { return modality; }

    /** @return the value at voxel (i, j, k); throws ArrayIndexOutOfBoundsException outside the grid */
    public int get(int i, int j, int k) {
        return values[geometry.index(i, j, k)];
    }

    /**
     * Trilinear interpolation at a continuous index; outside the grid the nearest edge value is used.
     *
     * @param i column index (continuous)
     * @param j row index (continuous)
     * @param k slice index (continuous)
     */
    public double sample(double i, double j, double k) {
        return Interpolation.trilinear(geometry, i, j, k, idx -> values[idx]);
    }
}
