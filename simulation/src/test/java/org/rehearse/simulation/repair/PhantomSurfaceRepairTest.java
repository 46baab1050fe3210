package org.rehearse.simulation.repair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.rehearse.sampledata.Phantom;
import org.rehearse.sampledata.PhantomGenerator;
import org.rehearse.sampledata.PhantomSpec;
import org.rehearse.segmentation.Progress;
import org.rehearse.segmentation.mesh.SurfaceExtractor;
import org.rehearse.segmentation.mesh.SurfaceMesh;
import org.rehearse.segmentation.mesh.SurfaceParameters;
import org.rehearse.simulation.geometry.Centerline;
import org.rehearse.simulation.geometry.CenterlineExtractor;
import org.rehearse.simulation.geometry.DiameterProfile;
import org.rehearse.simulation.geometry.Lesion;
import org.rehearse.simulation.geometry.LesionFinder;

/**
 * On the bundled phantom: every default repair's surface is watertight and differs from the native surface only
 * inside the repaired segment (plus the deformer's transition), so what the team sees is what was simulated.
 */
class PhantomSurfaceRepairTest {

    @Test
    void repairedSurfacesAreWatertightAndChangeOnlyTheRepairedSegment() {
        Phantom ph = PhantomGenerator.generate(PhantomSpec.defaults(), Progress.NONE);
        Centerline c = CenterlineExtractor.extract(ph.truthLumen(), ph.seedLpsMm(), Progress.NONE);
        DiameterProfile p = DiameterProfile.measure(ph.truthLumen(), c, Progress.NONE);
        Lesion lesion = LesionFinder.find(p);
        VesselModel vessel = VesselModel.fromProfile(p, lesion);
        SurfaceMesh nat = SurfaceExtractor.extract(ph.truthLumen(), 1, SurfaceParameters.DEFAULT, Progress.NONE);
        assertTrue(nat.isWatertight());
        List<Repair> repairs = RepairFactory.defaults(lesion, vessel);
        double transition = Math.max(SurfaceRepairDeformer.MIN_TRANSITION_MM, 0.5 * vessel.referenceDiameterMm());
        for (Repair r : repairs.subList(1, repairs.size())) {
            VesselModel shown = r.applyForDisplay(vessel);
            SurfaceMesh out = SurfaceRepairDeformer.apply(nat, c, vessel, shown);
            assertTrue(out.isWatertight(), r.name() + " watertight");
            assertEquals(nat.triangleCount(), out.triangleCount());
            double first = Double.POSITIVE_INFINITY, last = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < vessel.size(); i++) {
                if (Math.abs(shown.diameterMm(i) - vessel.diameterMm(i)) > 1e-9) {
                    first = Math.min(first, vessel.arcLengthMm(i));
                    last = Math.max(last, vessel.arcLengthMm(i));
                }
            }
            assertTrue(first <= last, r.name() + " changes the profile");
            float[] a = nat.pointsLps(), b = out.pointsLps();
            int moved = 0;
            for (int v = 0; v < nat.vertexCount(); v++) {
                if (a[3 * v] == b[3 * v] && a[3 * v + 1] == b[3 * v + 1] && a[3 * v + 2] == b[3 * v + 2]) continue;
                moved++;
                double s = c.project(new double[] {a[3 * v], a[3 * v + 1], a[3 * v + 2]})[0];
                assertTrue(s >= first - transition - 1 && s <= last + transition + 1, r.name() + ": vertex " + v
                        + " at s = " + s + " mm moved outside the segment " + first + "–" + last + " mm");
            }
            assertTrue(moved > 50, r.name() + " moved " + moved + " vertices");
            assertTrue(out.volumeMm3() > nat.volumeMm3(), r.name() + " widens the lumen");
        }
    }
}
