package org.rehearse.simulation.oned;

import org.rehearse.simulation.verify.CaseResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Verification and validation cases of the 1D solver ({@link OneDSolver}), as rows for {@code rehearse verify}.
 *
 * <p>Verification (analytic references): steady Poiseuille pressure drop 8μLQ/(πR⁴) in a very stiff tube (1 %);
 * pulse wave speed c = √(A/ρ · ∂P/∂A) from the arrival times of a small pulse at two points (2 %); mass
 * conservation over a cycle (0.1 %); observed order of convergence under simultaneous grid and time-step
 * refinement at a fixed Courant number (&gt; 1.5); periodic state (cycle-to-cycle change &lt; 0.1 %).
 * Validation against openBF (github.com/INSIGNEO/openBF; Boileau et al. 2015 benchmark): the common carotid
 * (cca) and the iliac bifurcation (ibif), last cycle at periodic state, error = RMS difference over the cycle
 * divided by the reference's pulse amplitude (max − min), pressure 2 %, flow 5 %.
 */
public final class OneDVerification {
    private OneDVerification() {}

    /** System property naming the shared data root (its {@code hemodynamics/openbf-reference} is used). */
    public static final String DATA_PROPERTY = "rehearse.shared.data";

    static final double RHO = 1060.0, MU = 4.0e-3;

    /**
     * Runs all cases; the openBF comparisons only when the system property {@value #DATA_PROPERTY} names a folder
     * holding {@code hemodynamics/openbf-reference}.
     *
     * @return the rows, analytic cases first
     * @throws UncheckedIOException when the reference data exist but cannot be read
     */
    public static List<CaseResult> run() {
        String p = System.getProperty(DATA_PROPERTY);
        return run(p == null ? null : Path.of(p));
    }

    /**
     * @param sharedDataRoot the shared data folder, or {@code null} to run only the analytic cases
     * @return the rows
     * @throws UncheckedIOException when the reference data exist but cannot be read
     */
    public static List<CaseResult> run(Path sharedDataRoot) {
        List<CaseResult> out = new ArrayList<>();
        out.add(poiseuille());
        out.add(waveSpeed());
        out.add(orderOfConvergence());
        out.add(steadyStenosis());
        Path ref = sharedDataRoot == null ? null : sharedDataRoot.resolve("hemodynamics/openbf-reference");
        if (ref != null && Files.isDirectory(ref.resolve("models/cca")) && Files.isDirectory(ref.resolve("cca"))) {
            try {
                out.addAll(openBf(ref, "cca", new String[][] {{"common_carotid_artery", "0"},
                        {"common_carotid_artery", "2"}, {"common_carotid_artery", "4"}}));
                out.addAll(openBf(ref, "ibif", new String[][] {{"parent", "0"}, {"parent", "2"}, {"d1", "2"},
                        {"d1", "4"}, {"d2", "4"}}));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read openBF reference data under " + ref, e);
            }
        }
        return out;
    }

    /** Steady flow 1 mL/s in a very stiff (c ≈ 125 m/s) straight tube, γ = 2; Δp inlet→outlet vs 8μLQ/(πR⁴). */
    static CaseResult poiseuille() {
        double length = 0.1, r = 2e-3, q = 1e-6;
        OneDVessel probe = new OneDVessel("tube", 1, 2, length, r, r, 0.5e-3, 1e8, 2, null);
        double a0 = Math.PI * r * r;
        double c = OneDSolver.waveSpeedMs(probe, RHO, a0);
        double z = RHO * c / a0, r2 = 1e6;
        // matched R1 (absorbs waves); Pout chosen so the outlet sits at the reference pressure (A ≈ A0)
        OneDVessel.Windkessel wk = new OneDVessel.Windkessel(z, r2, 1e-12, -(z + r2) * q);
        OneDVessel v = new OneDVessel("tube", 1, 2, length, r, r, 0.5e-3, 1e8, 2, wk);
        double ramp = 0.02;
        InletWaveform in = InletWaveform.sampled(t -> t < ramp ? q * smooth(t / ramp) : q, 10.0, 20000);
        OneDSolver s = new OneDSolver(new OneDNetwork("poiseuille", RHO, MU, List.of(v), in, 0.0),
                OneDSolver.Options.defaults().withTargetDxM(2e-3).withInitialPressurePa(0.0));
        s.advanceTo(0.3);
        double dp = s.pressurePa("tube", 0) - s.pressurePa("tube", 1);
        double exact = 8 * MU * length * q / (Math.PI * Math.pow(r, 4));
        return new CaseResult("1D steady Poiseuille flow, stiff tube", "pressure drop (Pa)", exact, dp,
                100 * (dp - exact) / exact, "%", 1.0, "8μLQ/(πR⁴) (Hagen–Poiseuille)");
    }

    /**
     * Steady flow of 50 mL/s through two stiff 18 mm tubes joined by a lumped stenosis (6 mm throat, 10 mm long,
     * 5 mm throat length): the pressure difference across the joint against the element's formula.
     */
    static CaseResult steadyStenosis() {
        double r = 9e-3, q = 50e-6;
        StenosisElement el = new StenosisElement(2, 2 * r, 6e-3, 10e-3, 5e-3);
        OneDVessel probe = new OneDVessel("b", 2, 3, 0.1, r, r, 1e-3, 1e8, 2, null);
        double a0 = Math.PI * r * r;
        double c = OneDSolver.waveSpeedMs(probe, RHO, a0);
        double z = RHO * c / a0, r2 = 1e6;
        OneDVessel up = new OneDVessel("a", 1, 2, 0.1, r, r, 1e-3, 1e8, 2, null);
        OneDVessel down = new OneDVessel("b", 2, 3, 0.1, r, r, 1e-3, 1e8, 2,
                new OneDVessel.Windkessel(z, r2, 1e-12, -(z + r2) * q));
        double ramp = 0.02;
        InletWaveform in = InletWaveform.sampled(t -> t < ramp ? q * smooth(t / ramp) : q, 10.0, 20000);
        OneDSolver s = new OneDSolver(new OneDNetwork("stenosis", RHO, MU, List.of(up, down), in, 0.0, List.of(el)),
                OneDSolver.Options.defaults().withTargetDxM(2e-3).withInitialPressurePa(0.0));
        s.advanceTo(0.3);
        double dp = s.pressurePa("a", 1) - s.pressurePa("b", 0);
        double exact = el.steadyDropPa(s.flowM3s("a", 1), RHO, MU);
        return new CaseResult("1D steady stenosis element in the network", "pressure drop (Pa)", exact, dp,
                100 * (dp - exact) / exact, "%", 1.0, "Young & Tsai 1973 with developing-flow friction (Shah 1978)");
    }

    private static double smooth(double s) {
        return s <= 0 ? 0 : s >= 1 ? 1 : s * s * s * (10 - 15 * s + 6 * s * s);
    }

    /** A small Gaussian flow pulse in a 1 m tube; arrival of the pressure peak at ¼ L and ¾ L. */
    static CaseResult waveSpeed() {
        double length = 1.0, r = 4e-3, h = 0.4e-3, e = 4e5;
        OneDVessel probe = new OneDVessel("tube", 1, 2, length, r, r, h, e, 9, null);
        double a0 = Math.PI * r * r;
        double c = OneDSolver.waveSpeedMs(probe, RHO, a0);
        OneDVessel.Windkessel wk = new OneDVessel.Windkessel(RHO * c / a0, 1e6, 1e-12, 0.0);
        OneDVessel v = new OneDVessel("tube", 1, 2, length, r, r, h, e, 9, wk);
        double qPeak = 1e-3 * c * a0, t0 = 0.03, sigma = 0.006;
        InletWaveform in = InletWaveform.sampled(t -> qPeak * Math.exp(-0.5 * Math.pow((t - t0) / sigma, 2)), 10.0, 100000);
        OneDSolver s = new OneDSolver(new OneDNetwork("wave speed", RHO, MU, List.of(v), in, 0.0),
                OneDSolver.Options.defaults().withTargetDxM(1e-3).withInitialPressurePa(0.0));
        double x1 = 0.25, x2 = 0.75;
        double tEnd = t0 + 5 * sigma + x2 * length / c * 1.2;
        double dtS = 1e-4;
        int n = (int) Math.ceil(tEnd / dtS);
        double[] p1 = new double[n + 1], p2 = new double[n + 1];
        for (int k = 1; k <= n; k++) {
            s.advanceTo(k * dtS);
            p1[k] = s.pressurePa("tube", x1);
            p2[k] = s.pressurePa("tube", x2);
        }
        double measured = (x2 - x1) * length / (peakTime(p2, dtS) - peakTime(p1, dtS));
        return new CaseResult("1D pulse wave speed", "wave speed (m/s)", c, measured, 100 * (measured - c) / c, "%", 2.0,
                "c = √(A/ρ·∂P/∂A) of the tube law (Boileau et al. 2015)");
    }

    private static double peakTime(double[] p, double dt) {
        int k = 1;
        for (int i = 1; i < p.length - 1; i++) if (p[i] > p[k]) k = i;
        double ym = p[k - 1], y0 = p[k], yp = p[k + 1];
        double den = ym - 2 * y0 + yp;
        double off = den == 0 ? 0 : 0.5 * (ym - yp) / den;
        return (k + off) * dt;
    }

    /**
     * Observed order: a smooth (sin⁴, 0.1 s) flow pulse into a 0.2 m vessel tapering from 3 to 2.4 mm radius, ending
     * in a Windkessel whose venous pressure equals the initial pressure (so that the start is an equilibrium and the
     * pulse is the only forcing); nodal pressures at t = 0.15 s on grids of 41, 81, 161 and 321 nodes at Courant
     * number 0.9 (Δx and Δt refined together); p = log2(‖P_h − P_h/2‖∞ / ‖P_h/2 − P_h/4‖∞) on the common nodes.
     * The row reports the finest pair; a second-order scheme gives p ≈ 2.
     */
    static CaseResult orderOfConvergence() {
        double[] orders = observedOrders();
        double p = orders[orders.length - 1];
        return new CaseResult("1D observed order of convergence (grid + time step, Cr 0.9)", "order", 2.0, p, p - 2.0,
                "", 0.2, "two-step Lax–Wendroff is second order; Richardson: log2 of successive differences, 81/161/321 nodes");
    }

    /** @return observed orders from the node triples (41, 81, 161) and (81, 161, 321) */
    static double[] observedOrders() {
        double length = 0.2, r = 3e-3, p0 = 1e4;
        OneDVessel.Windkessel wk = new OneDVessel.Windkessel(5e7, 5e8, 1e-10, p0);
        OneDVessel v = new OneDVessel("v", 1, 2, length, r, 0.8 * r, 0.3e-3, 4e5, 9, wk);
        InletWaveform in = InletWaveform.sampled(t -> t < 0.1 ? 5e-6 * Math.pow(Math.sin(Math.PI * t / 0.1), 4) : 0.0,
                1.0, 200000);
        int[] nodes = {41, 81, 161, 321};
        double[][] p = new double[nodes.length][];
        for (int g = 0; g < nodes.length; g++) {
            OneDSolver s = new OneDSolver(new OneDNetwork("order", RHO, MU, List.of(v), in, 0.0),
                    OneDSolver.Options.defaults().withTargetDxM(length / (nodes[g] - 1)).withMinNodes(nodes[g])
                            .withInitialPressurePa(p0));
            s.advanceTo(0.15);
            p[g] = s.nodalPressuresPa("v");
        }
        double[] diff = new double[nodes.length - 1];
        for (int g = 0; g + 1 < nodes.length; g++) {
            double m = 0;
            for (int i = 0; i < nodes[0]; i++) {
                int ic = i * (nodes[g] - 1) / (nodes[0] - 1), iff = i * (nodes[g + 1] - 1) / (nodes[0] - 1);
                m = Math.max(m, Math.abs(p[g][ic] - p[g + 1][iff]));
            }
            diff[g] = m;
        }
        double[] orders = new double[diff.length - 1];
        for (int g = 0; g < orders.length; g++) orders[g] = Math.log(diff[g] / diff[g + 1]) / Math.log(2);
        return orders;
    }

    /**
     * Runs one openBF case to the periodic state and compares with openBF's CSVs.
     *
     * @param refRoot the {@code openbf-reference} folder
     * @param model   {@code cca} or {@code ibif}
     * @param probes  pairs (vessel label, probe column 0…4)
     * @return rows: periodic state, mass conservation, then pressure and flow per probe
     */
    static List<CaseResult> openBf(Path refRoot, String model, String[][] probes) throws IOException {
        Path yaml = refRoot.resolve("models/" + model + "/" + model + ".yaml");
        OneDNetwork net = OpenBfImporter.read(yaml);
        PeriodicSolution periodic = new OneDSolver(net, OneDSolver.Options.defaults()).runToPeriodicState();
        List<CaseResult> out = new ArrayList<>();
        String src = "openBF (INSIGNEO), Boileau et al. 2015 benchmark, " + model;
        out.add(new CaseResult("1D periodic state, openBF " + model + " (" + periodic.cycles() + " cycles)",
                "cycle-to-cycle pressure change (max |ΔP| / max P)", 0, periodic.cycleChange(),
                100 * periodic.cycleChange(), "%", 0.1, "criterion of this solver"));
        out.add(new CaseResult("1D mass conservation over a cycle, openBF " + model,
                "(inflow − outflow − Δvolume)/inflow", 0, periodic.massBalanceError(),
                100 * periodic.massBalanceError(), "%", 0.1, "conservation of mass"));
        // openBF's reference is its own stopping point: from rest (P = 0, Windkessels at 0) until the RMS change
        // of pressure between cycles falls below convergence_tolerance (mmHg), at most `cycles` cycles.
        com.fasterxml.jackson.databind.JsonNode solver = new com.fasterxml.jackson.databind.ObjectMapper(
                new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(yaml.toFile()).path("solver");
        double tol = solver.path("convergence_tolerance").asDouble(1.0);
        int maxCycles = solver.path("cycles").asInt(100);
        PeriodicSolution sol = new OneDSolver(net, OneDSolver.Options.defaults().withInitialPressurePa(0.0))
                .runLikeOpenBf(tol, maxCycles);
        String[] where = {"inlet", "¼", "middle", "¾", "outlet"};
        for (String[] pr : probes) {
            int col = Integer.parseInt(pr[1]);
            for (String kind : new String[] {"P", "Q"}) {
                OpenBfComparison.Reference ref = OpenBfComparison.read(refRoot.resolve(model + "/" + pr[0] + "_" + kind + ".csv"));
                Map<String, double[][]> sig = kind.equals("P") ? sol.pressurePa() : sol.flowM3s();
                double[] mine = sig.get(pr[0])[col];
                double err = OpenBfComparison.relativeRmsError(sol, mine, ref, col);
                double refMean = mean(ref.columns()[col]), myMean = 0;
                for (double t : ref.timeS()) myMean += sol.interpolate(mine, t);
                myMean /= ref.timeS().length;
                boolean p = kind.equals("P");
                out.add(new CaseResult("1D vs openBF " + model + ", " + pr[0] + " " + where[col],
                        p ? "mean pressure (mmHg)" : "mean flow (mL/s)",
                        p ? org.rehearse.simulation.hemo.Units.paToMmHg(refMean) : org.rehearse.simulation.hemo.Units.m3sToMlPerS(refMean),
                        p ? org.rehearse.simulation.hemo.Units.paToMmHg(myMean) : org.rehearse.simulation.hemo.Units.m3sToMlPerS(myMean),
                        100 * err, "% RMS/amplitude", p ? 2.0 : 5.0, src));
            }
        }
        return out;
    }

    private static double mean(double[] a) {
        double s = 0;
        for (double x : a) s += x;
        return s / a.length;
    }
}
