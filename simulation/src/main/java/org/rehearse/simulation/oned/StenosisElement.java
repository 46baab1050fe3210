package org.rehearse.simulation.oned;

/**
 * A lumped stenosis joining two vessels at one node of a {@link OneDNetwork}: the upstream vessel ends there, the
 * downstream vessel starts there, and the flow Q (m³/s) through both ends is equal while the pressures differ by
 *
 * <pre>
 *   ΔP = Kv μ / (A0 D0) · Q  +  Kt ρ / (2 A0²) · (A0/As − 1)² · Q|Q|  +  Ku ρ Ls / A0 · dQ/dt
 *   Kv = 32 (La / D0) (A0/As)²,   La = 0.83 Ls + 1.64 Ds
 * </pre>
 *
 * (Young &amp; Tsai 1973, J Biomech 6:547, "Flow characteristics in models of arterial stenoses II. Unsteady flow";
 * the same element as Seeley &amp; Young 1976 and the stenosis model of SimVascular's 1D solver). The viscous term
 * (Kv), the turbulent expansion loss (Kt = {@value #KT}) and the inertial term (Ku = {@value #KU}) are the
 * coefficients of Young &amp; Tsai for axisymmetric stenoses. The 1D equations alone miss the expansion loss; this
 * element adds it.
 *
 * <p>Young &amp; Tsai's viscous term was fitted to short stenoses; through a throat many diameters long the flow is
 * still developing and its friction is higher. The viscous term used is therefore the larger of Young &amp; Tsai's
 * and the apparent friction of developing laminar flow over the throat length Lt (Shah 1978, "A correlation for
 * laminar hydrodynamic entry length solutions for circular and noncircular ducts", J Fluids Eng 100:177):
 * ΔP = 4 f_app (Lt/Ds) ½ρU_s², f_app·Re = 3.44/√x⁺ + (1.25/(4x⁺) + 16 − 3.44/√x⁺) / (1 + 0.00021 x⁺⁻²),
 * x⁺ = Lt/(Ds·Re), Re = ρ U_s Ds/μ; it tends to Hagen–Poiseuille at low flow. Validated against the FDA nozzle
 * ({@code FdaNozzleValidation}).
 *
 * @param node                the node id joining the two vessels
 * @param referenceDiameterM  unobstructed diameter D0 (m), &gt; 0
 * @param throatDiameterM     diameter of the narrowest section Ds (m), 0 &lt; Ds ≤ D0
 * @param lengthM             length Ls of the narrowed segment (m), ≥ 0
 * @param throatLengthM       length Lt of the throat, the part at about the throat diameter (m), 0 ≤ Lt ≤ Ls
 */
public record StenosisElement(int node, double referenceDiameterM, double throatDiameterM, double lengthM,
                              double throatLengthM) {

    /** Turbulent (expansion) loss coefficient Kt (Young &amp; Tsai 1973). */
    public static final double KT = 1.52;
    /** Inertial coefficient Ku (Young &amp; Tsai 1973). */
    public static final double KU = 1.2;

    /** @throws IllegalArgumentException when a diameter is not &gt; 0 and finite, Ds &gt; D0, or Ls &lt; 0 */
    public StenosisElement {
        if (!(referenceDiameterM > 0) || !(throatDiameterM > 0) || !(lengthM >= 0)
                || !Double.isFinite(referenceDiameterM + throatDiameterM + lengthM)) {
            throw new IllegalArgumentException("stenosis at node " + node + ": diameters must be > 0 and length >= 0, got D0 = "
                    + referenceDiameterM + " m, Ds = " + throatDiameterM + " m, Ls = " + lengthM + " m");
        }
        if (!(throatLengthM >= 0) || throatLengthM > lengthM * (1 + 1e-9)) {
            throw new IllegalArgumentException("stenosis at node " + node + ": throat length " + throatLengthM
                    + " m must lie in 0 … the stenosis length " + lengthM + " m");
        }
        if (throatDiameterM > referenceDiameterM * (1 + 1e-9)) {
            throw new IllegalArgumentException("stenosis at node " + node + ": throat diameter " + throatDiameterM
                    + " m exceeds the reference diameter " + referenceDiameterM + " m");
        }
    }

    /** @return A0 = π D0²/4 (m²) */
    public double referenceAreaM2() { return Math.PI * referenceDiameterM * referenceDiameterM / 4; }

    /** @return As = π Ds²/4 (m²) */
    public double throatAreaM2() { return Math.PI * throatDiameterM * throatDiameterM / 4; }

    /** @param muPaS viscosity (Pa·s) @return the viscous coefficient Kv μ/(A0 D0) (Pa·s/m³) */
    public double viscousResistance(double muPaS) {
        double ratio = referenceAreaM2() / throatAreaM2();
        double la = 0.83 * lengthM + 1.64 * throatDiameterM;
        double kv = 32 * (la / referenceDiameterM) * ratio * ratio;
        return kv * muPaS / (referenceAreaM2() * referenceDiameterM);
    }

    /** @param rhoKgM3 density (kg/m³) @return the expansion coefficient Kt ρ/(2A0²)(A0/As − 1)² (Pa·s²/m⁶) */
    public double expansionCoefficient(double rhoKgM3) {
        double a0 = referenceAreaM2(), e = a0 / throatAreaM2() - 1;
        return KT * rhoKgM3 / (2 * a0 * a0) * e * e;
    }

    /** @param rhoKgM3 density (kg/m³) @return the inertance Ku ρ Ls / A0 (Pa·s²/m³) */
    public double inertance(double rhoKgM3) { return KU * rhoKgM3 * lengthM / referenceAreaM2(); }

    /**
     * The pressure drop of the formula above.
     *
     * @param flowM3s     flow Q (m³/s), positive downstream
     * @param dFlowDtM3s2 dQ/dt (m³/s²)
     * @param rhoKgM3     density (kg/m³)
     * @param muPaS       viscosity (Pa·s)
     * @return ΔP (Pa), upstream minus downstream
     */
    public double pressureDropPa(double flowM3s, double dFlowDtM3s2, double rhoKgM3, double muPaS) {
        return steadyDropPa(flowM3s, rhoKgM3, muPaS) + inertance(rhoKgM3) * dFlowDtM3s2;
    }

    /**
     * The steady part (viscous and expansion terms) of the drop.
     *
     * @param flowM3s flow (m³/s)
     * @param rhoKgM3 density (kg/m³)
     * @param muPaS   viscosity (Pa·s)
     * @return ΔP without the inertial term (Pa), odd in Q
     */
    public double steadyDropPa(double flowM3s, double rhoKgM3, double muPaS) {
        double q = Math.abs(flowM3s);
        double visc = Math.max(viscousResistance(muPaS) * q, developingFlowDropPa(q, rhoKgM3, muPaS));
        return Math.signum(flowM3s) * (visc + expansionCoefficient(rhoKgM3) * q * q);
    }

    /**
     * @param flowM3s flow (m³/s)
     * @param rhoKgM3 density (kg/m³)
     * @param muPaS   viscosity (Pa·s)
     * @return d(steady drop)/dQ (Pa·s/m³), by a central difference
     */
    public double steadyDropDerivative(double flowM3s, double rhoKgM3, double muPaS) {
        double h = Math.max(1e-12, 1e-6 * Math.abs(flowM3s));
        return (steadyDropPa(flowM3s + h, rhoKgM3, muPaS) - steadyDropPa(flowM3s - h, rhoKgM3, muPaS)) / (2 * h);
    }

    /** Shah's developing laminar flow drop over the throat length, for a flow magnitude q ≥ 0 (Pa). */
    double developingFlowDropPa(double q, double rhoKgM3, double muPaS) {
        if (throatLengthM <= 0 || q <= 0) return 0;
        double as = throatAreaM2(), u = q / as;
        double re = rhoKgM3 * u * throatDiameterM / muPaS;
        double xp = throatLengthM / (throatDiameterM * re);
        double a = 3.44 / Math.sqrt(xp);
        double fRe = a + (1.25 / (4 * xp) + 16 - a) / (1 + 0.00021 / (xp * xp));
        return 4 * fRe / re * (throatLengthM / throatDiameterM) * 0.5 * rhoKgM3 * u * u;
    }
}
