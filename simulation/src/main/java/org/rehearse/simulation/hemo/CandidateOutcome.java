package org.rehearse.simulation.hemo;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hemodynamic outcome of one candidate (native vessel or a repair). SI inside; clinical units through the accessors
 * named with their unit.
 *
 * @param candidate           the candidate's name (e.g. "native", "stent")
 * @param description         a human description of the candidate and its parameters
 * @param peakGradientPa      peak instantaneous pressure drop over the cycle along the vessel, Pa
 * @param meanGradientPa      cycle-mean pressure drop along the vessel, Pa
 * @param peakVelocityMs      peak cross-sectional mean velocity at the candidate's narrowest section, m/s
 * @param maxWallShearStressPa Poiseuille wall shear stress 4μQ/(πr³) at the narrowest section at peak flow, Pa
 * @param minDiameterM        diameter of the candidate's narrowest section, m
 * @param narrowestArcLengthM arc length of that section from the proximal end, m
 */
public record CandidateOutcome(String candidate, String description, double peakGradientPa, double meanGradientPa,
                               double peakVelocityMs, double maxWallShearStressPa, double minDiameterM,
                               double narrowestArcLengthM) {

    /** @return peak gradient in mmHg */
    public double peakGradientMmHg() { return Units.paToMmHg(peakGradientPa); }

    /** @return mean gradient in mmHg */
    public double meanGradientMmHg() { return Units.paToMmHg(meanGradientPa); }

    /** @return peak velocity in m/s */
    public double peakVelocityMPerS() { return peakVelocityMs; }

    /** @return maximum wall shear stress in Pa */
    public double maxWssPa() { return maxWallShearStressPa; }

    /** @return minimal diameter in mm */
    public double minDiameterMm() { return Units.mToMm(minDiameterM); }

    /**
     * The outcome as report fields in clinical units, keys {@code peak_gradient_mmHg}, {@code mean_gradient_mmHg},
     * {@code peak_velocity_m_s}, {@code max_wss_Pa}, {@code min_diameter_mm}, in that order.
     */
    public Map<String, Double> reportFields() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("peak_gradient_mmHg", peakGradientMmHg());
        m.put("mean_gradient_mmHg", meanGradientMmHg());
        m.put("peak_velocity_m_s", peakVelocityMPerS());
        m.put("max_wss_Pa", maxWssPa());
        m.put("min_diameter_mm", minDiameterMm());
        return m;
    }
}
