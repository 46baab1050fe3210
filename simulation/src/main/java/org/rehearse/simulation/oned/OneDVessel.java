package org.rehearse.simulation.oned;

/**
 * One elastic vessel (segment) of a 1D arterial network, in SI units, as in openBF's YAML network entries.
 *
 * <p>Tube law (Boileau et al. 2015, J Biomech 48:1806, eq. for the "elastic" wall, as openBF):
 * {@code P = Pext + β (√A − √A0) / A0} with {@code β = (4/3) √π E h0}. The reference radius may taper linearly
 * from {@code r0InletM} at x = 0 to {@code r0OutletM} at x = L.
 *
 * @param label          vessel name (openBF {@code label}); used in messages and results
 * @param sourceNode     node id at x = 0 (openBF {@code sn})
 * @param targetNode     node id at x = L (openBF {@code tn})
 * @param lengthM        length L (m), &gt; 0
 * @param r0InletM       reference (zero transmural pressure) lumen radius at x = 0 (m), &gt; 0
 * @param r0OutletM      reference lumen radius at x = L (m), &gt; 0
 * @param wallThicknessM wall thickness h0 (m), &gt; 0
 * @param youngModulusPa Young's modulus E (Pa), &gt; 0
 * @param gammaProfile   velocity-profile exponent γ (u(r) ∝ 1 − (r/R)^γ; 2 = Poiseuille, 9 = blunt), &gt; 0
 * @param windkessel     outlet three-element Windkessel, or {@code null} when x = L joins other vessels
 * @throws IllegalArgumentException when a value is non-finite or out of range (the message names the vessel)
 */
public record OneDVessel(String label, int sourceNode, int targetNode, double lengthM, double r0InletM,
                         double r0OutletM, double wallThicknessM, double youngModulusPa, double gammaProfile,
                         Windkessel windkessel) {

    /**
     * Three-element Windkessel (RCR) terminal: Q = (P − Pc)/R1, C dPc/dt = Q − (Pc − Pout)/R2.
     *
     * @param r1PaSM3   proximal (characteristic) resistance R1 (Pa·s/m³), ≥ 0
     * @param r2PaSM3   distal resistance R2 (Pa·s/m³), &gt; 0
     * @param cM3Pa     compliance C (m³/Pa), &gt; 0
     * @param pOutPa    venous (outflow) pressure Pout (Pa)
     */
    public record Windkessel(double r1PaSM3, double r2PaSM3, double cM3Pa, double pOutPa) {
        /** @throws IllegalArgumentException when R1 &lt; 0, R2 ≤ 0, C ≤ 0 or any value is non-finite */
        public Windkessel {
            if (!(r1PaSM3 >= 0) || !(r2PaSM3 > 0) || !(cM3Pa > 0) || !Double.isFinite(r1PaSM3 + r2PaSM3 + cM3Pa + pOutPa)
                    || Double.isInfinite(r1PaSM3)) {
                throw new IllegalArgumentException("Windkessel needs R1 >= 0, R2 > 0, C > 0, finite: R1=" + r1PaSM3
                        + " R2=" + r2PaSM3 + " C=" + cM3Pa + " Pout=" + pOutPa);
            }
        }
    }

    /** Validates the parameters. */
    public OneDVessel {
        if (label == null || label.isBlank()) throw new IllegalArgumentException("vessel label is empty");
        check(label, "L", lengthM);
        check(label, "R0 (inlet)", r0InletM);
        check(label, "R0 (outlet)", r0OutletM);
        check(label, "h0", wallThicknessM);
        check(label, "E", youngModulusPa);
        check(label, "gamma_profile", gammaProfile);
        if (sourceNode == targetNode) {
            throw new IllegalArgumentException("vessel " + label + ": sn == tn == " + sourceNode);
        }
    }

    private static void check(String label, String what, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException("vessel " + label + ": " + what + " must be finite and > 0, got " + v);
        }
    }

    /** @return β = (4/3)√π E h0 (Pa·m), the tube-law stiffness (Boileau et al. 2015; openBF) */
    public double beta() {
        return 4.0 / 3.0 * Math.sqrt(Math.PI) * youngModulusPa * wallThicknessM;
    }

    /** @return the momentum-flux (Coriolis) coefficient α = (γ+2)/(γ+1) of the velocity profile */
    public double alpha() {
        return (gammaProfile + 2.0) / (gammaProfile + 1.0);
    }

    /**
     * @param xM position along the vessel (m), 0 ≤ x ≤ L
     * @return reference radius at x (m), linear taper between the two ends
     */
    public double r0AtM(double xM) {
        double s = Math.max(0, Math.min(1, xM / lengthM));
        return r0InletM + s * (r0OutletM - r0InletM);
    }
}
