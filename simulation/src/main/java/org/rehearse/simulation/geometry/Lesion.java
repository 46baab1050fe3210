package org.rehearse.simulation.geometry;

/**
 * The narrowest section of a vessel (the throat of a stenosis or coarctation) and the narrowed segment around it.
 *
 * @param throatArcLengthMm     arc length (mm) of the narrowest section along the centerline (s = 0 proximal)
 * @param throatLps             LPS position (mm) of the narrowest section on the centerline, {x, y, z}
 * @param minDiameterMm         area-equivalent diameter (mm) of the narrowest section
 * @param referenceDiameterMm   reference diameter (mm) of the neighbouring healthy lumen (see {@link LesionFinder})
 * @param stenosisPercent       100·(1 − minDiameter/reference), diameter stenosis in percent (may be ≤ 0 when there is
 *                              no narrowing)
 * @param startArcLengthMm      arc length (mm) where the narrowed segment begins (diameter below
 *                              {@link LesionFinder#EXTENT_FRACTION} × reference), ≤ throat
 * @param endArcLengthMm        arc length (mm) where the narrowed segment ends, ≥ throat
 * @param referenceFromDistal   true when the reference was taken distal to the narrowing (the convention), false when
 *                              the proximal fallback was used
 * @param referenceWindowMm     {start, end} arc lengths (mm) of the window whose median diameter is the reference
 */
public record Lesion(double throatArcLengthMm, double[] throatLps, double minDiameterMm, double referenceDiameterMm,
                     double stenosisPercent, double startArcLengthMm, double endArcLengthMm,
                     boolean referenceFromDistal, double[] referenceWindowMm) {

    /** Copies the arrays in. */
    public Lesion {
        throatLps = throatLps.clone();
        referenceWindowMm = referenceWindowMm.clone();
    }

    /** @return a copy of the LPS position (mm) of the throat */
    @Override
    public double[] throatLps() { return throatLps.clone(); }

    /** @return a copy of the reference window {start, end} in mm of arc length */
    @Override
    public double[] referenceWindowMm() { return referenceWindowMm.clone(); }

    /** @return length (mm) of the narrowed segment, end − start */
    public double lengthMm() { return endArcLengthMm - startArcLengthMm; }

    /** @return a readable summary (mm, %) */
    @Override
    public String toString() {
        return String.format("Lesion[throat s=%.1f mm at LPS (%.1f, %.1f, %.1f), min %.2f mm, reference %.2f mm (%s window "
                + "%.1f–%.1f mm), stenosis %.1f %%, narrowed %.1f–%.1f mm]", throatArcLengthMm, throatLps[0], throatLps[1],
                throatLps[2], minDiameterMm, referenceDiameterMm, referenceFromDistal ? "distal" : "proximal/fallback",
                referenceWindowMm[0], referenceWindowMm[1], stenosisPercent, startArcLengthMm, endArcLengthMm);
    }

    /** @return coarctation index, minimal diameter / reference diameter (dimensionless) */
    public double coarctationIndex() { return minDiameterMm / referenceDiameterMm; }
}
