package org.rehearse.simulation.pulsatile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.rehearse.segmentation.Progress;
import org.rehearse.segmentation.image.LabelMap;
import org.rehearse.segmentation.nifti.NiftiLabelIo;
import org.rehearse.simulation.geometry.Centerline;
import org.rehearse.simulation.geometry.CenterlineExtractor;

/** Arch branches measured from segmentations. */
class ArchBranchTest {

    @Test
    void assumedBranchesLieOnTheArchInOrder() {
        PhantomTwin.load();
        List<ArchBranch> b = ArchBranch.assumed(PhantomTwin.centerline, 18, PhantomTwin.lesion.startArcLengthMm());
        assertEquals(3, b.size());
        assertTrue(b.get(0).takeoffMm() < b.get(1).takeoffMm() && b.get(1).takeoffMm() < b.get(2).takeoffMm());
        assertTrue(b.get(2).takeoffMm() < PhantomTwin.lesion.startArcLengthMm());
        assertTrue(b.stream().allMatch(ArchBranch::assumed));
    }

    @Test
    void realCtaBranchesFromTheirLabels() throws Exception {
        String root = System.getProperty("rehearse.shared.data");
        assumeTrue(root != null && Files.isDirectory(Path.of(root, "aorta-cta/labels")));
        Path labels = Path.of(root, "aorta-cta/labels");
        LabelMap aorta = NiftiLabelIo.read(labels.resolve("aorta.nii.gz"));
        Centerline c = CenterlineExtractor.extract(aorta, new double[] {-2.7, -146.2, 577.7}, Progress.NONE);
        String[][] files = {{"brachiocephalic", "brachiocephalic_trunk.nii.gz", "8", "20"},
                {"left_common_carotid", "common_carotid_artery_left.nii.gz", "4", "12"},
                {"left_subclavian", "subclavian_artery_left.nii.gz", "5", "15"}};
        double[] s = new double[3];
        for (int i = 0; i < 3; i++) {
            ArchBranch b = ArchBranch.fromMask(files[i][0], NiftiLabelIo.read(labels.resolve(files[i][1])), c).orElseThrow();
            System.out.println(b);
            assertTrue(b.diameterMm() > Double.parseDouble(files[i][2]) && b.diameterMm() < Double.parseDouble(files[i][3]),
                    b.toString());
            assertTrue(!b.assumed());
            s[i] = b.takeoffMm();
        }
        // the origins follow each other along the arch (in one direction or the other)
        assertTrue((s[0] < s[1] && s[1] < s[2]) || (s[0] > s[1] && s[1] > s[2]), java.util.Arrays.toString(s));
        assertTrue(Math.abs(s[2] - s[0]) < 80, "origins within 8 cm of each other");
    }
}
