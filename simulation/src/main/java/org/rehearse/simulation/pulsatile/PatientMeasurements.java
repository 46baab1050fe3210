package org.rehearse.simulation.pulsatile;

import org.rehearse.simulation.hemo.Units;

/**
 * The patient's measurements the twin is calibrated to, in clinical units (converted to SI by {@link Units}).
 *
 * @param systolicMmHg        arm cuff systolic pressure (mmHg)
 * @param diastolicMmHg       arm cuff diastolic pressure (mmHg)
 * @param cardiacOutputLMin   cardiac output (L/min)
 * @param heartRateBpm        heart rate (beats/min)
 * @param measuredGradientMmHg a measured peak-to-peak gradient across the lesion (catheter, or Doppler), or NaN when
 *                            none was measured
 * @throws IllegalArgumentException when a value is outside any human range (limits {@link #MIN_SYSTOLIC_MMHG} …); the
 *                                  message names the value and the limit
 */
public record PatientMeasurements(double systolicMmHg, double diastolicMmHg, double cardiacOutputLMin,
                                  double heartRateBpm, double measuredGradientMmHg) {

    /** Plausible human limits (mmHg, L/min, bpm). */
    public static final double MIN_SYSTOLIC_MMHG = 50, MAX_SYSTOLIC_MMHG = 300, MIN_DIASTOLIC_MMHG = 20,
            MAX_DIASTOLIC_MMHG = 200, MIN_PULSE_PRESSURE_MMHG = 10, MIN_CARDIAC_OUTPUT_L_MIN = 0.3,
            MAX_CARDIAC_OUTPUT_L_MIN = 35, MIN_HEART_RATE_BPM = 30, MAX_HEART_RATE_BPM = 220,
            MAX_GRADIENT_MMHG = 200;

    /** Validates. */
    public PatientMeasurements {
        range("systolic pressure", systolicMmHg, MIN_SYSTOLIC_MMHG, MAX_SYSTOLIC_MMHG, "mmHg");
        range("diastolic pressure", diastolicMmHg, MIN_DIASTOLIC_MMHG, MAX_DIASTOLIC_MMHG, "mmHg");
        if (!(diastolicMmHg < systolicMmHg)) {
            throw new IllegalArgumentException(String.format(
                    "diastolic pressure %.0f mmHg must be below the systolic pressure %.0f mmHg", diastolicMmHg, systolicMmHg));
        }
        if (systolicMmHg - diastolicMmHg < MIN_PULSE_PRESSURE_MMHG) {
            throw new IllegalArgumentException(String.format("pulse pressure %.0f/%.0f mmHg is below %.0f mmHg",
                    systolicMmHg, diastolicMmHg, MIN_PULSE_PRESSURE_MMHG));
        }
        range("cardiac output", cardiacOutputLMin, MIN_CARDIAC_OUTPUT_L_MIN, MAX_CARDIAC_OUTPUT_L_MIN, "L/min");
        range("heart rate", heartRateBpm, MIN_HEART_RATE_BPM, MAX_HEART_RATE_BPM, "bpm");
        if (!Double.isNaN(measuredGradientMmHg)) range("measured gradient", measuredGradientMmHg, 0, MAX_GRADIENT_MMHG, "mmHg");
    }

    private static void range(String what, double v, double lo, double hi, String unit) {
        if (!Double.isFinite(v) || v < lo || v > hi) {
            throw new IllegalArgumentException(String.format("%s %s %s is outside the range %s–%s %s", what, fmt(v), unit,
                    fmt(lo), fmt(hi), unit));
        }
    }

    /** A value as typed: 7200, 5.2, NaN. */
    private static String fmt(double v) {
        return Double.isFinite(v) && v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }

    /** @return 120/70 mmHg, 5.0 L/min, 70 bpm, no measured gradient (a resting adult) */
    public static PatientMeasurements defaults() {
        return new PatientMeasurements(120, 70, 5.0, 70, Double.NaN);
    }

    /** @return mean arterial pressure estimate DBP + (SBP − DBP)/3 (mmHg) */
    public double meanArterialMmHg() { return diastolicMmHg + (systolicMmHg - diastolicMmHg) / 3; }

    /** @return cycle length 60/HR (s) */
    public double periodS() { return 60.0 / heartRateBpm; }

    /** @return mean flow (m³/s) */
    public double cardiacOutputM3s() { return Units.lPerMinToM3s(cardiacOutputLMin); }

    /** @return whether a gradient was measured */
    public boolean hasMeasuredGradient() { return !Double.isNaN(measuredGradientMmHg); }

    /** @param coLMin a cardiac output (L/min) @return a copy with it (validated) */
    public PatientMeasurements withCardiacOutputLMin(double coLMin) {
        return new PatientMeasurements(systolicMmHg, diastolicMmHg, coLMin, heartRateBpm, measuredGradientMmHg);
    }
}
