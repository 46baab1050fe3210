package org.rehearse.rendering;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.geometry.Insets;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.paint.Color;
import org.rehearse.segmentation.image.ImageGeometry;
import org.rehearse.segmentation.image.LabelMap;
import org.rehearse.segmentation.image.Volume;

/**
 * An axial slice view of a {@link Volume}: grey values through a window/level, the {@link LabelMap} as a coloured
 * semi-transparent overlay, a marker at the seed point, and a readout of the voxel under the mouse.
 *
 * <p>Display: one slice k of the grid, drawn with the true aspect ratio of the pixel spacing (column spacing across,
 * row spacing down) and fitted into the view. Columns are drawn so that the patient's left (+L) is on the screen's
 * right and posterior (+P) is down (radiological convention: the patient is seen from the feet); an index axis that
 * points the other way (+R or +A, read from {@link ImageGeometry#direction}) is mirrored for display only. Every
 * voxel ↔ patient position conversion uses {@link ImageGeometry#indexToLps} / {@link ImageGeometry#lpsToIndex}.
 *
 * <p>Interaction (also in the tooltip): primary click (no drag) = report the LPS centre of the clicked voxel to
 * {@link #setOnSeedPicked}; right drag, or primary drag with Ctrl or Shift = window/level (horizontal: width,
 * vertical: level, down = higher level); scroll wheel, Up/Down = next/previous slice, PageUp/PageDown = ±10 slices;
 * slider = slice. All methods must be called on the JavaFX application thread.
 */
public class SliceView extends BorderPane {
    /** Text of the interaction help (tooltip). */
    public static final String HELP = "Click: set seed at the voxel · Right-drag or Ctrl/Shift+drag: window (left/right) "
            + "and level (up/down) · Wheel, Up/Down: next/previous slice · PageUp/PageDown: ±10 slices";
    private static final int[] LABEL_RGB = {0xDC143C, 0x1E90FF, 0x32CD32, 0xFFA500, 0x9370DB, 0x00CED1};

    private final Canvas canvas = new Canvas(400, 400);
    private final Pane canvasPane = new Pane(canvas);
    private final Slider slider = new Slider(0, 0, 0);
    private final Label sliceLabel = new Label("no image");
    private final Label windowLabel = new Label();
    private final Label readout = new Label(" ");
    private final ComboBox<WindowPreset> presets = new ComboBox<>();
    private final CheckBox overlayBox = new CheckBox("Label overlay");
    private final IntegerProperty sliceIndex = new SimpleIntegerProperty(this, "sliceIndex", 0);
    private final DoubleProperty window = new SimpleDoubleProperty(this, "window", 600);
    private final DoubleProperty level = new SimpleDoubleProperty(this, "level", 170);
    private final BooleanProperty overlayVisible = new SimpleBooleanProperty(this, "overlayVisible", true);
    private final DoubleProperty overlayOpacity = new SimpleDoubleProperty(this, "overlayOpacity", 0.45);

    private Volume volume;
    private LabelMap labels;
    private double[] seedLps;
    private Consumer<double[]> onSeedPicked;
    private WritableImage grey, overlay;
    private int[] buffer;
    private boolean flipX, flipY;
    // mouse gesture state
    private double pressX, pressY, pressWindow, pressLevel;
    private boolean dragging, windowing;

    /** An empty slice view; call {@link #setVolume}. */
    public SliceView() {
        WindowPreset.install(presets, this::setWindowLevel);
        overlayBox.selectedProperty().bindBidirectional(overlayVisible);
        HBox top = new HBox(8, presets, windowLabel, overlayBox);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(4));
        setTop(top);

        canvasPane.setStyle("-fx-background-color: black;");
        canvasPane.setMinSize(100, 100);
        canvasPane.setPrefSize(600, 600);
        canvas.widthProperty().bind(canvasPane.widthProperty());
        canvas.heightProperty().bind(canvasPane.heightProperty());
        canvas.setFocusTraversable(true);
        Tooltip.install(canvas, new Tooltip(HELP));
        setCenter(canvasPane);

        slider.setMajorTickUnit(1);
        slider.setSnapToTicks(true);
        slider.setBlockIncrement(1);
        slider.valueProperty().addListener((o, a, b) -> setSliceIndex((int) Math.round(b.doubleValue())));
        HBox.setHgrow(slider, Priority.ALWAYS);
        HBox sliceBar = new HBox(8, new Label("Slice"), slider, sliceLabel);
        sliceBar.setAlignment(Pos.CENTER_LEFT);
        sliceBar.setPadding(new Insets(4));
        readout.setPadding(new Insets(2, 4, 4, 4));
        readout.setStyle("-fx-font-family: monospace;");
        setBottom(new javafx.scene.layout.VBox(sliceBar, readout));

        sliceIndex.addListener((o, a, b) -> {
            slider.setValue(b.intValue());
            renderSlice();
        });
        window.addListener((o, a, b) -> renderSlice());
        level.addListener((o, a, b) -> renderSlice());
        overlayVisible.addListener((o, a, b) -> redraw());
        overlayOpacity.addListener((o, a, b) -> renderSlice());
        canvas.widthProperty().addListener(o -> redraw());
        canvas.heightProperty().addListener(o -> redraw());

        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, this::onPressed);
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::onDragged);
        canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, this::onReleased);
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, e -> updateReadout(e.getX(), e.getY()));
        canvas.addEventHandler(ScrollEvent.SCROLL, this::onScroll);
        addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
        updateWindowLabel();
        redraw();
    }

    // ---------------------------------------------------------------- data

    /**
     * Shows a volume: the middle slice, the label overlay and seed cleared. For CT the current window is kept; for
     * other modalities the window spans the 1st–99th percentile of the values (estimated from at most about a million
     * evenly spaced voxels).
     *
     * @param v the volume, or null to show nothing
     */
    public void setVolume(Volume v) {
        volume = v;
        labels = null;
        seedLps = null;
        if (v == null) {
            grey = overlay = null;
            sliceLabel.setText("no image");
            redraw();
            return;
        }
        ImageGeometry g = v.geometry();
        flipX = g.direction(0)[0] < 0;
        flipY = g.direction(1)[1] < 0;
        grey = new WritableImage(g.columns(), g.rows());
        overlay = new WritableImage(g.columns(), g.rows());
        buffer = new int[g.columns() * g.rows()];
        if (!"CT".equalsIgnoreCase(v.modality())) {
            // percentiles of at most about a million evenly spaced samples
            short[] all = v.values();
            int step = Math.max(1, all.length / 1_000_000);
            short[] s = new short[(all.length + step - 1) / step];
            for (int q = 0, n = 0; q < all.length; q += step) {
                s[n++] = all[q];
            }
            Arrays.sort(s);
            double lo = s[(int) (0.01 * (s.length - 1))], hi = s[(int) (0.99 * (s.length - 1))];
            setWindowLevel(Math.max(1, hi - lo), (hi + lo) / 2);
        }
        slider.setMax(g.slices() - 1);
        int mid = g.slices() / 2;
        if (sliceIndex.get() == mid) {
            renderSlice();
        } else {
            sliceIndex.set(mid);
        }
    }

    /** @return the volume shown, or null */
    public Volume getVolume() {
        return volume;
    }

    /**
     * Sets the label map drawn as overlay (label 1 crimson, further labels other colours, 45 % opaque).
     *
     * @param map a label map on the volume's grid, or null to remove the overlay
     * @throws IllegalArgumentException when the label map is not on the volume's grid
     * @throws IllegalStateException    when no volume is shown
     */
    public void setLabelMap(LabelMap map) {
        LabelOverlayCheck.check(volume, map);
        labels = map;
        renderSlice();
    }

    /** @return the label map shown, or null */
    public LabelMap getLabelMap() {
        return labels;
    }

    /** Sets the seed marker position (LPS mm), or null for none. The slice does not change. */
    public void setSeedLps(double[] lps) {
        seedLps = lps == null ? null : lps.clone();
        redraw();
    }

    /** @return a copy of the seed position (LPS mm), or null */
    public double[] getSeedLps() {
        return seedLps == null ? null : seedLps.clone();
    }

    /** Shows the slice nearest to an LPS position (mm), if it lies in the volume's slice range. */
    public void showSliceOf(double[] lps) {
        if (volume != null) {
            int k = (int) Math.round(volume.geometry().lpsToIndex(lps, null)[2]);
            if (k >= 0 && k < volume.geometry().slices()) {
                setSliceIndex(k);
            }
        }
    }

    /**
     * @param callback receives the LPS position (mm, fresh array {x, y, z}) of the centre of the voxel that was clicked
     *                 with the primary button without dragging; null for none
     */
    public void setOnSeedPicked(Consumer<double[]> callback) {
        onSeedPicked = callback;
    }

    // ---------------------------------------------------------------- properties

    /** @return the shown slice index k (0 … slices−1) */
    public IntegerProperty sliceIndexProperty() {
        return sliceIndex;
    }

    /** @return the shown slice index k */
    public int getSliceIndex() {
        return sliceIndex.get();
    }

    /** Shows slice k, clamped to the volume's slice range. */
    public void setSliceIndex(int k) {
        int max = volume == null ? 0 : volume.geometry().slices() - 1;
        sliceIndex.set(Math.max(0, Math.min(max, k)));
    }

    /** @return the window width (HU) */
    public DoubleProperty windowProperty() {
        return window;
    }

    /** @return the window centre, "level" (HU) */
    public DoubleProperty levelProperty() {
        return level;
    }

    /** @return the window width (HU) */
    public double getWindow() {
        return window.get();
    }

    /** @return the window centre (HU) */
    public double getLevel() {
        return level.get();
    }

    /**
     * @param windowHu width, HU; values below 1 are raised to 1
     * @param levelHu  centre, HU
     */
    public void setWindowLevel(double windowHu, double levelHu) {
        window.set(Math.max(1, windowHu));
        level.set(levelHu);
        WindowPreset p = presets.getValue();
        if (p != null && (p.windowHu() != window.get() || p.levelHu() != level.get())) {
            presets.setValue(null);
        }
        updateWindowLabel();
    }

    /** @return whether the label overlay is drawn */
    public BooleanProperty overlayVisibleProperty() {
        return overlayVisible;
    }

    /** @return overlay opacity in [0, 1] */
    public DoubleProperty overlayOpacityProperty() {
        return overlayOpacity;
    }

    /** @return the drawing canvas (for tests and screenshots) */
    public Canvas canvas() {
        return canvas;
    }

    /** @return the text of the voxel readout line */
    public String readoutText() {
        return readout.getText();
    }

    // ---------------------------------------------------------------- geometry of the display

    /** Display rectangle {x, y, width, height} of the slice in canvas pixels, or null without a volume. */
    private double[] displayRect() {
        if (volume == null) {
            return null;
        }
        ImageGeometry g = volume.geometry();
        double wMm = g.columns() * g.spacingMm(0), hMm = g.rows() * g.spacingMm(1);
        double s = Math.min(canvas.getWidth() / wMm, canvas.getHeight() / hMm);
        double w = wMm * s, h = hMm * s;
        return new double[] {(canvas.getWidth() - w) / 2, (canvas.getHeight() - h) / 2, w, h};
    }

    /**
     * @return the voxel {i, j} under a canvas point, or null when the point is outside the slice or there is no volume
     */
    public int[] voxelAt(double x, double y) {
        double[] r = displayRect();
        if (r == null) {
            return null;
        }
        ImageGeometry g = volume.geometry();
        int u = (int) Math.floor((x - r[0]) / r[2] * g.columns());
        int v = (int) Math.floor((y - r[1]) / r[3] * g.rows());
        if (u < 0 || v < 0 || u >= g.columns() || v >= g.rows()) {
            return null;
        }
        return new int[] {flipX ? g.columns() - 1 - u : u, flipY ? g.rows() - 1 - v : v};
    }

    /**
     * @return the canvas point where the centre of voxel column i, row j (continuous) is drawn; null without a volume
     */
    public Point2D canvasPointOf(double i, double j) {
        double[] r = displayRect();
        if (r == null) {
            return null;
        }
        ImageGeometry g = volume.geometry();
        double u = flipX ? g.columns() - 1 - i : i, v = flipY ? g.rows() - 1 - j : j;
        return new Point2D(r[0] + (u + 0.5) / g.columns() * r[2], r[1] + (v + 0.5) / g.rows() * r[3]);
    }

    // ---------------------------------------------------------------- rendering

    private void updateWindowLabel() {
        windowLabel.setText(String.format("W %.0f  L %.0f", window.get(), level.get()));
    }

    /** Recomputes the slice images (grey values and overlay) and redraws. */
    private void renderSlice() {
        updateWindowLabel();
        if (volume == null || grey == null) {
            redraw();
            return;
        }
        ImageGeometry g = volume.geometry();
        int nc = g.columns(), nr = g.rows(), k = sliceIndex.get();
        short[] vals = volume.values();
        double lo = level.get() - window.get() / 2, scale = 255.0 / window.get();
        int base = nc * nr * k;
        for (int j = 0; j < nr; j++) {
            int v = flipY ? nr - 1 - j : j;
            for (int i = 0; i < nc; i++) {
                int u = flipX ? nc - 1 - i : i;
                double gv = (vals[base + i + nc * j] - lo) * scale;
                int c = gv <= 0 ? 0 : gv >= 255 ? 255 : (int) gv;
                buffer[u + nc * v] = 0xFF000000 | (c << 16) | (c << 8) | c;
            }
        }
        grey.getPixelWriter().setPixels(0, 0, nc, nr, PixelFormat.getIntArgbInstance(), buffer, 0, nc);
        if (labels != null) {
            byte[] lab = labels.labels();
            int alpha = (int) Math.round(255 * Math.max(0, Math.min(1, overlayOpacity.get())));
            for (int j = 0; j < nr; j++) {
                int v = flipY ? nr - 1 - j : j;
                for (int i = 0; i < nc; i++) {
                    int u = flipX ? nc - 1 - i : i;
                    int l = lab[base + i + nc * j] & 0xFF;
                    buffer[u + nc * v] = l == 0 ? 0 : (alpha << 24) | LABEL_RGB[(l - 1) % LABEL_RGB.length];
                }
            }
            overlay.getPixelWriter().setPixels(0, 0, nc, nr, PixelFormat.getIntArgbInstance(), buffer, 0, nc);
        }
        sliceLabel.setText((k + 1) + " / " + g.slices());
        redraw();
    }

    /** Draws the current images and marker into the canvas. */
    private void redraw() {
        GraphicsContext gc = canvas.getGraphicsContext2D();
        gc.setFill(Color.BLACK);
        gc.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
        double[] r = displayRect();
        if (r == null || grey == null) {
            gc.setFill(Color.gray(0.6));
            gc.fillText("No image loaded", 12, 20);
            return;
        }
        gc.setImageSmoothing(false);
        gc.drawImage(grey, r[0], r[1], r[2], r[3]);
        if (labels != null && overlayVisible.get()) {
            gc.drawImage(overlay, r[0], r[1], r[2], r[3]);
        }
        if (seedLps != null) {
            double[] ijk = volume.geometry().lpsToIndex(seedLps, null);
            Point2D p = canvasPointOf(ijk[0], ijk[1]);
            boolean onSlice = Math.abs(ijk[2] - sliceIndex.get()) <= 0.5;
            gc.setStroke(onSlice ? Color.YELLOW : Color.rgb(255, 255, 0, 0.4));
            gc.setLineWidth(onSlice ? 2 : 1);
            double s = 10;
            gc.strokeLine(p.getX() - 2 * s, p.getY(), p.getX() - s / 2, p.getY());
            gc.strokeLine(p.getX() + s / 2, p.getY(), p.getX() + 2 * s, p.getY());
            gc.strokeLine(p.getX(), p.getY() - 2 * s, p.getX(), p.getY() - s / 2);
            gc.strokeLine(p.getX(), p.getY() + s / 2, p.getX(), p.getY() + 2 * s);
            gc.strokeOval(p.getX() - s, p.getY() - s, 2 * s, 2 * s);
        }
        // orientation letters (radiological display: patient right on the screen's left, anterior up)
        gc.setFill(Color.rgb(255, 200, 80));
        gc.fillText("R", r[0] + 4, r[1] + r[3] / 2);
        gc.fillText("L", r[0] + r[2] - 12, r[1] + r[3] / 2);
        gc.fillText("A", r[0] + r[2] / 2, r[1] + 14);
        gc.fillText("P", r[0] + r[2] / 2, r[1] + r[3] - 4);
    }

    // ---------------------------------------------------------------- interaction

    private void onPressed(MouseEvent e) {
        canvas.requestFocus();
        pressX = e.getX();
        pressY = e.getY();
        pressWindow = window.get();
        pressLevel = level.get();
        dragging = false;
        windowing = e.getButton() == MouseButton.SECONDARY
                || (e.getButton() == MouseButton.PRIMARY && (e.isControlDown() || e.isShiftDown()));
    }

    private void onDragged(MouseEvent e) {
        double dx = e.getX() - pressX, dy = e.getY() - pressY;
        if (!dragging && Math.hypot(dx, dy) >= 3) {
            dragging = true;
        }
        if (dragging && windowing) {
            double hu = Math.max(1, pressWindow / 200); // HU per pixel: about half the window over 100 pixels
            setWindowLevel(pressWindow + dx * hu, pressLevel + dy * hu);
        }
        updateReadout(e.getX(), e.getY());
    }

    private void onReleased(MouseEvent e) {
        if (e.getButton() == MouseButton.PRIMARY && !dragging && !windowing && volume != null) {
            int[] ij = voxelAt(e.getX(), e.getY());
            if (ij != null && onSeedPicked != null) {
                double[] lps = volume.geometry().indexToLps(new double[] {ij[0], ij[1], sliceIndex.get()}, null);
                onSeedPicked.accept(lps);
            }
        }
        dragging = false;
        windowing = false;
    }

    private void onScroll(ScrollEvent e) {
        if (e.getDeltaY() > 0) {
            setSliceIndex(sliceIndex.get() + 1);
        } else if (e.getDeltaY() < 0) {
            setSliceIndex(sliceIndex.get() - 1);
        }
        updateReadout(e.getX(), e.getY());
        e.consume();
    }

    private void onKey(KeyEvent e) {
        switch (e.getCode()) {
            case UP -> setSliceIndex(sliceIndex.get() + 1);
            case DOWN -> setSliceIndex(sliceIndex.get() - 1);
            case PAGE_UP -> setSliceIndex(sliceIndex.get() + 10);
            case PAGE_DOWN -> setSliceIndex(sliceIndex.get() - 10);
            default -> {
                return;
            }
        }
        e.consume();
    }

    private void updateReadout(double x, double y) {
        int[] ij = voxelAt(x, y);
        if (ij == null) {
            readout.setText(" ");
            return;
        }
        int k = sliceIndex.get();
        double[] lps = volume.geometry().indexToLps(new double[] {ij[0], ij[1], k}, null);
        String unit = "CT".equalsIgnoreCase(volume.modality()) ? "HU" : "";
        String lab = labels == null ? "" : "  label " + labels.get(ij[0], ij[1], k);
        readout.setText(String.format("voxel (%d, %d, %d)  LPS (%.1f, %.1f, %.1f) mm  %d %s%s", ij[0], ij[1], k,
                lps[0], lps[1], lps[2], volume.get(ij[0], ij[1], k), unit, lab));
    }

    @Override
    public String toString() {
        return "SliceView[" + (volume == null ? "empty" : Objects.toString(volume.geometry())) + ", k=" + sliceIndex.get() + "]";
    }
}
