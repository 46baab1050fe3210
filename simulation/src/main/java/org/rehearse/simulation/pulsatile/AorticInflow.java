package org.rehearse.simulation.pulsatile;

import org.rehearse.simulation.oned.InletWaveform;

/**
 * The aortic root flow waveform, scaled to a cardiac output and heart rate.
 *
 * <p>Shape: ejection over the left-ventricular ejection time LVET = 0.413 − 0.0017·HR s (Weissler, Harris &amp; Schoenfeld
 * 1968, Circulation 37:149; men), a half-sine; then a brief backflow (valve closure) of 6 % of the peak flow over 40 ms; no
 * flow in diastole. Scaled so that its mean equals the cardiac output. 1000 samples per cycle, linear between them.
 */
public final class AorticInflow {
    private AorticInflow() {}

    /** Backflow after ejection, fraction of peak flow, and its duration (s). */
    public static final double BACKFLOW_FRACTION = 0.06, BACKFLOW_S = 0.04;

    /** @param heartRateBpm heart rate (bpm) @return LVET (s), at least 0.15 s and at most 45 % of the cycle */
    public static double ejectionTimeS(double heartRateBpm) {
        double period = 60.0 / heartRateBpm;
        return Math.max(0.15, Math.min(0.45 * period, 0.413 - 0.0017 * heartRateBpm));
    }

    /**
     * @param cardiacOutputM3s mean flow (m³/s), &gt; 0
     * @param heartRateBpm     heart rate (bpm), &gt; 0
     * @return the periodic waveform (period 60/HR s)
     * @throws IllegalArgumentException on a non-positive value
     */
    public static InletWaveform waveform(double cardiacOutputM3s, double heartRateBpm) {
        if (!(cardiacOutputM3s > 0) || !(heartRateBpm > 0)) {
            throw new IllegalArgumentException("inflow needs cardiac output > 0 and heart rate > 0, got "
                    + cardiacOutputM3s + " m³/s, " + heartRateBpm + " bpm");
        }
        double period = 60.0 / heartRateBpm, ts = ejectionTimeS(heartRateBpm);
        // mean of the unit shape: 2ts/π − f·2·tb/π, over the period
        double unitMean = (2 * ts / Math.PI - BACKFLOW_FRACTION * 2 * BACKFLOW_S / Math.PI) / period;
        double peak = cardiacOutputM3s / unitMean;
        int n = 1000;
        double[] t = new double[n + 1], q = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            t[i] = period * i / n;
            q[i] = peak * shape(t[i], ts);
        }
        return new InletWaveform(t, q);
    }

    private static double shape(double t, double ts) {
        if (t < ts) return Math.sin(Math.PI * t / ts);
        if (t < ts + BACKFLOW_S) return -BACKFLOW_FRACTION * Math.sin(Math.PI * (t - ts) / BACKFLOW_S);
        return 0;
    }
}
