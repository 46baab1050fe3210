package org.rehearse.simulation.pulsatile;

import org.rehearse.sampledata.Phantom;
import org.rehearse.sampledata.PhantomGenerator;
import org.rehearse.sampledata.PhantomSpec;
import org.rehearse.segmentation.Progress;
import org.rehearse.simulation.geometry.Centerline;
import org.rehearse.simulation.geometry.CenterlineExtractor;
import org.rehearse.simulation.geometry.DiameterProfile;
import org.rehearse.simulation.geometry.Lesion;
import org.rehearse.simulation.geometry.LesionFinder;
import org.rehearse.simulation.repair.VesselModel;

/** The bundled phantom's measured vessel (from its truth lumen), shared by the pulsatile tests. */
final class PhantomTwin {
    static Phantom phantom;
    static Centerline centerline;
    static Lesion lesion;
    static VesselModel vessel;

    static synchronized void load() {
        if (vessel != null) return;
        phantom = PhantomGenerator.generate(PhantomSpec.defaults(), Progress.NONE);
        centerline = CenterlineExtractor.extract(phantom.truthLumen(), phantom.seedLpsMm(), Progress.NONE);
        DiameterProfile p = DiameterProfile.measure(phantom.truthLumen(), centerline, Progress.NONE);
        lesion = LesionFinder.find(p);
        vessel = VesselModel.fromProfile(p, lesion);
    }

    private PhantomTwin() {}
}
