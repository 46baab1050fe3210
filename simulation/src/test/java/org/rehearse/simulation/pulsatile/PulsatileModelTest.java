package org.rehearse.simulation.pulsatile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rehearse.simulation.hemo.Units;
import org.rehearse.simulation.repair.Repair;
import org.rehearse.simulation.repair.RepairFactory;
import org.rehearse.simulation.repair.VesselModel;

/**
 * The pulsatile twin on the bundled phantom (stenosis 0.65, 5 L/min, 70 bpm, 120/70 mmHg): calibration, the
 * candidates' outcomes and their uncertainty.
 */
class PulsatileModelTest {
    static Calibration.Result cal;
    static List<Repair> repairs;
    static List<PulsatileModel.Run> runs = new ArrayList<>();
    static List<UncertaintyAnalysis.Result> uq = new ArrayList<>();

    @BeforeAll
    static void simulate() {
        PhantomTwin.load();
        VesselModel v = PhantomTwin.vessel;
        var l = PhantomTwin.lesion;
        List<ArchBranch> br = ArchBranch.assumed(PhantomTwin.centerline, v.referenceDiameterMm(), l.startArcLengthMm());
        PulsatileModel start = new PulsatileModel(v, br, l.startArcLengthMm() - 10, l.endArcLengthMm() + 20,
                new Periphery(1e8, 1e-8, 1, 0), PatientMeasurements.defaults(), PulsatileModel.MU_PA_S,
                PulsatileModel.Settings.nominal());
        cal = Calibration.calibrate(start);
        repairs = RepairFactory.defaults(l, v);
        UncertaintyAnalysis ua = new UncertaintyAnalysis(cal, l.startArcLengthMm(), l.endArcLengthMm(),
                PhantomTwin.phantom.volume().geometry().spacingMm()[0], 7);
        for (Repair r : repairs) {
            PulsatileModel.Run run = cal.model().run(r, null);
            runs.add(run);
            uq.add(ua.run(r, 24, run));
        }
    }

    @Test
    void aResectionReachingTheDistalProbeKeepsTheProbeInsideTheShortenedVessel() {
        // a narrowing at the image border (the real CTA's narrowest section lies near the end of its descending
        // aorta): the distal probe sits 2 mm before the vessel's end and a resection runs to the end, which takes the
        // probe onto the new end; that used to fail the whole plan
        VesselModel v = PhantomTwin.vessel;
        double len = v.lengthMm();
        PulsatileModel m = cal.model();
        PulsatileModel nearEnd = new PulsatileModel(v, ArchBranch.assumed(PhantomTwin.centerline, v.referenceDiameterMm(),
                len - 60), len - 60, len - 2, m.periphery(), PatientMeasurements.defaults(), PulsatileModel.MU_PA_S,
                PulsatileModel.Settings.nominal());
        Repair toEnd = new org.rehearse.simulation.repair.ResectionRepair(len - 30, len, v.referenceDiameterMm(), 5);
        PulsatileOutcome o = nearEnd.run(toEnd, null).outcome();
        assertTrue(Double.isFinite(o.peakToPeakGradientMmHg()), "gradient " + o.peakToPeakGradientMmHg());
    }

    @Test
    void calibrationReachesTheCuffPressures() {
        assertTrue(cal.residualMmHg() < Calibration.TOLERANCE_MMHG, "residual " + cal.residualMmHg());
        assertEquals(120, cal.simulated().get("systolic_mmHg"), 2.0);
        assertEquals(70, cal.simulated().get("diastolic_mmHg"), 2.0);
        double[] arm = PulsatileModel.armPressuresPa(runs.get(0).outcome());
        assertEquals(120, Units.paToMmHg(arm[0]), 2.0);
        assertEquals(70, Units.paToMmHg(arm[1]), 2.0);
        assertTrue(cal.logCovariance()[0][0] > 0 && cal.logCovariance()[1][1] > 0);
    }

    @Test
    void nativeIsAboveTheThresholdAndRepairsBelow() {
        PulsatileOutcome nat = runs.get(0).outcome();
        assertTrue(nat.peakToPeakGradientMmHg() >= 20, "native " + nat.peakToPeakGradientMmHg());
        assertTrue(uq.get(0).pAboveThreshold() >= 0.5, "native p " + uq.get(0).pAboveThreshold());
        assertTrue(nat.peakInstantaneousGradientMmHg() >= nat.peakToPeakGradientMmHg() - 1e-9);
        double stent = 0, resection = 0;
        for (int i = 0; i < repairs.size(); i++) {
            String n = repairs.get(i).name();
            PulsatileOutcome o = runs.get(i).outcome();
            if (n.equals("stent") || n.equals("resection")) {
                assertTrue(o.peakToPeakGradientMmHg() < 10, n + " " + o.peakToPeakGradientMmHg());
                assertTrue(uq.get(i).pAboveThreshold() <= 0.1, n + " p " + uq.get(i).pAboveThreshold());
                if (n.equals("stent")) stent = o.peakToPeakGradientMmHg(); else resection = o.peakToPeakGradientMmHg();
            }
        }
        int b = repairs.indexOf(repairs.stream().filter(r -> r.name().equals("balloon")).findFirst().orElseThrow());
        double balloon = runs.get(b).outcome().peakToPeakGradientMmHg();
        assertTrue(balloon > Math.max(stent, resection) && balloon < nat.peakToPeakGradientMmHg(),
                "balloon " + balloon + " between stent " + stent + " / resection " + resection + " and native");
    }

    @Test
    void outcomesAreFiniteAndFlowIsConserved() {
        for (PulsatileModel.Run r : runs) {
            PulsatileOutcome o = r.outcome();
            for (double x : o.reportFields().values()) assertTrue(Double.isFinite(x), o.candidate());
            double sum = o.branchFlowPercent().values().stream().mapToDouble(Double::doubleValue).sum();
            assertEquals(100, sum, 0.5, o.candidate() + " " + o.branchFlowPercent());
            assertEquals(4, o.branchFlowPercent().size());
            assertTrue(o.lvWorkJ() > 0.5 && o.lvWorkJ() < 2.5, "LV work per beat " + o.lvWorkJ() + " J");
            assertEquals(o.waveforms().timeS().length, o.waveforms().pressurePa().get(PulsatileModel.DISTAL).length);
        }
        for (UncertaintyAnalysis.Result u : uq) {
            assertEquals(0, u.failed());
            assertTrue(u.ci95LowMmHg() <= u.meanMmHg() && u.meanMmHg() <= u.ci95HighMmHg(), u.toString());
        }
        // native's interval is wide (the throat radius is uncertain by half a voxel), a stent's is narrow
        assertTrue(uq.get(0).ci95HighMmHg() - uq.get(0).ci95LowMmHg() > 5);
    }

    @Test
    void samplingIsReproducible() {
        var l = PhantomTwin.lesion;
        UncertaintyAnalysis a = new UncertaintyAnalysis(cal, l.startArcLengthMm(), l.endArcLengthMm(), 0.6, 11);
        UncertaintyAnalysis b = new UncertaintyAnalysis(cal, l.startArcLengthMm(), l.endArcLengthMm(), 0.6, 11);
        assertEquals(java.util.Arrays.toString(a.run(repairs.get(0), 6, runs.get(0)).gradientsMmHg()),
                java.util.Arrays.toString(b.run(repairs.get(0), 6, runs.get(0)).gradientsMmHg()));
    }

    @Test
    void impossibleInputsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PatientMeasurements(70, 120, 5, 70, Double.NaN));
        assertTrue(e.getMessage().contains("diastolic") && e.getMessage().contains("120"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new PatientMeasurements(120, 70, 90, 70, Double.NaN));
        assertTrue(e.getMessage().contains("cardiac output") && e.getMessage().contains("35"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new PatientMeasurements(120, 70, 5, 400, Double.NaN));
        assertTrue(e.getMessage().contains("heart rate"), e.getMessage());
        VesselModel shortVessel = new VesselModel(new double[] {0, 20}, new double[] {18, 18}, new boolean[2], 18);
        PulsatileModel m = cal.model().with(shortVessel, cal.fitted(), cal.target(), PulsatileModel.MU_PA_S,
                PulsatileModel.Settings.nominal());
        e = assertThrows(IllegalArgumentException.class, () -> m.evaluate(new org.rehearse.simulation.repair.NativeRepair()));
        assertTrue(e.getMessage().contains("20 mm") && e.getMessage().contains("40 mm"), e.getMessage());
        VesselModel occluded = new VesselModel(new double[] {0, 100, 101, 102, 300}, new double[] {18, 18, 1, 18, 18},
                new boolean[5], 18);
        PulsatileModel m2 = cal.model().with(occluded, cal.fitted(), cal.target(), PulsatileModel.MU_PA_S,
                PulsatileModel.Settings.nominal());
        e = assertThrows(IllegalArgumentException.class, () -> m2.evaluate(new org.rehearse.simulation.repair.NativeRepair()));
        assertTrue(e.getMessage().contains("1.0 mm"), e.getMessage());
    }

    @Test
    void unreachableTargetsAreReportedNotFaked() {
        PulsatileModel m = cal.model().with(cal.model().nativeVessel(), cal.fitted(),
                new PatientMeasurements(62, 50, 9.0, 70, Double.NaN), PulsatileModel.MU_PA_S, PulsatileModel.Settings.nominal());
        CalibrationException e = assertThrows(CalibrationException.class, () -> Calibration.calibrate(m));
        assertTrue(e.getMessage().contains("systolic 62") && e.getMessage().contains("reached"), e.getMessage());
    }

    @Test
    void extendedResectionAndCustomProfileAreSimulated() {
        var l = PhantomTwin.lesion;
        PulsatileOutcome ext = cal.model().evaluate(RepairFactory.create("extended_resection", l, PhantomTwin.vessel));
        assertTrue(ext.peakToPeakGradientMmHg() < 10, "extended resection " + ext.peakToPeakGradientMmHg());
        // a custom profile that leaves a 12 mm waist: between native and a full repair
        double ref = l.referenceDiameterMm(), a = l.throatArcLengthMm() - 10, b = l.throatArcLengthMm() + 10;
        PulsatileOutcome waist = cal.model().evaluate(new org.rehearse.simulation.repair.CustomProfileRepair(a, b,
                new double[] {ref, 0.85 * ref, 12, 0.85 * ref, ref}, 3));
        assertTrue(waist.peakToPeakGradientMmHg() > ext.peakToPeakGradientMmHg()
                && waist.peakToPeakGradientMmHg() < runs.get(0).outcome().peakToPeakGradientMmHg(),
                "12 mm waist " + waist.peakToPeakGradientMmHg());
        for (double x : waist.reportFields().values()) assertTrue(Double.isFinite(x));
    }
}
