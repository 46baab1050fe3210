package org.rehearse.simulation.pulsatile;

/**
 * The calibrated periphery: the Windkessels of all outlets together, and how they are split.
 *
 * <p>Each outlet i gets a share w_i = d_i³ / Σ d_j³ of the flow by Murray's law (Murray 1926, PNAS 12:207) from its
 * vessel's diameter d_i; its total resistance is R_i = R_T / w_i (times {@code descendingFactor} for the descending
 * aorta), its proximal resistance R1_i the characteristic impedance ρc/A of its vessel's end, R2_i = R_i − R1_i, and
 * its compliance C_i = C_T · w_i. (The split of RCR values by flow share as in Vignon-Clementel et al. 2006, Comput
 * Methods Appl Mech Eng 195:3776, and Xiao, Humphrey &amp; Figueroa 2013.)
 *
 * @param totalResistancePaSM3 R_T, the parallel resistance of all outlets (Pa·s/m³), &gt; 0
 * @param totalComplianceM3Pa  C_T, the sum of the outlet compliances (m³/Pa), &gt; 0
 * @param descendingFactor     multiplier of the descending aorta outlet's resistance (1 = Murray's split), &gt; 0
 * @param venousPressurePa     outflow pressure of every Windkessel (Pa)
 * @param wallStiffnessFactor  multiplier of Olufsen's wall stiffness Eh of every vessel (1 = Olufsen et al. 2000), &gt; 0
 */
public record Periphery(double totalResistancePaSM3, double totalComplianceM3Pa, double descendingFactor,
                        double venousPressurePa, double wallStiffnessFactor) {

    /** A periphery with Olufsen's wall stiffness. */
    public Periphery(double totalResistancePaSM3, double totalComplianceM3Pa, double descendingFactor, double venousPressurePa) {
        this(totalResistancePaSM3, totalComplianceM3Pa, descendingFactor, venousPressurePa, 1.0);
    }

    /** @throws IllegalArgumentException on a non-positive or non-finite value */
    public Periphery {
        if (!(totalResistancePaSM3 > 0) || !(totalComplianceM3Pa > 0) || !(descendingFactor > 0) || !(wallStiffnessFactor > 0)
                || !Double.isFinite(totalResistancePaSM3 + totalComplianceM3Pa + descendingFactor + venousPressurePa)) {
            throw new IllegalArgumentException("periphery needs R_T > 0, C_T > 0, descending factor > 0, got R_T = "
                    + totalResistancePaSM3 + " Pa·s/m³, C_T = " + totalComplianceM3Pa + " m³/Pa, factor " + descendingFactor);
        }
    }
}
