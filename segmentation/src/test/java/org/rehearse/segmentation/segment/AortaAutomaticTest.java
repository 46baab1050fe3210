package org.rehearse.segmentation.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rehearse.segmentation.Progress;
import org.rehearse.segmentation.image.ImageGeometry;
import org.rehearse.segmentation.image.LabelMap;
import org.rehearse.segmentation.image.Volume;

/** Automatic (no click) segmentation and the arch branches, on the real dissected aorta of the shared data. */
class AortaAutomaticTest {
    private static final String[] BRANCH_FILES = {"brachiocephalic_trunk", "common_carotid_artery_left", "subclavian_artery_left"};
    private static final AortaLabel[] BRANCHES = {AortaLabel.BRACHIOCEPHALIC_TRUNK, AortaLabel.LEFT_COMMON_CAROTID, AortaLabel.LEFT_SUBCLAVIAN};

    private static Volume ct;

    @BeforeAll
    static void load() throws Exception {
        if (System.getProperty("rehearse.shared.data") != null) {
            ct = AortaCtaData.ct();
        }
    }

    private static Volume ct() {
        AortaCtaData.folder();
        return ct;
    }

    @Test
    void automaticSegmentationFindsTheAortaWithoutAClick() throws Exception {
        Volume v = ct();
        LabelMap truth = AortaCtaData.label(v.geometry(), "aorta");
        AortaSegmentation r = AortaSegmenter.segmentAutomatic(v, SegmentationParameters.defaults(), Progress.NONE);
        double dice = r.mask(AortaLabel.AORTA).dice(truth);
        System.out.printf("aorta CTA automatic: seed %s, Dice %.3f, branches %s%n", Arrays.toString(r.seedLps()), dice, r.branchesFound());
        double[] ijk = v.geometry().lpsToIndex(r.seedLps(), null);
        assertEquals(1, truth.get((int) Math.round(ijk[0]), (int) Math.round(ijk[1]), (int) Math.round(ijk[2])), "seed in the aorta");
        // measured 0.896 (0.848 before the root continuation, the false-lumen completion and the cut beyond a fully
        // opacified lumen); the issue asks 0.88
        assertTrue(dice >= 0.88, "automatic Dice against labels/aorta.nii.gz was " + dice);
    }

    @Test
    void oneClickFindsTheThreeArchBranchesWhereTheLabelsHaveThem() throws Exception {
        Volume v = ct();
        AortaSegmentation r = AortaSegmenter.segmentWithBranches(v, AortaCtaData.SEED_LPS, SegmentationParameters.defaults(), Progress.NONE);
        assertEquals(java.util.EnumSet.allOf(AortaLabel.class).size() - 1, r.branchesFound().size(), "branches " + r.branchesFound());
        LabelMap[] truths = new LabelMap[3];
        for (int b = 0; b < 3; b++) {
            truths[b] = AortaCtaData.label(v.geometry(), BRANCH_FILES[b]);
        }
        for (int b = 0; b < 3; b++) {
            LabelMap found = r.mask(BRANCHES[b]);
            long[] overlap = new long[3];
            for (int t = 0; t < 3; t++) {
                byte[] x = truths[t].labels(), y = found.labels();
                for (int n = 0; n < x.length; n++) {
                    if (x[n] != 0 && y[n] != 0) {
                        overlap[t]++;
                    }
                }
            }
            double dice = found.dice(truths[b]);
            System.out.printf("%s: %d voxels, label %d, Dice %.3f, overlaps with the three labels %s%n", BRANCHES[b],
                    found.countNonZero(), truths[b].countNonZero(), dice, Arrays.toString(overlap));
            for (int t = 0; t < 3; t++) {
                if (t != b) {
                    assertTrue(overlap[b] > 2 * overlap[t], BRANCHES[b] + " lies in " + BRANCH_FILES[t] + " rather than " + BRANCH_FILES[b]);
                }
            }
            // measured 0.64, 0.80, 0.43 (the left subclavian's horizontal part is not followed)
            assertTrue(dice >= 0.35, BRANCHES[b] + " Dice against " + BRANCH_FILES[b] + " was " + dice);
        }
        LabelMap aortaOnly = r.mask(AortaLabel.AORTA);
        assertTrue(aortaOnly.dice(AortaCtaData.label(v.geometry(), "aorta")) >= 0.90, "aorta label unchanged by the branches");
    }

    @Test
    void noTubeGivesANamedExceptionSayingWhatWasSearched() {
        ImageGeometry g = ImageGeometry.axial(64, 64, 40, new double[] {1, 1, 2}, new double[] {0, 0, 0});
        short[] v = new short[64 * 64 * 40];
        Arrays.fill(v, (short) 40);
        AortaNotFoundException e = assertThrows(AortaNotFoundException.class,
                () -> AortaSegmenter.segmentAutomatic(new Volume(g, v, "CT"), SegmentationParameters.defaults(), Progress.NONE));
        assertTrue(e.getMessage().contains("no aorta found") && e.getMessage().contains("round region brighter than 150 HU")
                && e.getMessage().contains("64x64x40"), e.getMessage());
    }

    @Test
    void automaticOnASyntheticTubeSegmentsIt() {
        TubePhantom ph = new TubePhantom(96, 130, new double[] {1, 1, 1}, 9, 7);
        AortaSegmentation r = AortaSegmenter.segmentAutomatic(ph.ct, SegmentationParameters.defaults(), Progress.NONE);
        double dice = r.mask(AortaLabel.AORTA).dice(ph.truth);
        assertTrue(dice >= 0.95, "automatic Dice on the synthetic tube was " + dice);
        assertTrue(r.branchesFound().isEmpty(), "a plain tube has no arch branches: " + r.branchesFound());
    }

    @Test
    void labelValuesAreDocumentedConstants() {
        assertEquals(1, AortaLabel.AORTA.value());
        assertEquals(2, AortaLabel.BRACHIOCEPHALIC_TRUNK.value());
        assertEquals(3, AortaLabel.LEFT_COMMON_CAROTID.value());
        assertEquals(4, AortaLabel.LEFT_SUBCLAVIAN.value());
        assertEquals(AortaLabel.LEFT_SUBCLAVIAN, AortaLabel.of(4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AortaLabel.of(7));
        assertTrue(e.getMessage().contains("7"), e.getMessage());
    }
}
