package org.rehearse.app.casefile;

/**
 * The patient's measurements that a case keeps, in clinical units. They set the inputs of the hemodynamic model
 * (cardiac output, heart rate, blood pressure) and the measured gradient the simulated native gradient can be compared
 * with. The accepted ranges are plausibility limits for a human from infancy to peak exercise, to catch typing and unit
 * errors (e.g. kPa for mmHg, mL/min for L/min); they are not clinical rules.
 *
 * @param systolicMmHg         systolic (arm) blood pressure, mmHg, within [40, 300]
 * @param diastolicMmHg        diastolic blood pressure, mmHg, within [10, 200] and below the systolic
 * @param cardiacOutputLMin    cardiac output, L/min, within [0.3, 35]
 * @param heartRateBpm         heart rate, beats per minute, within [30, 250]
 * @param measuredGradientMmHg a measured gradient across the coarctation (catheter peak-to-peak or Doppler), mmHg,
 *                             within [0, 200]; null when none was measured
 */
public record PatientMeasurements(double systolicMmHg, double diastolicMmHg, double cardiacOutputLMin, double heartRateBpm,
                                  Double measuredGradientMmHg) {

    /** @throws IllegalArgumentException naming the measurement, its value and the accepted range */
    public PatientMeasurements {
        check("systolic blood pressure (mmHg)", systolicMmHg, 40, 300);
        check("diastolic blood pressure (mmHg)", diastolicMmHg, 10, 200);
        if (!(diastolicMmHg < systolicMmHg)) {
            throw new IllegalArgumentException("diastolic blood pressure " + diastolicMmHg
                    + " mmHg must be below the systolic " + systolicMmHg + " mmHg");
        }
        check("cardiac output (L/min)", cardiacOutputLMin, 0.3, 35);
        check("heart rate (bpm)", heartRateBpm, 30, 250);
        if (measuredGradientMmHg != null) {
            check("measured gradient (mmHg)", measuredGradientMmHg, 0, 200);
        }
    }

    /** @return mean arterial pressure, mmHg, by the usual estimate MAP ≈ diastolic + (systolic − diastolic)/3 */
    public double meanArterialPressureMmHg() {
        return diastolicMmHg + (systolicMmHg - diastolicMmHg) / 3.0;
    }

    private static void check(String what, double v, double lo, double hi) {
        if (!Double.isFinite(v) || v < lo || v > hi) {
            throw new IllegalArgumentException(what + " must be within [" + lo + ", " + hi + "], got " + v);
        }
    }
}
