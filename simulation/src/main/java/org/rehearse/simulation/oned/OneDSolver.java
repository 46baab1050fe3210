package org.rehearse.simulation.oned;

import org.rehearse.simulation.hemo.Units;

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
    private final boolean equalCourant;
    private final Options opt;
    private final double rho, mu, pExt;
    private final List<Seg> segs = new ArrayList<>();
    private final Map<String, Seg> byLabel = new LinkedHashMap<>();
    private final Seg inletSeg;
    private final List<Seg> outlets = new ArrayList<>();
    private final List<List<End>> junctions = new ArrayList<>();
    private final List<Link> links = new ArrayList<>();
    private double[] qOutOld;
    private double t;
    private double inflowVolumeM3, outflowVolumeM3, venousVolumeM3;

    private record End(Seg seg, boolean atOutlet) {}

    /** A lumped stenosis between the outlet of {@code up} and the inlet of {@code down}; q = last flow through it. */
    private static final class Link {
        final StenosisElement el;
        final Seg up, down;
        double q;

        Link(StenosisElement el, Seg up, Seg down) { this.el = el; this.up = up; this.down = down; }
    }

    /** One vessel's discrete state. */
    private final class Seg {
        final OneDVessel v;
        final int n;
        final double dx, beta, alpha, cf;
        final double[] a0, k, sqrtA0, g1, g2, A, Q;
        double[] kc; // √(β/(2ρA0)) per node: c = kc·A^{1/4}
        final double[] Ah, Qh; // half-step values at i+1/2
        final double[] kh, g1h, g2h, a0h;
        double pc; // Windkessel capacitor pressure
        int index; // position in segs
        double tracedIn, tracedOut; // W2 at x = 0 and W1 at x = L, traced from the old level

        Seg(OneDVessel v, double dxScale) {
            this.v = v;
            int nn = (int) Math.ceil(v.lengthM() / (opt.targetDxM() * dxScale) - 1e-9) + 1;
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
            kc = new double[n];
            for (int i = 0; i < n; i++) kc[i] = Math.sqrt(beta / (2.0 * rho * a0[i]));
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

        double wave(int i, double a) { return kc[i] * Math.sqrt(Math.sqrt(a)); }

        /**
         * dW/dt along the characteristic of speed lam for W = u + sign·4c: friction, the pressure gradient at
         * fixed A of a tapered tube, and the change of c with A0(x) (c ∝ A0^{-1/2}, so c'/c = −r'/r at fixed A).
         */
        double alongCharacteristic(double a, double q, double c, double lam, double sign, double g1v, double g2v,
                                   double rPrimeOverR) {
            return -cf * q / (a * a) - (Math.sqrt(a) * g1v - g2v) / rho - sign * 4.0 * c * rPrimeOverR * lam;
        }

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
        this(network, options, false);
    }

    /**
     * As {@link #OneDSolver(OneDNetwork, Options)}; with {@code equalCourant} each vessel's grid spacing is the target
     * spacing times its reference wave speed over the slowest vessel's, so that a stiff vessel (a stented segment)
     * does not force a smaller time step on the whole network: every vessel then runs at about the same Courant number.
     *
     * @param network      the network
     * @param options      numerical settings
     * @param equalCourant whether to scale the grid spacing with the wave speed
     */
    public OneDSolver(OneDNetwork network, Options options, boolean equalCourant) {
        this.equalCourant = equalCourant;
        this.net = network;
        this.opt = options;
        this.rho = network.rhoKgM3();
        this.mu = network.muPaS();
        this.pExt = network.externalPressurePa();
        double cMin = Double.POSITIVE_INFINITY;
        for (OneDVessel v : network.vessels()) cMin = Math.min(cMin, referenceWaveSpeed(v, rho));
        for (OneDVessel v : network.vessels()) {
            if (byLabel.containsKey(v.label())) throw new IllegalArgumentException("duplicate vessel label " + v.label());
            Seg s = new Seg(v, equalCourant ? referenceWaveSpeed(v, rho) / cMin : 1.0);
            s.index = segs.size();
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
            } else if (stenosisAt(network, e.getKey()) != null) {
                StenosisElement el = stenosisAt(network, e.getKey());
                End up = null, down = null;
                for (End end : ends) {
                    if (end.atOutlet()) up = end; else down = end;
                }
                if (ends.size() != 2 || up == null || down == null || up.seg().v.windkessel() != null) {
                    throw new IllegalArgumentException("network " + network.name() + ": the stenosis at node "
                            + e.getKey() + " must join the end of one vessel (without a Windkessel) to the start of one other");
                }
                links.add(new Link(el, up.seg(), down.seg()));
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
        qOutOld = new double[outlets.size()];
        double p0 = options.initialPressurePa();
        if (Double.isNaN(p0)) p0 = defaultInitialPressure();
        for (Seg s : segs) {
            for (int i = 0; i < s.n; i++) { s.A[i] = s.areaAt(i, p0); s.Q[i] = 0; }
            s.pc = p0;
        }
        t = 0;
    }

    private static StenosisElement stenosisAt(OneDNetwork network, int node) {
        for (StenosisElement el : network.stenoses()) if (el.node() == node) return el;
        return null;
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

    /**
     * Starts from another solver's state (a warm start), when both networks have the same vessels in the same order
     * with the same numbers of nodes and stenoses: copies areas, flows, Windkessel pressures and stenosis flows. Use it
     * with a state taken at a whole number of cycles, so that the inflow's phase matches time 0. Nothing is copied
     * when the structures differ.
     *
     * @param other a solver of a network of the same structure (e.g. the same candidate with other parameters)
     * @return whether the state was copied
     */
    public boolean warmStartFrom(OneDSolver other) {
        if (other.segs.size() != segs.size() || other.links.size() != links.size()) return false;
        for (int j = 0; j < segs.size(); j++) if (other.segs.get(j).n != segs.get(j).n) return false;
        for (int j = 0; j < segs.size(); j++) {
            Seg a = segs.get(j), b = other.segs.get(j);
            System.arraycopy(b.A, 0, a.A, 0, a.n);
            System.arraycopy(b.Q, 0, a.Q, 0, a.n);
            a.pc = b.pc;
        }
        for (int j = 0; j < links.size(); j++) links.get(j).q = other.links.get(j).q;
        return true;
    }

    /** @return the simulated time (s) */
    public double timeS() { return t; }


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
        for (Seg s : segs) {
            s.tracedIn = tracedW2(s, dt);
            s.tracedOut = tracedW1(s, dt);
        }
        double qInOld = inletSeg.Q[0];
        double[] qOutOld = this.qOutOld;
        for (int j = 0; j < outlets.size(); j++) qOutOld[j] = outlets.get(j).Q[outlets.get(j).n - 1];

        for (Seg s : segs) interior(s, dt);

        // inlet
        double qIn = net.inlet().flowM3s(tNew);
        inletSeg.A[0] = solveInlet(inletSeg, qIn, inletSeg.tracedIn, tNew);
        inletSeg.Q[0] = qIn;
        // outlets
        for (int j = 0; j < outlets.size(); j++) {
            Seg s = outlets.get(j);
            windkessel(s, s.tracedOut, qOutOld[j], dt, tNew);
        }
        for (List<End> jn : junctions) {
            if (jn.size() == 2 && jn.get(0).atOutlet() != jn.get(1).atOutlet()) {
                End up = jn.get(0).atOutlet() ? jn.get(0) : jn.get(1), down = jn.get(0).atOutlet() ? jn.get(1) : jn.get(0);
                coupled(up.seg(), down.seg(), null, dt, tNew);
            } else {
                junction(jn, tNew);
            }
        }
        for (Link l : links) coupled(l.up, l.down, l, dt, tNew);

        inflowVolumeM3 += 0.5 * (qInOld + qIn) * dt;
        for (int j = 0; j < outlets.size(); j++) {
            Seg s = outlets.get(j);
            outflowVolumeM3 += 0.5 * (qOutOld[j] + s.Q[s.n - 1]) * dt;
        }
        t = tNew;
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
        double a = quad(s.A[0], s.A[1], s.A[2], xi);
        double q = quad(s.Q[0], s.Q[1], s.Q[2], xi);
        double a0f = quad(s.a0[0], s.a0[1], s.a0[2], xi);
        double c = Math.sqrt(s.beta / (2.0 * rho * a0f)) * Math.sqrt(Math.sqrt(a));
        double w = q / a - 4.0 * c;
        double drdx = (s.v.r0OutletM() - s.v.r0InletM()) / s.v.lengthM();
        double rr = drdx == 0 ? 1 : s.v.r0AtM(xi * s.dx);
        return w + dt * s.alongCharacteristic(a, q, c, q / a - c, -1.0, s.g1[0], s.g2[0], drdx / rr);
    }

    /** W1 = u + 4c at node n−1 at the new level, traced from the foot of the backward characteristic. */
    private double tracedW1(Seg s, double dt) {
        int m = s.n - 1;
        double u0 = s.Q[m] / s.A[m], c0 = s.wave(m, s.A[m]);
        double xi = Math.min(1.0, Math.max(0.0, (u0 + c0) * dt / s.dx));
        double a = quad(s.A[m], s.A[m - 1], s.A[m - 2], xi);
        double q = quad(s.Q[m], s.Q[m - 1], s.Q[m - 2], xi);
        double a0f = quad(s.a0[m], s.a0[m - 1], s.a0[m - 2], xi);
        double c = Math.sqrt(s.beta / (2.0 * rho * a0f)) * Math.sqrt(Math.sqrt(a));
        double w = q / a + 4.0 * c;
        double drdx = (s.v.r0OutletM() - s.v.r0InletM()) / s.v.lengthM();
        double rr = drdx == 0 ? 1 : s.v.r0AtM(s.v.lengthM() - xi * s.dx);
        return w + dt * s.alongCharacteristic(a, q, c, q / a + c, 1.0, s.g1[m], s.g2[m], drdx / rr);
    }

    /**
     * Quadratic Lagrange interpolation through three equally spaced nodes at offsets 0, 1, 2 (in grid steps) from the
     * boundary, at offset {@code xi} ∈ [0, 1]; third-order accurate, so the characteristic boundary treatment keeps
     * the scheme's second order.
     */
    private static double quad(double f0, double f1, double f2, double xi) {
        return 0.5 * (xi - 1) * (xi - 2) * f0 - xi * (xi - 2) * f1 + 0.5 * xi * (xi - 1) * f2;
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
                double pcNext = (pcBase + dt / (2.0 * c) * qn) / denom;
                venousVolumeM3 += 0.5 * ((s.pc - pout) + (pcNext - pout)) / r2 * dt;
                s.pc = pcNext;
                return;
            }
            a = an;
        }
        throw new SolverDivergedException(s.v.label(), tNew, "Windkessel outlet Newton did not converge");
    }

    private void junction(List<End> ends, double tNew) {
        int m = ends.size();
        double[] a = new double[m], w = new double[m], kk = new double[m], sgn = new double[m];
        int[] idx = new int[m];
        for (int j = 0; j < m; j++) {
            End e = ends.get(j);
            Seg s = e.seg();
            idx[j] = e.atOutlet() ? s.n - 1 : 0;
            a[j] = s.A[idx[j]];
            w[j] = e.atOutlet() ? s.tracedOut : s.tracedIn;
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

    /**
     * Two vessel ends in series: a plain junction (l == null: equal static pressure) or a lumped stenosis. Unknown areas a1 (upstream outlet) and a2 (downstream inlet) with the outgoing
     * characteristics W1, W2; Q1 = Q2 and P1 − P2 = ΔP(Q, (Q − Q_old)/Δt) (inertia implicit). Newton's method.
     */
    private void coupled(Seg s1, Seg s2, Link l, double dt, double tNew) {
        double w1 = s1.tracedOut, w2 = s2.tracedIn;
        int m = s1.n - 1;
        double k1 = Math.sqrt(s1.beta / (2.0 * rho * s1.a0[m])), k2 = Math.sqrt(s2.beta / (2.0 * rho * s2.a0[0]));
        double lu = 0, qPrev = 0;
        StenosisElement el = l == null ? null : l.el;
        if (l != null) {
            lu = l.el.inertance(rho) / dt;
            qPrev = l.q;
        }
        double a1 = s1.A[m], a2 = s2.A[0];
        for (int it = 0; it < 60; it++) {
            double c1 = k1 * Math.sqrt(Math.sqrt(a1)), c2 = k2 * Math.sqrt(Math.sqrt(a2));
            double u1 = w1 - 4.0 * c1, u2 = w2 + 4.0 * c2;
            double q1 = a1 * u1, q2 = a2 * u2;
            double dq1 = u1 - c1, dq2 = u2 + c2;
            double f1 = q1 - q2;
            double drop = el == null ? 0 : el.steadyDropPa(q1, rho, mu);
            double dDrop = el == null ? 0 : el.steadyDropDerivative(q1, rho, mu);
            double f2 = s1.pressure(m, a1) - s2.pressure(0, a2) - (drop + lu * (q1 - qPrev));
            double j11 = dq1, j12 = -dq2;
            double j21 = s1.beta / (2.0 * s1.a0[m] * Math.sqrt(a1)) - (dDrop + lu) * dq1;
            double j22 = -s2.beta / (2.0 * s2.a0[0] * Math.sqrt(a2));
            double det = j11 * j22 - j12 * j21;
            double d1 = (f1 * j22 - j12 * f2) / det, d2 = (j11 * f2 - j21 * f1) / det;
            double n1 = a1 - d1, n2 = a2 - d2;
            if (!(n1 > 0)) n1 = 0.5 * a1;
            if (!(n2 > 0)) n2 = 0.5 * a2;
            double rel = Math.max(Math.abs(n1 - a1) / a1, Math.abs(n2 - a2) / a2);
            a1 = n1;
            a2 = n2;
            if (rel < 1e-11) {
                double q = a1 * (w1 - 4.0 * k1 * Math.sqrt(Math.sqrt(a1)));
                s1.A[m] = a1;
                s1.Q[m] = q;
                s2.A[0] = a2;
                s2.Q[0] = a2 * (w2 + 4.0 * k2 * Math.sqrt(Math.sqrt(a2)));
                if (l != null) l.q = q;
                return;
            }
        }
        throw new SolverDivergedException(s1.v.label(), tNew, (l != null ? "stenosis coupling" : "junction")
                + " Newton did not converge");
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

    /** Wave speed at rest, c0 = √(β/(2ρ)) A0^{-1/4}, at the vessel's mean reference radius. */
    private static double referenceWaveSpeed(OneDVessel v, double rho) {
        double r = 0.5 * (v.r0InletM() + v.r0OutletM());
        return Math.sqrt(v.beta() / (2 * rho)) * Math.pow(Math.PI * r * r, -0.25);
    }

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
     * cycle, and the cycle's inflow and the outflow through the Windkessels' distal resistances differ by less than
     * twice that (so that a slowly charging periphery, whose pressure changes little per cycle, is not taken for
     * periodic); or until {@code maxCycles}.
     *
     * @return the last cycle, sampled, with convergence and mass-balance figures
     * @throws SolverDivergedException on blow-up
     */
    public PeriodicSolution runToPeriodicState() {
        return runCycles(Double.NaN, opt.maxCycles());
    }

    /**
     * Runs whole cycles as openBF does (INSIGNEO/openBF {@code src/simulation.jl}): after each cycle after the first,
     * the root-mean-square difference between this cycle's and the previous cycle's pressure at ¾ of each vessel's
     * length is taken, in mmHg; the run stops when the largest over the vessels is below {@code toleranceMmHg}, or
     * after {@code maxCycles}. Combine with an initial pressure of 0 ({@link Options#withInitialPressurePa}) to
     * reproduce openBF's start from rest.
     *
     * @param toleranceMmHg openBF's {@code convergence_tolerance} (mmHg)
     * @param maxCycles     openBF's {@code cycles}
     * @return the last cycle; {@code cycleChange} is still this solver's relative max criterion
     * @throws SolverDivergedException on blow-up
     */
    public PeriodicSolution runLikeOpenBf(double toleranceMmHg, int maxCycles) {
        if (!(toleranceMmHg > 0) || maxCycles < 1) {
            throw new IllegalArgumentException("openBF protocol needs a tolerance > 0 mmHg and >= 1 cycle, got "
                    + toleranceMmHg + " mmHg, " + maxCycles + " cycles");
        }
        return runCycles(toleranceMmHg, maxCycles);
    }

    private PeriodicSolution runCycles(double rmsToleranceMmHg, int maxCycles) {
        double period = net.inlet().periodS();
        int ns = opt.samplesPerCycle();
        Map<String, double[][]> prevP = null;
        double change = Double.POSITIVE_INFINITY;
        int cycles = 0;
        Map<String, double[][]> curP = null, curQ = null;
        double massErr = Double.NaN, cycleIn = Double.NaN;
        boolean periodic = false;
        while (cycles < maxCycles) {
            double t0 = t;
            double v0 = volumeM3(), in0 = inflowVolumeM3, out0 = outflowVolumeM3, ven0 = venousVolumeM3;
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
            // at the periodic state the inflow leaves through the Windkessels' distal resistances
            double venousImbalance = Math.abs(cycleIn - (venousVolumeM3 - ven0)) / Math.abs(cycleIn);
            if (chargeAcceleration && venousImbalanceRaw(cycleIn, venousVolumeM3 - ven0) > 4 * opt.periodicTolerance()) {
                correctCharge((cycleIn - (venousVolumeM3 - ven0)) / period);
                prevP = null; // the state jumped: compare from the next cycle on
                continue;
            }
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
                if (Double.isNaN(rmsToleranceMmHg)) {
                    if (change < opt.periodicTolerance() && venousImbalance < 2 * opt.periodicTolerance()) {
                        periodic = true;
                        break;
                    }
                } else {
                    double worst = 0;
                    for (String lab : curP.keySet()) {
                        double[] c = curP.get(lab)[3], p = prevP.get(lab)[3];
                        double sum = 0;
                        for (int k = 0; k < ns; k++) sum += (c[k] - p[k]) * (c[k] - p[k]);
                        worst = Math.max(worst, Math.sqrt(sum / ns) / Units.mmHgToPa(1));
                    }
                    if (worst < rmsToleranceMmHg) {
                        periodic = change < opt.periodicTolerance();
                        break;
                    }
                }
            }
            prevP = curP;
        }
        double[] times = new double[ns];
        for (int k = 0; k < ns; k++) times[k] = period * k / ns;
        return new PeriodicSolution(net.name(), period, cycles, periodic, change, times,
                curP, curQ, massErr, cycleIn);
    }

    private boolean chargeAcceleration;

    /**
     * Turns on the acceleration of the slow mode (the common charge of all Windkessel capacitors, whose time constant
     * R·C of about a second makes plain cycling take ten or more cycles): after a cycle whose inflow and venous
     * outflow differ by more than four times the periodic tolerance, every capacitor pressure and every vessel
     * pressure is raised by e = (mean inflow − mean venous outflow) / Σ 1/R2, the uniform pressure change that balances
     * them, and cycling goes on. The periodic-state test is unchanged, so the result is the same periodic state.
     *
     * @param on whether to accelerate
     */
    public void setChargeAcceleration(boolean on) { chargeAcceleration = on; }

    private static double venousImbalanceRaw(double in, double out) {
        return Math.abs(in - out) / Math.abs(in);
    }

    private void correctCharge(double flowExcessM3s) {
        double g = 0;
        for (Seg s : outlets) g += 1.0 / s.v.windkessel().r2PaSM3();
        double e = flowExcessM3s / g;
        for (Seg s : segs) {
            for (int i = 0; i < s.n; i++) {
                double p = s.pressure(i, s.A[i]) + e;
                double r = s.sqrtA0[i] + (p - pExt) * s.a0[i] / s.beta;
                if (r > 0) s.A[i] = r * r;
            }
            s.pc += e;
        }
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
}
