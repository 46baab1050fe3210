package org.rehearse.sampledata;

/**
 * What to generate: the parameters of the coarctation phantom.
 *
 * <p>The anatomy has a fixed physical size (field of view {@link #FIELD_OF_VIEW_MM} = 307.2 × 307.2 × 300 mm, the
 * chest of an adolescent from the upper abdomen to the root of the neck); the requested matrix size only changes the
 * voxel spacing, spacing = field of view / size. The default 512 × 512 × 300 gives 0.6 × 0.6 × 1.0 mm voxels;
 * 128 × 128 × 75 gives 2.4 × 2.4 × 4 mm, coarse but fast for tests.
 *
 * @param stenosisFraction fractional diameter reduction of the isthmus narrowing, 0 … 0.9: the minimal lumen
 *                         diameter is (1 − fraction) × the neighbouring (descending) lumen diameter. Default 0.65.
 * @param columns          image columns (left–right), {@value #MIN_IN_PLANE} … {@value #MAX_SIZE}
 * @param rows             image rows (anterior–posterior), {@value #MIN_IN_PLANE} … {@value #MAX_SIZE}
 * @param slices           axial slices (feet → head), {@value #MIN_SLICES} … {@value #MAX_SIZE}
 * @param noiseSigmaHu     standard deviation of the added Gaussian noise in HU, ≥ 0. Default 15.
 * @param blurSigmaMm      standard deviation of the Gaussian blur (the scanner's point spread) in mm, ≥ 0. Default 0.6.
 * @param seed             seed of the noise; the same spec always gives the same voxels
 */
public record PhantomSpec(double stenosisFraction, int columns, int rows, int slices, double noiseSigmaHu,
                          double blurSigmaMm, long seed) {
    /** Physical extent of the image {x (left), y (posterior), z (head)} in mm, independent of the matrix size. */
    public static final double[] FIELD_OF_VIEW_MM = {307.2, 307.2, 300.0};
    /** Smallest accepted columns/rows: coarser than 3.2 mm voxels the 6 mm throat and 7 mm carotid are lost. */
    public static final int MIN_IN_PLANE = 96;
    /** Smallest accepted slice count (5 mm slices): the 8 mm narrowing must span at least one slice. */
    public static final int MIN_SLICES = 60;
    /** Largest accepted size along any axis. */
    public static final int MAX_SIZE = 2048;
    /** Largest stenosis fraction accepted. */
    public static final double MAX_STENOSIS = 0.9;

    /**
     * @throws IllegalArgumentException for a stenosis fraction outside [0, 0.9], a size too small for the anatomy or
     *                                  too large, or a negative/non-finite noise or blur
     */
    public PhantomSpec {
        if (!(stenosisFraction >= 0 && stenosisFraction <= MAX_STENOSIS)) {
            throw new IllegalArgumentException("stenosis fraction must be between 0 and " + MAX_STENOSIS + ", got " + stenosisFraction);
        }
        if (columns < MIN_IN_PLANE || rows < MIN_IN_PLANE || slices < MIN_SLICES) {
            throw new IllegalArgumentException(String.format(
                    "size %dx%dx%d is too small for the anatomy: the %.0fx%.0fx%.0f mm phantom needs at least %dx%dx%d voxels "
                    + "(at most 3.2 mm in-plane and 5 mm between slices)", columns, rows, slices, FIELD_OF_VIEW_MM[0],
                    FIELD_OF_VIEW_MM[1], FIELD_OF_VIEW_MM[2], MIN_IN_PLANE, MIN_IN_PLANE, MIN_SLICES));
        }
        if (columns > MAX_SIZE || rows > MAX_SIZE || slices > MAX_SIZE || (long) columns * rows * slices > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("size " + columns + "x" + rows + "x" + slices + " is too large (at most "
                    + MAX_SIZE + " per axis and 2^31 voxels)");
        }
        if (!(noiseSigmaHu >= 0) || Double.isInfinite(noiseSigmaHu)) {
            throw new IllegalArgumentException("noise sigma must be a finite value ≥ 0 HU, got " + noiseSigmaHu);
        }
        if (!(blurSigmaMm >= 0) || blurSigmaMm > 5) {
            throw new IllegalArgumentException("blur sigma must be between 0 and 5 mm, got " + blurSigmaMm);
        }
    }

    /** The default phantom: stenosis 0.65, 512 × 512 × 300, noise 15 HU, blur 0.6 mm, seed 20240611. */
    public static PhantomSpec defaults() {
        return new PhantomSpec(0.65, 512, 512, 300, 15.0, 0.6, 20240611L);
    }

    /** @return a copy with another stenosis fraction */
    public PhantomSpec withStenosis(double fraction) {
        return new PhantomSpec(fraction, columns, rows, slices, noiseSigmaHu, blurSigmaMm, seed);
    }

    /** @return a copy with another matrix size (the anatomy keeps its size; the spacing changes) */
    public PhantomSpec withSize(int columns, int rows, int slices) {
        return new PhantomSpec(stenosisFraction, columns, rows, slices, noiseSigmaHu, blurSigmaMm, seed);
    }

    /** @return a copy with another noise seed */
    public PhantomSpec withSeed(long seed) {
        return new PhantomSpec(stenosisFraction, columns, rows, slices, noiseSigmaHu, blurSigmaMm, seed);
    }

    /** @return a copy with another noise level in HU */
    public PhantomSpec withNoise(double sigmaHu) {
        return new PhantomSpec(stenosisFraction, columns, rows, slices, sigmaHu, blurSigmaMm, seed);
    }

    /** @return voxel spacing {column, row, slice} in mm = field of view / size */
    public double[] spacingMm() {
        return new double[] {FIELD_OF_VIEW_MM[0] / columns, FIELD_OF_VIEW_MM[1] / rows, FIELD_OF_VIEW_MM[2] / slices};
    }
}
