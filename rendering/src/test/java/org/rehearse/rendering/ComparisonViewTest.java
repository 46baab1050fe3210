package org.rehearse.rendering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.Bounds;
import javafx.scene.image.WritableImage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The comparison view: one linked 3D view per candidate, the outcome table, red marking and the off-screen image. */
class ComparisonViewTest {

    @BeforeAll
    static void startFx() {
        FxTestSupport.start();
    }

    static List<CandidateDisplay> candidates(int n) {
        List<CandidateDisplay> list = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            double narrow = 3 + 2.5 * c; // residual radius at the coarctation, mm
            Map<String, Double> out = new LinkedHashMap<>();
            out.put("Peak-to-peak gradient (mmHg)", 45.0 / (1 + c * c));
            out.put("Minimum diameter (mm)", 2 * narrow);
            double[] samples = new double[50];
            for (int k = 0; k < samples.length; k++) samples[k] = 45.0 / (1 + c * c) * (0.8 + 0.4 * k / 49.0);
            list.add(new CandidateDisplay("Candidate " + (c + 1), "residual radius " + narrow + " mm",
                    TestSurfaces.tube(0, 0, 0, 120, z -> 10 * Math.sin(z / 40),
                            z -> 10 - (10 - narrow) * Math.exp(-Math.pow((z - 60) / 10, 2)), 40, 32), out,
                    c == 3 ? null : samples));
        }
        return list;
    }

    @Test
    void showsOneViewAndOneRowPerCandidateAndMarksHighGradients() throws Exception {
        List<CandidateDisplay> cands = candidates(4);
        FxThread.call(() -> {
            ComparisonView v = new ComparisonView(cands);
            assertEquals(4, v.surfaceViews().size());
            assertEquals(4, v.table().getItems().size());
            assertEquals(3, v.table().getColumns().size());
            assertEquals("Peak-to-peak gradient (mmHg)", v.table().getColumns().get(1).getText());
            assertEquals(3, v.histograms().size(), "a gradient histogram per sampled candidate");
            assertEquals(50, v.histograms().get(0).samples().length);
            assertTrue(v.exceedsLimit(cands.get(0)));   // 45 mmHg
            assertTrue(v.exceedsLimit(cands.get(1)));   // 22.5 mmHg
            assertFalse(v.exceedsLimit(cands.get(2)));  // 9 mmHg
            // linked cameras: turning one turns all
            CameraState s = v.surfaceViews().get(2).getCameraState().withAngles(40, 20);
            v.surfaceViews().get(2).setCameraState(s);
            for (SurfaceView3D sv : v.surfaceViews()) {
                assertEquals(s, sv.getCameraState());
            }
            return null;
        });
        assertThrows(IllegalArgumentException.class, () -> FxThread.call(() -> new ComparisonView(candidates(7))));
    }

    @Test
    void offscreenImageShowsTheMeshesAndIsNotBlack() throws Exception {
        List<CandidateDisplay> cands = candidates(3);
        WritableImage img = ComparisonView.renderOffscreen(cands, null, 1200, 700);
        assertEquals(1200, (int) img.getWidth());
        assertEquals(700, (int) img.getHeight());
        Path png = FxTestSupport.targetDir().resolve("test-comparison.png");
        FxThread.writePng(img, png);
        assertTrue(Files.size(png) > 1000);
        // each candidate's 3D view shows red (lit crimson mesh) pixels in its own screen area
        Bounds[] areas = FxThread.call(() -> {
            ComparisonView v = new ComparisonView(cands);
            v.snapshot(1200, 700);
            return v.surfaceViews().stream().map(sv -> sv.localToScene(sv.getBoundsInLocal())).toArray(Bounds[]::new);
        });
        for (Bounds b : areas) {
            double red = FxTestSupport.redFraction(img, (int) b.getMinX(), (int) b.getMinY(), (int) b.getMaxX(), (int) b.getMaxY());
            assertTrue(red > 0.02, "3D view at " + b + " shows too little of its mesh: " + red);
        }
    }
}
