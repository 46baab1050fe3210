package org.rehearse.rendering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.Bounds;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.paint.PhongMaterial;
import javafx.scene.shape.TriangleMesh;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rehearse.segmentation.mesh.SurfaceMesh;

/**
 * Surfaces coloured by systolic pressure with one shared legend, the hemodynamic charts, the Δ-vs-native table and
 * the presentation font scale of {@link ComparisonView}.
 */
class ComparisonColouringTest {

    @BeforeAll
    static void startFx() {
        FxTestSupport.start();
    }

    /** Native: 120 mmHg above the narrowing at z = 60 mm, 120 − drop below; the surfaces' vertices carry that. */
    static CandidateDisplay candidate(String name, double dropMmHg) {
        SurfaceMesh tube = TestSurfaces.tube(0, 0, 0, 120, z -> 0, z -> 10, 40, 32);
        double[] s = new double[61], sys = new double[61];
        for (int i = 0; i <= 60; i++) {
            s[i] = 2 * i;
            sys[i] = s[i] < 60 ? 120 : 120 - dropMmHg;
        }
        float[] p = tube.pointsLps();
        double[] v = new double[tube.vertexCount()];
        for (int i = 0; i < v.length; i++) v[i] = p[3 * i + 2] < 60 ? 120 : 120 - dropMmHg;
        double[] wss = new double[v.length];
        for (int i = 0; i < wss.length; i++) wss[i] = Math.abs(p[3 * i + 2] - 60) < 5 ? dropMmHg : 2;
        double[] t = {0, 0.2, 0.4, 0.6}, prox = {70, 120, 90, 75}, dist = {70, 120 - dropMmHg, 85, 75};
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("Peak-to-peak gradient (mmHg)", dropMmHg);
        return new CandidateDisplay(name, "", tube, out, null,
                new CandidateHemodynamics(s, sys, t, prox, dist, dropMmHg, dropMmHg * 0.8, dropMmHg * 1.2, v, wss));
    }

    @Test
    void surfacesShareOneLegendRangeAndShowTheRamp() {
        List<CandidateDisplay> cands = List.of(candidate("Native (no repair)", 40), candidate("Stent 18 mm", 5),
                candidate("Stent 14 mm", 12));
        FxThread.call(() -> {
            ComparisonView v = new ComparisonView(cands);
            assertTrue(v.legend().isVisible());
            assertEquals(80, v.legend().min(), 1e-9);
            assertEquals(120, v.legend().max(), 1e-9);
            assertEquals(CandidateHemodynamics.SURFACE_SCALAR, v.legend().title());
            // colour by wall shear stress: the same views, one legend on the WSS range of all candidates
            v.colourBy().setValue(CandidateHemodynamics.WSS_SCALAR);
            assertEquals(CandidateHemodynamics.WSS_SCALAR, v.legend().title());
            assertEquals(2, v.legend().min(), 1e-9);
            assertEquals(40, v.legend().max(), 1e-9);
            v.colourBy().setValue(CandidateHemodynamics.SURFACE_SCALAR);
            assertEquals(80, v.legend().min(), 1e-9);
            for (SurfaceView3D sv : v.surfaceViews()) {
                PhongMaterial m = (PhongMaterial) sv.meshViews().get(0).getMaterial();
                assertNotNull(m.getDiffuseMap(), "coloured through the ramp texture");
            }
            // texture u follows the value on the shared range: 120 mmHg at the top end, 80 at the bottom
            TriangleMesh native0 = (TriangleMesh) v.surfaceViews().get(0).meshViews().get(0).getMesh();
            TriangleMesh stent = (TriangleMesh) v.surfaceViews().get(1).meshViews().get(0).getMesh();
            float[] un = native0.getTexCoords().toArray(null), us = stent.getTexCoords().toArray(null);
            float top = ColourRamp.textureU(120, 80, 120), bottom = ColourRamp.textureU(80, 80, 120);
            float stentLow = ColourRamp.textureU(115, 80, 120);
            boolean sawTop = false, sawBottom = false, sawStentLow = false;
            for (int i = 0; i < un.length; i += 2) {
                sawTop |= un[i] == top;
                sawBottom |= un[i] == bottom;
                sawStentLow |= us[i] == stentLow;
            }
            assertTrue(sawTop && sawBottom && sawStentLow);
            // charts: one profile per candidate, proximal + distal waveforms each, a gradient bar with interval each
            assertEquals(3, v.charts().profileChart().getData().size());
            assertEquals(6, v.charts().waveformChart().getData().size());
            assertEquals(3, v.charts().gradientChart().getData().get(0).getData().size());
            return null;
        });
        WritableImage img = FxThread.call(() -> {
            ComparisonView v = new ComparisonView(cands);
            javafx.scene.Scene scene = new javafx.scene.Scene(v, 1400, 900);
            v.applyCss();
            v.layout();
            WritableImage shot = scene.snapshot(null);
            Bounds b = v.surfaceViews().get(0).localToScene(v.surfaceViews().get(0).getBoundsInLocal());
            // the native view shows both ends of the ramp: warm above the narrowing, blue below
            int warm = 0, blue = 0;
            PixelReader r = shot.getPixelReader();
            for (int y = (int) b.getMinY(); y < (int) b.getMaxY(); y++) {
                for (int x = (int) b.getMinX(); x < (int) b.getMaxX(); x++) {
                    Color c = r.getColor(x, y);
                    if (c.getRed() > c.getBlue() + 0.3) warm++;
                    if (c.getBlue() > c.getRed() + 0.3 && c.getBlue() > 0.35) blue++;
                }
            }
            assertTrue(warm > 200 && blue > 200, "warm " + warm + ", blue " + blue + " pixels");
            assertEquals(9, ((HemodynamicsCharts.GradientChart) v.charts().gradientChart()).intervalLines().size(),
                    "an error bar per candidate");
            return shot;
        });
        assertNotNull(img);
    }

    @Test
    void deltaVsNativeAndPresentationScale() {
        List<CandidateDisplay> cands = List.of(candidate("Native (no repair)", 40), candidate("Stent", 5));
        FxThread.call(() -> {
            ComparisonView v = new ComparisonView(cands);
            String key = "Peak-to-peak gradient (mmHg)";
            assertEquals("5.0", v.cellText(cands.get(1), key));
            v.deltaToggle().setSelected(true);
            assertEquals("-35.0", v.cellText(cands.get(1), key));
            assertEquals("40.0", v.cellText(cands.get(0), key), "native itself stays absolute");
            v.setPresentationScale(1.6);
            assertEquals(1.6, v.presentationScale());
            assertEquals(Math.round(26 * 1.6), v.table().getFixedCellSize());
            assertThrows(IllegalArgumentException.class, () -> v.setPresentationScale(10));
            // without a native candidate there is nothing to subtract
            v.setCandidates(List.of(candidate("Stent A", 5), candidate("Stent B", 9)));
            assertTrue(v.deltaToggle().isDisabled());
            // plain candidates (no hemodynamics): no legend, no charts
            v.setCandidates(ComparisonViewTest.candidates(2));
            assertTrue(!v.legend().isVisible() && !v.charts().isVisible());
            return null;
        });
        assertNull(null);
    }

    @Test
    void rampAndTextureCoordinates() {
        assertEquals(ColourRamp.colour(0), ColourRamp.colour(-1));
        assertTrue(ColourRamp.colour(0).getBlue() > ColourRamp.colour(0).getRed());
        assertTrue(ColourRamp.colour(1).getRed() > ColourRamp.colour(1).getBlue());
        float half = 0.5f / ColourRamp.TEXTURE_WIDTH;
        assertEquals(half, ColourRamp.textureU(0, 0, 10), 1e-7);
        assertEquals(1 - half, ColourRamp.textureU(99, 0, 10), 1e-7);
        assertEquals(0.5, ColourRamp.textureU(5, 0, 10), 1e-6);
        SurfaceMesh tube = TestSurfaces.tube(0, 0, 0, 50, z -> 0, z -> 5, 10, 8);
        assertThrows(IllegalArgumentException.class, () -> FxMeshes.toTriangleMesh(tube, new double[3], 0, 1));
    }
}
