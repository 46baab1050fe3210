package org.rehearse.simulation.pulsatile;

import org.rehearse.simulation.hemo.Units;
import org.rehearse.simulation.oned.InletWaveform;
import org.rehearse.simulation.oned.OneDSolver;
import org.rehearse.simulation.oned.PeriodicSolution;
import org.rehearse.simulation.oned.StenosisElement;
import org.rehearse.simulation.repair.Repair;
import org.rehearse.simulation.repair.VesselModel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The pulsatile 1D model of a patient's aorta and its candidate repairs: builds each candidate's {@link AorticNetwork},
 * runs the {@link OneDSolver} to the periodic state and reduces the last cycle to a {@link PulsatileOutcome}.
 *
 * <p>Inputs: the native {@link VesselModel} (arc length 0 at the aortic inlet), the arch branches, the proximal and
 * distal probe positions on the native vessel (mapped onto each candidate with {@link Repair#mapArcLengthMm}), the
 * {@link Periphery} (from {@link Calibration}), the patient's cardiac output and heart rate (the inflow,
 * {@link AorticInflow}) and the blood viscosity. Blood density {@value #RHO_KG_M3} kg/m³.
 */
public final class PulsatileModel {
    /** Blood density (kg/m³) and nominal viscosity (Pa·s; whole blood at high shear rate). */
    public static final double RHO_KG_M3 = 1060, MU_PA_S = 3.5e-3;
    /** The outlet whose pressure the arm cuff measures (right arm). */
    public static final String ARM_OUTLET = "brachiocephalic";
    /** Location keys of the waveforms. */
    public static final String INLET = "inlet", PROXIMAL = "proximal", DISTAL = "distal";

    /**
     * Numerical settings.
     *
     * @param dxM               target grid spacing (m)
     * @param periodicTolerance cycle-to-cycle pressure change that counts as periodic (relative)
     * @param maxCycles         most cycles before giving up
     * @param samplesPerCycle   waveform samples per cycle
     */
    public record Settings(double dxM, double periodicTolerance, int maxCycles, int samplesPerCycle) {
        /**
         * @return Δx 4 mm, 0.1 %, 100 cycles, 200 samples per cycle. (The results are grid-independent to 0.1 mmHg
         * between Δx 1 and 10 mm on the phantom, since the segments are short and the stenosis is lumped.)
         */
        public static Settings nominal() { return new Settings(4e-3, 1e-3, 100, 200); }
    }

    private final VesselModel nativeVessel;
    private final List<ArchBranch> branches;
    private final double proximalMm, distalMm;
    private final Periphery periphery;
    private final PatientMeasurements patient;
    private final double muPaS;
    private final Settings settings;
    private final InletWaveform inflow;

    /**
     * @param nativeVessel the native vessel
     * @param branches     arch branches on it
     * @param proximalMm   proximal probe (native arc length, mm)
     * @param distalMm     distal probe (native arc length, mm)
     * @param periphery    outlet Windkessels
     * @param patient      measurements (cardiac output and heart rate are used here)
     * @param muPaS        blood viscosity (Pa·s)
     * @param settings     numerical settings
     */
    public PulsatileModel(VesselModel nativeVessel, List<ArchBranch> branches, double proximalMm, double distalMm,
                          Periphery periphery, PatientMeasurements patient, double muPaS, Settings settings) {
        this.nativeVessel = Objects.requireNonNull(nativeVessel, "nativeVessel");
        this.branches = List.copyOf(branches);
        this.proximalMm = proximalMm;
        this.distalMm = distalMm;
        this.periphery = Objects.requireNonNull(periphery, "periphery");
        this.patient = Objects.requireNonNull(patient, "patient");
        if (!(muPaS > 0) || !Double.isFinite(muPaS)) throw new IllegalArgumentException("viscosity must be > 0 Pa·s, got " + muPaS);
        this.muPaS = muPaS;
        this.settings = settings;
        this.inflow = AorticInflow.waveform(patient.cardiacOutputM3s(), patient.heartRateBpm());
    }

    /** @return a copy with another periphery */
    public PulsatileModel withPeriphery(Periphery p) {
        return new PulsatileModel(nativeVessel, branches, proximalMm, distalMm, p, patient, muPaS, settings);
    }

    /** @return a copy with other inputs (for uncertainty sampling) */
    public PulsatileModel with(VesselModel nativeVessel, Periphery p, PatientMeasurements patient, double muPaS, Settings s) {
        return new PulsatileModel(nativeVessel, branches, proximalMm, distalMm, p, patient, muPaS, s);
    }

    /** @return the numerical settings */
    public Settings settings() { return settings; }

    /** @return the blood viscosity (Pa·s) */
    public double viscosityPaS() { return muPaS; }

    /** @return the native vessel */
    public VesselModel nativeVessel() { return nativeVessel; }

    /** @return the periphery */
    public Periphery periphery() { return periphery; }

    /** @return the patient measurements */
    public PatientMeasurements patient() { return patient; }

    /** @return the arch branches */
    public List<ArchBranch> branches() { return branches; }

    /** @return proximal and distal probe positions on the native vessel (mm) */
    public double[] probesMm() { return new double[] {proximalMm, distalMm}; }

    /**
     * Simulates one candidate.
     *
     * @param repair the candidate (native for none)
     * @return its outcome, every number finite
     * @throws IllegalArgumentException when the repair does not fit the vessel or the vessel cannot be modelled
     * @throws IllegalStateException    when no periodic state is reached or a result is not finite
     * @throws org.rehearse.simulation.oned.SolverDivergedException when the solver blows up
     */
    public PulsatileOutcome evaluate(Repair repair) {
        return run(repair, null).outcome();
    }

    /**
     * One simulated candidate with its final solver state (at a whole number of cycles), for warm starts.
     *
     * @param outcome the outcome
     * @param solver  the solver after the run
     */
    public record Run(PulsatileOutcome outcome, OneDSolver solver) {}

    /** Probes stay at least this far inside the ends of a repaired vessel, mm. */
    static final double PROBE_END_MARGIN_MM = 1;

    /**
     * As {@link #evaluate}, optionally starting from the periodic state of an earlier run of the same candidate
     * (fewer cycles to the periodic state; ignored when the networks differ in structure).
     *
     * @param repair the candidate
     * @param warm   an earlier run, or null
     * @return the run
     */
    public Run run(Repair repair, Run warm) {
        VesselModel v = repair.apply(nativeVessel);
        List<ArchBranch> mapped = new ArrayList<>();
        for (ArchBranch b : branches) {
            mapped.add(new ArchBranch(b.name(), repair.mapArcLengthMm(b.takeoffMm()), b.diameterMm(), b.lengthMm(), b.assumed()));
        }
        // a repair that reaches the end of the segmented vessel (a resection of a narrowing at the image border)
        // takes the distal probe with it: keep the probes inside the repaired vessel
        double len = v.lengthMm();
        double prox = Math.min(repair.mapArcLengthMm(proximalMm), len - 2 * PROBE_END_MARGIN_MM);
        double dist = Math.min(repair.mapArcLengthMm(distalMm), len - PROBE_END_MARGIN_MM);
        if (!(dist > prox)) {
            throw new IllegalArgumentException(String.format("candidate %s leaves %.0f mm of vessel: too little to place "
                    + "the pressure probes around it", repair.name(), len));
        }
        AorticNetwork net = AorticNetwork.build(v, mapped, prox, dist, periphery, inflow, RHO_KG_M3, muPaS);
        OneDSolver.Options opt = OneDSolver.Options.defaults().withTargetDxM(settings.dxM()).withMinNodes(3)
                .withMaxCycles(settings.maxCycles()).withInitialPressurePa(Units.mmHgToPa(patient.meanArterialMmHg()));
        opt = new OneDSolver.Options(opt.courantNumber(), opt.targetDxM(), opt.minNodes(), opt.maxCycles(),
                settings.periodicTolerance(), settings.samplesPerCycle(), opt.initialPressurePa());
        OneDSolver solver = new OneDSolver(net.network(), opt, true);
        if (warm != null) solver.warmStartFrom(warm.solver());
        solver.setChargeAcceleration(true);
        PeriodicSolution sol = solver.runToPeriodicState();
        if (!sol.converged()) {
            throw new IllegalStateException(String.format("the 1D model of %s did not reach a periodic state in %d "
                    + "cycles (change %.2f %%, limit %.2f %%)", repair.name(), sol.cycles(), 100 * sol.cycleChange(),
                    100 * settings.periodicTolerance()));
        }
        return new Run(outcome(repair, net, sol), solver);
    }

    private PulsatileOutcome outcome(Repair repair, AorticNetwork net, PeriodicSolution sol) {
        Map<String, double[][]> p = sol.pressurePa(), q = sol.flowM3s();
        double[] t = sol.timeS();
        int n = t.length;
        double dt = sol.periodS() / n;
        Map<String, double[]> wp = new LinkedHashMap<>(), wq = new LinkedHashMap<>();
        String first = net.segments().get(0).label();
        wp.put(INLET, p.get(first)[0]);
        wq.put(INLET, q.get(first)[0]);
        wp.put(PROXIMAL, p.get(net.proximalLabel())[0]);
        wq.put(PROXIMAL, q.get(net.proximalLabel())[0]);
        wp.put(DISTAL, p.get(net.distalLabel())[0]);
        wq.put(DISTAL, q.get(net.distalLabel())[0]);
        for (Map.Entry<String, String> e : net.outlets().entrySet()) {
            wp.put(e.getKey(), p.get(e.getValue())[4]);
            wq.put(e.getKey(), q.get(e.getValue())[4]);
        }
        double[] pp = wp.get(PROXIMAL), pd = wp.get(DISTAL);
        double maxP = Double.NEGATIVE_INFINITY, maxD = Double.NEGATIVE_INFINITY, inst = Double.NEGATIVE_INFINITY, mean = 0;
        for (int k = 0; k < n; k++) {
            maxP = Math.max(maxP, pp[k]);
            maxD = Math.max(maxD, pd[k]);
            inst = Math.max(inst, pp[k] - pd[k]);
            mean += (pp[k] - pd[k]) / n;
        }
        // the narrowest section's flow
        double[] qThroat;
        StenosisElement el = net.stenosis();
        if (el != null) {
            qThroat = q.get(net.stenosisUpstreamLabel())[4];
        } else {
            String lab = net.segmentAt(net.throatMm());
            AorticNetwork.Segment g = net.segments().stream().filter(x -> x.label().equals(lab)).findFirst().orElseThrow();
            double f = (net.throatMm() - g.startMm()) / Math.max(1e-9, g.endMm() - g.startMm());
            qThroat = q.get(lab)[(int) Math.max(0, Math.min(4, Math.round(4 * f)))];
        }
        double rThroat = Units.mmToM(net.throatDiameterMm()) / 2, aThroat = Math.PI * rThroat * rThroat;
        double vmax = 0, wss = 0;
        for (double x : qThroat) {
            vmax = Math.max(vmax, Math.abs(x) / aThroat);
            wss = Math.max(wss, (AorticNetwork.GAMMA_PROFILE + 2) * muPaS * Math.abs(x) / (Math.PI * rThroat * rThroat * rThroat));
        }
        double work = 0, qin = 0;
        for (int k = 0; k < n; k++) {
            work += wp.get(INLET)[k] * wq.get(INLET)[k] * dt;
            qin += wq.get(INLET)[k] / n;
        }
        Map<String, Double> split = new LinkedHashMap<>();
        for (String o : net.outlets().keySet()) {
            double m = 0;
            for (double x : wq.get(o)) m += x / n;
            split.put(o, 100 * m / qin);
        }
        List<double[]> prof = new ArrayList<>();
        List<AorticNetwork.Segment> segs = net.segments();
        for (int i = 0; i < segs.size(); i++) {
            AorticNetwork.Segment g = segs.get(i);
            int last = i + 1 == segs.size() || segs.get(i + 1).startMm() > g.endMm() + 1e-9 ? 4 : 3;
            double r = net.network().vessel(g.label()).r0InletM();
            double wssPerFlow = (AorticNetwork.GAMMA_PROFILE + 2) * muPaS / (Math.PI * r * r * r);
            for (int j = 0; j <= last; j++) {
                double[] pr = p.get(g.label())[j], qr = q.get(g.label())[j];
                double mx = Double.NEGATIVE_INFINITY, mn = 0, wmax = 0;
                for (double x : pr) { mx = Math.max(mx, x); mn += x / n; }
                for (double x : qr) wmax = Math.max(wmax, wssPerFlow * Math.abs(x));
                prof.add(new double[] {g.startMm() + OneDSolver.PROBE_FRACTIONS[j] * (g.endMm() - g.startMm()), mx, mn, wmax});
            }
        }
        double[] ps = new double[prof.size()], psys = new double[prof.size()], pmean = new double[prof.size()],
                pwss = new double[prof.size()];
        for (int i = 0; i < ps.length; i++) {
            ps[i] = prof.get(i)[0];
            psys[i] = prof.get(i)[1];
            pmean[i] = prof.get(i)[2];
            pwss[i] = prof.get(i)[3];
        }
        // the narrowest section's WSS at the throat position (the stenosis element's jet)
        if (el != null) {
            double st = net.throatMm();
            int at = 0;
            for (int i = 0; i < ps.length; i++) if (Math.abs(ps[i] - st) < Math.abs(ps[at] - st)) at = i;
            pwss[at] = Math.max(pwss[at], wss);
        }
        PulsatileOutcome o = new PulsatileOutcome(repair.name(), repair.description(), maxP - maxD, mean, inst, vmax, wss,
                Units.mmToM(net.throatDiameterMm()), split, work,
                new PulsatileOutcome.Waveforms(t.clone(), wp, wq), new PulsatileOutcome.PressureProfile(ps, psys, pmean, pwss),
                sol.cycles());
        for (double x : new double[] {o.peakToPeakGradientPa(), mean, inst, vmax, wss, work}) {
            if (!Double.isFinite(x)) {
                throw new IllegalStateException("the 1D model produced a non-finite result for " + repair.name());
            }
        }
        for (double x : split.values()) {
            if (!Double.isFinite(x)) throw new IllegalStateException("non-finite branch flow for " + repair.name());
        }
        return o;
    }

    /**
     * Systolic and diastolic pressure where the arm cuff measures ({@value #ARM_OUTLET} outlet, or the inlet when the
     * network has no such branch).
     *
     * @param o an outcome of this model
     * @return {systolic, diastolic} (Pa)
     */
    public static double[] armPressuresPa(PulsatileOutcome o) {
        double[] p = o.waveforms().pressurePa().getOrDefault(ARM_OUTLET, o.waveforms().pressurePa().get(INLET));
        double mx = Double.NEGATIVE_INFINITY, mn = Double.POSITIVE_INFINITY;
        for (double x : p) { mx = Math.max(mx, x); mn = Math.min(mn, x); }
        return new double[] {mx, mn};
    }
}
