package org.rehearse.rendering;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;
import javafx.event.Event;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.PickResult;
import javafx.scene.input.ScrollEvent;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rehearse.segmentation.image.ImageGeometry;
import org.rehearse.segmentation.image.LabelMap;
import org.rehearse.segmentation.image.Volume;

/** The slice view's mapping between screen and voxels, its picking, overlay and window/level, without a robot. */
class SliceViewTest {

    @BeforeAll
    static void startFx() {
        FxThread.ensureStarted();
    }

    /** 40 × 30 × 5 voxels, 0.5 × 1.0 × 2.0 mm; voxel (i, j, k) = 10·i + j HU. */
    private static Volume volume(double[] rowDir) {
        ImageGeometry g = new ImageGeometry(40, 30, 5, new double[] {0.5, 1.0, 2.0}, new double[] {10, -20, 50},
                rowDir, new double[] {0, 1, 0}, new double[] {0, 0, 1});
        short[] v = new short[40 * 30 * 5];
        for (int k = 0; k < 5; k++) {
            for (int j = 0; j < 30; j++) {
                for (int i = 0; i < 40; i++) {
                    v[g.index(i, j, k)] = (short) (10 * i + j);
                }
            }
        }
        return new Volume(g, v, "CT");
    }

    private static SliceView shown(Volume v) {
        SliceView view = new SliceView();
        Scene scene = new Scene(view, 600, 500);
        view.setVolume(v);
        view.applyCss();
        view.layout();
        assertNotNull(scene);
        return view;
    }

    private static void fire(Canvas c, javafx.event.EventType<MouseEvent> type, Point2D p, MouseButton b) {
        Point2D s = c.localToScene(p);
        Event.fireEvent(c, new MouseEvent(type, p.getX(), p.getY(), s.getX(), s.getY(), b, 1,
                false, false, false, false, b == MouseButton.PRIMARY, false, b == MouseButton.SECONDARY,
                true, false, true, new PickResult(c, s.getX(), s.getY())));
    }

    @Test
    void clickReportsTheVoxelCentreInLpsAndTheReadoutNamesIt() throws Exception {
        Volume vol = volume(new double[] {1, 0, 0});
        FxThread.call(() -> {
            SliceView view = shown(vol);
            assertEquals(2, view.getSliceIndex());
            AtomicReference<double[]> picked = new AtomicReference<>();
            view.setOnSeedPicked(picked::set);
            Point2D p = view.canvasPointOf(7, 11);
            assertArrayEquals(new int[] {7, 11}, view.voxelAt(p.getX(), p.getY()));
            fire(view.canvas(), MouseEvent.MOUSE_MOVED, p, MouseButton.NONE);
            assertTrue(view.readoutText().contains("(7, 11, 2)"), view.readoutText());
            assertTrue(view.readoutText().contains("81 HU"), view.readoutText());
            fire(view.canvas(), MouseEvent.MOUSE_PRESSED, p, MouseButton.PRIMARY);
            fire(view.canvas(), MouseEvent.MOUSE_RELEASED, p, MouseButton.PRIMARY);
            assertArrayEquals(vol.geometry().indexToLps(new double[] {7, 11, 2}, null), picked.get(), 1e-12);
            // true aspect ratio: 40 × 0.5 mm wide, 30 × 1.0 mm high
            Point2D a = view.canvasPointOf(0, 0), b = view.canvasPointOf(39, 29);
            assertEquals(20.0 / 30.0, (b.getX() - a.getX()) / 39 * 40 / ((b.getY() - a.getY()) / 29 * 30), 1e-9);
            // outside the image nothing is picked
            picked.set(null);
            Point2D out = new Point2D(2, 2);
            assertNull(view.voxelAt(out.getX(), out.getY()));
            fire(view.canvas(), MouseEvent.MOUSE_PRESSED, out, MouseButton.PRIMARY);
            fire(view.canvas(), MouseEvent.MOUSE_RELEASED, out, MouseButton.PRIMARY);
            assertNull(picked.get());
            return null;
        });
    }

    @Test
    void patientLeftIsDrawnOnTheRightWhateverTheColumnDirection() throws Exception {
        FxThread.call(() -> {
            SliceView normal = shown(volume(new double[] {1, 0, 0}));   // i grows towards patient left
            assertTrue(normal.canvasPointOf(39, 0).getX() > normal.canvasPointOf(0, 0).getX());
            SliceView mirrored = shown(volume(new double[] {-1, 0, 0})); // i grows towards patient right
            assertTrue(mirrored.canvasPointOf(0, 0).getX() > mirrored.canvasPointOf(39, 0).getX());
            Point2D p = mirrored.canvasPointOf(5, 6);
            assertArrayEquals(new int[] {5, 6}, mirrored.voxelAt(p.getX(), p.getY()));
            return null;
        });
    }

    @Test
    void windowLevelOverlayAndScroll() throws Exception {
        Volume vol = volume(new double[] {1, 0, 0});
        FxThread.call(() -> {
            SliceView view = shown(vol);
            view.setWindowLevel(100, 200); // HU 150 → black, 250 → white
            Point2D dark = view.canvasPointOf(10, 0);   // 100 HU
            Point2D bright = view.canvasPointOf(30, 0); // 300 HU
            WritableImage img = view.canvas().snapshot(null, null);
            assertEquals(0, img.getPixelReader().getColor((int) dark.getX(), (int) dark.getY()).getBrightness(), 0.01);
            assertEquals(1, img.getPixelReader().getColor((int) bright.getX(), (int) bright.getY()).getBrightness(), 0.01);
            LabelMap labels = new LabelMap(vol.geometry());
            labels.set(10, 0, 2, 1);
            view.setLabelMap(labels);
            img = view.canvas().snapshot(null, null);
            Color c = img.getPixelReader().getColor((int) dark.getX(), (int) dark.getY());
            assertTrue(c.getRed() > 0.3 && c.getGreen() < 0.1, "label overlay should tint the voxel red, got " + c);
            // scroll wheel: up = next slice, clamped at the last
            Point2D s = view.canvas().localToScene(dark);
            for (int n = 0; n < 5; n++) {
                Event.fireEvent(view.canvas(), new ScrollEvent(ScrollEvent.SCROLL, dark.getX(), dark.getY(), s.getX(), s.getY(),
                        false, false, false, false, false, false, 0, 40, 0, 40, ScrollEvent.HorizontalTextScrollUnits.NONE, 0,
                        ScrollEvent.VerticalTextScrollUnits.NONE, 0, 0, new PickResult(view.canvas(), s.getX(), s.getY())));
            }
            assertEquals(4, view.getSliceIndex());
            return null;
        });
        LabelMap wrong = new LabelMap(ImageGeometry.axial(3, 3, 3, new double[] {1, 1, 1}, new double[] {0, 0, 0}));
        assertThrows(IllegalArgumentException.class, () -> FxThread.call(() -> {
            shown(vol).setLabelMap(wrong);
            return null;
        }));
    }
}
