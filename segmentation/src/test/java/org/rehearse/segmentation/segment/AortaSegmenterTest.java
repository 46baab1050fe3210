package org.rehearse.segmentation.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rehearse.segmentation.Progress;
import org.rehearse.segmentation.image.ImageGeometry;
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
        assertTrue(dice >= 0.70, "Dice against labels/aorta.nii.gz was " + dice);
        RegionGrower plain = new RegionGrower(100, 2000, false);
        double plainDice = plain.grow(ct, AortaCtaData.SEED_LPS, Progress.NONE).dice(truth);
        System.out.printf("plain threshold + component: Dice %.3f%n", plainDice);
        assertTrue(dice > plainDice + 0.2, "tracking must beat the leaking plain region growing " + plainDice);
    }
}
