package org.rehearse.segmentation.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rehearse.segmentation.Progress;
import org.rehearse.segmentation.image.LabelMap;
import org.rehearse.segmentation.image.Volume;

class AortaSegmenterTest {

    @Test
    void realDissectedAortaReachesDiceAgainstLabel() throws Exception {
        Volume ct = AortaCtaData.ct();
        LabelMap truth = AortaCtaData.label(ct.geometry(), "aorta");
        long t0 = System.nanoTime();
        LabelMap seg = AortaSegmenter.segment(ct, AortaCtaData.SEED_LPS, SegmentationParameters.defaults(), Progress.NONE);
        double ms = (System.nanoTime() - t0) / 1e6;
        double dice = seg.dice(truth);
        System.out.printf("aorta CTA: Dice %.3f, %d voxels (label %d), %.0f ms%n", dice, seg.countNonZero(), truth.countNonZero(), ms);
        // measured 0.923: 0.877 before the root continuation, the false-lumen completion and the cut beyond a fully
        // opacified lumen, 0.887 with the continuation, 0.906 with the completion too, 0.917 with the cut, 0.915 once slabs meet across a
        // narrowing, 0.919 with false-lumen gaps bridged, 0.923 with the
        // seams filled; the issue asks 0.90
        assertTrue(dice >= 0.90, "Dice against labels/aorta.nii.gz was " + dice);
        // both lumens: measured 94 % of the true lumen's label and 86 % of the false lumen's
        assertTrue(covered(seg, AortaCtaData.label(ct.geometry(), "aorta_true_lumen")) >= 0.90, "true lumen covered");
        assertTrue(covered(seg, AortaCtaData.label(ct.geometry(), "aorta_false_lumen")) >= 0.78, "false lumen covered");
        RegionGrower plain = new RegionGrower(100, 2000, false);
        double plainDice = plain.grow(ct, AortaCtaData.SEED_LPS, Progress.NONE).dice(truth);
        System.out.printf("plain threshold + component: Dice %.3f%n", plainDice);
        assertTrue(dice > plainDice + 0.3, "tracking must beat the leaking plain region growing " + plainDice);
    }

    @Test
    void realCenterlineRunsFromDescendingAortaOverTheArch() throws Exception {
        Volume ct = AortaCtaData.ct();
        List<AortaSegmenter.CrossSection> cs = AortaSegmenter.track(ct, AortaCtaData.SEED_LPS, SegmentationParameters.defaults(), Progress.NONE);
        double zMax = -Double.MAX_VALUE;
        for (AortaSegmenter.CrossSection c : cs) {
            zMax = Math.max(zMax, c.centerLps()[2]);
            assertTrue(c.radiusMm() > 3 && c.radiusMm() < 30, "implausible aortic radius " + c.radiusMm());
        }
        LabelMap truth = AortaCtaData.label(ct.geometry(), "aorta");
        int topLabelSlice = 0;
        for (int k = 0; k < ct.geometry().slices(); k++) {
            for (int j = 0; j < ct.geometry().rows(); j++) {
                for (int i = 0; i < ct.geometry().columns(); i++) {
                    if (truth.get(i, j, k) != 0) {
                        topLabelSlice = k;
                    }
                }
            }
        }
        double zTop = ct.geometry().indexToLps(new double[] {0, 0, topLabelSlice}, null)[2];
        assertTrue(zMax > zTop - 25, "centerline top " + zMax + " mm should reach the arch near " + zTop + " mm");
    }

    @Test
    void cleanPhantomTubeIsSegmentedAlmostExactly() {
        TubePhantom ph = new TubePhantom(96, 130, new double[] {1, 1, 1}, 9, 7);
        LabelMap seg = AortaSegmenter.segment(ph.ct, ph.seedLps, SegmentationParameters.defaults(), Progress.NONE);
        double dice = seg.dice(ph.truth);
        System.out.printf("phantom tube: Dice %.3f (%d vs %d voxels)%n", dice, seg.countNonZero(), ph.truth.countNonZero());
        assertTrue(dice >= 0.95, "Dice on the clean phantom tube was " + dice);
    }

    @Test
    void anisotropicPhantomTubeIsSegmented() {
        TubePhantom ph = new TubePhantom(110, 70, new double[] {0.8, 0.8, 2.0}, 11, 3);
        LabelMap seg = AortaSegmenter.segment(ph.ct, ph.seedLps, SegmentationParameters.defaults(), Progress.NONE);
        double dice = seg.dice(ph.truth);
        System.out.printf("anisotropic phantom tube: Dice %.3f%n", dice);
        assertTrue(dice >= 0.90, "Dice on the anisotropic phantom tube was " + dice);
    }

    @Test
    void seedOutsideImageNamesSeedAndBounds() {
        TubePhantom ph = new TubePhantom(40, 40, new double[] {1, 1, 1}, 5, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AortaSegmenter.segment(ph.ct, new double[] {500, 0, 0}, SegmentationParameters.defaults(), Progress.NONE));
        assertTrue(e.getMessage().contains("500.0") && e.getMessage().contains("outside"), e.getMessage());
        assertTrue(e.getMessage().contains("L [-100.0, -61.0]") && e.getMessage().contains("S [400.0, 439.0]"), e.getMessage());
    }

    @Test
    void seedInFatNamesHuAndWindow() {
        TubePhantom ph = new TubePhantom(40, 40, new double[] {1, 1, 1}, 5, 1);
        double[] corner = ph.ct.geometry().indexToLps(new double[] {2, 2, 2}, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AortaSegmenter.segment(ph.ct, corner, SegmentationParameters.defaults(), Progress.NONE));
        assertTrue(e.getMessage().contains("HU") && e.getMessage().contains("[40, 1500]"), e.getMessage());
    }

    @Test
    void cancellationIsHonoured() {
        TubePhantom ph = new TubePhantom(40, 40, new double[] {1, 1, 1}, 5, 1);
        Progress cancelled = new Progress() {
            @Override public void update(double fraction, String message) { }
            @Override public boolean isCancelled() { return true; }
        };
        assertThrows(Progress.CancelledException.class,
                () -> AortaSegmenter.segment(ph.ct, ph.seedLps, SegmentationParameters.defaults(), cancelled));
    }

    @Test
    void parametersRejectEmptyWindow() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SegmentationParameters.defaults().withWindow(300, 100));
        assertTrue(e.getMessage().contains("300") && e.getMessage().contains("100"), e.getMessage());
        assertEquals(40, SegmentationParameters.defaults().lowerHu());
    }

    /** Fraction of a label's voxels that the segmentation holds. */
    static double covered(LabelMap seg, LabelMap part) {
        long in = 0;
        byte[] a = seg.labels(), b = part.labels();
        for (int q = 0; q < b.length; q++) {
            if (b[q] != 0 && a[q] != 0) {
                in++;
            }
        }
        double f = in / (double) part.countNonZero();
        System.out.printf("  %.3f of %d label voxels covered%n", f, part.countNonZero());
        return f;
    }
}
