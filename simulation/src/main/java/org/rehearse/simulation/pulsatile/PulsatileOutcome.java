package org.rehearse.simulation.pulsatile;

import org.rehearse.simulation.hemo.Units;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One candidate's hemodynamics over the periodic cardiac cycle of the 1D model, SI inside; clinical units through the
 * accessors and {@link #reportFields()}.
 *
 * @param candidate                    the candidate's name
 * @param description                  its description with parameters
 * @param peakToPeakGradientPa         max P_proximal − max P_distal over the cycle (as a catheter pull-back measures it)
 * @param meanGradientPa               cycle mean of P_proximal − P_distal
 * @param peakInstantaneousGradientPa  max over the cycle of P_proximal(t) − P_distal(t) (as Doppler estimates it)
 * @param peakVelocityMs               max over the cycle of the mean velocity at the narrowest section (m/s)
 * @param maxWallShearStressPa         max over the cycle of the wall shear stress (γ+2)μQ/(πr³) at the narrowest section
 * @param minDiameterM                 diameter of the narrowest section (m)
 * @param branchFlowPercent            outlet name → its share of the cycle's inflow (%)
 * @param lvWorkJ                      left-ventricular external work over one cycle, ∫ P_inlet Q_inlet dt (J)
 * @param waveforms                    the pressure and flow waveforms of the last cycle
 * @param profile                      systolic and mean pressure along the centerline
 * @param cycles                       cycles run to the periodic state
 */
public record PulsatileOutcome(String candidate, String description, double peakToPeakGradientPa,
                               double meanGradientPa, double peakInstantaneousGradientPa, double peakVelocityMs,
                               double maxWallShearStressPa, double minDiameterM, Map<String, Double> branchFlowPercent,
                               double lvWorkJ, Waveforms waveforms, PressureProfile profile, int cycles) {

    /**
     * Waveforms over one cycle.
     *
     * @param timeS      sample times within the cycle (s), {@code [n]}
     * @param pressurePa location → pressure (Pa), each {@code [n]}; locations: inlet, proximal, distal, then outlets
     * @param flowM3s    location → flow (m³/s), same keys and shape
     */
    public record Waveforms(double[] timeS, Map<String, double[]> pressurePa, Map<String, double[]> flowM3s) {}

    /**
     * Pressure along the aortic centerline (candidate's own arc length).
     *
     * @param arcLengthMm arc length (mm), {@code [m]}, increasing
     * @param systolicPa  max over the cycle (Pa), {@code [m]}
     * @param meanPa      cycle mean (Pa), {@code [m]}
     * @param maxWssPa    max over the cycle of the wall shear stress (γ+2)μ|Q|/(πr³) of the segment's lumen (Pa),
     *                    {@code [m]}; at the stenosis element's ends the segment's, not the throat's
     */
    public record PressureProfile(double[] arcLengthMm, double[] systolicPa, double[] meanPa, double[] maxWssPa) {}

    /** @return peak-to-peak gradient (mmHg) */
    public double peakToPeakGradientMmHg() { return Units.paToMmHg(peakToPeakGradientPa); }

    /** @return mean gradient (mmHg) */
    public double meanGradientMmHg() { return Units.paToMmHg(meanGradientPa); }

    /** @return peak instantaneous gradient (mmHg) */
    public double peakInstantaneousGradientMmHg() { return Units.paToMmHg(peakInstantaneousGradientPa); }

    /**
     * @return report fields in clinical units: peak_to_peak_gradient_mmHg, mean_gradient_mmHg,
     * peak_instantaneous_gradient_mmHg, peak_velocity_m_s, max_wss_Pa, min_diameter_mm, lv_work_per_beat_J
     */
    public Map<String, Double> reportFields() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("peak_to_peak_gradient_mmHg", peakToPeakGradientMmHg());
        m.put("mean_gradient_mmHg", meanGradientMmHg());
        m.put("peak_instantaneous_gradient_mmHg", peakInstantaneousGradientMmHg());
        m.put("peak_velocity_m_s", peakVelocityMs);
        m.put("max_wss_Pa", maxWallShearStressPa);
        m.put("min_diameter_mm", Units.mToMm(minDiameterM));
        m.put("lv_work_per_beat_J", lvWorkJ);
        return m;
    }
}
