package org.rehearse.app.ui.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.TextField;
import javafx.scene.image.Image;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.rehearse.rendering.OrthoSliceView;
import org.rehearse.segmentation.edit.Connectivity;
import org.rehearse.segmentation.edit.GrowParameters;
import org.rehearse.segmentation.edit.LabelInfo;
import org.rehearse.segmentation.edit.SegmentEditor;
import org.rehearse.segmentation.edit.Segmentation;
import org.rehearse.segmentation.edit.SliceOrientation;
import org.rehearse.segmentation.image.ImageGeometry;
import org.rehearse.segmentation.image.LabelMap;
import org.rehearse.segmentation.nifti.NiftiLabelIo;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The segment editor driven like a user (glass robot under Xvfb) on the synthetic angiogram of {@link EditorFixtures}:
 * one test per tool. Expected label maps come from the headless edit layer applied to a copy of the same document, so
 * the tests check that the UI calls the right tool with the right parameters on the right label, one undo step each.
 */
@ExtendWith(ApplicationExtension.class)
class SegmentEditorPaneTest {
    static {
        System.setProperty("testfx.robot", "glass");
    }

    private SegmentEditorPane pane;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        pane = new SegmentEditorPane(EditorFixtures.volume(), null, null);
        pane.setSurfacesEnabled(false);
        stage.setScene(new javafx.scene.Scene(pane, 1300, 900));
        stage.show();
    }

    @AfterEach
    void close() throws Exception {
        fx(() -> {
            pane.shutdown();
            return null;
        });
        FxToolkit.cleanupStages();
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(30, TimeUnit.SECONDS);
    }

    private static void run(Runnable r) throws Exception {
        fx(() -> {
            r.run();
            return null;
        });
    }

    /** Waits (safety net 30 s, not a timing assertion) until no tool runs. */
    private void waitIdle() throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> !pane.busyProperty().get()));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void setField(FxRobot robot, String id, String text) throws Exception {
        TextField f = robot.lookup("#" + id).queryAs(TextField.class);
        run(() -> f.setText(text));
    }

    private void fire(FxRobot robot, String id) throws Exception {
        Button b = robot.lookup("#" + id).queryAs(Button.class);
        run(b::fire);
        waitIdle();
    }

    private Point2D screenOf(OrthoSliceView v, double i, double j, double k) throws Exception {
        return fx(() -> v.canvas().localToScreen(v.canvasPointOf(new double[] {i, j, k})));
    }

    private byte[] labels() throws Exception {
        return fx(() -> pane.segmentation().labelMap().labels().clone());
    }

    /** A copy of the current document with a headless editor on the synthetic volume. */
    private SegmentEditor headlessCopy() throws Exception {
        Segmentation s = fx(() -> {
            Segmentation c = pane.segmentation().snapshot();
            return c;
        });
        return new SegmentEditor(s, pane.volume());
    }

    /** Closes the dialogs (alerts) that are showing; returns how many there were. */
    private int closeDialogs() throws Exception {
        return fx(() -> {
            int n = 0;
            for (Window w : List.copyOf(Window.getWindows())) {
                if (w.getScene() != null && w.getScene().getRoot() instanceof DialogPane && w instanceof Stage s) {
                    s.close();
                    n++;
                }
            }
            return n;
        });
    }

    private long count(int label) throws Exception {
        return fx(() -> pane.segmentation().count(label));
    }

    private void paintSphere(int i, int j, int k, double r) throws Exception {
        run(() -> pane.brushStroke(null, r, false, List.of(EditorFixtures.lps(i, j, k))));
    }

    // ------------------------------------------------------------------------------------------------ views

    @Test
    void threeLinkedViewsFollowAClickAndScroll(FxRobot robot) throws Exception {
        run(() -> pane.setTool(SegmentEditorPane.Tool.NAVIGATE));
        OrthoSliceView axial = pane.sliceView(SliceOrientation.AXIAL);
        OrthoSliceView coronal = pane.sliceView(SliceOrientation.CORONAL);
        OrthoSliceView sagittal = pane.sliceView(SliceOrientation.SAGITTAL);
        int k = fx(axial::getSliceIndex);
        robot.clickOn(screenOf(axial, 30, 12, k));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(12, (int) fx(coronal::getSliceIndex), "coronal slice = clicked row");
        assertEquals(30, (int) fx(sagittal::getSliceIndex), "sagittal slice = clicked column");
        double[] c = fx(sagittal::getCursorIndex);
        assertEquals(k, c[2], 1e-9, "the cursor keeps the axial slice");
        // scroll on the coronal view moves the coronal slice and the cursor row of the other views
        robot.moveTo(screenOf(coronal, 30, 12, 16));
        robot.scroll(2, javafx.geometry.VerticalDirection.UP);
        WaitForAsyncUtils.waitForFxEvents();
        int row = fx(coronal::getSliceIndex);
        assertTrue(row != 12, "scrolling changes the coronal slice");
        assertEquals(row, fx(axial::getCursorIndex)[1], 1e-9);
        // window presets apply to all views
        run(() -> pane.setWindowLevel(1800, 400));
        for (OrthoSliceView v : pane.sliceViews()) {
            assertEquals(1800, fx(() -> v.windowProperty().get()), 1e-9);
        }
        // right-drag changes window/level of all three views
        Point2D p = screenOf(axial, 24, 24, k);
        robot.moveTo(p).press(MouseButton.SECONDARY).moveBy(40, 30).release(MouseButton.SECONDARY);
        WaitForAsyncUtils.waitForFxEvents();
        double w = fx(() -> axial.windowProperty().get());
        assertTrue(w > 1800, "dragging right widens the window: " + w);
        assertEquals(w, fx(() -> sagittal.windowProperty().get()), 1e-9);

        // Ctrl+wheel zooms about the mouse, Shift+drag pans, Home fits again
        Point2D before = fx(() -> axial.canvasPointOf(new double[] {10, 10, k}));
        robot.moveTo(screenOf(axial, 24, 24, k)).press(KeyCode.CONTROL).scroll(3, javafx.geometry.VerticalDirection.UP)
                .release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(fx(() -> axial.zoomProperty().get()) > 1.2, "Ctrl+wheel zooms in");
        Point2D zoomed = fx(() -> axial.canvasPointOf(new double[] {10, 10, k}));
        assertTrue(zoomed.distance(before) > 5, "the image is magnified");
        robot.moveTo(screenOf(axial, 24, 24, k)).press(KeyCode.SHIFT).press(MouseButton.PRIMARY).moveBy(30, 20)
                .release(MouseButton.PRIMARY).release(KeyCode.SHIFT);
        WaitForAsyncUtils.waitForFxEvents();
        Point2D panned = fx(() -> axial.canvasPointOf(new double[] {10, 10, k}));
        assertEquals(30, panned.getX() - zoomed.getX(), 3, "Shift+drag pans");
        assertEquals(20, panned.getY() - zoomed.getY(), 3);
        robot.type(KeyCode.HOME);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, fx(() -> axial.zoomProperty().get()), 1e-9);
        assertEquals(before.getX(), fx(() -> axial.canvasPointOf(new double[] {10, 10, k})).getX(), 1e-6);
        // keys select tools
        robot.type(KeyCode.P);
        assertEquals(SegmentEditorPane.Tool.PAINT, fx(() -> pane.toolProperty().get()));
        robot.type(KeyCode.A);
        assertEquals(SegmentEditorPane.Tool.AORTA, fx(() -> pane.toolProperty().get()));
    }

    // ------------------------------------------------------------------------------------------------ threshold

    @Test
    void thresholdPreviewThenApply(FxRobot robot) throws Exception {
        setField(robot, "rangeLo", "300");
        setField(robot, "rangeHi", "500");
        CheckBox preview = robot.lookup("#preview").queryAs(CheckBox.class);
        run(() -> preview.setSelected(true));
        OrthoSliceView axial = pane.sliceView(SliceOrientation.AXIAL);
        assertArrayEquals(new int[] {300, 500}, fx(axial::getPreviewRange));
        int k = fx(axial::getSliceIndex);
        Point2D inTube = fx(() -> axial.canvasPointOf(new double[] {24, 20, k}));
        Point2D inTissue = fx(() -> axial.canvasPointOf(new double[] {24, 30, k}));
        Image img = fx(() -> axial.canvas().snapshot(null, null));
        Color tube = img.getPixelReader().getColor((int) inTube.getX(), (int) inTube.getY());
        Color tissue = img.getPixelReader().getColor((int) inTissue.getX(), (int) inTissue.getY());
        assertTrue(tube.getRed() > tube.getBlue() + 0.2 && tube.getGreen() > tube.getBlue() + 0.2,
                "preview tints the tube yellow: " + tube);
        assertEquals(tissue.getRed(), tissue.getBlue(), 0.02, "tissue outside the range stays grey: " + tissue);
        assertEquals(0, count(1), "the preview does not change the segmentation");

        SegmentEditor expected = headlessCopy();
        expected.threshold(1, 300, 500, null);
        fire(robot, "applyThreshold");
        assertArrayEquals(expected.segmentation().labelMap().labels(), labels());
        assertNull(fx(axial::getPreviewRange), "applying ends the preview");
        assertEquals(1, (int) fx(() -> pane.segmentation().undoStack().undoSize()));
    }

    @Test
    void thresholdThatSelectsNothingOrEverythingShowsADialogAndKeepsTheSegmentation(FxRobot robot) throws Exception {
        paintSphere(24, 20, 10, 3);
        byte[] before = labels();
        setField(robot, "rangeLo", "3000");
        setField(robot, "rangeHi", "4000");
        fire(robot, "applyThreshold");
        assertTrue(fx(() -> pane.lastErrorProperty().get()).contains("selects no voxel"));
        assertEquals(1, closeDialogs());
        setField(robot, "rangeLo", "-2000");
        setField(robot, "rangeHi", "4000");
        fire(robot, "applyThreshold");
        assertTrue(fx(() -> pane.lastErrorProperty().get()).contains("selects every voxel"));
        assertFalse(fx(() -> pane.lastErrorProperty().get()).contains("Exception"), "no stack trace in the dialog");
        assertEquals(1, closeDialogs());
        setField(robot, "rangeLo", "abc");
        fire(robot, "applyThreshold");
        assertTrue(fx(() -> pane.lastErrorProperty().get()).contains("\"abc\" is not a whole number"));
        closeDialogs();
        assertArrayEquals(before, labels());
    }

    // ------------------------------------------------------------------------------------------------ growing

    @Test
    void growFromAClickFillsTheTubeAndNotTheBone(FxRobot robot) throws Exception {
        run(() -> pane.setTool(SegmentEditorPane.Tool.GROW));
        setField(robot, "rangeLo", "150");
        setField(robot, "rangeHi", "1000");
        setField(robot, "maxCrossSection", "");
        OrthoSliceView axial = pane.sliceView(SliceOrientation.AXIAL);
        int k = fx(axial::getSliceIndex);
        robot.clickOn(screenOf(axial, 24, 20, k));
        waitIdle();
        byte[] got = labels();
        long tube = 0;
        for (int kk = 0; kk < EditorFixtures.NZ; kk++) {
            for (int j = 0; j < EditorFixtures.NY; j++) {
                for (int i = 0; i < EditorFixtures.NX; i++) {
                    boolean in = EditorFixtures.inTube(i, j);
                    tube += in ? 1 : 0;
                    assertEquals(in ? 1 : 0, got[i + EditorFixtures.NX * (j + EditorFixtures.NY * kk)],
                            "voxel " + i + "," + j + "," + kk);
                }
            }
        }
        assertEquals(tube, count(1));
        assertEquals(1, fx(() -> pane.seeds().size()));
    }

    @Test
    void findAortaWithoutAnAortaShowsWhatWasSearchedAndKeepsTheSegmentation(FxRobot robot) throws Exception {
        paintSphere(24, 20, 10, 3);
        byte[] before = labels();
        int labelCount = fx(() -> pane.segmentation().labels().size());
        fire(robot, "findAorta"); // the fixture's tube is 9 mm across, narrower than any aorta
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> !pane.busyProperty().get()));
        String err = fx(() -> pane.lastErrorProperty().get());
        assertTrue(err.contains("no aorta found") && err.contains("place a seed"), err);
        assertFalse(err.contains("Exception"), "no stack trace in the dialog");
        assertEquals(1, closeDialogs());
        assertArrayEquals(before, labels());
        assertEquals(labelCount, (int) fx(() -> pane.segmentation().labels().size()), "no label made");
    }

    @Test
    void badSeedsShowADialogAndKeepTheSegmentation(FxRobot robot) throws Exception {
        run(() -> pane.setTool(SegmentEditorPane.Tool.GROW));
        paintSphere(24, 20, 10, 3);
        byte[] before = labels();
        OrthoSliceView axial = pane.sliceView(SliceOrientation.AXIAL);
        int k = fx(axial::getSliceIndex);
        robot.clickOn(screenOf(axial, 2, 24, k)); // air
        waitIdle();
        assertTrue(fx(() -> pane.lastErrorProperty().get()).contains("air"), fx(() -> pane.lastErrorProperty().get()));
        assertEquals(1, closeDialogs());
        run(() -> pane.growFromClick(EditorFixtures.lps(-30, 20, 10))); // outside the image
        waitIdle();
        assertTrue(fx(() -> pane.lastErrorProperty().get()).contains("outside the image"));
        closeDialogs();
        assertArrayEquals(before, labels());
        assertEquals(0, fx(() -> pane.seeds().size()), "refused seeds are not kept");
    }

    @Test
    void leakStopByCrossSectionAndBarrier(FxRobot robot) throws Exception {
        // the bone touches nothing here, so use a barrier label painted across the tube instead
        LabelInfo barrier = fx(() -> pane.addLabel("barrier", 0x00FF00).orElseThrow());
        run(() -> pane.brushStroke(SliceOrientation.AXIAL, 8, false, List.of(EditorFixtures.lps(24, 20, 20))));
        run(() -> pane.selectLabel(1));
        javafx.scene.control.ComboBox<?> combo = robot.lookup("#barrier").queryAs(javafx.scene.control.ComboBox.class);
        run(() -> selectBarrier(combo, barrier));
        setField(robot, "rangeLo", "150");
        setField(robot, "rangeHi", "700");
        setField(robot, "maxCrossSection", "2000");
        SegmentEditor expected = headlessCopy();
        expected.growFromLpsSeeds(1, List.of(EditorFixtures.lps(24, 20, 5)),
                GrowParameters.range(150, 700).withBarrier(barrier.value()).withMaxCrossSection(2000, SliceOrientation.AXIAL));
        run(() -> pane.growFromClick(EditorFixtures.lps(24, 20, 5)));
        waitIdle();
        assertArrayEquals(expected.segmentation().labelMap().labels(), labels());
        LabelMap m = fx(() -> pane.segmentation().labelMap());
        assertEquals(0, m.get(24, 20, 25), "the barrier at k = 20 stops the growth");
        assertEquals(1, m.get(24, 20, 19));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void selectBarrier(javafx.scene.control.ComboBox combo, LabelInfo b) {
        for (Object o : combo.getItems()) {
            if (o instanceof LabelInfo l && l.value() == b.value()) {
                combo.setValue(o);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ brush

    @Test
    void paintAndEraseByMouseDragAreOneUndoStepEach(FxRobot robot) throws Exception {
        run(() -> pane.setTool(SegmentEditorPane.Tool.PAINT));
        setField(robot, "brushRadius", "2");
        OrthoSliceView axial = pane.sliceView(SliceOrientation.AXIAL);
        int k = fx(axial::getSliceIndex);
        robot.moveTo(screenOf(axial, 12, 30, k)).press(MouseButton.PRIMARY);
        robot.moveTo(screenOf(axial, 20, 32, k)).moveTo(screenOf(axial, 36, 34, k)).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        long painted = count(1);
        assertTrue(painted > 30, "a drag paints a band: " + painted);
        LabelMap m = fx(() -> pane.segmentation().labelMap());
        assertEquals(1, m.get(12, 30, k));
        assertEquals(1, m.get(28, 33, k), "the stroke is continuous between mouse events");
        assertEquals(0, m.get(28, 33, k + 1), "the 2D brush paints only the shown slice");
        assertEquals(1, (int) fx(() -> pane.segmentation().undoStack().undoSize()), "one drag, one undo step");

        run(() -> pane.setTool(SegmentEditorPane.Tool.ERASE));
        robot.moveTo(screenOf(axial, 20, 32, k)).press(MouseButton.PRIMARY).moveTo(screenOf(axial, 24, 33, k))
                .release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(count(1) < painted, "erasing removes voxels");
        assertEquals(0, m.get(22, 32, k));
        assertEquals(2, (int) fx(() -> pane.segmentation().undoStack().undoSize()));

        // 3D sphere brush reaches the neighbouring slices
        run(() -> pane.setTool(SegmentEditorPane.Tool.PAINT));
        CheckBox sphere = robot.lookup("#brushSphere").queryAs(CheckBox.class);
        run(() -> sphere.setSelected(true));
        setField(robot, "brushRadius", "3");
        robot.moveTo(screenOf(axial, 36, 12, k)).press(MouseButton.PRIMARY).moveBy(2, 0).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, m.get(36, 12, k + 1), "the sphere brush paints across slices (1.5 mm apart)");
    }

    // ------------------------------------------------------------------------------------------------ clean-up tools

    @Test
    void keepLargestAndRemoveSmallIslands(FxRobot robot) throws Exception {
        paintSphere(20, 20, 10, 4);
        paintSphere(36, 36, 20, 1.5);
        paintSphere(12, 36, 26, 2);
        SegmentEditor expected = headlessCopy();
        expected.removeSmallIslands(1, 40, Connectivity.TWENTY_SIX);
        setField(robot, "minIsland", "40");
        fire(robot, "removeSmall");
        assertArrayEquals(expected.segmentation().labelMap().labels(), labels());
        expected.keepLargestIsland(1, Connectivity.TWENTY_SIX);
        fire(robot, "keepLargest");
        assertArrayEquals(expected.segmentation().labelMap().labels(), labels());
        assertEquals(1, fx(() -> pane.segmentation().labelMap().get(20, 20, 10)));
        assertEquals(0, fx(() -> pane.segmentation().labelMap().get(12, 36, 26)));
    }

    @Test
    void fillHolesClosesAnEnclosedCavity(FxRobot robot) throws Exception {
        paintSphere(24, 24, 16, 6);
        run(() -> pane.brushStroke(null, 2, true, List.of(EditorFixtures.lps(24, 24, 16))));
        assertEquals(0, fx(() -> pane.segmentation().labelMap().get(24, 24, 16)));
        SegmentEditor expected = headlessCopy();
        expected.fillHoles(1);
        fire(robot, "fillHoles");
        assertArrayEquals(expected.segmentation().labelMap().labels(), labels());
        assertEquals(1, fx(() -> pane.segmentation().labelMap().get(24, 24, 16)));
    }

    @Test
    void growAndShrinkByMargin(FxRobot robot) throws Exception {
        paintSphere(24, 24, 16, 4);
        long before = count(1);
        setField(robot, "margin", "1.8");
        SegmentEditor expected = headlessCopy();
        expected.grow(1, 1.8);
        fire(robot, "growMargin");
        assertArrayEquals(expected.segmentation().labelMap().labels(), labels());
        assertTrue(count(1) > before);
        expected.shrink(1, 1.8);
        fire(robot, "shrinkMargin");
        assertArrayEquals(expected.segmentation().labelMap().labels(), labels());
        setField(robot, "margin", "-1");
        fire(robot, "growMargin");
        assertTrue(fx(() -> pane.lastErrorProperty().get()).contains("positive"));
        closeDialogs();
        assertArrayEquals(expected.segmentation().labelMap().labels(), labels());
    }

    @Test
    void smoothingGaussianAndMedian(FxRobot robot) throws Exception {
        paintSphere(24, 24, 16, 5);
        run(() -> pane.brushStroke(SliceOrientation.AXIAL, 1, false, List.of(EditorFixtures.lps(24, 31, 16))));
        setField(robot, "smoothing", "1.5");
        SegmentEditor expected = headlessCopy();
        expected.smoothGaussian(1, 1.5);
        fire(robot, "smooth");
        assertArrayEquals(expected.segmentation().labelMap().labels(), labels());
        expected.smoothMedian(1, 1.5);
        fire(robot, "median");
        assertArrayEquals(expected.segmentation().labelMap().labels(), labels());
        assertEquals(2 + 2, (int) fx(() -> pane.segmentation().undoStack().undoSize()));
    }

    @Test
    void cutWithTheAxialPlaneThroughTheCursor(FxRobot robot) throws Exception {
        setField(robot, "rangeLo", "300");
        setField(robot, "rangeHi", "500");
        fire(robot, "applyThreshold");
        run(() -> pane.setCursorLps(EditorFixtures.lps(24, 20, 12)));
        javafx.scene.control.ComboBox<SegmentEditorPane.CutSide> side =
                robot.lookup("#cutSide").queryAs(javafx.scene.control.ComboBox.class);
        run(() -> side.setValue(SegmentEditorPane.CutSide.INFERIOR));
        fire(robot, "cut");
        LabelMap m = fx(() -> pane.segmentation().labelMap());
        for (int k = 0; k < EditorFixtures.NZ; k++) {
            assertEquals(k >= 12 ? 1 : 0, m.get(24, 20, k), "slice " + k);
        }
        run(() -> side.setValue(SegmentEditorPane.CutSide.SUPERIOR));
        run(() -> pane.setCursorLps(EditorFixtures.lps(24, 20, 20)));
        fire(robot, "cut");
        for (int k = 0; k < EditorFixtures.NZ; k++) {
            assertEquals(k >= 12 && k <= 20 ? 1 : 0, m.get(24, 20, k), "slice " + k);
        }
    }

    @Test
    void aRunningToolBlocksOtherEditsAndCancelUndoesIt(FxRobot robot) throws Exception {
        paintSphere(24, 20, 10, 3);
        byte[] before = labels();
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        assertTrue(fx(() -> pane.runCustomTool("Slow paint", (ed, label, p) -> {
            org.rehearse.segmentation.edit.Edit e = ed.paintSphere(label, EditorFixtures.lps(30, 30, 16), 5);
            started.countDown();
            release.await(30, TimeUnit.SECONDS);
            return e;
        })));
        assertTrue(started.await(30, TimeUnit.SECONDS));
        assertTrue(fx(() -> pane.busyProperty().get()));
        assertFalse(fx(() -> pane.runCustomTool("Another", (ed, label, p) -> ed.fillHoles(label))), "one tool at a time");
        assertTrue(fx(pane::statusText).startsWith("Busy"), fx(pane::statusText));
        run(pane::undo);
        assertTrue(fx(pane::statusText).startsWith("Busy"), "undo waits for the running tool");
        robot.clickOn("#cancel");
        release.countDown();
        waitIdle();
        assertArrayEquals(before, labels(), "the cancelled tool's edit is undone");
        assertTrue(fx(pane::statusText).contains("cancelled"), fx(pane::statusText));
        assertEquals(1, (int) fx(() -> pane.segmentation().undoStack().undoSize()), "only the first stroke remains");
        assertEquals(0, closeDialogs(), "cancelling is not an error");
    }

    // ------------------------------------------------------------------------------------------------ undo, labels

    @Test
    void undoAndRedoByButtonsAndKeys(FxRobot robot) throws Exception {
        setField(robot, "rangeLo", "300");
        setField(robot, "rangeHi", "500");
        fire(robot, "applyThreshold");
        byte[] after = labels();
        long n = count(1);
        assertTrue(n > 0);
        fire(robot, "undo");
        assertEquals(0, count(1));
        fire(robot, "redo");
        assertArrayEquals(after, labels());
        OrthoSliceView axial = pane.sliceView(SliceOrientation.AXIAL);
        run(() -> pane.setTool(SegmentEditorPane.Tool.NAVIGATE));
        robot.clickOn(screenOf(axial, 40, 40, 16));
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, count(1), "Ctrl+Z undoes");
        robot.press(KeyCode.CONTROL).type(KeyCode.Y).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(n, count(1), "Ctrl+Y redoes");
        assertTrue(fx(() -> robot.lookup("#redo").queryAs(Button.class).isDisabled()));
    }

    @Test
    void addRenameRecolourAndDeleteLabels(FxRobot robot) throws Exception {
        robot.clickOn("#addLabel");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        robot.type(KeyCode.ENTER); // accepts the suggested name
        WaitForAsyncUtils.waitForFxEvents();
        LabelInfo added = fx(pane::selectedLabel);
        assertEquals("branches", added.name(), "the first unused suggested name");
        assertEquals(2, added.value());
        assertTrue(fx(() -> pane.renameLabel(2, "heart")));
        assertEquals("heart", fx(() -> pane.segmentation().requireLabel(2).name()));
        assertFalse(fx(() -> pane.renameLabel(2, "  ")), "a blank name is refused");
        closeDialogs();
        run(() -> pane.setLabelColour(2, 0x00FF00));
        paintSphere(24, 24, 16, 3);
        OrthoSliceView axial = pane.sliceView(SliceOrientation.AXIAL);
        run(() -> axial.setCursorIndex(new double[] {24, 24, 16}));
        Point2D p = fx(() -> axial.canvasPointOf(new double[] {24, 24, 16}));
        Image img = fx(() -> axial.canvas().snapshot(null, null));
        Color c = img.getPixelReader().getColor((int) p.getX() + 3, (int) p.getY() + 3);
        assertTrue(c.getGreen() > c.getRed() + 0.2, "the label is drawn in its new colour: " + c);
        assertTrue(fx(() -> pane.addLabel("heart", 0xFF0000)).isEmpty(), "duplicate names are refused");
        closeDialogs();
        run(() -> pane.deleteLabel(2));
        assertTrue(fx(() -> pane.segmentation().label(2)).isEmpty());
        assertEquals(0, count(2));
    }

    @Test
    void useForPlanningHandsTheSelectedLabelAsABinaryMask(FxRobot robot) throws Exception {
        assertFalse(robot.lookup("#applyToCase").queryAs(Button.class).isVisible(), "hidden without a case to hand to");
        java.util.concurrent.atomic.AtomicReference<LabelMap> got = new java.util.concurrent.atomic.AtomicReference<>();
        run(() -> pane.setOnApply(got::set));
        fire(robot, "applyToCase");
        assertTrue(fx(() -> pane.lastErrorProperty().get()).contains("empty"), "an empty label is refused");
        closeDialogs();
        assertNull(got.get());
        LabelInfo heart = fx(() -> pane.addLabel("heart", 0x3C78D8).orElseThrow());
        paintSphere(30, 36, 20, 4);
        run(() -> pane.selectLabel(1));
        paintSphere(24, 20, 10, 4);
        fire(robot, "applyToCase");
        LabelMap m = got.get();
        assertNotNull(m);
        byte[] mine = labels();
        for (int n = 0; n < mine.length; n++) {
            assertEquals(mine[n] == 1 ? 1 : 0, m.labels()[n]);
        }
        assertTrue(count(heart.value()) > 0 && m.countNonZero() == count(1), "only the selected label, as value 1");
    }

    // ------------------------------------------------------------------------------------------------ import

    @Test
    void niftiImportOnTheGridAddsALabelAndOnAnotherGridShowsADialog(FxRobot robot, @TempDir Path dir) throws Exception {
        LabelMap mask = new LabelMap(EditorFixtures.GRID);
        for (int k = 0; k < EditorFixtures.NZ; k++) {
            for (int j = 0; j < EditorFixtures.NY; j++) {
                for (int i = 0; i < EditorFixtures.NX; i++) {
                    if (EditorFixtures.inBone(i, j, k)) {
                        mask.set(i, j, k, 1);
                    }
                }
            }
        }
        Path good = dir.resolve("vertebrae.nii.gz");
        NiftiLabelIo.write(mask, good);
        run(() -> pane.importLabels(good));
        waitIdle();
        LabelInfo l = fx(() -> pane.segmentation().label("vertebrae")).orElseThrow();
        assertEquals(mask.countNonZero(), count(l.value()));

        byte[] before = labels();
        ImageGeometry other = ImageGeometry.axial(40, 40, 20, new double[] {1, 1, 2}, new double[] {0, 0, 0});
        LabelMap wrong = new LabelMap(other);
        wrong.set(5, 5, 5, 1);
        Path bad = dir.resolve("aorta.nii.gz");
        NiftiLabelIo.write(wrong, bad);
        run(() -> pane.importLabels(bad));
        waitIdle();
        String err = fx(() -> pane.lastErrorProperty().get());
        assertNotNull(err);
        assertTrue(err.contains("another voxel grid") && err.contains("aorta.nii.gz"), err);
        assertTrue(robot.lookup(".dialog-pane").tryQuery().isPresent(), "an error dialog is shown");
        closeDialogs();
        assertArrayEquals(before, labels());
        assertTrue(fx(() -> pane.segmentation().label("aorta.nii")).isEmpty());
        assertEquals(2, (int) fx(() -> pane.segmentation().labels().size()));
    }

    // ------------------------------------------------------------------------------------------------ 3D and autosave

    @Test
    void eachLabelGetsItsSurfaceAndEditsAreAutosaved(FxRobot robot, @TempDir Path dir) throws Exception {
        SegmentEditorPane p2 = fx(() -> {
            SegmentEditorPane e = new SegmentEditorPane(EditorFixtures.volume(), null, dir.resolve("auto"));
            stage.setScene(new javafx.scene.Scene(e, 1300, 900));
            return e;
        });
        pane.shutdown();
        pane = p2;
        paintSphere(24, 20, 10, 4);
        fx(() -> pane.addLabel("heart", 0x3C78D8).orElseThrow());
        paintSphere(30, 36, 20, 5);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> !pane.surfacesPending()));
        assertEquals(2, (int) fx(() -> pane.surfaceView().surfaceCount()));
        pane.lastSaveFuture().get(30, TimeUnit.SECONDS);
        var rec = org.rehearse.segmentation.edit.Autosave.findRecoverable(dir.resolve("auto")).orElseThrow();
        assertArrayEquals(labels(), rec.segmentation().labelMap().labels());
        assertEquals(fx(() -> pane.segmentation().labels()), rec.segmentation().labels());
    }
}
