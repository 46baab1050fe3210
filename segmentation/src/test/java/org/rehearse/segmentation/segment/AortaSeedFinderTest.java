package org.rehearse.segmentation.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.rehearse.segmentation.image.ImageGeometry;
import org.rehearse.segmentation.image.LabelMap;
import org.rehearse.segmentation.image.Volume;

class AortaSeedFinderTest {

    @Test
    void guessOnTheRealCtaLiesInTheAorta() throws Exception {
        Volume ct = AortaCtaData.ct();
        LabelMap aorta = AortaCtaData.label(ct.geometry(), "aorta");
        double[] seed = AortaSeedFinder.find(ct).orElseThrow();
        double[] ijk = ct.geometry().lpsToIndex(seed, null);
        assertEquals(1, aorta.get((int) Math.round(ijk[0]), (int) Math.round(ijk[1]), (int) Math.round(ijk[2])),
                "automatic seed " + java.util.Arrays.toString(seed) + " inside the reference aorta");
    }

    @Test
    void noRoundBrightTubeGivesNoGuess() {
        ImageGeometry g = ImageGeometry.axial(64, 64, 40, new double[] {1, 1, 2}, new double[] {0, 0, 0});
        short[] v = new short[64 * 64 * 40];
        java.util.Arrays.fill(v, (short) 40); // soft tissue only
        assertTrue(AortaSeedFinder.find(new Volume(g, v, "CT")).isEmpty());
    }

    @Test
    void guessOnASyntheticVerticalTubeLiesInIt() {
        ImageGeometry g = ImageGeometry.axial(96, 96, 60, new double[] {0.8, 0.8, 2}, new double[] {-40, -40, 0});
        short[] v = new short[96 * 96 * 60];
        double[] p = new double[3];
        for (int k = 0; k < 60; k++) {
            for (int j = 0; j < 96; j++) {
                for (int i = 0; i < 96; i++) {
                    g.indexToLps(new double[] {i, j, k}, p);
                    boolean tube = Math.hypot(p[0] - 5, p[1] - 8) < 9;
                    v[g.index(i, j, k)] = (short) (tube ? 350 : -100);
                }
            }
        }
        Optional<double[]> seed = AortaSeedFinder.find(new Volume(g, v, "CT"));
        assertTrue(seed.isPresent());
        assertTrue(Math.hypot(seed.get()[0] - 5, seed.get()[1] - 8) < 6, "seed near the tube's axis");
    }
}
