package org.rehearse.simulation.oned;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A periodic prescribed inlet flow Q(t), piecewise linear between samples; the period is the last sample time
 * minus the first (openBF's convention for {@code *_inlet.dat}).
 */
public final class InletWaveform {
    private final double[] timeS;
    private final double[] flowM3s;
    private final double periodS;

    /**
     * @param timeS   strictly increasing sample times (s), at least 2
     * @param flowM3s flow at each time (m³/s, positive into the vessel), same length
     * @throws IllegalArgumentException on length mismatch, fewer than 2 samples, non-increasing or non-finite values
     */
    public InletWaveform(double[] timeS, double[] flowM3s) {
        if (timeS.length != flowM3s.length || timeS.length < 2) {
            throw new IllegalArgumentException("inlet waveform needs >= 2 (time, flow) pairs of equal length, got "
                    + timeS.length + " times and " + flowM3s.length + " flows");
        }
        for (int i = 0; i < timeS.length; i++) {
            if (!Double.isFinite(timeS[i]) || !Double.isFinite(flowM3s[i])) {
                throw new IllegalArgumentException("inlet waveform sample " + i + " is not finite");
            }
            if (i > 0 && !(timeS[i] > timeS[i - 1])) {
                throw new IllegalArgumentException("inlet waveform times must increase strictly (sample " + i + ")");
            }
        }
        this.timeS = timeS.clone();
        this.flowM3s = flowM3s.clone();
        this.periodS = timeS[timeS.length - 1] - timeS[0];
    }

    /** A constant flow (period 1 s), e.g. for steady verification. @param flowM3s the flow (m³/s) */
    public static InletWaveform constant(double flowM3s) {
        return new InletWaveform(new double[] {0, 1}, new double[] {flowM3s, flowM3s});
    }

    /**
     * Samples a function over one period into a piecewise-linear periodic waveform.
     *
     * @param flowM3s function of time (s) on [0, periodS] giving flow (m³/s); f(0) should equal f(periodS)
     * @param periodS the period (s), &gt; 0
     * @param samples number of intervals, ≥ 1
     * @return the waveform
     */
    public static InletWaveform sampled(java.util.function.DoubleUnaryOperator flowM3s, double periodS, int samples) {
        if (!(periodS > 0) || samples < 1) throw new IllegalArgumentException("need period > 0 and samples >= 1");
        double[] t = new double[samples + 1], q = new double[samples + 1];
        for (int i = 0; i <= samples; i++) { t[i] = periodS * i / samples; q[i] = flowM3s.applyAsDouble(t[i]); }
        return new InletWaveform(t, q);
    }

    /**
     * Reads a whitespace-separated two-column text file (time s, flow m³/s), one sample per line, as openBF's
     * {@code *_inlet.dat}. Blank lines and lines starting with '#' are skipped.
     *
     * @param file the file
     * @return the waveform
     * @throws IOException              when the file cannot be read
     * @throws IllegalArgumentException when a line does not hold two numbers (the message names file and line)
     */
    public static InletWaveform read(Path file) throws IOException {
        List<double[]> rows = new ArrayList<>();
        int lineNo = 0;
        for (String line : Files.readAllLines(file)) {
            lineNo++;
            String t = line.trim();
            if (t.isEmpty() || t.startsWith("#")) continue;
            String[] f = t.split("[\\s,;]+");
            if (f.length < 2) throw new IllegalArgumentException(file + ":" + lineNo + ": expected 'time flow'");
            try {
                rows.add(new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1])});
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + ":" + lineNo + ": not a number: " + t, e);
            }
        }
        double[] ts = new double[rows.size()], qs = new double[rows.size()];
        for (int i = 0; i < ts.length; i++) { ts[i] = rows.get(i)[0]; qs[i] = rows.get(i)[1]; }
        try {
            return new InletWaveform(ts, qs);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** @return the period T (s) */
    public double periodS() { return periodS; }

    /** @param tS time (s), any value; the waveform repeats with period T @return the flow (m³/s) */
    public double flowM3s(double tS) {
        double tau = timeS[0] + (((tS - timeS[0]) % periodS) + periodS) % periodS;
        int lo = 0, hi = timeS.length - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (timeS[mid] <= tau) lo = mid; else hi = mid;
        }
        double w = (tau - timeS[lo]) / (timeS[hi] - timeS[lo]);
        return flowM3s[lo] + w * (flowM3s[hi] - flowM3s[lo]);
    }

    /** @return the mean flow over one period (m³/s), trapezoidal rule */
    public double meanFlowM3s() {
        double s = 0;
        for (int i = 1; i < timeS.length; i++) s += 0.5 * (flowM3s[i] + flowM3s[i - 1]) * (timeS[i] - timeS[i - 1]);
        return s / periodS;
    }
}
