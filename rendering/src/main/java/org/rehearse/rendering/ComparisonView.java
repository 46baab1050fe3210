package org.rehearse.rendering;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Group;
import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;

/**
 * Side-by-side comparison of 1–6 candidate repairs: per candidate a small {@link SurfaceView3D} with its name and
 * description, and below a table of outcomes (one row per candidate, one column per outcome key, in the order of the
 * first candidate's map followed by keys only later candidates have).
 *
 * <p>A candidate is marked red (red title and frame, red table cell) when one of its outcomes exceeds the upper limit
 * given for that column ({@link #setUpperLimits}); by default a peak gradient above 20 mmHg, the threshold above
 * which a residual coarctation is usually re-treated (2011 AHA scientific statement on interventional paediatric
 * cardiology, Feltes et al., Circulation 123:2607; 2020 ESC guidelines for adult congenital heart disease).
 *
 * <p>Candidates with {@link CandidateHemodynamics} get more: their surfaces coloured per vertex by systolic pressure
 * through {@link ColourRamp}, on ONE range shared by all candidates and shown by one {@link ColourLegend} to the right
 * of the views; {@link HemodynamicsCharts} under the views (pressure along the centerline, proximal/distal waveforms,
 * gradient with its 95 % interval). A "Δ vs native" check box shows the table as differences from the candidate
 * whose name starts with "native" (case-insensitive). {@link #setPresentationScale} enlarges all fonts.
 *
 * <p>The cameras of the small views are linked: turning, panning or zooming one moves all. {@link #snapshot} and
 * {@link #renderOffscreen} produce an image of the whole comparison (3D views included). All instance methods must be
 * called on the JavaFX application thread.
 */
public class ComparisonView extends BorderPane {
    /** Default upper limits: column header → limit in the column's unit. */
    public static final Map<String, Double> DEFAULT_UPPER_LIMITS = Map.of("Peak-to-peak gradient (mmHg)", 20.0);
    /** Most candidates shown side by side. */
    public static final int MAX_CANDIDATES = 6;
    /** Home view of the candidates' 3D views: left anterior oblique 60°, which opens the aortic arch. */
    public static final double LAO_AZIMUTH_DEG = -60;
    private static final Color OK_COLOUR = Color.rgb(200, 30, 45);

    private final HBox cards = new HBox(8);
    private final TableView<CandidateDisplay> table = new TableView<>();
    private final List<SurfaceView3D> views = new ArrayList<>();
    private final List<GradientHistogram> histograms = new ArrayList<>();
    private final Label title = new Label("Candidate repairs");
    private final ColourLegend legend = new ColourLegend();
    private final HemodynamicsCharts charts = new HemodynamicsCharts();
    private final javafx.scene.control.CheckBox deltaToggle = new javafx.scene.control.CheckBox("Δ vs native");
    private final javafx.scene.control.ComboBox<String> colourBy = new javafx.scene.control.ComboBox<>(
            javafx.collections.FXCollections.observableArrayList(CandidateHemodynamics.SURFACE_SCALAR,
                    CandidateHemodynamics.WSS_SCALAR));
    private CandidateDisplay reference;
    private double fontScale = 1;
    private String referenceName;
    private Map<String, Double> upperLimits = new LinkedHashMap<>(DEFAULT_UPPER_LIMITS);
    private List<CandidateDisplay> candidates = List.of();

    /** An empty comparison. */
    public ComparisonView() {
        title.setFont(Font.font(null, FontWeight.BOLD, 16));
        title.setPadding(new Insets(4, 8, 4, 8));
        deltaToggle.setId("deltaToggle");
        deltaToggle.setTooltip(new javafx.scene.control.Tooltip(
                "Show each candidate's outcomes as the difference from the native (unrepaired) vessel"));
        deltaToggle.selectedProperty().addListener((o, a, b) -> table.refresh());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        colourBy.setId("colourBy");
        colourBy.setValue(CandidateHemodynamics.SURFACE_SCALAR);
        colourBy.valueProperty().addListener((o, a, b) -> {
            if (candidates.isEmpty()) return;
            CameraState cam = views.isEmpty() ? null : views.get(0).getCameraState();
            setCandidates(candidates);
            if (cam != null && !views.isEmpty()) views.get(0).setCameraState(cam);
        });
        HBox top = new HBox(8, title, gap, new javafx.scene.control.Label("Colour by"), colourBy, deltaToggle);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(0, 8, 0, 0));
        setTop(top);
        cards.setPadding(new Insets(4, 8, 4, 8));
        cards.setFillHeight(true);
        HBox.setHgrow(cards, Priority.ALWAYS);
        legend.setVisible(false);
        legend.setManaged(false);
        HBox viewsRow = new HBox(4, cards, legend);
        VBox.setVgrow(viewsRow, Priority.ALWAYS);
        charts.setPrefHeight(250);
        charts.setMinHeight(150);
        charts.setPadding(new Insets(0, 8, 0, 8));
        charts.setVisible(false);
        charts.setManaged(false);
        setCenter(new VBox(4, viewsRow, charts));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No candidates"));
        BorderPane.setMargin(table, new Insets(4, 8, 8, 8));
        setBottom(table);
        setStyle("-fx-background-color: #f4f4f4;");
        getStyleClass().add("comparison-view");
        getStylesheets().add(ComparisonView.class.getResource("comparison-view.css").toExternalForm());
        setPrefSize(1400, 800);
    }

    /** A comparison of the given candidates (see {@link #setCandidates}). */
    public ComparisonView(List<CandidateDisplay> candidates) {
        this();
        setCandidates(candidates);
    }

    /** Sets the title line above the views. */
    public void setTitle(String text) {
        title.setText(text);
    }

    /**
     * Sets the upper limits that mark a candidate red and re-marks the current candidates.
     *
     * @param limits column header → limit, in the column's unit (copied)
     */
    public void setUpperLimits(Map<String, Double> limits) {
        upperLimits = new LinkedHashMap<>(limits);
        setCandidates(candidates);
    }

    /** @return true when one of the candidate's outcomes is above its column's upper limit */
    public boolean exceedsLimit(CandidateDisplay c) {
        for (Map.Entry<String, Double> e : c.outcomes().entrySet()) {
            if (exceeds(e.getKey(), e.getValue())) {
                return true;
            }
        }
        return false;
    }

    private boolean exceeds(String key, Double value) {
        Double limit = upperLimits.get(key);
        return limit != null && value != null && !value.isNaN() && value > limit;
    }

    /**
     * Shows candidates: one linked 3D view each, framed on the union of their surfaces, and the outcome table.
     *
     * @param list 0 to {@value #MAX_CANDIDATES} candidates (0 clears the view)
     * @throws IllegalArgumentException when more than {@value #MAX_CANDIDATES} candidates are given
     */
    public void setCandidates(List<CandidateDisplay> list) {
        if (list.size() > MAX_CANDIDATES) {
            throw new IllegalArgumentException("at most " + MAX_CANDIDATES + " candidates can be compared, got " + list.size());
        }
        candidates = List.copyOf(list);
        cards.getChildren().clear();
        views.clear();
        histograms.clear();
        double[] bounds = null;
        double smin = Double.POSITIVE_INFINITY, smax = Double.NEGATIVE_INFINITY;
        boolean anyHemo = false;
        for (CandidateDisplay c : candidates) {
            double[] vals = scalars(c);
            anyHemo |= c.hemodynamics() != null;
            if (vals == null) continue;
            for (double x : vals) {
                if (Double.isFinite(x)) {
                    smin = Math.min(smin, x);
                    smax = Math.max(smax, x);
                }
            }
        }
        boolean coloured = smin <= smax;
        if (coloured && smax - smin < 1) {
            smin -= 0.5;
            smax += 0.5;
        }
        legend.setVisible(coloured);
        legend.setManaged(coloured);
        if (coloured) {
            legend.setRange(colourBy.getValue(), smin, smax);
        }
        charts.setVisible(anyHemo);
        charts.setManaged(anyHemo);
        charts.setCandidates(candidates);
        reference = null;
        for (CandidateDisplay c : candidates) {
            boolean isReference = referenceName != null ? c.name().equals(referenceName)
                    : c.name().toLowerCase(java.util.Locale.ROOT).startsWith("native");
            if (reference == null && isReference) reference = c;
        }
        deltaToggle.setDisable(reference == null);
        if (reference == null) deltaToggle.setSelected(false);
        for (CandidateDisplay c : candidates) {
            boolean bad = exceedsLimit(c);
            SurfaceView3D v = new SurfaceView3D();
            v.setHomeAngles(LAO_AZIMUTH_DEG, 0);
            v.setPrefSize(300, 300);
            v.setMinSize(80, 80);
            v.setBackground3D(Color.rgb(28, 30, 38));
            if (c.surface() != null && c.surface().triangleCount() > 0) {
                double[] vals = coloured ? scalars(c) : null;
                if (vals != null) {
                    v.addSurface(c.surface(), vals, smin, smax);
                } else {
                    v.addSurface(c.surface(), OK_COLOUR);
                }
                double[] b = FxMeshes.sceneBounds(c.surface());
                if (bounds == null) {
                    bounds = b;
                } else {
                    for (int a = 0; a < 3; a++) {
                        bounds[a] = Math.min(bounds[a], b[a]);
                        bounds[a + 3] = Math.max(bounds[a + 3], b[a + 3]);
                    }
                }
            }
            if (!views.isEmpty()) {
                v.cameraStateProperty().bindBidirectional(views.get(0).cameraStateProperty());
            }
            views.add(v);
            Label name = new Label(c.name() + (bad ? "  ▲ above limit" : ""));
            name.setFont(Font.font(null, FontWeight.BOLD, 14 * fontScale));
            name.setTextFill(bad ? Color.RED.darker() : Color.BLACK);
            Label desc = new Label(c.description());
            desc.setWrapText(true);
            desc.setFont(Font.font(12 * fontScale));
            desc.setMaxHeight(40);
            VBox card = new VBox(4, name, v, desc);
            if (c.gradientSamplesMmHg() != null) {
                GradientHistogram hist = new GradientHistogram();
                hist.setSamples(c.gradientSamplesMmHg());
                histograms.add(hist);
                card.getChildren().add(hist);
            }
            card.setAlignment(Pos.TOP_CENTER);
            card.setPadding(new Insets(4));
            card.setStyle(bad ? "-fx-border-color: red; -fx-border-width: 3; -fx-background-color: #fff0f0;"
                    : "-fx-border-color: #b0b0b0; -fx-border-width: 1; -fx-background-color: white;");
            VBox.setVgrow(v, Priority.ALWAYS);
            HBox.setHgrow(card, Priority.ALWAYS);
            card.setMaxWidth(Double.MAX_VALUE);
            card.setMinWidth(100);
            card.setPrefWidth(300);
            cards.getChildren().add(card);
        }
        if (!views.isEmpty()) {
            views.get(0).setCameraState(bounds == null ? CameraState.DEFAULT : SurfaceView3D.framing(bounds));
        }
        for (int i = 0; i < candidates.size() && i < views.size(); i++) showMarkers(views.get(i), candidates.get(i).name());
        double hmin = 0, hmax = 25;
        for (CandidateDisplay c : candidates) {
            if (c.gradientSamplesMmHg() == null) continue;
            for (double x : c.gradientSamplesMmHg()) {
                hmin = Math.min(hmin, x);
                hmax = Math.max(hmax, x);
            }
        }
        for (GradientHistogram hg : histograms) hg.setRange(Math.floor(hmin / 5) * 5, Math.ceil(hmax / 5) * 5, 20);
        buildTable();
    }

    private double[] scalars(CandidateDisplay c) {
        CandidateHemodynamics h = c.hemodynamics();
        if (h == null || c.surface() == null) return null;
        double[] v = colourBy.getValue().equals(CandidateHemodynamics.WSS_SCALAR) ? h.vertexWssPa() : h.vertexSystolicMmHg();
        return v == null || v.length != c.surface().vertexCount() ? null : v;
    }

    /** Receives a marker's new arc length while it is dragged and when it is released. */
    @FunctionalInterface
    public interface MarkerListener {
        /**
         * @param candidate the candidate's display name
         * @param parameter the marker's parameter (e.g. {@code startMm})
         * @param valueMm   its new arc length along the native centerline (mm)
         * @param released  true on release (the last call of a drag)
         */
        void moved(String candidate, String parameter, double valueMm, boolean released);
    }

    private MarkerListener markerListener = (c, p, v, r) -> { };
    private final java.util.Map<String, RepairMarkers> markers = new java.util.HashMap<>();

    /** @param l called while a repair's marker is dragged along the centerline */
    public void setOnMarkerMoved(MarkerListener l) {
        markerListener = l == null ? (c, p, v, r) -> { } : l;
    }

    /**
     * Shows a candidate's position parameters as yellow spheres on the centerline in its 3D view; dragging one moves
     * it along the centerline (to the centerline point nearest the mouse on the screen) and reports the new arc length.
     *
     * @param candidate the candidate's display name
     * @param m         its markers, or null to remove them
     */
    public void setMarkers(String candidate, RepairMarkers m) {
        if (m == null) markers.remove(candidate); else markers.put(candidate, m);
        for (int i = 0; i < candidates.size() && i < views.size(); i++) {
            if (candidates.get(i).name().equals(candidate)) showMarkers(views.get(i), candidate);
        }
    }

    /** @return the marker spheres of a candidate's view, parameter name → sphere (empty when none) */
    public java.util.Map<String, javafx.scene.shape.Sphere> markerSpheres(String candidate) {
        java.util.Map<String, javafx.scene.shape.Sphere> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < candidates.size() && i < views.size(); i++) {
            if (!candidates.get(i).name().equals(candidate)) continue;
            for (javafx.scene.Node n : views.get(i).overlay().getChildren()) {
                if (n instanceof javafx.scene.shape.Sphere sp) out.put((String) sp.getUserData(), sp);
            }
        }
        return out;
    }

    private void showMarkers(SurfaceView3D view, String candidate) {
        view.overlay().getChildren().clear();
        RepairMarkers m = markers.get(candidate);
        if (m == null) return;
        for (java.util.Map.Entry<String, Double> e : m.positionsMm().entrySet()) {
            javafx.scene.shape.Sphere sp = new javafx.scene.shape.Sphere(1.0);
            javafx.scene.paint.PhongMaterial gold = new javafx.scene.paint.PhongMaterial(Color.GOLD);
            sp.setMaterial(gold);
            sp.setUserData(e.getKey());
            place(sp, m, e.getValue());
            sp.setCursor(javafx.scene.Cursor.HAND);
            double[] current = {e.getValue()};
            sp.setOnMousePressed(ev -> ev.consume());
            sp.setOnMouseDragged(ev -> {
                current[0] = nearestArcLength(view, m, ev.getScreenX(), ev.getScreenY());
                place(sp, m, current[0]);
                markerListener.moved(candidate, e.getKey(), current[0], false);
                ev.consume();
            });
            sp.setOnMouseReleased(ev -> {
                markerListener.moved(candidate, e.getKey(), current[0], true);
                ev.consume();
            });
            view.overlay().getChildren().add(sp);
        }
    }

    private static void place(javafx.scene.shape.Sphere sp, RepairMarkers m, double sMm) {
        javafx.geometry.Point3D p = FxMeshes.lpsToScene(m.positionAt(sMm));
        double r = m.beadRadiusMm(sMm);
        sp.setScaleX(r);
        sp.setScaleY(r);
        sp.setScaleZ(r);
        sp.setTranslateX(p.getX());
        sp.setTranslateY(p.getY());
        sp.setTranslateZ(p.getZ());
    }

    /** The arc length of the centerline point whose screen position is nearest to (x, y). */
    static double nearestArcLength(SurfaceView3D view, RepairMarkers m, double screenX, double screenY) {
        double best = Double.POSITIVE_INFINITY, s = m.arcLengthMm()[0];
        double[] arc = m.arcLengthMm();
        for (int i = 0; i < arc.length; i++) {
            javafx.geometry.Point3D p = FxMeshes.lpsToScene(m.positionAt(arc[i]));
            javafx.geometry.Point2D q = view.overlay().localToScreen(p.getX(), p.getY(), p.getZ());
            if (q == null) continue;
            double d = (q.getX() - screenX) * (q.getX() - screenX) + (q.getY() - screenY) * (q.getY() - screenY);
            if (d < best) {
                best = d;
                s = arc[i];
            }
        }
        return s;
    }

    /** @return the choice of the scalar the surfaces are coloured by ({@link CandidateHemodynamics#SURFACE_SCALAR} or
     *  {@link CandidateHemodynamics#WSS_SCALAR}) */
    public javafx.scene.control.ComboBox<String> colourBy() {
        return colourBy;
    }

    private void buildTable() {
        table.getColumns().clear();
        TableColumn<CandidateDisplay, String> nameCol = new TableColumn<>("Candidate");
        nameCol.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(cd.getValue().name()));
        nameCol.setPrefWidth(180);
        table.getColumns().add(nameCol);
        Set<String> keys = new LinkedHashSet<>();
        candidates.forEach(c -> keys.addAll(c.outcomes().keySet()));
        for (String key : keys) {
            TableColumn<CandidateDisplay, Double> col = new TableColumn<>(key);
            col.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(cd.getValue().outcomes().get(key)));
            col.setCellFactory(tc -> new TableCell<>() {
                @Override
                protected void updateItem(Double v, boolean empty) {
                    super.updateItem(v, empty);
                    if (empty) {
                        setText(null);
                        setStyle("");
                        return;
                    }
                    CandidateDisplay row = getTableRow() == null ? null : getTableRow().getItem();
                    if (deltaToggle.isSelected() && reference != null && row != null && row != reference) {
                        Double r = reference.outcomes().get(key);
                        double d = v == null || r == null ? Double.NaN : v - r;
                        setText(Double.isNaN(d) ? "—" : (d >= 0 ? "+" : "") + format(d, significantDecimals(d)));
                    } else {
                        setText(format(v, significantDecimals(v)));
                    }
                    setStyle(exceeds(key, v) ? "-fx-text-fill: red; -fx-font-weight: bold; -fx-alignment: CENTER-RIGHT;"
                            : "-fx-alignment: CENTER-RIGHT;");
                }
            });
            col.setPrefWidth(Math.max(110, 7.5 * key.length()));
            table.getColumns().add(col);
        }
        table.getItems().setAll(candidates);
        double cell = Math.round(26 * fontScale);
        table.setFixedCellSize(cell);
        table.setPrefHeight(cell * Math.max(1, candidates.size()) + 52 * fontScale + 4);
        table.setMinHeight(table.getPrefHeight());
    }

    /** @return decimals that keep about three significant digits: 0 from 100, 1 from 1, else 2 */
    static int significantDecimals(Double v) {
        double a = v == null || v.isNaN() ? 0 : Math.abs(v);
        return a >= 100 ? 0 : a >= 1 ? 1 : 2;
    }

    /** @return the value with the given number of decimals, "—" when missing or NaN */
    static String format(Double v, int decimals) {
        if (v == null || v.isNaN()) {
            return "—";
        }
        return String.format("%." + decimals + "f", v);
    }

    /** @return the candidates shown */
    public List<CandidateDisplay> candidates() {
        return candidates;
    }

    /** @return the gradient histograms, one per sampled candidate in order */
    public List<GradientHistogram> histograms() {
        return List.copyOf(histograms);
    }

    /** @return the small 3D views, one per candidate in order */
    public List<SurfaceView3D> surfaceViews() {
        return List.copyOf(views);
    }

    /**
     * Scales the fonts of the whole comparison (titles, table, charts, legend), e.g. 1.6 for a presentation on a
     * conference-room screen; 1 is the normal size.
     *
     * @param scale font scale, 0.5 … 4
     * @throws IllegalArgumentException outside that range
     */
    public void setPresentationScale(double scale) {
        if (!(scale >= 0.5 && scale <= 4)) {
            throw new IllegalArgumentException("font scale must be within 0.5 … 4, got " + scale);
        }
        fontScale = scale;
        title.setFont(Font.font(null, FontWeight.BOLD, 16 * scale));
        String size = String.format(java.util.Locale.ROOT, "-fx-font-size: %.1fpx;", 12 * scale);
        table.setStyle(size);
        charts.setStyle(size);
        legend.setStyle(size);
        deltaToggle.setStyle(size);
        javafx.scene.Node cam = views.isEmpty() ? null : views.get(0);
        CameraState state = views.isEmpty() ? null : views.get(0).getCameraState();
        setCandidates(candidates);
        if (cam != null && !views.isEmpty()) {
            views.get(0).setCameraState(state);
        }
    }

    /**
     * Names the candidate the "Δ vs native" table subtracts (the unrepaired vessel), e.g. when the user renamed it.
     *
     * @param name a candidate's name, or null to take the first whose name starts with "native"
     */
    public void setReferenceName(String name) {
        referenceName = name;
        setCandidates(candidates);
    }

    /** @return the font scale ({@link #setPresentationScale}) */
    public double presentationScale() {
        return fontScale;
    }

    /** @return the one colour legend shared by all candidates' surfaces (hidden when they are not coloured) */
    public ColourLegend legend() {
        return legend;
    }

    /** @return the charts (pressure along the centerline, waveforms, gradient with interval) */
    public HemodynamicsCharts charts() {
        return charts;
    }

    /** @return the check box that shows the table as differences from the native candidate */
    public javafx.scene.control.CheckBox deltaToggle() {
        return deltaToggle;
    }

    /**
     * @param c   a candidate row
     * @param key a column header
     * @return the text the table shows in that cell now (a difference from native when {@link #deltaToggle()} is on)
     */
    public String cellText(CandidateDisplay c, String key) {
        Double v = c.outcomes().get(key);
        if (deltaToggle.isSelected() && reference != null && c != reference) {
            Double r = reference.outcomes().get(key);
            double d = v == null || r == null ? Double.NaN : v - r;
            return Double.isNaN(d) ? "—" : (d >= 0 ? "+" : "") + format(d, significantDecimals(d));
        }
        return format(v, significantDecimals(v));
    }

    /** @return the outcome table */
    public TableView<CandidateDisplay> table() {
        return table;
    }

    /** Resets the linked cameras to the anterior view framing all surfaces. */
    public void resetView() {
        setCandidates(candidates);
    }

    /**
     * An image of the whole comparison at the given size. When this view is not in a scene it is put into a
     * temporary (not shown) {@link Scene} for the snapshot, because a SubScene renders only inside a Scene, and taken
     * out again afterwards.
     *
     * @param width  pixels (used only when the view is not in a scene; otherwise its current size is used)
     * @param height pixels (idem)
     * @return the image (FX thread only)
     */
    public WritableImage snapshot(double width, double height) {
        if (getScene() != null) {
            applyCss();
            layout();
            return snapshot(new SnapshotParameters(), null);
        }
        Scene scene = new Scene(this, width, height);
        try {
            applyCss();
            layout();
            return scene.snapshot(null);
        } finally {
            scene.setRoot(new Group());
        }
    }

    /**
     * Renders a comparison off-screen, from any thread (starts JavaFX when needed; a display is required, Xvfb will do).
     *
     * @param candidates  the candidates (0–6)
     * @param upperLimits column header → upper limit (mark red above), or null for {@link #DEFAULT_UPPER_LIMITS}
     * @param width       image width in pixels
     * @param height      image height in pixels
     */
    public static WritableImage renderOffscreen(List<CandidateDisplay> candidates, Map<String, Double> upperLimits,
                                                int width, int height) {
        return FxThread.call(() -> {
            ComparisonView v = new ComparisonView();
            if (upperLimits != null) {
                v.upperLimits = new LinkedHashMap<>(upperLimits);
            }
            v.setCandidates(candidates);
            return v.snapshot(width, height);
        });
    }

    /**
     * Renders a comparison off-screen (see {@link #renderOffscreen}) and writes it as PNG.
     *
     * @throws IOException when the file cannot be written
     */
    public static void writePng(List<CandidateDisplay> candidates, Map<String, Double> upperLimits, int width, int height,
                                Path file) throws IOException {
        FxThread.writePng(renderOffscreen(candidates, upperLimits, width, height), file);
    }
}
