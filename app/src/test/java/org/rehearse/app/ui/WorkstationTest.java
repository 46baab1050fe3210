package org.rehearse.app.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.geometry.VerticalDirection;
import javafx.scene.Node;
import javafx.scene.control.DialogPane;
import javafx.scene.control.MenuItem;
import javafx.scene.control.MenuBar;
import javafx.scene.image.Image;
import javafx.scene.input.MouseButton;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rehearse.app.workflow.LoadedImage;
import org.rehearse.rendering.FxThread;
import org.rehearse.rendering.SurfaceView3D;
import org.rehearse.segmentation.image.ImageGeometry;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The workstation end to end with a synthetic case service, driven by a real mouse robot under Xvfb (glass robot).
 */
@ExtendWith(ApplicationExtension.class)
class WorkstationTest {
    static {
        System.setProperty("testfx.robot", "glass");
    }

    private static final Path FOLDER = Path.of("synthetic-folder");
    private SyntheticCaseService service;
    private Workstation ws;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        service = new SyntheticCaseService();
        ws = WorkstationApp.showIn(stage, service);
    }

    @AfterEach
    void closeWindows() throws Exception {
        FxToolkit.cleanupStages();
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(30, TimeUnit.SECONDS);
    }

    /** Waits (at most 30 s, as a safety net, not a timing assertion) until a condition holds on the FX thread. */
    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(condition));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void load() throws Exception {
        fx(() -> {
            ws.openFolder(FOLDER);
            return null;
        });
        waitUntil(() -> ws.imageProperty().get() != null && !ws.isBusy());
    }

    /** Screen position of the centre of voxel (i, j) in the slice view. */
    private Point2D screenOfVoxel(double i, double j) throws Exception {
        return fx(() -> {
            Point2D p = ws.sliceView().canvasPointOf(i, j);
            return ws.sliceView().canvas().localToScreen(p);
        });
    }

    @Test
    void windowOpensWithMenusAndEmptyViews(FxRobot robot) throws Exception {
        assertEquals("Rehearse", stage.getTitle());
        assertEquals(1600, stage.getScene().getWidth(), 1);
        MenuBar bar = robot.lookup(".menu-bar").queryAs(MenuBar.class);
        assertEquals(List.of("File", "Segment", "View", "Plan"), bar.getMenus().stream().map(m -> m.getText()).toList());
        assertNull(ws.imageProperty().get());
        assertFalse(ws.isBusy());
    }

    @Test
    void loadingACaseShowsASlice() throws Exception {
        load();
        assertEquals(SyntheticCaseService.NZ / 2, (int) fx(() -> ws.sliceView().getSliceIndex()));
        double[] c = SyntheticCaseService.centre(SyntheticCaseService.NZ / 2);
        Image img = fx(() -> ws.sliceView().canvas().snapshot(null, null));
        Point2D inTube = fx(() -> ws.sliceView().canvasPointOf(Math.round(c[0]), Math.round(c[1])));
        Point2D inBody = fx(() -> ws.sliceView().canvasPointOf(Math.round(c[0]), Math.round(c[1]) + 12));
        Color tube = img.getPixelReader().getColor((int) inTube.getX(), (int) inTube.getY());
        Color body = img.getPixelReader().getColor((int) inBody.getX(), (int) inBody.getY());
        assertTrue(tube.getBrightness() > body.getBrightness() + 0.2, "lumen " + tube + " should be brighter than tissue " + body);
        // true aspect: 64 columns × 0.8 mm wide, 64 rows × 0.8 mm high → square on screen
        Point2D a = fx(() -> ws.sliceView().canvasPointOf(0, 0));
        Point2D b = fx(() -> ws.sliceView().canvasPointOf(63, 63));
        assertEquals(b.getX() - a.getX(), b.getY() - a.getY(), 1e-6);
    }

    @Test
    void clickInTheSliceSetsTheSeedAndProducesA3DMesh(FxRobot robot) throws Exception {
        load();
        int k = fx(() -> ws.sliceView().getSliceIndex());
        double[] c = SyntheticCaseService.centre(k);
        long i = Math.round(c[0]), j = Math.round(c[1]);
        robot.clickOn(screenOfVoxel(i, j), MouseButton.PRIMARY);
        waitUntil(() -> ws.segmentationProperty().get() != null && !ws.isBusy());
        ImageGeometry g = SyntheticCaseService.GEOMETRY;
        assertArrayEquals(g.indexToLps(new double[] {i, j, k}, null), ws.seedLps(), 1e-9);
        assertEquals(1, (int) fx(() -> ws.surfaceView().meshViews().size()));
        assertNotNull(fx(() -> ws.sliceView().getLabelMap()));
        // the mesh node is part of the shown window's scene graph (inside the 3D view's SubScene)
        assertSame(stage.getScene(), fx(() -> ws.surfaceView().meshViews().get(0).getScene()));
        assertTrue(fx(() -> ws.surfaceView().meshViews().get(0).getMesh() != null));
    }

    @Test
    void rightDragChangesTheWindow(FxRobot robot) throws Exception {
        load();
        double w0 = fx(() -> ws.sliceView().getWindow()), l0 = fx(() -> ws.sliceView().getLevel());
        Point2D from = screenOfVoxel(20, 20);
        robot.moveTo(from).press(MouseButton.SECONDARY).moveBy(40, 0).moveBy(40, 30).release(MouseButton.SECONDARY);
        WaitForAsyncUtils.waitForFxEvents();
        double w1 = fx(() -> ws.sliceView().getWindow()), l1 = fx(() -> ws.sliceView().getLevel());
        assertTrue(w1 > w0, "window should widen on a rightward drag: " + w0 + " → " + w1);
        assertTrue(l1 > l0, "level should rise on a downward drag: " + l0 + " → " + l1);
        assertNull(ws.segmentationProperty().get(), "a window drag must not pick a seed");
    }

    @Test
    void scrollingAndKeysChangeTheSlice(FxRobot robot) throws Exception {
        load();
        int k0 = fx(() -> ws.sliceView().getSliceIndex());
        robot.moveTo(screenOfVoxel(32, 32)).scroll(3, VerticalDirection.UP);
        WaitForAsyncUtils.waitForFxEvents();
        int k1 = fx(() -> ws.sliceView().getSliceIndex());
        assertNotEquals(k0, k1, "scrolling should change the slice");
        robot.clickOn(screenOfVoxel(2, 2), MouseButton.SECONDARY); // focus without picking a seed
        robot.type(javafx.scene.input.KeyCode.PAGE_DOWN);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Math.max(0, k1 - 10), (int) fx(() -> ws.sliceView().getSliceIndex()));
    }

    @Test
    void failingLoadShowsAnErrorAndKeepsThePreviousVolume(FxRobot robot) throws Exception {
        load();
        LoadedImage before = ws.imageProperty().get();
        service.failLoad.set(true);
        fx(() -> {
            ws.openFolder(FOLDER);
            return null;
        });
        waitUntil(() -> ws.lastErrorProperty().get() != null && !ws.isBusy());
        DialogPane dialog = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        assertNotNull(dialog, "an error dialog should be shown");
        assertTrue(dialog.getContentText().contains("not a DICOM file"), dialog.getContentText());
        assertSame(before, ws.imageProperty().get());
        assertSame(before.volume(), fx(() -> ws.sliceView().getVolume()));
        assertTrue(stage.isShowing());
        // unexpected exceptions are summarised, and the app still works afterwards
        service.failLoad.set(false);
        service.crashSegment.set(true);
        fx(() -> {
            ws.segmentFromSeed(SyntheticCaseService.seedInTube());
            return null;
        });
        waitUntil(() -> ws.lastErrorProperty().get().contains("unexpected") && !ws.isBusy());
        assertTrue(ws.lastErrorProperty().get().contains("IllegalStateException"));
        service.crashSegment.set(false);
        fx(() -> {
            ws.segmentFromSeed(SyntheticCaseService.seedInTube());
            return null;
        });
        waitUntil(() -> ws.segmentationProperty().get() != null && !ws.isBusy());
    }

    @Test
    void findAortaAutomaticallyWithoutAnAortaSaysSoAndKeepsTheSegmentation(FxRobot robot) throws Exception {
        load();
        fx(() -> {
            ws.segmentFromSeed(SyntheticCaseService.seedInTube());
            return null;
        });
        waitUntil(() -> ws.segmentationProperty().get() != null && !ws.isBusy());
        var before = ws.segmentationProperty().get();
        // Segment ▸ Find aorta automatically; the synthetic tube is 11 mm across, narrower than any aorta
        MenuBar bar = robot.lookup(".menu-bar").queryAs(MenuBar.class);
        MenuItem find = fx(() -> bar.getMenus().stream().filter(m -> m.getText().equals("Segment"))
                .flatMap(m -> m.getItems().stream()).filter(i -> "Find aorta automatically".equals(i.getText()))
                .findFirst().orElseThrow());
        fx(() -> {
            find.fire();
            return null;
        });
        waitUntil(() -> ws.lastErrorProperty().get() != null && !ws.isBusy());
        String err = ws.lastErrorProperty().get();
        assertTrue(err.contains("no aorta found") && err.contains("place a seed"), err);
        assertSame(before, ws.segmentationProperty().get());
        assertTrue(stage.isShowing());
    }

    @Test
    void compareRepairsShowsOneViewAndOneTableRowPerCandidate(FxRobot robot) throws Exception {
        service.candidateCount = 4;
        load();
        fx(() -> {
            ws.segmentFromSeed(SyntheticCaseService.seedInTube());
            return null;
        });
        waitUntil(() -> ws.segmentationProperty().get() != null && !ws.isBusy());
        robot.clickOn("Compare repairs");
        waitUntil(() -> ws.comparisonProperty().get() != null && !ws.isBusy());
        assertEquals(4, (int) fx(() -> ws.comparisonView().surfaceViews().size()));
        assertEquals(4, (int) fx(() -> ws.comparisonView().table().getItems().size()));
        List<Node> shown = List.copyOf(robot.lookup(n -> n instanceof SurfaceView3D && n.isVisible()
                && ws.comparisonView().surfaceViews().contains(n)).queryAll());
        assertEquals(4, shown.size());
    }

    @Test
    void cancelStopsALongTaskAndKeepsTheCase(FxRobot robot) throws Exception {
        load();
        service.blockSegment.set(true);
        fx(() -> {
            ws.segmentFromSeed(SyntheticCaseService.seedInTube());
            return null;
        });
        assertTrue(service.segmentStarted.await(30, TimeUnit.SECONDS));
        assertTrue(fx(() -> ws.isBusy()));
        robot.clickOn("Cancel");
        waitUntil(() -> !ws.isBusy());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> service.sawCancel.get());
        assertNull(ws.segmentationProperty().get());
        assertNotNull(ws.imageProperty().get());
        assertTrue(ws.statusText().contains("cancelled"), ws.statusText());
        assertNull(ws.lastErrorProperty().get(), "a cancel is not an error");
    }

    @Test
    void seedTextFieldAndButtonSegment(FxRobot robot) throws Exception {
        load();
        double[] seed = SyntheticCaseService.seedInTube();
        robot.clickOn(".text-field").write("abc");
        robot.clickOn("Segment from seed");
        waitUntil(() -> ws.lastErrorProperty().get() != null);
        assertTrue(ws.lastErrorProperty().get().contains("three numbers"), ws.lastErrorProperty().get());
        assertNull(ws.segmentationProperty().get());
        fx(() -> {
            robot.lookup(".dialog-pane").queryAs(DialogPane.class).getScene().getWindow().hide();
            return null;
        });
        javafx.scene.control.TextField field = robot.lookup(".text-field").queryAs(javafx.scene.control.TextField.class);
        fx(() -> {
            field.clear();
            return null;
        });
        robot.clickOn(field).write(String.format(java.util.Locale.ROOT, "%.3f, %.3f, %.3f", seed[0], seed[1], seed[2]));
        robot.clickOn("Segment from seed");
        waitUntil(() -> ws.segmentationProperty().get() != null && !ws.isBusy());
        assertArrayEquals(seed, ws.seedLps(), 1e-3);
        // the seed marker moved the slice view to the seed's slice
        assertEquals(30, (int) fx(() -> ws.sliceView().getSliceIndex()));
    }

    @Test
    void parseSeedAcceptsThreeNumbersOnly() {
        assertArrayEquals(new double[] {1.5, -2, 300}, Workstation.parseSeed(" 1.5, -2 ;300 "), 0);
        assertArrayEquals(new double[] {1, 2, 3}, Workstation.parseSeed("1 2 3"), 0);
        for (String bad : new String[] {"", "1, 2", "1, 2, 3, 4", "1, x, 3", "1, NaN, 3", "1,5, 2,5, 3"}) {
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Workstation.parseSeed(bad), bad);
        }
    }

    @Test
    void severalSeriesAreOfferedInAChoiceDialog(FxRobot robot) throws Exception {
        service.seriesCount = 3;
        fx(() -> {
            ws.openFolder(FOLDER);
            return null;
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup(".choice-dialog").tryQuery().isPresent());
        javafx.scene.control.ComboBox<?> combo = robot.lookup(".choice-dialog .combo-box").queryAs(javafx.scene.control.ComboBox.class);
        assertEquals(3, combo.getItems().size());
        fx(() -> {
            combo.getSelectionModel().select(1);
            return null;
        });
        robot.clickOn("OK");
        waitUntil(() -> ws.imageProperty().get() != null && !ws.isBusy());
        assertEquals(SyntheticCaseService.UID + ".1", service.lastLoadedUid);
    }

    @Test
    void mouseOrbitsAndZoomsThe3DView(FxRobot robot) throws Exception {
        load();
        fx(() -> {
            ws.segmentFromSeed(SyntheticCaseService.seedInTube());
            return null;
        });
        waitUntil(() -> ws.segmentationProperty().get() != null && !ws.isBusy());
        org.rehearse.rendering.CameraState s0 = fx(() -> ws.surfaceView().getCameraState());
        Point2D centre = fx(() -> ws.surfaceView().localToScreen(ws.surfaceView().getWidth() / 2, ws.surfaceView().getHeight() / 2));
        robot.moveTo(centre).press(MouseButton.PRIMARY).moveBy(30, 0).moveBy(30, 0).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        org.rehearse.rendering.CameraState s1 = fx(() -> ws.surfaceView().getCameraState());
        assertTrue(s1.azimuthDeg() > s0.azimuthDeg(), "a rightward drag should orbit: " + s0 + " → " + s1);
        robot.scroll(2, VerticalDirection.DOWN);
        WaitForAsyncUtils.waitForFxEvents();
        org.rehearse.rendering.CameraState s2 = fx(() -> ws.surfaceView().getCameraState());
        assertNotEquals(s1.distanceMm(), s2.distanceMm(), "scrolling should zoom");
        robot.clickOn("View").clickOn("Reset 3D view");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(s0, fx(() -> ws.surfaceView().getCameraState()));
    }

    @Test
    void sampleCaseOpensSegmentsAndShows3D_screenshot() throws Exception {
        fx(() -> {
            ws.openSampleCase();
            return null;
        });
        waitUntil(() -> ws.segmentationProperty().get() != null && !ws.isBusy());
        WaitForAsyncUtils.waitForFxEvents();
        Path target = Path.of(System.getProperty("user.dir"), "target");
        Path file = target.resolve("screenshot-workstation.png");
        fx(() -> {
            ws.saveScreenshot(file);
            return null;
        });
        assertTrue(java.nio.file.Files.size(file) > 10_000);
        Image shot = fx(() -> ws.snapshot());
        // the 3D view shows the crimson aorta
        javafx.geometry.Bounds b = fx(() -> ws.surfaceView().localToScene(ws.surfaceView().getBoundsInLocal()));
        assertTrue(redFraction(shot, b) > 0.01, "3D view should show the aorta");
        fx(() -> {
            ws.compareRepairs();
            return null;
        });
        waitUntil(() -> ws.comparisonProperty().get() != null && !ws.isBusy());
        FxThread.writePng(fx(() -> ws.snapshot()), target.resolve("screenshot-comparison.png"));
    }

    private static double redFraction(Image img, javafx.geometry.Bounds b) {
        int red = 0, all = 0;
        for (int y = (int) b.getMinY(); y < (int) b.getMaxY(); y += 2) {
            for (int x = (int) b.getMinX(); x < (int) b.getMaxX(); x += 2) {
                Color c = img.getPixelReader().getColor(x, y);
                if (c.getRed() > 0.25 && c.getRed() > 1.6 * c.getGreen() && c.getRed() > 1.6 * c.getBlue()) {
                    red++;
                }
                all++;
            }
        }
        return (double) red / all;
    }
}
