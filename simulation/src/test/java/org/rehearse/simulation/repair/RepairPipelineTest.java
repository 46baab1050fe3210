package org.rehearse.simulation.repair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rehearse.segmentation.Progress;
import org.rehearse.segmentation.image.LabelMap;
import org.rehearse.simulation.SyntheticVessels;
import org.rehearse.simulation.geometry.Centerline;
import org.rehearse.simulation.geometry.CenterlineExtractor;
import org.rehearse.simulation.geometry.DiameterProfile;
import org.rehearse.simulation.geometry.Lesion;
import org.rehearse.simulation.geometry.LesionFinder;

/** From a synthetic coarctation mask to the candidates' outcomes. */
class RepairPipelineTest {
    static Lesion lesion;
    static VesselModel vessel;

    @BeforeAll
    static void measure() {
        LabelMap mask = SyntheticVessels.coarctTube();
        Centerline c = CenterlineExtractor.extract(mask, SyntheticVessels.coarctAxisLps(100), Progress.NONE);
        DiameterProfile p = DiameterProfile.measure(mask, c, Progress.NONE);
        lesion = LesionFinder.find(p);
        vessel = VesselModel.fromProfile(p, lesion);
    }

    @Test
    void everyRepairWidensTheNarrowestSection() {
        List<Repair> candidates = RepairFactory.defaults(lesion, vessel);
        assertEquals(List.of("native", "resection", "patch", "stent", "balloon"),
                candidates.stream().map(Repair::name).toList());
        double nativeMin = vessel.diameterMm(vessel.narrowestIndex(lesion.referenceDiameterMm() / 2));
        for (Repair r : candidates.subList(1, candidates.size())) {
            VesselModel after = r.apply(vessel);
            double min = after.diameterMm(after.narrowestIndex(lesion.referenceDiameterMm() / 2));
            assertTrue(min > nativeMin + 1, r.name() + " narrowest " + min + " mm vs native " + nativeMin + " mm");
        }
    }

    @Test
    void resectionShortensTheVesselAndDisplayKeepsTheLength() {
        ResectionRepair r = (ResectionRepair) RepairFactory.create("resection", lesion, vessel);
        VesselModel after = r.apply(vessel);
        assertEquals(vessel.lengthMm() - r.resectedLengthMm(), after.lengthMm(), 1e-6);
        VesselModel shown = r.applyForDisplay(vessel);
        assertEquals(vessel.lengthMm(), shown.lengthMm(), 1e-9);
        assertTrue(shown.diameterAtMm(lesion.throatArcLengthMm()) > 0.95 * lesion.referenceDiameterMm());
    }

    @Test
    void stentWidensTheThroatAndStiffensTheWall() {
        Repair stent = RepairFactory.create("stent", lesion, vessel);
        VesselModel after = stent.apply(vessel);
        double nominal = stent.parameters().get("diameterMm");
        assertEquals(0.95 * nominal, after.diameterAtMm(lesion.throatArcLengthMm()), 1e-6);
        int throat = after.narrowestIndex(0);
        boolean anyStiff = false;
        for (int i = 0; i < after.size(); i++) {
            double s = after.arcLengthMm(i);
            boolean inside = Math.abs(s - stent.parameters().get("positionMm")) < stent.parameters().get("lengthMm") / 2 - 1;
            if (inside) assertTrue(after.stiffWall(i));
            if (Math.abs(s - stent.parameters().get("positionMm")) > stent.parameters().get("lengthMm") / 2 + 1) {
                assertFalse(after.stiffWall(i));
                assertEquals(vessel.diameterMm(i), after.diameterMm(i), 1e-12, "no change outside the stent");
            }
            anyStiff |= after.stiffWall(i);
        }
        assertTrue(anyStiff);
        assertTrue(after.diameterMm(throat) > 0.85 * lesion.referenceDiameterMm());
    }

    @Test
    void parameterValidationGivesClearErrors() {
        double ref = vessel.referenceDiameterMm(), len = vessel.lengthMm(), t = lesion.throatArcLengthMm();
        IllegalArgumentException e;
        e = assertThrows(IllegalArgumentException.class, () -> new StentRepair(t, len + 10, ref, 95).apply(vessel));
        assertTrue(e.getMessage().contains("longer than the vessel"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new StentRepair(t, 20, 1.3 * ref, 95).apply(vessel));
        assertTrue(e.getMessage().contains("1.2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new StentRepair(t, -5, ref, 95).validate(vessel));
        assertTrue(e.getMessage().contains("lengthMm must be > 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new StentRepair(2, 20, ref, 95).validate(vessel));
        assertTrue(e.getMessage().contains("beyond the vessel"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new StentRepair(t, 20, ref, 120).validate(vessel));
        assertTrue(e.getMessage().contains("expansionPercent"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ResectionRepair(t + 2, t - 2, ref, 5).validate(vessel));
        assertTrue(e.getMessage().contains("must be positive"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ResectionRepair(10, 70, ref, 5).validate(vessel));
        assertTrue(e.getMessage().contains("longer than"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new PatchRepair(t - 5, t + 5, 0, 5).validate(vessel));
        assertTrue(e.getMessage().contains("diameterMm must be > 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new BalloonRepair(t, 20, ref, 80).validate(vessel));
        assertTrue(e.getMessage().contains("recoilPercent"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new NativeRepair().withParameter("lengthMm", 3));
        assertTrue(e.getMessage().contains("no parameter"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new StentRepair(t, 20, ref, 95).withParameter("lengthMm", Double.NaN));
        assertTrue(e.getMessage().contains("finite"), e.getMessage());
    }

    @Test
    void withParameterReRunsTheRepair() {
        Repair stent = RepairFactory.create("stent", lesion, vessel);
        Repair smaller = stent.withParameter("diameterMm", 12);
        assertEquals(12, smaller.parameters().get("diameterMm"));
        assertEquals(stent.parameters().get("lengthMm"), smaller.parameters().get("lengthMm"));
        double throat = lesion.throatArcLengthMm();
        assertEquals(0.95 * 12, smaller.apply(vessel).diameterAtMm(throat), 1e-6);
        assertTrue(smaller.apply(vessel).diameterAtMm(throat) < stent.apply(vessel).diameterAtMm(throat));
    }

    @Test
    void extendedResectionShortensTheVesselAndOpensTheArch() {
        ExtendedResectionRepair r = (ExtendedResectionRepair) RepairFactory.create("extended_resection", lesion, vessel);
        double arch = r.parameters().get("archStartMm"), a = r.parameters().get("startMm"), b = r.parameters().get("endMm");
        VesselModel after = r.apply(vessel);
        assertEquals(vessel.lengthMm() - (b - a), after.lengthMm(), 1e-6);
        double mid = 0.5 * (arch + a);
        assertTrue(after.diameterAtMm(mid) >= vessel.diameterAtMm(mid) - 1e-9);
        assertEquals(r.parameters().get("anastomosisDiameterMm"), after.diameterAtMm(mid), 0.5);
        assertEquals(a - 1, r.mapArcLengthMm(a - 1), 1e-9);
        assertEquals(b + 10 - (b - a), r.mapArcLengthMm(b + 10), 1e-9);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> r.withParameter("archStartMm", a + 1).validate(vessel));
        assertTrue(e.getMessage().contains("archStartMm"), e.getMessage());
    }

    @Test
    void customProfileFollowsItsControlDiameters() {
        double a = lesion.throatArcLengthMm() - 10, b = lesion.throatArcLengthMm() + 10;
        double ref = lesion.referenceDiameterMm();
        CustomProfileRepair r = new CustomProfileRepair(a, b, new double[] {ref, 0.9 * ref, 0.8 * ref, 0.9 * ref, ref}, 0);
        VesselModel after = r.apply(vessel);
        assertEquals(0.8 * ref, after.diameterAtMm(0.5 * (a + b)), 0.05);
        assertEquals(0.85 * ref, after.diameterAtMm(a + 0.375 * (b - a)), 0.1);
        assertEquals(vessel.diameterAtMm(a - 20), after.diameterAtMm(a - 20), 1e-9);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> r.withParameter("d2Mm", 2 * ref).validate(vessel));
        assertTrue(e.getMessage().contains("d2Mm"), e.getMessage());
        assertEquals(7, RepairFactory.KINDS.size());
    }
}
