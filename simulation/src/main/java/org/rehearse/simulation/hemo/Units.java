package org.rehearse.simulation.hemo;

/**
 * The one place for conversions between clinical units and SI. Simulation code works in SI (Pa, m³/s, m/s, m);
 * clinical units (mmHg, L/min, mL/s, cm/s, mm) appear only at the edges.
 *
 * <p>1 mmHg = 133.322387415 Pa (conventional millimetre of mercury, 13.5951 g/cm³ × 9.80665 m/s² × 1 mm; BIPM SI
 * Brochure, 9th ed., Table 8). 1 L = 10⁻³ m³, 1 mL = 10⁻⁶ m³.
 */
public final class Units {
    /** Pascals per millimetre of mercury. */
    public static final double PA_PER_MMHG = 133.322387415;

    private Units() {
    }

    /** @return pressure in Pa */
    public static double mmHgToPa(double mmHg) { return mmHg * PA_PER_MMHG; }

    /** @return pressure in mmHg */
    public static double paToMmHg(double pa) { return pa / PA_PER_MMHG; }

    /** @return flow in m³/s */
    public static double lPerMinToM3s(double lPerMin) { return lPerMin * 1e-3 / 60.0; }

    /** @return flow in L/min */
    public static double m3sToLPerMin(double m3s) { return m3s * 60.0 * 1e3; }

    /** @return flow in m³/s */
    public static double mlPerSToM3s(double mlPerS) { return mlPerS * 1e-6; }

    /** @return flow in mL/s */
    public static double m3sToMlPerS(double m3s) { return m3s * 1e6; }

    /** @return velocity in m/s */
    public static double cmPerSToMs(double cmPerS) { return cmPerS * 0.01; }

    /** @return velocity in cm/s */
    public static double msToCmPerS(double ms) { return ms * 100.0; }

    /** @return length in m */
    public static double mmToM(double mm) { return mm * 1e-3; }

    /** @return length in mm */
    public static double mToMm(double m) { return m * 1e3; }

    /** @return heart rate in Hz (beats per second) */
    public static double bpmToHz(double bpm) { return bpm / 60.0; }
}
