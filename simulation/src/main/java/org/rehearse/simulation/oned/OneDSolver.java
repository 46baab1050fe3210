package org.rehearse.simulation.oned;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pulsatile 1D blood flow in a network of elastic vessels (the model of SimVascular's 1D solver and openBF).
 *
 * <p>Per vessel, with cross-sectional area A(x,t) (m²) and flow Q(x,t) (m³/s):
 * <pre>
 *   ∂A/∂t + ∂Q/∂x = 0
 *   ∂Q/∂t + ∂(α Q²/A)/∂x + (A/ρ) ∂P/∂x = −2(γ+2)πμ Q/(ρA),   α = (γ+2)/(γ+1)
 *   P = Pext + β(√A − √A0)/A0,   β = (4/3)√π E h0
 * </pre>
 * (Boileau et al. 2015, J Biomech 48:1806; Formaggia, Lamponi, Quarteroni 2003). For a uniform vessel the pressure
 * term is the conservative flux {@code ∂(β A^{3/2}/(3ρA0))/∂x}; a linear taper of A0 adds the corresponding source.
 *
 * <p><b>Scheme.</b> Two-step (Richtmyer) Lax–Wendroff on a uniform grid per vessel, second order in space and
 * time for smooth solutions; time step {@code Δt = Cr · min Δx/(|u|+c)} with the Courant number {@code Cr}
 * ({@link Options#courantNumber()}, default 0.9). Boundary and junction nodes are set from the outgoing Riemann
 * invariant {@code W = u ± 4c} (c = √(β/(2ρA0)) A^{1/4}), traced back along the characteristic from the foot
 * interpolated at the old time level, with the friction term integrated along it:
 * <ul>
 *   <li>inlet: prescribed flow Q(t) (periodic waveform), area from W2 (Newton);</li>
 *   <li>outlet: three-element Windkessel (R1, R2, C) coupled through W1; the capacitor pressure is advanced with
 *       the trapezoidal rule and solved together with the outlet area (Newton);</li>
 *   <li>junction (any node joining ≥ 2 vessel ends, e.g. a bifurcation): conservation of mass and equality of
 *       <em>static</em> pressure (as openBF), solved for all areas by Newton's method with the analytic Jacobian.</li>
 * </ul>
 * Initial state: all vessels at rest (Q = 0) at a uniform diastolic-level pressure P0 ({@link Options}; default
 * the mean inlet flow times the parallel resistance of the outlets' R1+R2 plus Pout), every Windkessel capacitor at
 * P0 — never at zero. Any non-finite or non-positive area, or a failed boundary Newton, throws a
 * {@link SolverDivergedException} naming the vessel and the time.
 */
public final class OneDSolver {

    /**
     * Numerical settings.
     *
     * @param courantNumber      Courant number Cr in (0, 1]
     * @param targetDxM          target grid spacing (m); each vessel gets ceil(L/dx)+1 nodes, at least {@code minNodes}
     * @param minNodes           least nodes per vessel (≥ 3)
     * @param maxCycles          most cardiac cycles {@link #runToPeriodicState()} runs
     * @param periodicTolerance  periodic-state tolerance: max |P_k(t) − P_{k−1}(t)| over all probes and samples,
     *                           relative to the largest pressure of cycle k (e.g. 0.001 = 0.1 %)
     * @param samplesPerCycle    uniform samples per cycle recorded in the {@link PeriodicSolution}
     * @param initialPressurePa  initial pressure P0 (Pa); NaN selects the default (mean flow × outlet resistance)
     */
    public record Options(double courantNumber, double targetDxM, int minNodes, int maxCycles,
                          double periodicTolerance, int samplesPerCycle, double initialPressurePa) {
        /** @throws IllegalArgumentException on an out-of-range value */
        public Options {
            if (!(courantNumber > 0 && courantNumber <= 1)) throw new IllegalArgumentException("Courant number must be in (0,1]: " + courantNumber);
            if (!(targetDxM > 0)) throw new IllegalArgumentException("targetDxM must be > 0: " + targetDxM);
            if (minNodes < 3) throw new IllegalArgumentException("minNodes must be >= 3: " + minNodes);
            if (maxCycles < 1) throw new IllegalArgumentException("maxCycles must be >= 1: " + maxCycles);
            if (!(periodicTolerance > 0)) throw new IllegalArgumentException("periodicTolerance must be > 0");
            if (samplesPerCycle < 2) throw new IllegalArgumentException("samplesPerCycle must be >= 2");
        }

        /** @return Cr 0.9, Δx 1 mm, ≥ 11 nodes, ≤ 30 cycles, tolerance 0.1 %, 200 samples, default P0 */
        public static Options defaults() {
            return new Options(0.9, 1e-3, 11, 30, 1e-3, 200, Double.NaN);
        }

        /** @param dx target Δx (m) @return a copy with that spacing */
        public Options withTargetDxM(double dx) {
            return new Options(courantNumber, dx, minNodes, maxCycles, periodicTolerance, samplesPerCycle, initialPressurePa);
        }

        /** @param cr Courant number @return a copy with it */
        public Options withCourantNumber(double cr) {
            return new Options(cr, targetDxM, minNodes, maxCycles, periodicTolerance, samplesPerCycle, initialPressurePa);
        }

        /** @param p0 initial pressure (Pa) @return a copy with it */
        public Options withInitialPressurePa(double p0) {
            return new Options(courantNumber, targetDxM, minNodes, maxCycles, periodicTolerance, samplesPerCycle, p0);
        }

        /** @param n minimum nodes per vessel @return a copy with it */
        public Options withMinNodes(int n) {
            return new Options(courantNumber, targetDxM, n, maxCycles, periodicTolerance, samplesPerCycle, initialPressurePa);
        }

        /** @param n maximum cycles @return a copy with it */
        public Options withMaxCycles(int n) {
            return new Options(courantNumber, targetDxM, minNodes, n, periodicTolerance, samplesPerCycle, initialPressurePa);
        }
    }

    /** Probe positions recorded in a {@link PeriodicSolution}, as fractions of the length (openBF's output points). */
    public static final double[] PROBE_FRACTIONS = {0.0, 0.25, 0.5, 0.75, 1.0};

    private final OneDNetwork net;
    private final Options opt;
    private final double rho, mu, pExt;
    private final List<Seg> segs = new ArrayList<>();
    private final Map<String, Seg> byLabel = new LinkedHashMap<>();
    private final Seg inletSeg;
    private final List<Seg> outlets = new ArrayList<>();
    private final List<List<End>> junctions = new ArrayList<>();
    private double t;
    private double lastDt;
    private double inflowVolumeM3, outflowVolumeM3;

    private record End(Seg seg, boolean atOutlet) {}

    /** One vessel's discrete state. */
    private final class Seg {
        final OneDVessel v;
        final int n;
        final double dx, beta, alpha, cf;
        final double[] a0, k, sqrtA0, g1, g2, A, Q;
        final double[] Ah, Qh; // half-step values at i+1/2
        final double[] kh, g1h, g2h, a0h;
        double pc; // Windkessel capacitor pressure

        Seg(OneDVessel v) {
            this.v = v;
            int nn = (int) Math.ceil(v.lengthM() / opt.targetDxM() - 1e-9) + 1;
            n = Math.max(opt.minNodes(), nn);
            dx = v.lengthM() / (n - 1);
            beta = v.beta();
            alpha = v.alpha();
            cf = 2.0 * (v.gammaProfile() + 2.0) * Math.PI * mu / rho;
            a0 = new double[n]; k = new double[n]; sqrtA0 = new double[n]; g1 = new double[n]; g2 = new double[n];
            A = new double[n]; Q = new double[n];
            Ah = new double[n - 1]; Qh = new double[n - 1];
            kh = new double[n - 1]; g1h = new double[n - 1]; g2h = new double[n - 1]; a0h = new double[n - 1];
            for (int i = 0; i < n; i++) fill(i * dx, i, a0, k, g1, g2);
            for (int i = 0; i < n; i++) sqrtA0[i] = Math.sqrt(a0[i]);
            for (int i = 0; i < n - 1; i++) fill((i + 0.5) * dx, i, a0h, kh, g1h, g2h);
        }

        private void fill(double x, int i, double[] a0a, double[] ka, double[] g1a, double[] g2a) {
            double r = v.r0AtM(x);
            double drdx = (v.r0OutletM() - v.r0InletM()) / v.lengthM();
            a0a[i] = Math.PI * r * r;
            ka[i] = beta / (3.0 * rho * a0a[i]);
            // g1 = d(β/A0)/dx, g2 = d(β/√A0)/dx for A0 = π r², r linear in x
            g1a[i] = -2.0 * beta / (Math.PI * r * r * r) * drdx;
            g2a[i] = -beta / (Math.sqrt(Math.PI) * r * r) * drdx;
        }

        double pressure(int i, double a) { return pExt + beta * (Math.sqrt(a) - sqrtA0[i]) / a0[i]; }

        double areaAt(int i, double p) {
            double s = sqrtA0[i] + (p - pExt) * a0[i] / beta;
            return s * s;
        }

        double wave(int i, double a) { return Math.sqrt(beta / (2.0 * rho * a0[i])) * Math.sqrt(Math.sqrt(a)); }

        double src(double a, double q, double g1v, double g2v) {
            return -cf * q / a - 2.0 * a * Math.sqrt(a) / (3.0 * rho) * g1v + a / rho * g2v;
        }
    }

    /**
     * Builds the discretisation and the initial state.
     *
     * @param network the network (one inlet node; every other free end must have a Windkessel)
     * @param options numerical settings
     * @throws IllegalArgumentException when the topology is unsupported (several inlets, an outlet without a
     *                                  Windkessel, a Windkessel on a junction end, disconnected nodes)
     */
    public OneDSolver(OneDNetwork network, Options options) {
        this.net = network;
        this.opt = options;
        this.rho = network.rhoKgM3();
        this.mu = network.muPaS();
        this.pExt = network.externalPressurePa();
        for (OneDVessel v : network.vessels()) {
            if (byLabel.containsKey(v.label())) throw new IllegalArgumentException("duplicate vessel label " + v.label());
            Seg s = new Seg(v);
            segs.add(s);
            byLabel.put(v.label(), s);
        }
        Map<Integer, List<End>> nodes = new LinkedHashMap<>();
        for (Seg s : segs) {
            nodes.computeIfAbsent(s.v.sourceNode(), x -> new ArrayList<>()).add(new End(s, false));
            nodes.computeIfAbsent(s.v.targetNode(), x -> new ArrayList<>()).add(new End(s, true));
        }
        Seg in = null;
        for (Map.Entry<Integer, List<End>> e : nodes.entrySet()) {
            List<End> ends = e.getValue();
            if (ends.size() == 1) {
                End end = ends.get(0);
                if (!end.atOutlet()) {
                    if (in != null) {
                        throw new IllegalArgumentException("network " + network.name() + ": more than one inlet node ("
                                + in.v.label() + ", " + end.seg().v.label() + "); only one is supported");
                    }
                    in = end.seg();
                } else {
                    if (end.seg().v.windkessel() == null) {
                        throw new IllegalArgumentException("network " + network.name() + ": outlet of vessel "
                                + end.seg().v.label() + " (node " + e.getKey() + ") has no Windkessel (R1, R2, Cc)");
                    }
                    outlets.add(end.seg());
                }
            } else {
                for (End end : ends) {
                    if (end.atOutlet() && end.seg().v.windkessel() != null) {
                        throw new IllegalArgumentException("network " + network.name() + ": vessel " + end.seg().v.label()
                                + " has a Windkessel but its outlet node " + e.getKey() + " is a junction");
                    }
                }
                junctions.add(ends);
            }
        }
        if (in == null) throw new IllegalArgumentException("network " + network.name() + ": no inlet node found");
        inletSeg = in;
        double p0 = options.initialPressurePa();
        if (Double.isNaN(p0)) p0 = defaultInitialPressure();
        for (Seg s : segs) {
            for (int i = 0; i < s.n; i++) { s.A[i] = s.areaAt(i, p0); s.Q[i] = 0; }
            s.pc = p0;
        }
        t = 0;
    }

    private double defaultInitialPressure() {
        double g = 0, pout = 0;
        for (Seg s : outlets) {
            OneDVessel.Windkessel w = s.v.windkessel();
            g += 1.0 / (w.r1PaSM3() + w.r2PaSM3());
            pout = Math.max(pout, w.pOutPa());
        }
        double qm = net.inlet().meanFlowM3s();
        double p = pout + Math.max(qm, 0) / g;
        return p > pout ? p : pout + Units.mmHgToPa(80);
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** @return the simulated time (s) */
    public double timeS() { return t; }

    /** @return the last time step taken (s), 0 before the first */
    public double lastTimeStepS() { return lastDt; }

    /** @return the CFL-bounded time step for the current state (s) */
    public double stableTimeStepS() {
        double dt = Double.POSITIVE_INFINITY;
        for (Seg s : segs) {
            for (int i = 0; i < s.n; i++) {
                double sp = Math.abs(s.Q[i] / s.A[i]) + s.wave(i, s.A[i]);
                dt = Math.min(dt, s.dx / sp);
            }
        }
        return opt.courantNumber() * dt;
    }

    /** Advances one CFL-bounded step. @throws SolverDivergedException on blow-up */
    public void step() { stepBy(stableTimeStepS()); }

    /**
     * Advances to exactly {@code tEndS} with CFL-bounded steps (the last one shortened).
     *
     * @param tEndS target time (s), ≥ current time
     * @throws SolverDivergedException on blow-up
     */
    public void advanceTo(double tEndS) {
        while (t < tEndS - 1e-12) {
            double dt = stableTimeStepS();
            if (t + dt > tEndS) dt = tEndS - t;
            stepBy(dt);
        }
    }

    private void stepBy(double dt) {
        double tNew = t + dt;
        // Boundary data traced from the old level first.
        double[][] traced = new double[segs.size()][2];
        for (int j = 0; j < segs.size(); j++) {
            Seg s = segs.get(j);
            traced[j][0] = tracedW2(s, dt);
            traced[j][1] = tracedW1(s, dt);
        }
        double qInOld = inletSeg.Q[0];
        double[] qOutOld = new double[outlets.size()];
        for (int j = 0; j < outlets.size(); j++) qOutOld[j] = outlets.get(j).Q[outlets.get(j).n - 1];

        for (Seg s : segs) interior(s, dt);

        // inlet
        double qIn = net.inlet().flowM3s(tNew);
        int ji = segs.indexOf(inletSeg);
        inletSeg.A[0] = solveInlet(inletSeg, qIn, traced[ji][0], tNew);
        inletSeg.Q[0] = qIn;
        // outlets
        for (int j = 0; j < outlets.size(); j++) {
            Seg s = outlets.get(j);
            windkessel(s, traced[segs.indexOf(s)][1], qOutOld[j], dt, tNew);
        }
        for (List<End> jn : junctions) junction(jn, traced, tNew);

        inflowVolumeM3 += 0.5 * (qInOld + qIn) * dt;
        for (int j = 0; j < outlets.size(); j++) {
            Seg s = outlets.get(j);
            outflowVolumeM3 += 0.5 * (qOutOld[j] + s.Q[s.n - 1]) * dt;
        }
        t = tNew;
        lastDt = dt;
        for (Seg s : segs) {
            for (int i = 0; i < s.n; i++) {
                if (!(s.A[i] > 0) || !Double.isFinite(s.A[i]) || !Double.isFinite(s.Q[i])) {
                    throw new SolverDivergedException(s.v.label(), t, "node " + i + " of " + s.n + ": A=" + s.A[i]
                            + " m², Q=" + s.Q[i] + " m³/s");
                }
            }
            if (!Double.isFinite(s.pc)) throw new SolverDivergedException(s.v.label(), t, "Windkessel pressure " + s.pc);
        }
    }

    private void interior(Seg s, double dt) {
        int n = s.n;
        double lam = dt / s.dx;
        double[] A = s.A, Q = s.Q;
        for (int i = 0; i < n - 1; i++) {
            double f1a = Q[i], f1b = Q[i + 1];
            double f2a = s.alpha * Q[i] * Q[i] / A[i] + s.k[i] * A[i] * Math.sqrt(A[i]);
            double f2b = s.alpha * Q[i + 1] * Q[i + 1] / A[i + 1] + s.k[i + 1] * A[i + 1] * Math.sqrt(A[i + 1]);
            double sa = s.src(A[i], Q[i], s.g1[i], s.g2[i]);
            double sb = s.src(A[i + 1], Q[i + 1], s.g1[i + 1], s.g2[i + 1]);
            s.Ah[i] = 0.5 * (A[i] + A[i + 1]) - 0.5 * lam * (f1b - f1a);
            s.Qh[i] = 0.5 * (Q[i] + Q[i + 1]) - 0.5 * lam * (f2b - f2a) + 0.25 * dt * (sa + sb);
            if (!(s.Ah[i] > 0) || !Double.isFinite(s.Qh[i])) {
                throw new SolverDivergedException(s.v.label(), t + dt, "half-step cell " + i + ": A=" + s.Ah[i]);
            }
        }
        double prevF1 = s.Qh[0];
        double prevF2 = s.alpha * s.Qh[0] * s.Qh[0] / s.Ah[0] + s.kh[0] * s.Ah[0] * Math.sqrt(s.Ah[0]);
        double prevS = s.src(s.Ah[0], s.Qh[0], s.g1h[0], s.g2h[0]);
        for (int i = 1; i < n - 1; i++) {
            double f1 = s.Qh[i];
            double f2 = s.alpha * s.Qh[i] * s.Qh[i] / s.Ah[i] + s.kh[i] * s.Ah[i] * Math.sqrt(s.Ah[i]);
            double sc = s.src(s.Ah[i], s.Qh[i], s.g1h[i], s.g2h[i]);
            A[i] -= lam * (f1 - prevF1);
            Q[i] += -lam * (f2 - prevF2) + 0.5 * dt * (sc + prevS);
            prevF1 = f1; prevF2 = f2; prevS = sc;
        }
    }

    /** W2 = u − 4c at node 0 at the new level, traced from the foot of the backward characteristic. */
    private double tracedW2(Seg s, double dt) {
        double u0 = s.Q[0] / s.A[0], c0 = s.wave(0, s.A[0]);
        double xi = Math.min(1.0, Math.max(0.0, (c0 - u0) * dt / s.dx));
        double a = s.A[0] + xi * (s.A[1] - s.A[0]);
        double q = s.Q[0] + xi * (s.Q[1] - s.Q[0]);
        double c = s.wave(0, a) * Math.pow(s.a0[0] / (s.a0[0] + xi * (s.a0[1] - s.a0[0])), 0.5);
        double w = q / a - 4.0 * c;
        return w + dt * s.src(a, q, s.g1[0], s.g2[0]) / a;
    }

    /** W1 = u + 4c at node n−1 at the new level, traced from the foot of the backward characteristic. */
    private double tracedW1(Seg s, double dt) {
        int m = s.n - 1;
        double u0 = s.Q[m] / s.A[m], c0 = s.wave(m, s.A[m]);
        double xi = Math.min(1.0, Math.max(0.0, (u0 + c0) * dt / s.dx));
        double a = s.A[m] + xi * (s.A[m - 1] - s.A[m]);
        double q = s.Q[m] + xi * (s.Q[m - 1] - s.Q[m]);
        double c = s.wave(m, a) * Math.pow(s.a0[m] / (s.a0[m] + xi * (s.a0[m - 1] - s.a0[m])), 0.5);
        double w = q / a + 4.0 * c;
        return w + dt * s.src(a, q, s.g1[m], s.g2[m]) / a;
    }

    private double solveInlet(Seg s, double q, double w2, double tNew) {
        double a = s.A[0];
        double kk = Math.sqrt(s.beta / (2.0 * rho * s.a0[0]));
        for (int it = 0; it < 50; it++) {
            double a4 = Math.sqrt(Math.sqrt(a));
            double f = q / a - 4.0 * kk * a4 - w2;
            double df = -q / (a * a) - kk * a4 / a;
            double da = -f / df;
            double an = a + da;
            if (an <= 0) an = 0.5 * a;
            if (Math.abs(an - a) < 1e-13 * a) return an;
            a = an;
        }
        throw new SolverDivergedException(s.v.label(), tNew, "inlet boundary Newton did not converge (Q=" + q + ")");
    }

    private void windkessel(Seg s, double w1, double qOld, double dt, double tNew) {
        OneDVessel.Windkessel wk = s.v.windkessel();
        int m = s.n - 1;
        double r1 = wk.r1PaSM3(), r2 = wk.r2PaSM3(), c = wk.cM3Pa(), pout = wk.pOutPa();
        double kk = Math.sqrt(s.beta / (2.0 * rho * s.a0[m]));
        double denom = 1.0 + dt / (2.0 * c * r2);
        double pcBase = s.pc * (1.0 - dt / (2.0 * c * r2)) + dt / (2.0 * c) * qOld + dt * pout / (c * r2);
        double a = s.A[m];
        for (int it = 0; it < 60; it++) {
            double a4 = Math.sqrt(Math.sqrt(a));
            double u = w1 - 4.0 * kk * a4;
            double q = a * u;
            double dq = u - kk * a4; // d(Au)/dA = u − c
            double pcNew = (pcBase + dt / (2.0 * c) * q) / denom;
            double dpc = dt / (2.0 * c) * dq / denom;
            double f = s.pressure(m, a) - pcNew - r1 * q;
            double df = s.beta / (2.0 * s.a0[m] * Math.sqrt(a)) - dpc - r1 * dq;
            double an = a - f / df;
            if (!(an > 0)) an = 0.5 * a;
            if (Math.abs(an - a) < 1e-13 * a) {
                a = an;
                double a4n = Math.sqrt(Math.sqrt(a));
                double qn = a * (w1 - 4.0 * kk * a4n);
                s.A[m] = a;
                s.Q[m] = qn;
                s.pc = (pcBase + dt / (2.0 * c) * qn) / denom;
                return;
            }
            a = an;
        }
        throw new SolverDivergedException(s.v.label(), tNew, "Windkessel outlet Newton did not converge");
    }

    private void junction(List<End> ends, double[][] traced, double tNew) {
        int m = ends.size();
        double[] a = new double[m], w = new double[m], kk = new double[m], sgn = new double[m];
        int[] idx = new int[m];
        for (int j = 0; j < m; j++) {
            End e = ends.get(j);
            Seg s = e.seg();
            int si = segs.indexOf(s);
            idx[j] = e.atOutlet() ? s.n - 1 : 0;
            a[j] = s.A[idx[j]];
            w[j] = e.atOutlet() ? traced[si][1] : traced[si][0];
            kk[j] = Math.sqrt(s.beta / (2.0 * rho * s.a0[idx[j]]));
            sgn[j] = e.atOutlet() ? 1.0 : -1.0; // +1: flows into the node
        }
        double[] f = new double[m];
        double[][] jac = new double[m][m];
        for (int it = 0; it < 60; it++) {
            for (double[] row : jac) java.util.Arrays.fill(row, 0);
            f[0] = 0;
            Seg s0 = ends.get(0).seg();
            double p0 = s0.pressure(idx[0], a[0]);
            double dp0 = s0.beta / (2.0 * s0.a0[idx[0]] * Math.sqrt(a[0]));
            for (int j = 0; j < m; j++) {
                Seg s = ends.get(j).seg();
                double a4 = Math.sqrt(Math.sqrt(a[j]));
                double c = kk[j] * a4;
                double u = w[j] - sgn[j] * 4.0 * c;
                f[0] += sgn[j] * a[j] * u;
                jac[0][j] = sgn[j] * (u - sgn[j] * c);
                if (j > 0) {
                    f[j] = s.pressure(idx[j], a[j]) - p0;
                    jac[j][j] = s.beta / (2.0 * s.a0[idx[j]] * Math.sqrt(a[j]));
                    jac[j][0] = -dp0;
                }
            }
            double[] da = solve(jac, f);
            double maxRel = 0;
            for (int j = 0; j < m; j++) {
                double an = a[j] - da[j];
                if (!(an > 0)) an = 0.5 * a[j];
                maxRel = Math.max(maxRel, Math.abs(an - a[j]) / a[j]);
                a[j] = an;
            }
            if (maxRel < 1e-13) {
                for (int j = 0; j < m; j++) {
                    Seg s = ends.get(j).seg();
                    double c = kk[j] * Math.sqrt(Math.sqrt(a[j]));
                    s.A[idx[j]] = a[j];
                    s.Q[idx[j]] = a[j] * (w[j] - sgn[j] * 4.0 * c);
                }
                return;
            }
        }
        throw new SolverDivergedException(ends.get(0).seg().v.label(), tNew, "junction Newton did not converge");
    }

    private static double[] solve(double[][] m0, double[] b0) {
        int n = b0.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) m[i] = m0[i].clone();
        double[] b = b0.clone();
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
            double[] tr = m[c]; m[c] = m[p]; m[p] = tr;
            double tb = b[c]; b[c] = b[p]; b[p] = tb;
            for (int r = c + 1; r < n; r++) {
                double fct = m[r][c] / m[c][c];
                for (int k = c; k < n; k++) m[r][k] -= fct * m[c][k];
                b[r] -= fct * b[c];
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = b[r];
            for (int k = r + 1; k < n; k++) s -= m[r][k] * x[k];
            x[r] = s / m[r][r];
        }
        return x;
    }

    // ---------------------------------------------------------------------------------------------------------------

    private Seg seg(String label) {
        Seg s = byLabel.get(label);
        if (s == null) throw new IllegalArgumentException("no vessel '" + label + "' in network " + net.name());
        return s;
    }

    private double interp(Seg s, double[] f, double fraction) {
        if (!(fraction >= 0 && fraction <= 1)) throw new IllegalArgumentException("fraction must be in [0,1]: " + fraction);
        double x = fraction * (s.n - 1);
        int i = Math.min(s.n - 2, (int) Math.floor(x));
        double w = x - i;
        return f[i] + w * (f[i + 1] - f[i]);
    }

    /**
     * @param vessel   vessel label
     * @param fraction position as a fraction of the length, 0 (inlet) … 1 (outlet); linear between nodes
     * @return pressure (Pa, absolute as the tube law: Pext + …)
     * @throws IllegalArgumentException on an unknown vessel or a fraction outside [0, 1]
     */
    public double pressurePa(String vessel, double fraction) {
        Seg s = seg(vessel);
        double a = interp(s, s.A, fraction);
        double r = s.v.r0AtM(fraction * s.v.lengthM());
        double a0 = Math.PI * r * r;
        return pExt + s.beta * (Math.sqrt(a) - Math.sqrt(a0)) / a0;
    }

    /** @param vessel vessel label @param fraction 0…1 of the length @return flow (m³/s, positive towards x = L) */
    public double flowM3s(String vessel, double fraction) { Seg s = seg(vessel); return interp(s, s.Q, fraction); }

    /** @param vessel vessel label @param fraction 0…1 of the length @return area (m²) */
    public double areaM2(String vessel, double fraction) { Seg s = seg(vessel); return interp(s, s.A, fraction); }

    /** @param vessel vessel label @return the number of grid nodes of that vessel */
    public int nodes(String vessel) { return seg(vessel).n; }

    /**
     * @param vessel vessel label
     * @return a copy of the nodal pressures (Pa), node i at x = i·L/(n−1)
     */
    public double[] nodalPressuresPa(String vessel) {
        Seg s = seg(vessel);
        double[] p = new double[s.n];
        for (int i = 0; i < s.n; i++) p[i] = s.pressure(i, s.A[i]);
        return p;
    }

    /** @return total blood volume in all vessels (m³), trapezoidal rule on each grid */
    public double volumeM3() {
        double v = 0;
        for (Seg s : segs) {
            double sum = 0;
            for (int i = 0; i < s.n; i++) sum += (i == 0 || i == s.n - 1) ? 0.5 * s.A[i] : s.A[i];
            v += sum * s.dx;
        }
        return v;
    }

    /** @return volume that entered through the inlet since the start (m³), trapezoidal in time */
    public double inflowVolumeM3() { return inflowVolumeM3; }

    /** @return volume that left through all Windkessel outlets since the start (m³), trapezoidal in time */
    public double outflowVolumeM3() { return outflowVolumeM3; }

    /**
     * Wave speed of the tube law, c = √(A/ρ · ∂P/∂A) = √(β/(2ρA0)) A^{1/4}.
     *
     * @param vessel  the vessel (β, A0 at its inlet)
     * @param rhoKgM3 blood density (kg/m³)
     * @param areaM2  area at which c is evaluated (m²)
     * @return c (m/s)
     */
    public static double waveSpeedMs(OneDVessel vessel, double rhoKgM3, double areaM2) {
        double a0 = Math.PI * vessel.r0InletM() * vessel.r0InletM();
        return Math.sqrt(vessel.beta() / (2.0 * rhoKgM3 * a0)) * Math.pow(areaM2, 0.25);
    }

    // ---------------------------------------------------------------------------------------------------------------

    /**
     * Runs whole cycles of the inlet period from the current time until the periodic state: the largest change of
     * pressure between two consecutive cycles, over all vessels, the five {@link #PROBE_FRACTIONS} and
     * {@code samplesPerCycle} uniform samples, is below {@code periodicTolerance} times the largest pressure of the
     * cycle; or until {@code maxCycles}.
     *
     * @return the last cycle, sampled, with convergence and mass-balance figures
     * @throws SolverDivergedException on blow-up
     */
    public PeriodicSolution runToPeriodicState() {
        double period = net.inlet().periodS();
        int ns = opt.samplesPerCycle();
        Map<String, double[][]> prevP = null;
        double change = Double.POSITIVE_INFINITY;
        int cycles = 0;
        Map<String, double[][]> curP = null, curQ = null;
        double massErr = Double.NaN, cycleIn = Double.NaN;
        while (cycles < opt.maxCycles()) {
            double t0 = t;
            double v0 = volumeM3(), in0 = inflowVolumeM3, out0 = outflowVolumeM3;
            curP = new HashMap<>();
            curQ = new HashMap<>();
            for (Seg s : segs) {
                curP.put(s.v.label(), new double[PROBE_FRACTIONS.length][ns]);
                curQ.put(s.v.label(), new double[PROBE_FRACTIONS.length][ns]);
            }
            for (int k = 0; k < ns; k++) {
                advanceTo(t0 + period * k / ns);
                record(curP, curQ, k);
            }
            advanceTo(t0 + period);
            cycles++;
            cycleIn = inflowVolumeM3 - in0;
            double dOut = outflowVolumeM3 - out0;
            double dV = volumeM3() - v0;
            massErr = (cycleIn - dOut - dV) / Math.abs(cycleIn);
            if (prevP != null) {
                double maxDiff = 0, maxP = 0;
                for (String lab : curP.keySet()) {
                    double[][] c = curP.get(lab), p = prevP.get(lab);
                    for (int j = 0; j < c.length; j++) {
                        for (int k = 0; k < ns; k++) {
                            maxDiff = Math.max(maxDiff, Math.abs(c[j][k] - p[j][k]));
                            maxP = Math.max(maxP, Math.abs(c[j][k]));
                        }
                    }
                }
                change = maxDiff / maxP;
                if (change < opt.periodicTolerance()) break;
            }
            prevP = curP;
        }
        double[] times = new double[ns];
        for (int k = 0; k < ns; k++) times[k] = period * k / ns;
        return new PeriodicSolution(net.name(), period, cycles, change < opt.periodicTolerance(), change, times,
                curP, curQ, massErr, cycleIn);
    }

    private void record(Map<String, double[][]> p, Map<String, double[][]> q, int k) {
        for (Seg s : segs) {
            double[][] pp = p.get(s.v.label()), qq = q.get(s.v.label());
            for (int j = 0; j < PROBE_FRACTIONS.length; j++) {
                pp[j][k] = pressurePa(s.v.label(), PROBE_FRACTIONS[j]);
                qq[j][k] = flowM3s(s.v.label(), PROBE_FRACTIONS[j]);
            }
        }
    }

    /** Units alias kept local to avoid a wildcard import. */
    private static final class Units {
        static double mmHgToPa(double v) { return org.rehearse.simulation.hemo.Units.mmHgToPa(v); }
    }
}
