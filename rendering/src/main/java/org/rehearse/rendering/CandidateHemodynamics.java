package org.rehearse.rendering;

/**
 * The hemodynamic curves and surface colouring of one candidate, for the comparison's charts and coloured surfaces.
 * Display data only, in clinical units; the simulation fills it in. Arrays are copied.
 *
 * @param arcLengthMm          arc length along the candidate's centerline (mm), {@code [m]}, increasing
 * @param systolicMmHg         systolic (cycle-maximum) pressure at those arc lengths (mmHg), {@code [m]}
 * @param timeS                sample times within one cardiac cycle (s), {@code [n]}
 * @param proximalMmHg         pressure proximal to the lesion over the cycle (mmHg), {@code [n]}
 * @param distalMmHg           pressure distal to the lesion over the cycle (mmHg), {@code [n]}
 * @param gradientMmHg         the nominal peak-to-peak gradient (mmHg)
 * @param gradientLowMmHg      lower end of its 95 % interval (mmHg), NaN when not sampled
 * @param gradientHighMmHg     upper end of its 95 % interval (mmHg), NaN when not sampled
 * @param vertexSystolicMmHg   systolic pressure at each vertex of the candidate's surface (mmHg), {@code [V]} in the
 *                             surface's vertex order, or null when there is no surface colouring
 * @param vertexWssPa          max wall shear stress over the cycle at each vertex (Pa), {@code [V]}, or null
 */
public record CandidateHemodynamics(double[] arcLengthMm, double[] systolicMmHg, double[] timeS, double[] proximalMmHg,
                                    double[] distalMmHg, double gradientMmHg, double gradientLowMmHg,
                                    double gradientHighMmHg, double[] vertexSystolicMmHg, double[] vertexWssPa) {
    /** Name and unit of the scalar the surfaces are coloured by. */
    public static final String SURFACE_SCALAR = "Systolic pressure (mmHg)";
    /** Name and unit of the other surface scalar, wall shear stress. */
    public static final String WSS_SCALAR = "Wall shear stress (Pa)";

    /** Without a wall shear stress colouring. */
    public CandidateHemodynamics(double[] arcLengthMm, double[] systolicMmHg, double[] timeS, double[] proximalMmHg,
                                 double[] distalMmHg, double gradientMmHg, double gradientLowMmHg,
                                 double gradientHighMmHg, double[] vertexSystolicMmHg) {
        this(arcLengthMm, systolicMmHg, timeS, proximalMmHg, distalMmHg, gradientMmHg, gradientLowMmHg, gradientHighMmHg,
                vertexSystolicMmHg, null);
    }

    /**
     * Copies the arrays.
     *
     * @throws IllegalArgumentException when paired arrays differ in length
     */
    public CandidateHemodynamics {
        arcLengthMm = copy(arcLengthMm);
        systolicMmHg = copy(systolicMmHg);
        timeS = copy(timeS);
        proximalMmHg = copy(proximalMmHg);
        distalMmHg = copy(distalMmHg);
        vertexSystolicMmHg = vertexSystolicMmHg == null ? null : vertexSystolicMmHg.clone();
        vertexWssPa = vertexWssPa == null ? null : vertexWssPa.clone();
        if (arcLengthMm.length != systolicMmHg.length) {
            throw new IllegalArgumentException("pressure profile: " + arcLengthMm.length + " arc lengths but "
                    + systolicMmHg.length + " pressures");
        }
        if (timeS.length != proximalMmHg.length || timeS.length != distalMmHg.length) {
            throw new IllegalArgumentException("waveforms: " + timeS.length + " times but " + proximalMmHg.length
                    + " proximal and " + distalMmHg.length + " distal pressures");
        }
    }

    private static double[] copy(double[] a) {
        return a == null ? new double[0] : a.clone();
    }
}
