package org.rehearse.simulation.hemo;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.rehearse.simulation.repair.Repair;
import org.rehearse.simulation.repair.VesselModel;

/**
 * A quasi-steady lumped model of the pressure drop along a vessel with a stenosis, evaluated over one cardiac cycle.
 * It is the first, simplest model of a candidate repair (a pulsatile 1D model with Windkessel outlets replaces it
 * later); it ignores wall compliance, collateral flow and pressure recovery beyond what the coefficients hold.
 *
 * <p><b>Flow.</b> Cardiac output CO (default {@value #DEFAULT_CARDIAC_OUTPUT_L_MIN} L/min) at heart rate HR (default
 * {@value #DEFAULT_HEART_RATE_BPM}/min). The fraction {@code f} of CO that passes the coarctation into the
 * descending aorta (default {@value #DEFAULT_DESCENDING_FRACTION}) is a modelling assumption: about 30 % of the
 * cardiac output leaves through the arch branches to the head and arms, as in the 30 %/70 % upper/lower-body split
 * prescribed in coarctation flow simulations (e.g. LaDisa et al., "Computational simulations for aortic coarctation:
 * representative results from a sampling of patients", J Biomech Eng 2011;133:091008). Waveform through the lesion:
 * a half sine during systole and no flow in diastole, {@code Q(t) = Qpeak·sin(π t/Ts)} for 0 ≤ t &lt; Ts, with the
 * systolic (ejection) duration Ts a fraction of the cycle T = 60/HR. By default Ts is the left-ventricular ejection
 * time of the regression of Weissler, Harris &amp; Schoenfeld (Circulation 1968;37:149–159, men):
 * LVET = 413 − 1.7·HR ms, i.e. 294 ms (34 % of the cycle) at 70/min; the fraction is kept within
 * [{@value #MIN_SYSTOLIC_FRACTION}, {@value #MAX_SYSTOLIC_FRACTION}]. Mean flow f·CO = Qpeak·(2/π)·Ts/T fixes Qpeak.
 *
 * <p><b>Pressure drop</b> at each instant (quasi-steady, {@value #SAMPLES_PER_CYCLE} instants per cycle):
 * <pre>
 *   ΔP(t) = R·Q + Kv·μ·U/D0 + Kt·(ρ/2)·(A0/A1 − 1)²·U|U| + Ku·ρ·L·dU/dt,   U = Q/A0
 * </pre>
 * <ul>
 *   <li>R·Q: Hagen–Poiseuille viscous loss of the rest of the vessel, R = ∫ 128μ/(π d(s)⁴) ds over the vessel outside
 *       the narrowed segment (fully developed laminar flow; Poiseuille 1840, Hagen 1839).</li>
 *   <li>The remaining terms are the stenosis loss of Young &amp; Tsai (D. F. Young, F. Y. Tsai, "Flow characteristics in
 *       models of arterial stenoses — II. Unsteady flow", J Biomech 6 (1973) 547–559; steady flow part I, J Biomech 6
 *       (1973) 395–410) in the form of Seeley &amp; Young (B. D. Seeley, D. F. Young, "Effect of geometry on pressure
 *       losses across models of arterial stenoses", J Biomech 9 (1976) 439–448):
 *       viscous coefficient Kv = 32·(La/D0)·(A0/A1)² with the effective length La = 0.83·L + 1.64·D1 (Seeley &amp;
 *       Young 1976); turbulent expansion coefficient Kt = {@value #KT} (Young &amp; Tsai 1973); inertial coefficient
 *       Ku = {@value #KU} (Young &amp; Tsai 1973).</li>
 *   <li>D0, A0: reference (unobstructed) diameter and area ({@link VesselModel#referenceDiameterMm()}); D1, A1: the
 *       narrowest section of the candidate (searched at least half a reference diameter from the ends); L: length of
 *       the narrowed segment around it where d &lt; {@value #NARROWED_FRACTION}·D0 (0 when there is none). Where
 *       A1 ≥ A0 there is no expansion loss (the Kt term is 0).</li>
 *   <li>Blood: density ρ = {@value #BLOOD_DENSITY_KG_M3} kg/m³, dynamic viscosity μ = {@value #BLOOD_VISCOSITY_PA_S}
 *       Pa·s, Newtonian (the usual values for whole blood at high shear rate and 37 °C).</li>
 * </ul>
 * <p><b>Outputs</b> ({@link CandidateOutcome}): peak gradient = max over the cycle of ΔP(t); mean gradient = cycle mean
 * of ΔP(t); peak velocity = Qpeak/A1; maximum wall shear stress = 4μ·Qpeak/(π r1³) (Poiseuille) at the narrowest
 * section at peak flow.
 */
public final class SteadyStenosisModel {
    /** Default cardiac output at rest, L/min. */
    public static final double DEFAULT_CARDIAC_OUTPUT_L_MIN = 5.0;
    /** Default heart rate at rest, /min. */
    public static final double DEFAULT_HEART_RATE_BPM = 70.0;
    /** Default fraction of the cardiac output that passes the coarctation (see the class documentation). */
    public static final double DEFAULT_DESCENDING_FRACTION = 0.7;
    /** Blood density, kg/m³. */
    public static final double BLOOD_DENSITY_KG_M3 = 1060.0;
    /** Blood dynamic viscosity (Newtonian), Pa·s. */
    public static final double BLOOD_VISCOSITY_PA_S = 3.5e-3;
    /** Young &amp; Tsai (1973) turbulent expansion coefficient. */
    public static final double KT = 1.52;
    /** Young &amp; Tsai (1973) inertial coefficient. */
    public static final double KU = 1.2;
    /** The narrowed segment is where the diameter is below this fraction of the reference. */
    public static final double NARROWED_FRACTION = 0.9;
    /** Number of instants at which a cycle is evaluated. */
    public static final int SAMPLES_PER_CYCLE = 500;
    /** Range of the systolic fraction of the cycle. */
    public static final double MIN_SYSTOLIC_FRACTION = 0.25, MAX_SYSTOLIC_FRACTION = 0.5;
    /** Accepted cardiac output range (L/min): infants at rest to athletes at peak exercise. */
    public static final double MIN_CARDIAC_OUTPUT_L_MIN = 0.3, MAX_CARDIAC_OUTPUT_L_MIN = 35;
    /** Accepted heart rate range (/min). */
    public static final double MIN_HEART_RATE_BPM = 30, MAX_HEART_RATE_BPM = 220;

    private final double cardiacOutputLMin;
    private final double heartRateBpm;
    private final double descendingFraction;
    private final double systolicFraction;

    /** The model at rest: 5 L/min, 70/min, 70 % to the descending aorta, Weissler ejection time. */
    public SteadyStenosisModel() {
        this(DEFAULT_CARDIAC_OUTPUT_L_MIN, DEFAULT_HEART_RATE_BPM);
    }

    /**
     * @param cardiacOutputLMin cardiac output, L/min, within [{@value #MIN_CARDIAC_OUTPUT_L_MIN},
     *                          {@value #MAX_CARDIAC_OUTPUT_L_MIN}]
     * @param heartRateBpm      heart rate, /min, within [{@value #MIN_HEART_RATE_BPM}, {@value #MAX_HEART_RATE_BPM}]
     * @throws IllegalArgumentException outside those ranges or when not finite
     */
    public SteadyStenosisModel(double cardiacOutputLMin, double heartRateBpm) {
        this(cardiacOutputLMin, heartRateBpm, DEFAULT_DESCENDING_FRACTION, Double.NaN);
    }

    /**
     * @param cardiacOutputLMin  cardiac output, L/min (range as above)
     * @param heartRateBpm       heart rate, /min (range as above)
     * @param descendingFraction fraction of the cardiac output that passes the lesion, in (0, 1]
     * @param systolicFraction   systolic duration as a fraction of the cycle, within
     *                           [{@value #MIN_SYSTOLIC_FRACTION}, {@value #MAX_SYSTOLIC_FRACTION}]; NaN for the Weissler
     *                           regression
     * @throws IllegalArgumentException for a value out of range, naming it
     */
    public SteadyStenosisModel(double cardiacOutputLMin, double heartRateBpm, double descendingFraction, double systolicFraction) {
        if (!Double.isFinite(cardiacOutputLMin) || cardiacOutputLMin < MIN_CARDIAC_OUTPUT_L_MIN || cardiacOutputLMin > MAX_CARDIAC_OUTPUT_L_MIN) {
            throw new IllegalArgumentException(String.format("cardiac output must be within [%.1f, %.0f] L/min, got %s",
                    MIN_CARDIAC_OUTPUT_L_MIN, MAX_CARDIAC_OUTPUT_L_MIN, cardiacOutputLMin));
        }
        if (!Double.isFinite(heartRateBpm) || heartRateBpm < MIN_HEART_RATE_BPM || heartRateBpm > MAX_HEART_RATE_BPM) {
            throw new IllegalArgumentException(String.format("heart rate must be within [%.0f, %.0f] /min, got %s",
                    MIN_HEART_RATE_BPM, MAX_HEART_RATE_BPM, heartRateBpm));
        }
        if (!Double.isFinite(descendingFraction) || !(descendingFraction > 0) || descendingFraction > 1) {
            throw new IllegalArgumentException("fraction of the cardiac output through the lesion must be in (0, 1], got "
                    + descendingFraction);
        }
        double fs = systolicFraction;
        if (Double.isNaN(fs)) {
            double lvetMs = 413 - 1.7 * heartRateBpm;
            fs = Math.max(MIN_SYSTOLIC_FRACTION, Math.min(MAX_SYSTOLIC_FRACTION, lvetMs / (60000.0 / heartRateBpm)));
        } else if (!Double.isFinite(fs) || fs < MIN_SYSTOLIC_FRACTION || fs > MAX_SYSTOLIC_FRACTION) {
            throw new IllegalArgumentException(String.format("systolic fraction of the cycle must be within [%.2f, %.2f], got %s",
                    MIN_SYSTOLIC_FRACTION, MAX_SYSTOLIC_FRACTION, systolicFraction));
        }
        this.cardiacOutputLMin = cardiacOutputLMin;
        this.heartRateBpm = heartRateBpm;
        this.descendingFraction = descendingFraction;
        this.systolicFraction = fs;
    }

    /** @return cardiac output, L/min */
    public double cardiacOutputLMin() { return cardiacOutputLMin; }

    /** @return heart rate, /min */
    public double heartRateBpm() { return heartRateBpm; }

    /** @return fraction of the cardiac output through the lesion */
    public double descendingFraction() { return descendingFraction; }

    /** @return systolic duration / cycle duration */
    public double systolicFraction() { return systolicFraction; }

    /** @return cycle duration, s */
    public double cycleS() { return 60.0 / heartRateBpm; }

    /** @return cycle-mean flow through the lesion, m³/s */
    public double meanFlowM3s() { return Units.lPerMinToM3s(cardiacOutputLMin) * descendingFraction; }

    /** @return peak systolic flow through the lesion, m³/s: mean·π/(2·systolic fraction) */
    public double peakFlowM3s() { return meanFlowM3s() * Math.PI / (2 * systolicFraction); }

    /** @return flow through the lesion (m³/s) at time {@code tS} (s) within the cycle (taken modulo the cycle) */
    public double flowM3s(double tS) {
        double t = tS % cycleS();
        if (t < 0) t += cycleS();
        double ts = systolicFraction * cycleS();
        return t < ts ? peakFlowM3s() * Math.sin(Math.PI * t / ts) : 0;
    }

    /** @return dQ/dt (m³/s²) at time {@code tS} */
    public double flowRateOfChangeM3s2(double tS) {
        double t = tS % cycleS();
        if (t < 0) t += cycleS();
        double ts = systolicFraction * cycleS();
        return t < ts ? peakFlowM3s() * Math.PI / ts * Math.cos(Math.PI * t / ts) : 0;
    }

    /**
     * The Young–Tsai stenosis pressure drop (see the class documentation) for one instant.
     *
     * @param d0M        unobstructed (reference) diameter, m, &gt; 0
     * @param d1M        diameter of the narrowest section, m, &gt; 0
     * @param lengthM    length of the narrowed segment, m, ≥ 0
     * @param flowM3s    flow, m³/s
     * @param dFlowDtM3s2 rate of change of the flow, m³/s²
     * @return ΔP in Pa (positive in the direction of positive flow)
     * @throws IllegalArgumentException for non-positive diameters or a negative length
     */
    public static double youngTsaiPa(double d0M, double d1M, double lengthM, double flowM3s, double dFlowDtM3s2) {
        if (!(d0M > 0) || !(d1M > 0) || !(lengthM >= 0) || !Double.isFinite(d0M + d1M + lengthM)) {
            throw new IllegalArgumentException("Young-Tsai: diameters must be > 0 and length >= 0, got D0 = " + d0M
                    + " m, D1 = " + d1M + " m, L = " + lengthM + " m");
        }
        double a0 = Math.PI * d0M * d0M / 4, a1 = Math.PI * d1M * d1M / 4;
        double ratio = a0 / a1;
        double u = flowM3s / a0, dudt = dFlowDtM3s2 / a0;
        double la = 0.83 * lengthM + 1.64 * d1M;
        double kv = 32 * (la / d0M) * ratio * ratio;
        double expansion = ratio > 1 ? (ratio - 1) * (ratio - 1) : 0;
        return kv * BLOOD_VISCOSITY_PA_S * u / d0M
                + KT * BLOOD_DENSITY_KG_M3 / 2 * expansion * u * Math.abs(u)
                + KU * BLOOD_DENSITY_KG_M3 * lengthM * dudt;
    }

    /** The narrowest section and narrowed segment of a vessel: {throat s, d1, start s, end s}, all mm. */
    static double[] narrowing(VesselModel v) {
        double ref = v.referenceDiameterMm();
        int t = v.narrowestIndex(ref / 2);
        double d1 = v.diameterMm(t), level = NARROWED_FRACTION * ref;
        double st = v.arcLengthMm(t);
        if (d1 >= level) return new double[] {st, d1, st, st};
        double a = v.arcLengthMm(0), b = v.lengthMm();
        for (int i = t; i > 0; i--) {
            if (v.diameterMm(i - 1) >= level) {
                a = v.arcLengthMm(i) + (v.arcLengthMm(i - 1) - v.arcLengthMm(i)) * (level - v.diameterMm(i))
                        / (v.diameterMm(i - 1) - v.diameterMm(i));
                break;
            }
        }
        for (int i = t; i < v.size() - 1; i++) {
            if (v.diameterMm(i + 1) >= level) {
                b = v.arcLengthMm(i) + (v.arcLengthMm(i + 1) - v.arcLengthMm(i)) * (level - v.diameterMm(i))
                        / (v.diameterMm(i + 1) - v.diameterMm(i));
                break;
            }
        }
        return new double[] {st, d1, a, b};
    }

    /**
     * Hagen–Poiseuille resistance of the vessel outside [aMm, bMm]: ∫ 128μ/(π d⁴) ds (Pa·s/m³), by the trapezoidal
     * rule on 0.25 mm steps.
     */
    static double poiseuilleResistance(VesselModel v, double aMm, double bMm) {
        double len = v.lengthMm();
        int n = Math.max(2, (int) Math.ceil(len / 0.25));
        double h = len / n, sum = 0;
        for (int i = 0; i <= n; i++) {
            double s = i * h;
            if (s > aMm && s < bMm) continue;
            double d = Units.mmToM(v.diameterAtMm(s));
            double w = (i == 0 || i == n) ? 0.5 : 1.0;
            sum += w * 128 * BLOOD_VISCOSITY_PA_S / (Math.PI * d * d * d * d);
        }
        return sum * Units.mmToM(h);
    }

    /**
     * The pressure drop along the vessel over one cycle, ΔP(t_k) at t_k = k·T/{@value #SAMPLES_PER_CYCLE},
     * k = 0 … {@value #SAMPLES_PER_CYCLE} − 1 (T = 60/HR s; flow {@link #flowM3s(double)} at the same instants).
     *
     * @return {@value #SAMPLES_PER_CYCLE} pressure drops in Pa
     */
    public double[] pressureDropOverCyclePa(VesselModel vessel) {
        Objects.requireNonNull(vessel, "vessel");
        double[] nar = narrowing(vessel);
        double d0 = Units.mmToM(vessel.referenceDiameterMm()), d1 = Units.mmToM(nar[1]);
        double lengthM = Units.mmToM(nar[3] - nar[2]);
        double r = poiseuilleResistance(vessel, nar[2], nar[3]);
        double cycle = cycleS();
        double[] dp = new double[SAMPLES_PER_CYCLE];
        for (int k = 0; k < SAMPLES_PER_CYCLE; k++) {
            double t = cycle * k / SAMPLES_PER_CYCLE;
            double q = flowM3s(t), dq = flowRateOfChangeM3s2(t);
            dp[k] = r * q + youngTsaiPa(d0, d1, lengthM, q, dq);
        }
        return dp;
    }

    /**
     * Evaluates one vessel (native or repaired) over a cycle.
     *
     * @param candidate   the candidate's name
     * @param description its description
     * @param vessel      the vessel
     * @return the outcome, all values finite
     */
    public CandidateOutcome evaluate(String candidate, String description, VesselModel vessel) {
        Objects.requireNonNull(vessel, "vessel");
        double[] nar = narrowing(vessel);
        double d1 = Units.mmToM(nar[1]);
        double[] dp = pressureDropOverCyclePa(vessel);
        double peak = Double.NEGATIVE_INFINITY, sum = 0;
        for (double x : dp) {
            peak = Math.max(peak, x);
            sum += x;
        }
        double qPeak = peakFlowM3s();
        double a1 = Math.PI * d1 * d1 / 4, r1 = d1 / 2;
        double velocity = qPeak / a1;
        double wss = 4 * BLOOD_VISCOSITY_PA_S * qPeak / (Math.PI * r1 * r1 * r1);
        CandidateOutcome o = new CandidateOutcome(candidate, description, peak, sum / dp.length, velocity, wss, d1,
                Units.mmToM(nar[0]));
        for (double x : new double[] {o.peakGradientPa(), o.meanGradientPa(), velocity, wss}) {
            if (!Double.isFinite(x)) {
                throw new IllegalStateException("hemodynamic model produced a non-finite value for " + candidate);
            }
        }
        return o;
    }

    /**
     * Applies a repair to the native vessel and evaluates the result.
     *
     * @throws IllegalArgumentException when the repair's parameters are invalid for this vessel
     */
    public CandidateOutcome evaluate(Repair repair, VesselModel nativeVessel) {
        return evaluate(repair.name(), repair.description(), repair.apply(nativeVessel));
    }

    /** Evaluates every candidate, in order. */
    public List<CandidateOutcome> evaluateAll(List<Repair> repairs, VesselModel nativeVessel) {
        List<CandidateOutcome> out = new ArrayList<>();
        for (Repair r : repairs) out.add(evaluate(r, nativeVessel));
        return out;
    }
}
