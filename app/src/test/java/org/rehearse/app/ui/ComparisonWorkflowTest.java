package org.rehearse.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.rehearse.app.casefile.CandidateSpec;
import org.rehearse.rendering.CameraState;
import org.rehearse.rendering.CandidateDisplay;
import org.rehearse.rendering.CandidateHemodynamics;
import org.rehearse.rendering.ColourLegend;
import org.rehearse.rendering.ComparisonView;
import org.rehearse.rendering.SurfaceView3D;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The comparison a planning conference needs, through the workstation with the fake {@link SyntheticCaseService}:
 * four candidates side by side with linked cameras and one colour legend, the candidate list (add, duplicate, rename,
 * delete, parameter spinners with the vessel check's message), re-simulation updating the table, the Δ-vs-native
 * table, presentation mode and the exports.
 */
@ExtendWith(ApplicationExtension.class)
class ComparisonWorkflowTest {
    static {
        System.setProperty("testfx.robot", "glass");
    }

    private SyntheticCaseService service;
    private Workstation ws;

    @Start
    void start(Stage stage) {
        service = new SyntheticCaseService();
        service.candidateCount = 4;
        ws = WorkstationApp.showIn(stage, service);
    }

    @AfterEach
    void closeWindows() throws Exception {
        FxToolkit.cleanupStages();
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(30, TimeUnit.SECONDS);
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(condition));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Loads the synthetic series, segments it and runs the default comparison (four candidates). */
    private void compare() throws Exception {
        fx(() -> {
            ws.openFolder(Path.of("synthetic-folder"), () -> ws.segmentFromSeed(SyntheticCaseService.seedInTube()));
            return null;
        });
        waitUntil(() -> ws.segmentationProperty().get() != null && !ws.isBusy());
        fx(() -> {
            ws.compareRepairs();
            return null;
        });
        waitUntil(() -> ws.comparisonProperty().get() != null && !ws.isBusy());
    }

    @Test
    void fourCandidatesSideBySideWithLinkedCamerasAndOneLegend(FxRobot robot) throws Exception {
        compare();
        ComparisonView cv = fx(() -> ws.comparisonView());
        List<SurfaceView3D> views = fx(cv::surfaceViews);
        assertEquals(4, views.size());
        for (SurfaceView3D v : views) {
            assertTrue(fx(() -> v.isVisible() && v.getWidth() > 50 && v.getHeight() > 50), "each 3D view is shown");
            assertEquals(1, (int) fx(v::surfaceCount));
            // coloured by the scalar: a texture (the colour ramp), not a plain colour
            assertNotNull(fx(() -> ((javafx.scene.paint.PhongMaterial) v.meshViews().get(0).getMaterial()).getDiffuseMap()));
        }
        // one legend for all, its range covering every candidate's vertex values
        List<Node> legends = List.copyOf(robot.lookup(".colour-legend").queryAll());
        assertEquals(1, legends.size());
        ColourLegend legend = cv.legend();
        assertTrue(fx(legend::isVisible));
        assertEquals(CandidateHemodynamics.SURFACE_SCALAR, fx(legend::title));
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (CandidateDisplay c : fx(cv::candidates)) {
            for (double x : c.hemodynamics().vertexSystolicMmHg()) {
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
            }
        }
        assertEquals(lo, fx(legend::min), 1e-9);
        assertEquals(hi, fx(legend::max), 1e-9);

        // a camera move in the third view moves all the others the same way
        CameraState before = fx(() -> views.get(0).getCameraState());
        SurfaceView3D third = views.get(2);
        // start the drag on the background, away from the vessel and its repair markers (those drag the marker)
        Point2D centre = fx(() -> third.localToScreen(third.getWidth() * 0.15, third.getHeight() * 0.12));
        robot.moveTo(centre).press(MouseButton.PRIMARY).moveBy(25, 0).moveBy(25, 10).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        CameraState moved = fx(third::getCameraState);
        assertNotEquals(before, moved, "the drag turned the third view");
        for (SurfaceView3D v : views) {
            assertEquals(moved, fx(v::getCameraState), "linked camera");
        }

        // charts: pressure along the centerline (one series per candidate), waveforms (two each), gradient bars
        assertEquals(4, (int) fx(() -> cv.charts().profileChart().getData().size()));
        assertEquals(8, (int) fx(() -> cv.charts().waveformChart().getData().size()));
        assertEquals(4, (int) fx(() -> cv.charts().gradientChart().getData().get(0).getData().size()));
    }

    @Test
    void draggingAMarkerAlongTheCenterlineChangesTheParameter(FxRobot robot) throws Exception {
        compare();
        ComparisonView cv = fx(() -> ws.comparisonView());
        String second = fx(() -> cv.candidates().get(1).name());
        java.util.Map<String, javafx.scene.shape.Sphere> spheres = fx(() -> cv.markerSpheres(second));
        assertTrue(spheres.containsKey("positionMm"), "markers of " + second + ": " + spheres.keySet());
        javafx.scene.shape.Sphere marker = spheres.get("positionMm");
        double[] got = {Double.NaN};
        boolean[] released = {false};
        fx(() -> {
            cv.setOnMarkerMoved((name, param, value, rel) -> {
                got[0] = value;
                released[0] |= rel;
                if (rel && ws.candidateEditor().select(name)) ws.candidateEditor().setParameter(param, Math.round(value * 10) / 10.0);
            });
            return null;
        });
        javafx.geometry.Point2D at = fx(() -> marker.localToScreen(0, 0, 0));
        assertNotNull(at, "the marker is on the screen");
        robot.moveTo(at).press(javafx.scene.input.MouseButton.PRIMARY).moveBy(0, 25).moveBy(0, 25)
                .release(javafx.scene.input.MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(released[0], "the drag ended on the marker");
        assertTrue(Double.isFinite(got[0]) && Math.abs(got[0] - 40) > 2, "marker moved along the centerline: " + got[0]);
        double now = fx(() -> ws.candidateEditor().candidates().stream().filter(c -> c.name().equals(second))
                .findFirst().orElseThrow().parameters().get("positionMm"));
        assertEquals(Math.round(got[0] * 10) / 10.0, now, 1e-9, "the candidate's parameter follows the marker");
    }

    @Test
    void changingAParameterResimulatesAndUpdatesTheTable(FxRobot robot) throws Exception {
        compare();
        CandidateEditor ed = ws.candidateEditor();
        assertEquals(4, (int) fx(() -> ed.candidates().size()));
        String stent = fx(() -> ed.candidates().get(2).name());
        String key = "Peak gradient (mmHg)";
        double before = fx(() -> ws.comparisonView().candidates().get(2).outcomes().get(key));
        fx(() -> ed.select(stent));
        WaitForAsyncUtils.waitForFxEvents();
        // type a new diameter into the spinner and press Enter
        javafx.scene.control.TextField field = fx(() -> ed.spinner("diameterMm").getEditor());
        assertTrue(fx(() -> field.getScene() != null && field.isVisible()), "the diameter spinner is shown");
        robot.doubleClickOn(field).write("8").type(javafx.scene.input.KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(8.0, fx(() -> ed.candidates().get(2).parameters().get("diameterMm")), 1e-9);
        int runs = service.comparisons.get();
        robot.clickOn("#simulateCandidates");
        waitUntil(() -> service.comparisons.get() > runs && !ws.isBusy());
        double after = fx(() -> ws.comparisonView().candidates().get(2).outcomes().get(key));
        assertNotEquals(before, after, 1e-6);
        assertEquals(after, fx(() -> ws.comparisonView().table().getItems().get(2).outcomes().get(key)), 1e-12);
        assertEquals(8.0, fx(() -> ed.candidates().get(2).parameters().get("diameterMm")), 1e-9);
    }

    @Test
    void candidateListAddsDuplicatesRenamesDeletesAndShowsTheVesselCheck(FxRobot robot) throws Exception {
        compare();
        CandidateEditor ed = ws.candidateEditor();
        fx(() -> {
            ed.add("stent");
            return null;
        });
        assertEquals(5, (int) fx(() -> ed.candidates().size()));
        fx(() -> ed.renameSelected("Stent 16 mm"));
        fx(() -> {
            ed.setParameter("diameterMm", 16);
            return null;
        });
        // the vessel check's message is shown in the panel, and Simulate is refused
        assertTrue(fx(ed::message).contains("Stent 16 mm") && fx(ed::message).contains("diameterMm 16.0"), fx(ed::message));
        assertTrue(fx(() -> ed.simulateButton().isDisabled()));
        fx(() -> {
            ed.setParameter("diameterMm", 12);
            ed.duplicateSelected();
            return null;
        });
        assertFalse(fx(() -> ed.simulateButton().isDisabled()));
        assertEquals(6, (int) fx(() -> ed.candidates().size()));
        fx(() -> ed.renameSelected("Stent 10 mm"));
        fx(() -> {
            ed.setParameter("diameterMm", 10);
            return null;
        });
        assertFalse(fx(() -> ed.renameSelected("Stent 16 mm")), "duplicate names are refused");
        fx(() -> {
            ed.select(ed.candidates().get(0).name());
            ed.deleteSelected();
            return null;
        });
        assertEquals(5, (int) fx(() -> ed.candidates().size()));
        robot.clickOn("#simulateCandidates");
        waitUntil(() -> ws.comparisonView().candidates().size() == 5 && !ws.isBusy());
        List<String> names = fx(() -> ws.comparisonView().candidates().stream().map(CandidateDisplay::name).toList());
        assertTrue(names.contains("Stent 16 mm") && names.contains("Stent 10 mm"), names.toString());
        assertEquals("Diameter (mm)", CandidateEditor.label("diameterMm"));
        assertEquals("Recoil (%)", CandidateEditor.label("recoilPercent"));
    }

    @Test
    void deltaVsNativePresentationModeAndExports(FxRobot robot, @TempDir Path tmp) throws Exception {
        service.candidateCount = 5; // the fifth default is the native vessel, "Do nothing"
        compare();
        CandidateEditor ed = ws.candidateEditor();
        fx(() -> {
            ed.select("Do nothing");
            ed.renameSelected("Leave it");
            return null;
        });
        robot.clickOn("#simulateCandidates");
        waitUntil(() -> ws.comparisonView().candidates().stream().anyMatch(c -> c.name().equals("Leave it")) && !ws.isBusy());
        ComparisonView cv = fx(() -> ws.comparisonView());
        // the unrepaired candidate is the reference by its kind, whatever the user named it
        CandidateDisplay nat = fx(() -> cv.candidates().stream().filter(c -> c.name().equals("Leave it")).findFirst().get());
        CandidateDisplay first = fx(() -> cv.candidates().get(0));
        String key = "Peak gradient (mmHg)";
        robot.clickOn("#deltaToggle");
        double expected = first.outcomes().get(key) - nat.outcomes().get(key);
        String text = fx(() -> cv.cellText(first, key));
        assertEquals(expected, Double.parseDouble(text), 0.051);
        assertTrue(text.startsWith("-") || text.startsWith("+"), text);

        robot.type(javafx.scene.input.KeyCode.F11);
        waitUntil(() -> ws.isPresentationMode());
        assertEquals(null, fx(ws::getTop), "no menu bar in presentation mode");
        assertEquals(cv, fx(ws::getCenter));
        assertTrue(fx(cv::presentationScale) > 1.5);
        Path shots = Path.of("target");
        Files.createDirectories(shots);
        org.rehearse.rendering.FxThread.writePng(fx(() -> ws.snapshot()), shots.resolve("screenshot-presentation.png"));
        robot.type(javafx.scene.input.KeyCode.ESCAPE);
        waitUntil(() -> !ws.isPresentationMode());
        assertNotNull(fx(ws::getTop));
        assertEquals(1.0, fx(cv::presentationScale), 0);

        Path png = tmp.resolve("comparison.png");
        fx(() -> {
            CaseMenus.exportComparisonPng(ws, png);
            return null;
        });
        assertTrue(Files.size(png) > 10_000);
        fx(() -> {
            CaseMenus.exportStl(ws, tmp);
            return null;
        });
        waitUntil(() -> !ws.isBusy());
        try (var files = Files.list(tmp.resolve("candidates"))) {
            assertEquals(5, files.filter(f -> f.toString().endsWith(".stl")).count());
        }
    }

    @Test
    void aComparisonIsAutosavedAndTheCaseReopensWithItsCandidates(@TempDir Path tmp) throws Exception {
        fx(() -> {
            ws.setAutosaveRoot(tmp);
            return null;
        });
        compare();
        waitUntil(() -> !service.saved.isEmpty() && !ws.isBusy());
        Path caseDir = fx(ws::caseFolder);
        assertEquals(tmp, caseDir.getParent());
        org.rehearse.app.workflow.CaseState st = service.saved.get(caseDir);
        List<String> names = fx(() -> ws.comparisonView().candidates().stream().map(CandidateDisplay::name).toList());
        assertEquals(names, st.candidates().stream().map(CandidateSpec::name).toList());
        assertEquals(names, List.copyOf(st.results().keySet()));
        assertNotNull(st.segmentation());
        assertNotNull(st.patient());

        // reopen in a fresh state: candidates come back into the list, the segmentation is shown
        fx(() -> {
            ws.openCase(caseDir);
            return null;
        });
        waitUntil(() -> ws.segmentationProperty().get() != null && !ws.isBusy());
        assertEquals(names, fx(() -> ws.candidateEditor().candidates().stream().map(CandidateSpec::name).toList()));
        assertEquals(caseDir, fx(ws::caseFolder));

        // a changed series is reported in a dialog, and the case is not opened
        service.seriesChanged.set(true);
        fx(() -> {
            ws.openCase(caseDir);
            return null;
        });
        waitUntil(() -> ws.lastErrorProperty().get() != null && !ws.isBusy());
        assertTrue(fx(() -> ws.lastErrorProperty().get()).contains("has changed since the case was saved"));
    }
}
