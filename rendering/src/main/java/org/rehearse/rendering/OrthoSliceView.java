package org.rehearse.rendering;

import java.util.Arrays;
import java.util.function.Consumer;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.geometry.Point2D;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import org.rehearse.segmentation.edit.SliceOrientation;
import org.rehearse.segmentation.image.ImageGeometry;
import org.rehearse.segmentation.image.LabelMap;
import org.rehearse.segmentation.image.Volume;

/**
 * One slice view of a {@link Volume} in one of the three index planes (axial, coronal or sagittal,
 * {@link SliceOrientation}), for the segmentation workstation: grey values through a window/level, a multi-label
 * overlay (each label value its own colour), an optional threshold preview (voxels within a HU range tinted), a
 * crosshair at the shared cursor, zoom and pan.
 *
 * <p>Display conventions (radiological, as in 3D Slicer and ITK-SNAP): axial, patient's left on the screen's right
 * and anterior up; coronal, patient's left on the right and superior up; sagittal, anterior on the left and superior
 * up. An index axis that points the other way (read from {@link ImageGeometry#direction}) is mirrored for display
 * only. Pixels are drawn with the true aspect of the voxel spacing. Every voxel ↔ patient conversion uses
 * {@link ImageGeometry#indexToLps} / {@link ImageGeometry#lpsToIndex}.
 *
 * <p>The cursor is a continuous voxel index (i, j, k) of the volume's grid; this view shows the slice through it
 * ({@code round} of its coordinate along the view's normal axis) and draws a crosshair at it. Views are linked by
 * {@link #setOnCursorMoved}: a view reports the cursor (LPS mm) when the user moves it here, and the other views are
 * given it with {@link #setCursorLps}.
 *
 * <p>Mouse and keys ({@link #HELP}): primary click or drag without a tool = move the cursor; with a
 * {@link ToolHandler} set, primary press/drag/release go to the tool; right drag or Ctrl+primary drag = window
 * (horizontal) and level (vertical); middle drag or Shift+primary drag = pan; wheel = next/previous slice;
 * Ctrl+wheel = zoom about the mouse; Up/Down = ±1 slice, PageUp/PageDown = ±10 slices; Home = reset zoom and pan.
 * All methods must be called on the JavaFX application thread.
 */
public class OrthoSliceView extends Pane {
    /** Text of the interaction help. */
    public static final String HELP = "Click/drag: move the cursor (or use the selected tool) · Right-drag or Ctrl+drag: "
            + "window/level · Middle-drag or Shift+drag: pan · Wheel, Up/Down: slice · Ctrl+wheel: zoom · Home: reset zoom";

    /**
     * Receives the primary-button gestures when a tool is active. Positions are the continuous voxel index
     * {i, j, k} (on this view's slice) and the LPS position (mm) of the mouse.
     */
    public interface ToolHandler {
        /** Mouse pressed at a position (inside or outside the image). */
        void pressed(OrthoSliceView view, double[] ijk, double[] lps, MouseEvent e);

        /** Mouse dragged to a position. */
        void dragged(OrthoSliceView view, double[] ijk, double[] lps, MouseEvent e);

        /**
         * Mouse released.
         *
         * @param click true when the mouse did not move by 3 or more pixels since the press
         */
        void released(OrthoSliceView view, double[] ijk, double[] lps, MouseEvent e, boolean click);
    }

    private final SliceOrientation orientation;
    private final int nAxis, uAxis, vAxis;
    private final Canvas canvas = new Canvas(300, 300);
    private final DoubleProperty window = new SimpleDoubleProperty(this, "window", 600);
    private final DoubleProperty level = new SimpleDoubleProperty(this, "level", 170);
    private final DoubleProperty overlayOpacity = new SimpleDoubleProperty(this, "overlayOpacity", 0.5);
    private final DoubleProperty zoom = new SimpleDoubleProperty(this, "zoom", 1);
    private double panX, panY;

    private Volume volume;
    private LabelMap labels;
    private int[] labelRgb = defaultColours();
    private int[] previewRange;
    private int previewRgb = 0xFFE000;
    private double[] cursor = {0, 0, 0};
    private Consumer<double[]> onCursorMoved;
    private Consumer<OrthoSliceView> onWindowChanged;
    private ToolHandler tool;
    private double brushRadiusMm;
    private double mouseX = Double.NaN, mouseY = Double.NaN;
    private WritableImage grey, overlay;
    private int[] buffer;
    private int nu, nv;
    private boolean flipU, flipV;
    private String readout = "";
    // gesture state
    private enum Gesture { NONE, CURSOR, TOOL, WINDOW, PAN }
    private Gesture gesture = Gesture.NONE;
    private double pressX, pressY, pressWindow, pressLevel, pressPanX, pressPanY;
    private boolean moved;

    /** @param orientation the plane shown */
    public OrthoSliceView(SliceOrientation orientation) {
        this.orientation = orientation;
        nAxis = orientation.normalAxis();
        uAxis = orientation == SliceOrientation.SAGITTAL ? 1 : 0;
        vAxis = orientation == SliceOrientation.AXIAL ? 1 : 2;
        getChildren().add(canvas);
        setStyle("-fx-background-color: black;");
        setMinSize(80, 80);
        setPrefSize(400, 400);
        canvas.widthProperty().bind(widthProperty());
        canvas.heightProperty().bind(heightProperty());
        canvas.setFocusTraversable(true);
        canvas.widthProperty().addListener(o -> redraw());
        canvas.heightProperty().addListener(o -> redraw());
        window.addListener(o -> render());
        level.addListener(o -> render());
        overlayOpacity.addListener(o -> render());
        zoom.addListener(o -> redraw());
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, this::onPressed);
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::onDragged);
        canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, this::onReleased);
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, e -> {
            mouseX = e.getX();
            mouseY = e.getY();
            updateReadout();
            redraw();
        });
        canvas.addEventHandler(MouseEvent.MOUSE_EXITED, e -> {
            mouseX = mouseY = Double.NaN;
            redraw();
        });
        canvas.addEventHandler(ScrollEvent.SCROLL, this::onScroll);
        addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
        redraw();
    }

    private static int[] defaultColours() {
        int[] c = new int[256];
        Arrays.fill(c, 0xDC143C);
        return c;
    }

    // ---------------------------------------------------------------- data

    /** @return the plane shown */
    public SliceOrientation orientation() {
        return orientation;
    }

    /**
     * Shows a volume with the cursor at its centre; the label map and preview are removed, zoom and pan reset.
     *
     * @param v the volume, or null for none
     */
    public void setVolume(Volume v) {
        volume = v;
        labels = null;
        previewRange = null;
        zoom.set(1);
        panX = panY = 0;
        if (v == null) {
            grey = overlay = null;
            redraw();
            return;
        }
        ImageGeometry g = v.geometry();
        int[] n = {g.columns(), g.rows(), g.slices()};
        nu = n[uAxis];
        nv = n[vAxis];
        double du = g.direction(uAxis)[uAxis == 0 ? 0 : 1];
        double dv = g.direction(vAxis)[vAxis == 1 ? 1 : 2];
        flipU = du < 0;
        // axial: +P down (no flip when +j points P); coronal/sagittal: +S up (flip when +k points S)
        flipV = vAxis == 1 ? dv < 0 : dv > 0;
        grey = new WritableImage(nu, nv);
        overlay = new WritableImage(nu, nv);
        buffer = new int[nu * nv];
        cursor = new double[] {(n[0] - 1) / 2.0, (n[1] - 1) / 2.0, (n[2] - 1) / 2.0};
        cursor[nAxis] = Math.round(cursor[nAxis]);
        render();
    }

    /** @return the volume shown, or null */
    public Volume getVolume() {
        return volume;
    }

    /**
     * Sets the label map drawn as overlay (not copied; call {@link #refresh()} after it changed).
     *
     * @param map a label map on the volume's grid, or null for none
     * @throws IllegalArgumentException when it lies on another grid
     * @throws IllegalStateException    when no volume is shown
     */
    public void setLabelMap(LabelMap map) {
        LabelOverlayCheck.check(volume, map);
        labels = map;
        render();
    }

    /** @return the label map shown, or null */
    public LabelMap getLabelMap() {
        return labels;
    }

    /**
     * Sets the overlay colour of each label value.
     *
     * @param rgbByValue 256 entries 0xRRGGBB indexed by label value (entry 0 unused); a negative entry hides that
     *                   label
     * @throws IllegalArgumentException when the array does not have 256 entries
     */
    public void setLabelColours(int[] rgbByValue) {
        if (rgbByValue.length != 256) {
            throw new IllegalArgumentException("label colours need 256 entries, got " + rgbByValue.length);
        }
        labelRgb = rgbByValue.clone();
        render();
    }

    /**
     * Shows (or hides) the threshold preview: voxels with loHu ≤ HU ≤ hiHu are tinted in the preview colour, drawn
     * over the labels.
     *
     * @param range {loHu, hiHu}, or null to hide the preview
     */
    public void setPreviewRange(int[] range) {
        previewRange = range == null ? null : new int[] {range[0], range[1]};
        render();
    }

    /** @return the preview range {loHu, hiHu}, or null when none is shown */
    public int[] getPreviewRange() {
        return previewRange == null ? null : previewRange.clone();
    }

    /** @param rgb the preview tint 0xRRGGBB */
    public void setPreviewColour(int rgb) {
        previewRgb = rgb;
        render();
    }

    /**
     * Recomputes the overlay from the label map (after an edit) and redraws; the greyscale image, which an edit does
     * not change, is kept. A brush dab refreshes three views this way.
     */
    public void refresh() {
        if (volume == null || grey == null) {
            redraw();
            return;
        }
        renderOverlay();
    }

    // ---------------------------------------------------------------- cursor and slice

    /** @return the cursor as a continuous voxel index {i, j, k} (a copy) */
    public double[] getCursorIndex() {
        return cursor.clone();
    }

    /** @return the cursor position, LPS mm, or null without a volume */
    public double[] getCursorLps() {
        return volume == null ? null : volume.geometry().indexToLps(cursor, null);
    }

    /**
     * Moves the cursor (and so the slice shown) to an LPS position; the position is clamped into the volume. Does not
     * call the cursor listener.
     *
     * @param lps position, LPS mm
     */
    public void setCursorLps(double[] lps) {
        if (volume == null) {
            return;
        }
        setCursorIndexQuietly(volume.geometry().lpsToIndex(lps, null));
    }

    /** Moves the cursor to a voxel index {i, j, k} (clamped); does not call the cursor listener. */
    public void setCursorIndex(double[] ijk) {
        setCursorIndexQuietly(ijk);
    }

    private void setCursorIndexQuietly(double[] ijk) {
        if (volume == null) {
            return;
        }
        int oldSlice = getSliceIndex();
        cursor = clampIndex(ijk);
        if (getSliceIndex() != oldSlice) {
            render();
        } else {
            redraw();
        }
    }

    private double[] clampIndex(double[] ijk) {
        ImageGeometry g = volume.geometry();
        int[] n = {g.columns(), g.rows(), g.slices()};
        double[] c = new double[3];
        for (int a = 0; a < 3; a++) {
            c[a] = Math.max(0, Math.min(n[a] - 1, ijk[a]));
        }
        c[nAxis] = Math.round(c[nAxis]);
        return c;
    }

    /** @param listener receives the new cursor (LPS mm, fresh array) whenever the user moves it in this view */
    public void setOnCursorMoved(Consumer<double[]> listener) {
        onCursorMoved = listener;
    }

    /** @param listener called when the user changes window/level in this view (to pass it to linked views) */
    public void setOnWindowChanged(Consumer<OrthoSliceView> listener) {
        onWindowChanged = listener;
    }

    private void moveCursorByUser(double[] ijk) {
        setCursorIndexQuietly(ijk);
        if (onCursorMoved != null && volume != null) {
            onCursorMoved.accept(getCursorLps());
        }
    }

    /** @return the slice index shown (along the view's normal axis) */
    public int getSliceIndex() {
        return (int) Math.round(cursor[nAxis]);
    }

    /** @return the number of slices in this orientation (0 without a volume) */
    public int sliceCount() {
        if (volume == null) {
            return 0;
        }
        ImageGeometry g = volume.geometry();
        return new int[] {g.columns(), g.rows(), g.slices()}[nAxis];
    }

    /** Shows a slice (clamped), moving the cursor with it and reporting it to the cursor listener. */
    public void setSliceIndex(int s) {
        double[] c = cursor.clone();
        c[nAxis] = s;
        moveCursorByUser(c);
    }

    // ---------------------------------------------------------------- window, zoom, tools

    /** @return window width (HU) */
    public DoubleProperty windowProperty() {
        return window;
    }

    /** @return window centre (HU) */
    public DoubleProperty levelProperty() {
        return level;
    }

    /**
     * @param windowHu width, HU (raised to at least 1)
     * @param levelHu  centre, HU
     */
    public void setWindowLevel(double windowHu, double levelHu) {
        window.set(Math.max(1, windowHu));
        level.set(levelHu);
    }

    /** @return overlay opacity in [0, 1] (labels and preview) */
    public DoubleProperty overlayOpacityProperty() {
        return overlayOpacity;
    }

    /** @return zoom factor (1 = the slice fits the view) */
    public DoubleProperty zoomProperty() {
        return zoom;
    }

    /** Resets zoom and pan so that the slice fits the view. */
    public void resetZoom() {
        panX = panY = 0;
        zoom.set(1);
        redraw();
    }

    /** @param handler receives primary-button gestures (a painting or seeding tool), or null to move the cursor */
    public void setToolHandler(ToolHandler handler) {
        tool = handler;
    }

    /** @param radiusMm radius (mm) of the brush circle drawn at the mouse, or 0 for none */
    public void setBrushRadiusMm(double radiusMm) {
        brushRadiusMm = radiusMm;
        redraw();
    }

    /** @return the drawing canvas (for tests and screenshots) */
    public Canvas canvas() {
        return canvas;
    }

    /** @return the readout text (voxel, LPS, HU, label under the mouse) */
    public String readoutText() {
        return readout;
    }

    // ---------------------------------------------------------------- display geometry

    /** {x0, y0, pixelWidth, pixelHeight} of the slice image in canvas pixels, or null without a volume. */
    private double[] imageRect() {
        if (volume == null) {
            return null;
        }
        ImageGeometry g = volume.geometry();
        double su = g.spacingMm(uAxis), sv = g.spacingMm(vAxis);
        double fit = Math.min(canvas.getWidth() / (nu * su), canvas.getHeight() / (nv * sv));
        double s = fit * zoom.get();
        double pw = su * s, ph = sv * s;
        return new double[] {(canvas.getWidth() - nu * pw) / 2 + panX, (canvas.getHeight() - nv * ph) / 2 + panY, pw, ph};
    }

    /**
     * @return the continuous voxel index {i, j, k} under a canvas point on the shown slice (may lie outside the grid),
     *         or null without a volume
     */
    public double[] indexAt(double x, double y) {
        double[] r = imageRect();
        if (r == null) {
            return null;
        }
        double pu = (x - r[0]) / r[2] - 0.5, pv = (y - r[1]) / r[3] - 0.5;
        double[] ijk = new double[3];
        ijk[uAxis] = flipU ? nu - 1 - pu : pu;
        ijk[vAxis] = flipV ? nv - 1 - pv : pv;
        ijk[nAxis] = getSliceIndex();
        return ijk;
    }

    /** @return the canvas point where a voxel index (continuous; its normal coordinate is ignored) is drawn, or null */
    public Point2D canvasPointOf(double[] ijk) {
        double[] r = imageRect();
        if (r == null) {
            return null;
        }
        double pu = flipU ? nu - 1 - ijk[uAxis] : ijk[uAxis];
        double pv = flipV ? nv - 1 - ijk[vAxis] : ijk[vAxis];
        return new Point2D(r[0] + (pu + 0.5) * r[2], r[1] + (pv + 0.5) * r[3]);
    }

    /** @return the canvas point where an LPS position (projected onto the slice) is drawn, or null */
    public Point2D canvasPointOfLps(double[] lps) {
        return volume == null ? null : canvasPointOf(volume.geometry().lpsToIndex(lps, null));
    }

    // ---------------------------------------------------------------- rendering

    private void render() {
        if (volume == null || grey == null) {
            redraw();
            return;
        }
        ImageGeometry g = volume.geometry();
        int[] stride = {1, g.columns(), g.columns() * g.rows()};
        int base = getSliceIndex() * stride[nAxis];
        int su = stride[uAxis], sv = stride[vAxis];
        short[] vals = volume.values();
        double lo = level.get() - window.get() / 2, scale = 255.0 / window.get();
        for (int b = 0; b < nv; b++) {
            int py = flipV ? nv - 1 - b : b;
            int row = base + b * sv;
            for (int a = 0; a < nu; a++) {
                int px = flipU ? nu - 1 - a : a;
                double gv = (vals[row + a * su] - lo) * scale;
                int c = gv <= 0 ? 0 : gv >= 255 ? 255 : (int) gv;
                buffer[px + nu * py] = 0xFF000000 | (c << 16) | (c << 8) | c;
            }
        }
        grey.getPixelWriter().setPixels(0, 0, nu, nv, PixelFormat.getIntArgbInstance(), buffer, 0, nu);
        renderOverlay();
    }

    /** Label map and threshold preview of the current slice into the overlay image, then redraws. */
    private void renderOverlay() {
        ImageGeometry g = volume.geometry();
        int[] stride = {1, g.columns(), g.columns() * g.rows()};
        int base = getSliceIndex() * stride[nAxis];
        int su = stride[uAxis], sv = stride[vAxis];
        short[] vals = volume.values();
        int alpha = (int) Math.round(255 * Math.max(0, Math.min(1, overlayOpacity.get())));
        byte[] lab = labels == null ? null : labels.labels();
        int pLo = previewRange == null ? 1 : previewRange[0], pHi = previewRange == null ? 0 : previewRange[1];
        int pAlpha = Math.max(alpha, 110);
        for (int b = 0; b < nv; b++) {
            int py = flipV ? nv - 1 - b : b;
            int row = base + b * sv;
            for (int a = 0; a < nu; a++) {
                int px = flipU ? nu - 1 - a : a;
                int idx = row + a * su;
                int argb = 0;
                int hu = vals[idx];
                if (hu >= pLo && hu <= pHi) {
                    argb = (pAlpha << 24) | previewRgb;
                } else if (lab != null) {
                    int l = lab[idx] & 0xFF;
                    if (l != 0 && labelRgb[l] >= 0) {
                        argb = (alpha << 24) | labelRgb[l];
                    }
                }
                buffer[px + nu * py] = argb;
            }
        }
        overlay.getPixelWriter().setPixels(0, 0, nu, nv, PixelFormat.getIntArgbInstance(), buffer, 0, nu);
        updateReadout();
        redraw();
    }

    private static final String[][] LETTERS = {
        {"R", "L", "A", "P"}, // axial: left, right, top, bottom
        {"R", "L", "S", "I"}, // coronal
        {"A", "P", "S", "I"}}; // sagittal

    private void redraw() {
        GraphicsContext gc = canvas.getGraphicsContext2D();
        double w = canvas.getWidth(), h = canvas.getHeight();
        gc.setFill(Color.BLACK);
        gc.fillRect(0, 0, w, h);
        double[] r = imageRect();
        gc.setFont(Font.font(12));
        if (r == null || grey == null) {
            gc.setFill(Color.gray(0.6));
            gc.fillText(name() + ": no image", 8, 18);
            return;
        }
        gc.setImageSmoothing(false);
        gc.drawImage(grey, r[0], r[1], nu * r[2], nv * r[3]);
        gc.drawImage(overlay, r[0], r[1], nu * r[2], nv * r[3]);
        // crosshair at the cursor, with a gap around it
        Point2D c = canvasPointOf(cursor);
        gc.setStroke(Color.rgb(80, 200, 255, 0.8));
        gc.setLineWidth(1);
        double gap = 8;
        gc.strokeLine(0, c.getY(), c.getX() - gap, c.getY());
        gc.strokeLine(c.getX() + gap, c.getY(), w, c.getY());
        gc.strokeLine(c.getX(), 0, c.getX(), c.getY() - gap);
        gc.strokeLine(c.getX(), c.getY() + gap, c.getX(), h);
        if (brushRadiusMm > 0 && !Double.isNaN(mouseX)) {
            ImageGeometry g = volume.geometry();
            double rx = brushRadiusMm / g.spacingMm(uAxis) * r[2], ry = brushRadiusMm / g.spacingMm(vAxis) * r[3];
            gc.setStroke(Color.rgb(255, 255, 255, 0.9));
            gc.strokeOval(mouseX - rx, mouseY - ry, 2 * rx, 2 * ry);
        }
        String[] l = LETTERS[orientation.ordinal()];
        gc.setFill(Color.rgb(255, 200, 80));
        gc.fillText(l[0], 4, h / 2);
        gc.fillText(l[1], w - 12, h / 2);
        gc.fillText(l[2], w / 2, 14);
        gc.fillText(l[3], w / 2, h - 6);
        gc.setFill(Color.rgb(230, 230, 230));
        gc.fillText(String.format("%s %d/%d", name(), getSliceIndex() + 1, sliceCount()), 6, 14);
        gc.fillText(String.format("W %.0f L %.0f", window.get(), level.get()), 6, 28);
        if (!readout.isEmpty()) {
            gc.fillText(readout, 6, h - 6 - 14);
        }
    }

    private String name() {
        return switch (orientation) {
            case AXIAL -> "Axial";
            case CORONAL -> "Coronal";
            case SAGITTAL -> "Sagittal";
        };
    }

    private void updateReadout() {
        if (volume == null || Double.isNaN(mouseX)) {
            readout = "";
            return;
        }
        double[] q = indexAt(mouseX, mouseY);
        int i = (int) Math.round(q[0]), j = (int) Math.round(q[1]), k = (int) Math.round(q[2]);
        ImageGeometry g = volume.geometry();
        if (!g.contains(i, j, k)) {
            readout = "";
            return;
        }
        double[] lps = g.indexToLps(new double[] {i, j, k}, null);
        readout = String.format("(%d, %d, %d)  LPS %.1f, %.1f, %.1f mm  %d HU%s", i, j, k, lps[0], lps[1], lps[2],
                volume.get(i, j, k), labels == null ? "" : "  label " + labels.get(i, j, k));
    }

    // ---------------------------------------------------------------- interaction

    private void onPressed(MouseEvent e) {
        canvas.requestFocus();
        if (volume == null) {
            return;
        }
        pressX = e.getX();
        pressY = e.getY();
        pressWindow = window.get();
        pressLevel = level.get();
        pressPanX = panX;
        pressPanY = panY;
        moved = false;
        if (e.getButton() == MouseButton.SECONDARY || (e.getButton() == MouseButton.PRIMARY && e.isControlDown())) {
            gesture = Gesture.WINDOW;
        } else if (e.getButton() == MouseButton.MIDDLE || (e.getButton() == MouseButton.PRIMARY && e.isShiftDown())) {
            gesture = Gesture.PAN;
        } else if (e.getButton() == MouseButton.PRIMARY) {
            double[] q = indexAt(e.getX(), e.getY());
            if (tool != null) {
                gesture = Gesture.TOOL;
                tool.pressed(this, q, volume.geometry().indexToLps(q, null), e);
            } else {
                gesture = Gesture.CURSOR;
                moveCursorByUser(q);
            }
        } else {
            gesture = Gesture.NONE;
        }
        e.consume();
    }

    private void onDragged(MouseEvent e) {
        if (volume == null) {
            return;
        }
        mouseX = e.getX();
        mouseY = e.getY();
        double dx = e.getX() - pressX, dy = e.getY() - pressY;
        if (Math.hypot(dx, dy) >= 3) {
            moved = true;
        }
        double[] q = indexAt(e.getX(), e.getY());
        switch (gesture) {
            case WINDOW -> {
                double hu = Math.max(1, pressWindow / 200);
                setWindowLevel(pressWindow + dx * hu, pressLevel + dy * hu);
                if (onWindowChanged != null) {
                    onWindowChanged.accept(this);
                }
            }
            case PAN -> {
                panX = pressPanX + dx;
                panY = pressPanY + dy;
                redraw();
            }
            case CURSOR -> moveCursorByUser(q);
            case TOOL -> tool.dragged(this, q, volume.geometry().indexToLps(q, null), e);
            default -> { }
        }
        updateReadout();
        redraw();
        e.consume();
    }

    private void onReleased(MouseEvent e) {
        if (volume != null && gesture == Gesture.TOOL && tool != null) {
            double[] q = indexAt(e.getX(), e.getY());
            tool.released(this, q, volume.geometry().indexToLps(q, null), e, !moved);
        }
        gesture = Gesture.NONE;
        e.consume();
    }

    private void onScroll(ScrollEvent e) {
        if (volume == null || e.getDeltaY() == 0) {
            return;
        }
        if (e.isControlDown()) {
            double f = e.getDeltaY() > 0 ? 1.15 : 1 / 1.15;
            double[] r = imageRect();
            double oldZoom = zoom.get();
            double newZoom = Math.max(0.25, Math.min(40, oldZoom * f));
            // keep the point under the mouse fixed: image point offset scales with the zoom
            double cx = canvas.getWidth() / 2 + panX, cy = canvas.getHeight() / 2 + panY;
            double k = newZoom / oldZoom;
            panX += (e.getX() - cx) * (1 - k);
            panY += (e.getY() - cy) * (1 - k);
            zoom.set(newZoom);
            if (r != null) {
                redraw();
            }
        } else {
            setSliceIndex(getSliceIndex() + (e.getDeltaY() > 0 ? 1 : -1));
        }
        e.consume();
    }

    private void onKey(KeyEvent e) {
        if (volume == null) {
            return;
        }
        switch (e.getCode()) {
            case UP -> setSliceIndex(getSliceIndex() + 1);
            case DOWN -> setSliceIndex(getSliceIndex() - 1);
            case PAGE_UP -> setSliceIndex(getSliceIndex() + 10);
            case PAGE_DOWN -> setSliceIndex(getSliceIndex() - 10);
            case HOME -> resetZoom();
            default -> {
                return;
            }
        }
        e.consume();
    }

    @Override
    public String toString() {
        return "OrthoSliceView[" + name() + ", slice " + getSliceIndex() + "]";
    }
}
