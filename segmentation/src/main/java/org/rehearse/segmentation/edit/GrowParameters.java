package org.rehearse.segmentation.edit;

import java.util.Objects;

/**
 * Settings of seeded region growing ({@link SegmentEditor#growFromSeeds}).
 *
 * @param loHu                   lowest Hounsfield value included (inclusive)
 * @param hiHu                   highest Hounsfield value included (inclusive), ≥ loHu
 * @param barrierLabel           label value whose voxels are never entered (a painted barrier against leaks), or 0 for
 *                               none
 * @param maxCrossSectionMm2     leak stop: a 2D connected piece of the region within one slice of
 *                               {@code crossSectionOrientation} larger than this area (mm²) is not entered; use
 *                               {@link Double#POSITIVE_INFINITY} for no bound
 * @param crossSectionOrientation the slice orientation of the cross-section bound (normally AXIAL, across the
 *                               descending aorta)
 */
public record GrowParameters(int loHu, int hiHu, int barrierLabel, double maxCrossSectionMm2,
                             SliceOrientation crossSectionOrientation) {
    /** @throws IllegalArgumentException for an empty range, a barrier outside 0…255 or a non-positive bound */
    public GrowParameters {
        Objects.requireNonNull(crossSectionOrientation, "cross-section orientation");
        if (hiHu < loHu) {
            throw new IllegalArgumentException("region growing range is empty: " + loHu + "…" + hiHu + " HU");
        }
        if (barrierLabel < 0 || barrierLabel > 255) {
            throw new IllegalArgumentException("barrier label must be 0 (none) or 1…255, got " + barrierLabel);
        }
        if (!(maxCrossSectionMm2 > 0)) {
            throw new IllegalArgumentException("maximum cross-section must be positive (mm²), got " + maxCrossSectionMm2);
        }
    }

    /** Growing within loHu…hiHu with no barrier and no cross-section bound. */
    public static GrowParameters range(int loHu, int hiHu) {
        return new GrowParameters(loHu, hiHu, 0, Double.POSITIVE_INFINITY, SliceOrientation.AXIAL);
    }

    /** @return these settings with voxels of {@code label} as barrier */
    public GrowParameters withBarrier(int label) {
        return new GrowParameters(loHu, hiHu, label, maxCrossSectionMm2, crossSectionOrientation);
    }

    /** @return these settings with a maximum cross-section (mm²) in slices of the orientation */
    public GrowParameters withMaxCrossSection(double mm2, SliceOrientation orientation) {
        return new GrowParameters(loHu, hiHu, barrierLabel, mm2, orientation);
    }
}
