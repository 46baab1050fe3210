package org.rehearse.rendering;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javafx.event.Event;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.PickResult;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rehearse.segmentation.edit.SliceOrientation;
import org.rehearse.segmentation.image.ImageGeometry;
import org.rehearse.segmentation.image.LabelMap;
import org.rehearse.segmentation.image.Volume;

/**
 * The orientation-aware slice view: display conventions (axial: patient left on the right, anterior up; coronal:
 * superior up; sagittal: anterior on the left), also for index axes that point the other way, the screen ↔ voxel
 * mapping, the cursor, the overlay colours and the threshold preview. No robot.
 */
class OrthoSliceViewTest {

    @BeforeAll
    static void startFx() {
        FxThread.ensureStarted();
    }

    /** 20 × 16 × 12 voxels of 1.0 × 0.8 × 2.0 mm; HU = i + 20 j + 400 k (unique per voxel up to overflow). */
    private static Volume volume(double[] rowDir, double[] colDir, double[] sliceDir) {
        ImageGeometry g = new ImageGeometry(20, 16, 12, new double[] {1.0, 0.8, 2.0}, new double[] {-10, -5, 30},
                rowDir, colDir, sliceDir);
        short[] v = new short[20 * 16 * 12];
        for (int k = 0; k < 12; k++) {
            for (int j = 0; j < 16; j++) {
                for (int i = 0; i < 20; i++) {
                    v[g.index(i, j, k)] = (short) (i + 20 * j + 400 * k - 2000);
                }
            }
        }
        return new Volume(g, v, "CT");
    }

    private static Volume standard() {
        return volume(new double[] {1, 0, 0}, new double[] {0, 1, 0}, new double[] {0, 0, 1});
    }

    private static OrthoSliceView shown(SliceOrientation o, Volume v) {
        OrthoSliceView view = new OrthoSliceView(o);
        Scene scene = new Scene(view, 500, 400);
        view.setVolume(v);
        view.applyCss();
        view.layout();
        assertEquals(500, scene.getWidth(), 1e-9);
        return view;
    }

    /** Screen position of an LPS point in a view. */
    private static Point2D at(OrthoSliceView v, double x, double y, double z) {
        return v.canvasPointOfLps(new double[] {x, y, z});
    }

    @Test
    void anatomicalDirectionsOnScreenFollowTheRadiologicalConvention() throws Exception {
        for (Volume vol : List.of(standard(),
                volume(new double[] {-1, 0, 0}, new double[] {0, -1, 0}, new double[] {0, 0, -1}))) {
            FxThread.call(() -> {
                double[] c = vol.geometry().indexToLps(new double[] {10, 8, 6}, null);
                OrthoSliceView ax = shown(SliceOrientation.AXIAL, vol);
                OrthoSliceView co = shown(SliceOrientation.CORONAL, vol);
                OrthoSliceView sa = shown(SliceOrientation.SAGITTAL, vol);
                // axial: +L (x) to the right, +P (y) down
                assertTrue(at(ax, c[0] + 3, c[1], c[2]).getX() > at(ax, c[0], c[1], c[2]).getX());
                assertTrue(at(ax, c[0], c[1] + 3, c[2]).getY() > at(ax, c[0], c[1], c[2]).getY());
                // coronal: +L to the right, +S (z) up
                assertTrue(at(co, c[0] + 3, c[1], c[2]).getX() > at(co, c[0], c[1], c[2]).getX());
                assertTrue(at(co, c[0], c[1], c[2] + 4).getY() < at(co, c[0], c[1], c[2]).getY());
                // sagittal: +P to the right (anterior on the left), +S up
                assertTrue(at(sa, c[0], c[1] + 3, c[2]).getX() > at(sa, c[0], c[1], c[2]).getX());
                assertTrue(at(sa, c[0], c[1], c[2] + 4).getY() < at(sa, c[0], c[1], c[2]).getY());
                return null;
            });
        }
    }

    @Test
    void screenAndVoxelMapBothWaysWithTrueAspect() throws Exception {
        Volume vol = standard();
        FxThread.call(() -> {
            for (SliceOrientation o : SliceOrientation.values()) {
                OrthoSliceView v = shown(o, vol);
                double[] ijk = {7, 5, 3};
                ijk[o.normalAxis()] = v.getSliceIndex();
                Point2D p = v.canvasPointOf(ijk);
                double[] back = v.indexAt(p.getX(), p.getY());
                assertArrayEquals(ijk, back, 1e-9, o.name());
            }
            // coronal: true aspect, the same number of screen pixels per mm across (i, 1.0 mm) and down (k, 2.0 mm)
            OrthoSliceView co = shown(SliceOrientation.CORONAL, vol);
            Point2D a = co.canvasPointOf(new double[] {0, 0, 0});
            Point2D b = co.canvasPointOf(new double[] {10, 0, 5});
            assertEquals(Math.abs(b.getX() - a.getX()) / 10.0 * 2.0, Math.abs(b.getY() - a.getY()) / 5.0, 1e-6,
                    "pixels per mm are equal across and down");
            return null;
        });
    }

    @Test
    void cursorSetsTheSliceAndUserMovesAreReported() throws Exception {
        Volume vol = standard();
        FxThread.call(() -> {
            OrthoSliceView sa = shown(SliceOrientation.SAGITTAL, vol);
            List<double[]> reported = new ArrayList<>();
            sa.setOnCursorMoved(reported::add);
            double[] lps = vol.geometry().indexToLps(new double[] {13, 4, 9}, null);
            sa.setCursorLps(lps);
            assertEquals(13, sa.getSliceIndex(), "sagittal slice = column");
            assertTrue(reported.isEmpty(), "programmatic moves are not reported");
            sa.setCursorLps(new double[] {500, 0, 0});
            assertEquals(19, sa.getSliceIndex(), "clamped into the volume");
            // a click moves the cursor there and reports it
            Point2D p = sa.canvasPointOf(new double[] {0, 6, 2});
            fire(sa.canvas(), MouseEvent.MOUSE_PRESSED, p, MouseButton.PRIMARY);
            fire(sa.canvas(), MouseEvent.MOUSE_RELEASED, p, MouseButton.PRIMARY);
            assertEquals(1, reported.size());
            assertArrayEquals(vol.geometry().indexToLps(new double[] {19, 6, 2}, null), reported.get(0), 1e-3);
            sa.setSliceIndex(3);
            assertEquals(3, sa.getSliceIndex());
            assertEquals(2, reported.size(), "slice changes by the user are reported");
            return null;
        });
    }

    @Test
    void labelColoursAndThresholdPreviewAreDrawn() throws Exception {
        Volume vol = standard();
        FxThread.call(() -> {
            OrthoSliceView ax = shown(SliceOrientation.AXIAL, vol);
            ax.overlayOpacityProperty().set(1);
            ax.setWindowLevel(1, -5000); // everything white
            int k = ax.getSliceIndex();
            LabelMap m = new LabelMap(vol.geometry());
            m.set(4, 4, k, 1);
            m.set(12, 4, k, 2);
            ax.setLabelMap(m);
            int[] colours = new int[256];
            colours[1] = 0xFF0000;
            colours[2] = 0x0000FF;
            ax.setLabelColours(colours);
            WritableImage img = ax.canvas().snapshot(null, null);
            assertEquals(Color.RED, colour(img, ax.canvasPointOf(new double[] {4, 4, k})));
            assertEquals(Color.BLUE, colour(img, ax.canvasPointOf(new double[] {12, 4, k})));
            assertEquals(Color.WHITE, colour(img, ax.canvasPointOf(new double[] {8, 4, k})));
            // preview of the voxels with HU in range: row j = 10 (HU = i + 200 + 400 k - 2000)
            int lo = 200 + 400 * k - 2000, hi = lo + 19;
            ax.setPreviewRange(new int[] {lo, hi});
            img = ax.canvas().snapshot(null, null);
            Color inRange = colour(img, ax.canvasPointOf(new double[] {8, 10, k}));
            assertTrue(inRange.getBlue() < 0.7 && inRange.getRed() > 0.9, "preview tint: " + inRange);
            assertEquals(Color.WHITE, colour(img, ax.canvasPointOf(new double[] {8, 11, k})));
            ax.setPreviewRange(null);
            assertNull(ax.getPreviewRange());
            assertThrows(IllegalArgumentException.class, () -> ax.setLabelColours(new int[3]));
            LabelMap other = new LabelMap(ImageGeometry.axial(3, 3, 3, new double[] {1, 1, 1}, new double[3]));
            assertThrows(IllegalArgumentException.class, () -> ax.setLabelMap(other));
            return null;
        });
    }

    private static Color colour(WritableImage img, Point2D p) {
        Color c = img.getPixelReader().getColor((int) p.getX(), (int) p.getY());
        return Color.color(Math.round(c.getRed() * 255) / 255.0, Math.round(c.getGreen() * 255) / 255.0,
                Math.round(c.getBlue() * 255) / 255.0);
    }

    private static void fire(Canvas c, javafx.event.EventType<MouseEvent> type, Point2D p, MouseButton b) {
        Point2D s = c.localToScene(p);
        Event.fireEvent(c, new MouseEvent(type, p.getX(), p.getY(), s.getX(), s.getY(), b, 1,
                false, false, false, false, b == MouseButton.PRIMARY, false, b == MouseButton.SECONDARY,
                true, false, true, new PickResult(c, s.getX(), s.getY())));
    }
}
