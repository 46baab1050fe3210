package org.rehearse.simulation.oned;

import java.util.Map;

/**
 * The last simulated cardiac cycle of a {@link OneDSolver#runToPeriodicState()} run.
 *
 * @param network          network name
 * @param periodS          cycle length T (s)
 * @param cycles           cycles run
 * @param converged        whether the periodic-state criterion was met
 * @param cycleChange      last cycle-to-cycle pressure change: max |P_k − P_{k−1}| / max P_k (dimensionless);
 *                         +∞ after a single cycle
 * @param timeS            sample times within the cycle (s), {@code [samples]}, 0 … T·(1 − 1/samples); time 0 is
 *                         a whole multiple of T after the start, i.e. the phase of the inlet waveform's first sample
 * @param pressurePa       per vessel label, {@code [5][samples]} pressure (Pa) at {@link OneDSolver#PROBE_FRACTIONS}
 * @param flowM3s          per vessel label, {@code [5][samples]} flow (m³/s) at the same points
 * @param massBalanceError (inflow − outflow − Δvolume of the vessels) / inflow over the last cycle (dimensionless)
 * @param cycleInflowM3    inflow volume of the last cycle (m³)
 */
public record PeriodicSolution(String network, double periodS, int cycles, boolean converged, double cycleChange,
                               double[] timeS, Map<String, double[][]> pressurePa, Map<String, double[][]> flowM3s,
                               double massBalanceError, double cycleInflowM3) {

    /**
     * Linear, periodic interpolation of a recorded signal.
     *
     * @param signal  one row of {@link #pressurePa()} or {@link #flowM3s()}
     * @param tS      time (s), taken modulo T
     * @return the interpolated value
     */
    public double interpolate(double[] signal, double tS) {
        int ns = signal.length;
        double tau = ((tS % periodS) + periodS) % periodS;
        double x = tau / periodS * ns;
        int i = (int) Math.floor(x);
        double w = x - i;
        i %= ns;
        return signal[i] + w * (signal[(i + 1) % ns] - signal[i]);
    }
}
