package org.rehearse.segmentation.segment;

/**
 * Immutable settings of {@link AortaSegmenter}. All intensities are Hounsfield units (HU), all lengths millimetres.
 * Build one from {@link #defaults()} and change single values with the {@code with…} methods.
 *
 * <p>Defaults were chosen for contrast CT angiography (arterial phase) of the chest, including a dissected aorta
 * whose false lumen is only faintly opacified (≈ 100–300 HU): the lumen boundary is where the (smoothed) value
 * falls below {@code lowerHu}, so the lower bound sits just above soft tissue and well above fat.
 */
public final class SegmentationParameters {
    private final double lowerHu;
    private final double upperHu;
    private final double smoothingSigmaMm;
    private final double radiusClipFactor;
    private final double widening;
    private final double maxOpenFraction;
    private final double maxLengthMm;
    private final boolean fillHoles;

    private SegmentationParameters(double lowerHu, double upperHu, double smoothingSigmaMm, double radiusClipFactor,
                                   double widening, double maxOpenFraction, double maxLengthMm, boolean fillHoles) {
        if (!(lowerHu < upperHu)) {
            throw new IllegalArgumentException("HU window is empty: lower " + lowerHu + " HU must be below upper " + upperHu + " HU");
        }
        if (!(smoothingSigmaMm >= 0) || Double.isInfinite(smoothingSigmaMm)) {
            throw new IllegalArgumentException("smoothing sigma must be finite and >= 0 mm, got " + smoothingSigmaMm);
        }
        if (!(radiusClipFactor >= 1)) {
            throw new IllegalArgumentException("radius clip factor must be >= 1, got " + radiusClipFactor);
        }
        if (!(widening > 1)) {
            throw new IllegalArgumentException("widening ratio must be > 1, got " + widening);
        }
        if (!(maxOpenFraction > 0 && maxOpenFraction <= 1)) {
            throw new IllegalArgumentException("maximum open fraction must be in (0, 1], got " + maxOpenFraction);
        }
        if (!(maxLengthMm > 0)) {
            throw new IllegalArgumentException("maximum centerline length must be > 0 mm, got " + maxLengthMm);
        }
        this.lowerHu = lowerHu;
        this.upperHu = upperHu;
        this.smoothingSigmaMm = smoothingSigmaMm;
        this.radiusClipFactor = radiusClipFactor;
        this.widening = widening;
        this.maxOpenFraction = maxOpenFraction;
        this.maxLengthMm = maxLengthMm;
        this.fillHoles = fillHoles;
    }

    /**
     * Defaults for contrast CTA: window [40, 1500] HU, smoothing σ 1.0 mm, radius clip 1.2, widening 1.4,
     * open fraction 0.5, centerline length 800 mm, hole filling on.
     *
     * @return the default parameters
     */
    public static SegmentationParameters defaults() {
        return new SegmentationParameters(40, 1500, 1.0, 1.2, 1.4, 0.5, 800, true);
    }

    /** @return lower bound of the lumen window in HU (inclusive) */
    public double lowerHu() { return lowerHu; }
    /** @return upper bound of the lumen window in HU (inclusive); brighter voxels (bone, calcium) end a ray */
    public double upperHu() { return upperHu; }
    /** @return standard deviation in mm of the Gaussian-like smoothing applied when sampling the CT */
    public double smoothingSigmaMm() { return smoothingSigmaMm; }
    /** @return a cross-section ray longer than this factor times the running lumen radius is cut there */
    public double radiusClipFactor() { return radiusClipFactor; }
    /** @return tracking stops where the cross-section radius exceeds this factor times the reference radius */
    public double widening() { return widening; }
    /** @return tracking stops where more than this fraction of cross-section rays find no boundary */
    public double maxOpenFraction() { return maxOpenFraction; }
    /** @return the longest centerline traced in each direction from the seed, mm */
    public double maxLengthMm() { return maxLengthMm; }
    /** @return whether enclosed background cavities of the result are filled */
    public boolean fillHoles() { return fillHoles; }

    /**
     * @param lower lower bound in HU
     * @param upper upper bound in HU (must be greater than {@code lower})
     * @return a copy with this HU window
     * @throws IllegalArgumentException if the window is empty
     */
    public SegmentationParameters withWindow(double lower, double upper) {
        return new SegmentationParameters(lower, upper, smoothingSigmaMm, radiusClipFactor, widening, maxOpenFraction, maxLengthMm, fillHoles);
    }

    /**
     * @param sigmaMm smoothing σ in mm, 0 for none
     * @return a copy with this smoothing
     */
    public SegmentationParameters withSmoothingSigmaMm(double sigmaMm) {
        return new SegmentationParameters(lowerHu, upperHu, sigmaMm, radiusClipFactor, widening, maxOpenFraction, maxLengthMm, fillHoles);
    }

    /**
     * @param clip radius clip factor (≥ 1)
     * @param widen widening ratio that stops tracking (&gt; 1)
     * @param openFraction fraction of open rays that stops tracking, in (0, 1]
     * @return a copy with these tracking limits
     */
    public SegmentationParameters withTracking(double clip, double widen, double openFraction) {
        return new SegmentationParameters(lowerHu, upperHu, smoothingSigmaMm, clip, widen, openFraction, maxLengthMm, fillHoles);
    }

    /**
     * @param lengthMm longest centerline per direction, mm
     * @return a copy with this limit
     */
    public SegmentationParameters withMaxLengthMm(double lengthMm) {
        return new SegmentationParameters(lowerHu, upperHu, smoothingSigmaMm, radiusClipFactor, widening, maxOpenFraction, lengthMm, fillHoles);
    }

    /**
     * @param fill whether to fill enclosed cavities
     * @return a copy with this setting
     */
    public SegmentationParameters withFillHoles(boolean fill) {
        return new SegmentationParameters(lowerHu, upperHu, smoothingSigmaMm, radiusClipFactor, widening, maxOpenFraction, maxLengthMm, fill);
    }

    @Override
    public String toString() {
        return String.format("window [%.0f, %.0f] HU, sigma %.2f mm, clip %.2f, widening %.2f, open %.2f, length %.0f mm, fill holes %s",
                lowerHu, upperHu, smoothingSigmaMm, radiusClipFactor, widening, maxOpenFraction, maxLengthMm, fillHoles);
    }
}
