package org.rehearse.segmentation.edit;

/**
 * The plane of a 2D tool (brush disc, per-slice hole filling, cross-section bound of region growing), named as for an
 * axial acquisition (ImageOrientationPatient 1\0\0\0\1\0): an AXIAL slice has constant slice index k, a CORONAL slice
 * constant row index j, a SAGITTAL slice constant column index i. For other acquisitions the name refers to the index
 * plane, not to the anatomical plane.
 */
public enum SliceOrientation {
    /** Constant k (the acquired slices of an axial CT). */
    AXIAL(2),
    /** Constant j (row index). */
    CORONAL(1),
    /** Constant i (column index). */
    SAGITTAL(0);

    private final int normalAxis;

    SliceOrientation(int normalAxis) {
        this.normalAxis = normalAxis;
    }

    /** @return the index axis that is constant within one slice of this orientation: 0 = i, 1 = j, 2 = k */
    public int normalAxis() {
        return normalAxis;
    }
}
