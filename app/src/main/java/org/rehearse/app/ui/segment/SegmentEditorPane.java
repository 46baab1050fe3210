package org.rehearse.app.ui.segment;

import org.rehearse.app.ui.CaseTask;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.concurrent.Worker;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ColorPicker;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.Duration;
import org.rehearse.rendering.OrthoSliceView;
import org.rehearse.rendering.SurfaceView3D;
import org.rehearse.rendering.WindowPreset;
import org.rehearse.segmentation.Progress;
import org.rehearse.segmentation.edit.Autosave;
import org.rehearse.segmentation.edit.Connectivity;
import org.rehearse.segmentation.edit.Edit;
import org.rehearse.segmentation.edit.GrowParameters;
import org.rehearse.segmentation.edit.LabelInfo;
import org.rehearse.segmentation.edit.SegmentEditor;
import org.rehearse.segmentation.edit.Segmentation;
import org.rehearse.segmentation.edit.SliceOrientation;
import org.rehearse.segmentation.edit.UndoStack;
import org.rehearse.segmentation.image.ImageGeometry;
import org.rehearse.segmentation.image.LabelMap;
import org.rehearse.segmentation.image.Volume;
import org.rehearse.segmentation.mesh.SurfaceExtractor;
import org.rehearse.segmentation.mesh.SurfaceMesh;
import org.rehearse.segmentation.mesh.SurfaceParameters;
import org.rehearse.segmentation.nifti.NiftiLabelIo;
import org.rehearse.segmentation.segment.AortaLabel;
import org.rehearse.segmentation.segment.AortaSegmentation;
import org.rehearse.segmentation.segment.AortaSegmenter;
import org.rehearse.segmentation.segment.SegmentationParameters;

/**
 * The segmentation workstation (issue 5), after 3D Slicer's Segment Editor and ITK-SNAP: axial, coronal and sagittal
 * {@link OrthoSliceView}s with a linked cursor beside a {@link SurfaceView3D} of each label's surface, a label list,
 * and a tools panel driving the headless {@link SegmentEditor}: threshold with live preview, seeded region growing
 * with leak stop (one click on the aorta with the Grow tool segments it), paint and erase (disc or sphere, radius in
 * mm, one undo step per drag), islands, hole filling, margins, smoothing, plane cut, undo/redo (Ctrl+Z, Ctrl+Y,
 * Ctrl+Shift+Z), and NIfTI label import. Keys C, P, E, G, A select the Cursor, Paint, Erase, Grow and Aorta tools.
 *
 * <p>Threading: the brush, undo/redo and label-list changes run on the JavaFX thread (they are small, sparse edits);
 * the other tools run one at a time on a background thread as a cancellable {@link CaseTask} (a cancelled tool's
 * edit is undone), during which the editing controls refuse work. Surfaces are built off the FX thread from a copy of
 * the label map; the scene graph is only touched on the FX thread.
 *
 * <p>Nothing lost: with an autosave folder, the segmentation is saved in the background ({@link Autosave}) after every
 * tool, stroke, undo/redo and label change, and every {@link #autosaveIntervalSeconds()} seconds when it changed;
 * {@link #offerRecovery()} offers the newest autosave of the folder in a dialog.
 *
 * <p>Bad input (a seed outside the image or in air, a threshold range that selects nothing or everything, a label file
 * on another grid, an unparsable number) is reported in an error dialog with the edit layer's message (no stack
 * trace), and the segmentation stays as it was. All public methods must be called on the JavaFX application thread.
 */
public class SegmentEditorPane extends BorderPane {
    /** The active mouse tool of the slice views. */
    public enum Tool {
        /** Click/drag moves the linked cursor. */
        NAVIGATE,
        /** Drag paints the selected label (disc in the view's plane, or sphere). */
        PAINT,
        /** Drag erases the selected label. */
        ERASE,
        /** Click adds a seed and grows the selected label from all seeds. */
        GROW,
        /**
         * Click in the aorta: the automatic aorta segmentation ({@link AortaSegmenter}, centreline tracking with a
         * leak-checked region grow) from that point is added to the selected label.
         */
        AORTA
    }

    /** Which side of the cursor plane a cut removes. */
    public enum CutSide {
        /** Removes the part superior to the axial plane through the cursor. */
        SUPERIOR("superior of the cursor (axial plane)", new double[] {0, 0, 1}),
        /** Removes the part inferior to the axial plane through the cursor. */
        INFERIOR("inferior of the cursor (axial plane)", new double[] {0, 0, -1}),
        /** Removes the part anterior to the coronal plane through the cursor. */
        ANTERIOR("anterior of the cursor (coronal plane)", new double[] {0, -1, 0}),
        /** Removes the part posterior to the coronal plane through the cursor. */
        POSTERIOR("posterior of the cursor (coronal plane)", new double[] {0, 1, 0}),
        /** Removes the part to the patient's right of the sagittal plane through the cursor. */
        RIGHT("right of the cursor (sagittal plane)", new double[] {-1, 0, 0}),
        /** Removes the part to the patient's left of the sagittal plane through the cursor. */
        LEFT("left of the cursor (sagittal plane)", new double[] {1, 0, 0});

        private final String text;
        private final double[] normalLps;

        CutSide(String text, double[] normalLps) {
            this.text = text;
            this.normalLps = normalLps;
        }

        /** @return the unit normal (LPS) pointing to the removed side */
        public double[] normalLps() {
            return normalLps.clone();
        }

        @Override
        public String toString() {
            return "Remove " + text;
        }
    }

    /** Default colour of the aorta label (0xRRGGBB). */
    public static final int AORTA_RGB = 0xC8182C;
    /** Label names offered when adding a label. */
    public static final List<String> SUGGESTED_NAMES = List.of("aorta", "branches", "heart", "barrier",
            "pulmonary artery", "calcification");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final Volume volume;
    private Segmentation segmentation;
    private SegmentEditor editor;
    private final OrthoSliceView axial = new OrthoSliceView(SliceOrientation.AXIAL);
    private final OrthoSliceView coronal = new OrthoSliceView(SliceOrientation.CORONAL);
    private final OrthoSliceView sagittal = new OrthoSliceView(SliceOrientation.SAGITTAL);
    private final List<OrthoSliceView> views = List.of(axial, coronal, sagittal);
    private final SurfaceView3D surfaceView = new SurfaceView3D();
    private final ListView<LabelInfo> labelList = new ListView<>();
    private final Label labelVolume = new Label(" ");
    private final ColorPicker colourPicker = new ColorPicker();
    private final ToggleGroup toolGroup = new ToggleGroup();
    private final Map<Tool, ToggleButton> toolButtons = new HashMap<>();
    private final ObjectProperty<Tool> tool = new SimpleObjectProperty<>(this, "tool", Tool.NAVIGATE);
    private final TextField brushRadius = field("brushRadius", "3");
    private final CheckBox brushSphere = new CheckBox("3D sphere");
    private final TextField rangeLo = field("rangeLo", "150");
    private final TextField rangeHi = field("rangeHi", "700");
    private final CheckBox preview = new CheckBox("Preview");
    private final TextField maxCrossSection = field("maxCrossSection", "2000");
    private final ComboBox<Object> barrier = new ComboBox<>();
    private final Label seedCount = new Label("0 seeds");
    private final TextField minIsland = field("minIsland", "100");
    private final TextField margin = field("margin", "1");
    private final TextField smoothing = field("smoothing", "1");
    private final ComboBox<CutSide> cutSide = new ComboBox<>();
    private final CheckBox overwrite = new CheckBox("Overwrite other labels");
    private final CheckBox show3d = new CheckBox("3D surfaces");
    private final Slider opacity = new Slider(0, 1, 0.5);
    private final ComboBox<WindowPreset> presets = new ComboBox<>();
    private final Button undoButton = new Button("Undo");
    private final Button applyButton = new Button("Use for planning");
    private java.util.function.Consumer<LabelMap> onApply;
    private final Button redoButton = new Button("Redo");
    private final Label status = new Label("Ready.");
    private final Label autosaveStatus = new Label("");
    private final ProgressBar progressBar = new ProgressBar(0);
    private final Button cancelButton = new Button("Cancel");
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private final ObjectProperty<String> lastError = new SimpleObjectProperty<>(this, "lastError");
    private final ObjectProperty<Path> lastAutosave = new SimpleObjectProperty<>(this, "lastAutosave");
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> daemon(r, "segment-editor"));
    private final ExecutorService surfaceWorker = Executors.newSingleThreadExecutor(r -> daemon(r, "segment-surfaces"));
    private final List<double[]> seeds = new ArrayList<>();
    private final Map<Integer, SurfaceMesh> surfaces = new HashMap<>();
    private final Set<Integer> dirtySurfaces = new LinkedHashSet<>();
    private CaseTask<?> currentTask;
    private CaseTask<?> surfaceTask;
    private boolean surfacesFramed;
    private final Autosave autosave;
    private final Timeline autosaveTimer = new Timeline();
    private CompletableFuture<Path> lastSave = CompletableFuture.completedFuture(null);
    private double autosaveIntervalSeconds = 30;
    private SegmentEditor.Stroke stroke;
    private double[] strokeLast;
    private boolean syncing;

    /**
     * @param volume         the CT (Hounsfield units)
     * @param initial        the segmentation to edit (on the volume's grid; edited in place), or null for a new one with
     *                       the label "aorta"
     * @param autosaveFolder where to autosave, or null for no autosave
     * @throws IllegalArgumentException when the segmentation lies on another grid than the volume
     * @throws IOException              when the autosave folder cannot be created
     */
    public SegmentEditorPane(Volume volume, Segmentation initial, Path autosaveFolder) throws IOException {
        this.volume = volume;
        Segmentation s = initial;
        if (s == null) {
            s = new Segmentation(volume.geometry());
            s.addLabel(new LabelInfo(1, "aorta", AORTA_RGB));
        }
        this.autosave = autosaveFolder == null ? null : new Autosave(autosaveFolder);
        for (OrthoSliceView v : views) {
            v.setVolume(volume);
            Tooltip.install(v.canvas(), new Tooltip(OrthoSliceView.HELP));
            v.setOnCursorMoved(this::cursorMoved);
            v.setOnWindowChanged(this::windowChanged);
            v.overlayOpacityProperty().bind(opacity.valueProperty());
        }
        setTop(toolBar());
        setCenter(viewGrid());
        setRight(toolsPanel());
        setBottom(statusBar());
        setDocument(s);
        tool.addListener((o, a, b) -> toolChanged());
        toolButtons.get(Tool.AORTA).setSelected(true);
        presets.setValue(WindowPreset.CT_PRESETS.get(0));
        addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
        autosaveTimer.setCycleCount(Timeline.INDEFINITE);
        setAutosaveIntervalSeconds(autosaveIntervalSeconds);
        if (autosave != null) {
            autosaveTimer.play();
        }
        sceneProperty().addListener((o, a, sc) -> {
            if (sc == null) {
                autosaveTimer.stop();
            }
        });
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static TextField field(String id, String value) {
        TextField f = new TextField(value);
        f.setId(id);
        f.setPrefColumnCount(5);
        return f;
    }

    private void setDocument(Segmentation s) {
        if (!s.geometry().sameGrid(volume.geometry(), Segmentation.GRID_TOLERANCE_MM)) {
            throw new IllegalArgumentException("segmentation grid " + s.geometry() + " differs from the image grid "
                    + volume.geometry());
        }
        segmentation = s;
        editor = new SegmentEditor(s, volume);
        editor.setOverwriteOtherLabels(overwrite.isSelected());
        for (OrthoSliceView v : views) {
            v.setLabelMap(s.labelMap());
        }
        seeds.clear();
        surfaces.clear();
        dirtySurfaces.clear();
        s.labels().forEach(l -> dirtySurfaces.add(l.value()));
        refreshLabels(s.labels().isEmpty() ? -1 : s.labels().get(0).value());
        refreshViews();
        updateUndoButtons();
        redraw3d();
        buildSurfaces();
    }

    // ------------------------------------------------------------------------------------------------ layout

    private ToolBar toolBar() {
        undoButton.setId("undo");
        redoButton.setId("redo");
        undoButton.setOnAction(e -> undo());
        redoButton.setOnAction(e -> redo());
        Button importButton = new Button("Import NIfTI labels…");
        importButton.setId("importNifti");
        importButton.setOnAction(e -> chooseImport());
        presets.setId("presets");
        WindowPreset.install(presets, this::setWindowLevel);
        opacity.setId("opacity");
        opacity.setPrefWidth(110);
        show3d.setId("show3d");
        show3d.setSelected(true);
        show3d.selectedProperty().addListener((o, a, on) -> {
            if (on) {
                buildSurfaces();
            } else {
                redraw3d();
            }
        });
        Button resetZoom = new Button("Fit views");
        resetZoom.setOnAction(e -> {
            views.forEach(OrthoSliceView::resetZoom);
            surfaceView.resetView();
        });
        applyButton.setId("applyToCase");
        applyButton.setOnAction(e -> applyToCase());
        applyButton.setVisible(false);
        applyButton.setManaged(false);
        applyButton.setTooltip(new Tooltip("Use the selected label as the aorta of the case (3D surface, planning)"));
        return new ToolBar(undoButton, redoButton, new Separator(), importButton, applyButton, new Separator(),
                new Label("Window"), presets, new Label("Overlay"), opacity, show3d, resetZoom);
    }

    private GridPane viewGrid() {
        GridPane grid = new GridPane();
        grid.setHgap(2);
        grid.setVgap(2);
        grid.setStyle("-fx-background-color: #303030;");
        grid.add(axial, 0, 0);
        grid.add(surfaceView, 1, 0);
        grid.add(coronal, 0, 1);
        grid.add(sagittal, 1, 1);
        for (int c = 0; c < 2; c++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(50);
            cc.setHgrow(Priority.ALWAYS);
            grid.getColumnConstraints().add(cc);
            RowConstraints rc = new RowConstraints();
            rc.setPercentHeight(50);
            rc.setVgrow(Priority.ALWAYS);
            grid.getRowConstraints().add(rc);
        }
        for (Region r : List.of(axial, coronal, sagittal, surfaceView)) {
            r.setMinSize(100, 100);
            r.setPrefSize(400, 400);
            r.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
        }
        surfaceView.setHomeAngles(0, 0);
        return grid;
    }

    private ScrollPane toolsPanel() {
        VBox box = new VBox(6, labelsPane(), toolsPane(), rangePane(), cleanupPane());
        box.setPadding(new Insets(6));
        box.setPrefWidth(330);
        ScrollPane sp = new ScrollPane(box);
        sp.setFitToWidth(true);
        sp.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        sp.setPrefWidth(350);
        sp.setMinWidth(300);
        return sp;
    }

    private TitledPane labelsPane() {
        labelList.setId("labels");
        labelList.setPrefHeight(150);
        labelList.setCellFactory(lv -> new ListCell<>() {
            @Override
            protected void updateItem(LabelInfo l, boolean empty) {
                super.updateItem(l, empty);
                if (empty || l == null) {
                    setText(null);
                    setGraphic(null);
                } else {
                    setText(l.value() + "  " + l.name());
                    setGraphic(new Rectangle(14, 14, rgb(l.rgbColour())));
                }
            }
        });
        labelList.getSelectionModel().selectedItemProperty().addListener((o, a, l) -> {
            if (l != null) {
                colourPicker.setValue(rgb(l.rgbColour()));
                updateLabelVolume();
            }
        });
        Button add = button("addLabel", "Add…", this::chooseAddLabel);
        Button rename = button("renameLabel", "Rename…", this::chooseRename);
        Button delete = button("deleteLabel", "Delete", this::chooseDelete);
        colourPicker.setId("labelColour");
        colourPicker.setOnAction(e -> {
            LabelInfo l = selectedLabel();
            Color c = colourPicker.getValue();
            if (l != null && c != null) {
                setLabelColour(l.value(), toRgb(c));
            }
        });
        colourPicker.setPrefWidth(48);
        colourPicker.setStyle("-fx-color-label-visible: false;");
        colourPicker.setTooltip(new Tooltip("Colour of the selected label"));
        HBox row = new HBox(4, add, rename, delete, colourPicker);
        overwrite.setId("overwrite");
        overwrite.setSelected(true);
        overwrite.selectedProperty().addListener((o, a, b) -> editor.setOverwriteOtherLabels(b));
        VBox v = new VBox(4, labelList, labelVolume, row, overwrite);
        return titled("Labels", v);
    }

    private TitledPane toolsPane() {
        HBox tools = new HBox(4);
        for (Tool t : Tool.values()) {
            String text = switch (t) {
                case NAVIGATE -> "Cursor";
                case PAINT -> "Paint";
                case ERASE -> "Erase";
                case GROW -> "Grow";
                case AORTA -> "Aorta";
            };
            ToggleButton b = new ToggleButton(text);
            TOOL_KEYS.forEach((k, v) -> {
                if (v == t) {
                    b.setTooltip(new Tooltip(text + " (key " + k.getName() + ")"));
                }
            });
            b.setId("tool" + t.name());
            b.setToggleGroup(toolGroup);
            b.setUserData(t);
            toolButtons.put(t, b);
            tools.getChildren().add(b);
        }
        toolGroup.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                a.setSelected(true); // one tool is always selected
            } else {
                tool.set((Tool) b.getUserData());
            }
        });
        brushRadius.textProperty().addListener(o -> toolChanged());
        brushSphere.setId("brushSphere");
        HBox brush = new HBox(4, new Label("Brush radius (mm)"), brushRadius, brushSphere);
        brush.setAlignment(Pos.CENTER_LEFT);
        toolButtons.get(Tool.AORTA).setTooltip(new Tooltip("Click in the aorta: automatic aorta segmentation from there (key A)"));
        toolButtons.get(Tool.GROW).setTooltip(new Tooltip("Click: add a seed and grow, HU range and leak stop below (key G)"));
        Label hint = new Label("Aorta: one click in the aortic lumen segments the aorta automatically. Grow: click "
                + "adds a seed and grows with the HU range and leak stop below. Paint/Erase: drag (one drag = one undo "
                + "step). Cursor: click/drag moves the linked cursor.");
        hint.setWrapText(true);
        hint.setStyle("-fx-text-fill: #555; -fx-font-size: 11px;");
        Button find = button("findAorta", "Find aorta (no click)", this::findAorta);
        find.setTooltip(new Tooltip("Finds the aorta and its arch branches without a click: the bright round lumen beside "
                + "the spine, followed up and down"));
        return titled("Mouse tool", new VBox(4, tools, brush, find, hint));
    }

    private TitledPane rangePane() {
        preview.setId("preview");
        preview.selectedProperty().addListener(o -> updatePreview());
        rangeLo.textProperty().addListener(o -> updatePreview());
        rangeHi.textProperty().addListener(o -> updatePreview());
        HBox range = new HBox(4, new Label("HU"), rangeLo, new Label("to"), rangeHi, preview);
        range.setAlignment(Pos.CENTER_LEFT);
        Button apply = button("applyThreshold", "Apply threshold", this::applyThreshold);
        barrier.setId("barrier");
        barrier.setPrefWidth(140);
        HBox leak = new HBox(4, new Label("Leak stop, max section (mm²)"), maxCrossSection);
        Tooltip.install(leak, new Tooltip("Region growing does not enter a connected piece of an axial slice larger "
                + "than this area (e.g. heart or spine touching the aorta); empty or 0 = no bound"));
        leak.setAlignment(Pos.CENTER_LEFT);
        HBox bar = new HBox(4, new Label("Barrier label"), barrier);
        bar.setAlignment(Pos.CENTER_LEFT);
        Button grow = button("growSeeds", "Grow from seeds", this::growFromSeeds);
        Button clear = button("clearSeeds", "Clear seeds", () -> {
            seeds.clear();
            updateSeedCount();
        });
        HBox seedRow = new HBox(4, grow, clear, seedCount);
        seedRow.setAlignment(Pos.CENTER_LEFT);
        return titled("Threshold and region growing", new VBox(4, range, apply, new Separator(), leak, bar, seedRow));
    }

    private TitledPane cleanupPane() {
        Button largest = button("keepLargest", "Keep largest island", this::keepLargestIsland);
        Button small = button("removeSmall", "Remove islands <", this::removeSmallIslands);
        HBox islands = new HBox(4, small, minIsland, new Label("mm³"));
        islands.setAlignment(Pos.CENTER_LEFT);
        Button holes = button("fillHoles", "Fill holes", this::fillHoles);
        Button growM = button("growMargin", "Grow", this::growMargin);
        Button shrinkM = button("shrinkMargin", "Shrink", this::shrinkMargin);
        HBox marginRow = new HBox(4, growM, shrinkM, new Label("by"), margin, new Label("mm"));
        marginRow.setAlignment(Pos.CENTER_LEFT);
        Button smooth = button("smooth", "Smooth", this::smooth);
        Button median = button("median", "Median", this::smoothMedian);
        HBox smoothRow = new HBox(4, smooth, median, new Label("σ/radius"), smoothing, new Label("mm"));
        smoothRow.setAlignment(Pos.CENTER_LEFT);
        cutSide.setId("cutSide");
        cutSide.getItems().setAll(CutSide.values());
        cutSide.setValue(CutSide.INFERIOR);
        cutSide.setMaxWidth(Double.MAX_VALUE);
        Button cut = button("cut", "Cut", () -> cutAtCursor(cutSide.getValue()));
        cut.setMinWidth(Region.USE_PREF_SIZE);
        cutSide.setPrefWidth(200);
        HBox cutRow = new HBox(4, cut, cutSide);
        HBox.setHgrow(cutSide, Priority.ALWAYS);
        return titled("Clean up (selected label)", new VBox(4, largest, islands, holes, marginRow, smoothRow, cutRow));
    }

    private static TitledPane titled(String title, Node content) {
        TitledPane t = new TitledPane(title, content);
        t.setCollapsible(false);
        return t;
    }

    private Button button(String id, String text, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(e -> action.run());
        return b;
    }

    private HBox statusBar() {
        status.setId("status");
        status.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(status, Priority.ALWAYS);
        progressBar.setPrefWidth(200);
        progressBar.setVisible(false);
        cancelButton.setId("cancel");
        cancelButton.setDisable(true);
        cancelButton.setOnAction(e -> cancelRunningTask());
        autosaveStatus.setId("autosaveStatus");
        HBox bar = new HBox(8, status, autosaveStatus, progressBar, cancelButton);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 8, 4, 8));
        return bar;
    }

    // ------------------------------------------------------------------------------------------------ views

    private void cursorMoved(double[] lps) {
        for (OrthoSliceView v : views) {
            v.setCursorLps(lps);
        }
    }

    private void windowChanged(OrthoSliceView from) {
        if (syncing) {
            return;
        }
        syncing = true;
        for (OrthoSliceView v : views) {
            if (v != from) {
                v.setWindowLevel(from.windowProperty().get(), from.levelProperty().get());
            }
        }
        syncing = false;
        presets.setValue(null);
    }

    /** Sets window and level (HU) in the three views. */
    public void setWindowLevel(double windowHu, double levelHu) {
        for (OrthoSliceView v : views) {
            v.setWindowLevel(windowHu, levelHu);
        }
    }

    /** Moves the linked cursor of the three views to an LPS position (mm). */
    public void setCursorLps(double[] lps) {
        cursorMoved(lps);
    }

    private void refreshViews() {
        int[] colours = new int[256];
        for (int v = 1; v < 256; v++) {
            colours[v] = LabelInfo.defaultColour(v);
        }
        for (LabelInfo l : segmentation.labels()) {
            colours[l.value()] = l.rgbColour();
        }
        for (OrthoSliceView v : views) {
            v.setLabelColours(colours);
        }
        updateLabelVolume();
    }

    private void updateLabelVolume() {
        LabelInfo l = selectedLabel();
        labelVolume.setText(l == null ? " " : String.format(Locale.ROOT, "%s: %.1f mL", l.name(),
                segmentation.volumeMm3(l.value()) / 1000));
    }

    private void refreshLabels(int select) {
        List<LabelInfo> ls = segmentation.labels();
        labelList.getItems().setAll(ls);
        ls.stream().filter(l -> l.value() == select).findFirst()
                .ifPresent(l -> labelList.getSelectionModel().select(l));
        if (labelList.getSelectionModel().getSelectedItem() == null && !ls.isEmpty()) {
            labelList.getSelectionModel().select(0);
        }
        Object oldBarrier = barrier.getValue();
        List<Object> items = new ArrayList<>();
        items.add("none");
        items.addAll(ls);
        barrier.getItems().setAll(items);
        barrier.setValue(oldBarrier instanceof LabelInfo b ? ls.stream().filter(x -> x.value() == b.value())
                .findFirst().map(x -> (Object) x).orElse("none") : "none");
    }

    private void updatePreview() {
        int[] r = null;
        if (preview.isSelected()) {
            try {
                r = range();
            } catch (IllegalArgumentException e) {
                r = null;
            }
        }
        for (OrthoSliceView v : views) {
            v.setPreviewRange(r);
        }
    }

    private void toolChanged() {
        Tool t = tool.get();
        double r = 0;
        if (t == Tool.PAINT || t == Tool.ERASE) {
            try {
                r = Double.parseDouble(brushRadius.getText().trim());
            } catch (NumberFormatException e) {
                r = 0;
            }
        }
        for (OrthoSliceView v : views) {
            v.setToolHandler(t == Tool.NAVIGATE ? null : toolHandler);
            v.setBrushRadiusMm(r > 0 ? r : 0);
        }
    }

    private final OrthoSliceView.ToolHandler toolHandler = new OrthoSliceView.ToolHandler() {
        @Override
        public void pressed(OrthoSliceView view, double[] ijk, double[] lps, MouseEvent e) {
            Tool t = tool.get();
            if (t == Tool.PAINT || t == Tool.ERASE) {
                beginStroke(view, lps, t == Tool.ERASE);
            }
        }

        @Override
        public void dragged(OrthoSliceView view, double[] ijk, double[] lps, MouseEvent e) {
            if (stroke != null) {
                dab(view, strokeLast, lps);
            }
        }

        @Override
        public void released(OrthoSliceView view, double[] ijk, double[] lps, MouseEvent e, boolean click) {
            if (stroke != null) {
                endStroke();
            } else if (tool.get() == Tool.GROW && click) {
                growFromClick(lps);
            } else if (tool.get() == Tool.AORTA && click) {
                automaticAorta(lps);
            }
        }
    };

    // ------------------------------------------------------------------------------------------------ brush

    private void beginStroke(OrthoSliceView view, double[] lps, boolean erase) {
        LabelInfo l = requireIdleAndLabel(erase ? "Erase" : "Paint");
        if (l == null) {
            return;
        }
        try {
            positive(brushRadius, "brush radius"); // refuse a bad radius before the stroke starts
            stroke = editor.beginStroke(l.value(), erase);
            strokeLast = lps;
            dab(view, lps, lps);
        } catch (IllegalArgumentException | IllegalStateException ex) {
            if (stroke != null) {
                stroke.cancel();
                stroke = null;
            }
            showError(erase ? "Erase" : "Paint", ex.getMessage());
        }
    }

    private void dab(OrthoSliceView view, double[] from, double[] to) {
        try {
            double r = positive(brushRadius, "brush radius");
            if (brushSphere.isSelected()) {
                stroke.sphereLine(from, to, r);
            } else {
                stroke.discLine(from, to, r, view.orientation());
            }
            strokeLast = to;
            views.forEach(OrthoSliceView::refresh);
        } catch (IllegalArgumentException ex) {
            stroke.cancel();
            stroke = null;
            views.forEach(OrthoSliceView::refresh);
            showError("Brush", ex.getMessage());
        }
    }

    private void endStroke() {
        SegmentEditor.Stroke s = stroke;
        stroke = null;
        int label = selectedLabel() == null ? -1 : selectedLabel().value();
        Edit e = s.end();
        afterEdit(e, label < 0 ? allLabels() : List.of(label));
    }

    /**
     * Paints (or erases) one brush stroke through LPS points as one undoable edit, as a mouse drag does.
     *
     * @param orientation plane of the disc brush, or null for the sphere brush
     * @param radiusMm    brush radius, mm
     * @param erase       erase instead of paint
     * @param pointsLps   the points of the drag, LPS mm, at least one
     * @return the edit
     * @throws IllegalArgumentException for a bad radius or undefined label (the segmentation is then unchanged)
     * @throws IllegalStateException    while a tool runs, or when no label is selected
     */
    public Edit brushStroke(SliceOrientation orientation, double radiusMm, boolean erase, List<double[]> pointsLps) {
        LabelInfo l = requireIdleAndLabel("Brush");
        if (l == null) {
            throw new IllegalStateException("the editor is busy or no label is selected");
        }
        SegmentEditor.Stroke s = editor.beginStroke(l.value(), erase);
        try {
            double[] prev = pointsLps.get(0);
            for (double[] p : pointsLps) {
                if (orientation == null) {
                    s.sphereLine(prev, p, radiusMm);
                } else {
                    s.discLine(prev, p, radiusMm, orientation);
                }
                prev = p;
            }
        } catch (RuntimeException ex) {
            s.cancel();
            throw ex;
        }
        Edit e = s.end();
        afterEdit(e, List.of(l.value()));
        return e;
    }

    // ------------------------------------------------------------------------------------------------ tools

    /** Applies the threshold range (HU fields) to the selected label over the whole image. */
    public void applyThreshold() {
        LabelInfo l = requireIdleAndLabel("Threshold");
        int[] r = parseOrShow("Threshold", this::range);
        if (l == null || r == null) {
            return;
        }
        runTool("Threshold " + l.name(), List.of(l.value()), (ed, p) -> ed.threshold(l.value(), r[0], r[1], null), () -> {
            preview.setSelected(false);
        });
    }

    /**
     * Adds a seed (LPS mm) and grows the selected label from all seeds with the range and leak stop of the panel.
     * A seed that the edit layer refuses (outside the image, in air, outside the range) is not kept.
     */
    public void growFromClick(double[] lps) {
        if (requireIdleAndLabel("Region growing") == null) {
            return;
        }
        seeds.add(lps.clone());
        updateSeedCount();
        if (!growFromSeeds()) {
            seeds.remove(seeds.size() - 1);
            updateSeedCount();
        }
    }

    /**
     * Grows the selected label from the current seeds.
     *
     * @return whether the job was started (false when refused or a field is invalid)
     */
    public boolean growFromSeeds() {
        LabelInfo l = requireIdleAndLabel("Region growing");
        if (l == null) {
            return false;
        }
        if (seeds.isEmpty()) {
            showError("Region growing", "There is no seed: choose the Grow tool and click in the vessel.");
            return false;
        }
        GrowParameters p = parseOrShow("Region growing", this::growParameters);
        if (p == null) {
            return false;
        }
        List<double[]> s = seeds.stream().map(double[]::clone).toList();
        int before = seeds.size();
        runTool("Grow " + l.name() + " from " + s.size() + " seed" + (s.size() == 1 ? "" : "s"), List.of(l.value()),
                (ed, pr) -> ed.growFromLpsSeeds(l.value(), s, p), null, () -> {
                    // a refused seed: forget the newest one so that the next click is not refused again
                    if (seeds.size() == before && !seeds.isEmpty()) {
                        seeds.remove(seeds.size() - 1);
                        updateSeedCount();
                    }
                });
        return true;
    }

    /**
     * Segments the aorta automatically from a point in its lumen, with its arch branches
     * ({@link AortaSegmenter#segmentWithBranches}, default parameters): the aorta goes into the selected label, each
     * branch found into the label of its name ({@link AortaLabel#displayName()}, made when missing), all as one undoable
     * edit. Runs in the background; cancellable. A seed outside the aorta gets a message and changes nothing.
     *
     * @param seedLps a point in the aortic lumen, LPS mm
     */
    public void automaticAorta(double[] seedLps) {
        LabelInfo l = requireIdleAndLabel("Automatic aorta");
        if (l == null) {
            return;
        }
        double[] seed = seedLps.clone();
        setCursorLps(seed);
        Segmentation seg = segmentation;
        boolean ow = overwrite.isSelected();
        List<Integer> changed = new java.util.concurrent.CopyOnWriteArrayList<>(List.of(l.value()));
        runTool("Automatic aorta (" + l.name() + ")", changed, (ed, p) -> {
            AortaSegmentation r;
            try {
                r = AortaSegmenter.segmentWithBranches(volume, seed, SegmentationParameters.defaults(), p);
            } catch (IllegalStateException e) {
                throw new IllegalArgumentException("The automatic aorta segmentation found no vessel at LPS "
                        + String.format(Locale.ROOT, "(%.1f, %.1f, %.1f) mm", seed[0], seed[1], seed[2])
                        + ": " + e.getMessage());
            }
            Edit e = writeAorta(seg, r, l.value(), ow, "Automatic aorta", changed);
            return String.format(Locale.ROOT, "Automatic aorta from LPS (%.1f, %.1f, %.1f) mm: %,d voxels added to %s "
                    + "(%.1f mL)%s. Undo removes them.", seed[0], seed[1], seed[2], e.voxelCount(), l.name(),
                    seg.volumeMm3(l.value()) / 1000, branchText(r));
        }, () -> refreshLabels(l.value()));
    }

    /**
     * Finds the aorta without a click ({@link AortaSegmenter#segmentAutomatic}: the bright round lumen beside the
     * spine, followed up and down from several seeds) and writes it with its arch branches into the labels of their
     * names (made when missing) as one undoable edit; the cursor moves to the point it was found from. When no aorta
     * is found, a message says what was searched and the segmentation is unchanged.
     */
    public void findAorta() {
        if (busy.get()) {
            status.setText("Busy: " + (currentTask == null ? "a tool" : currentTask.getTitle())
                    + " is still running (Cancel to stop it).");
            return;
        }
        if (stroke != null) {
            return;
        }
        Segmentation seg = segmentation;
        boolean ow = overwrite.isSelected();
        List<Integer> changed = new java.util.concurrent.CopyOnWriteArrayList<>();
        double[] found = new double[3];
        runTool("Find the aorta", changed, (ed, p) -> {
            AortaSegmentation r = AortaSegmenter.segmentAutomatic(volume, SegmentationParameters.defaults(), p);
            int aorta = labelNamed(seg, AortaLabel.AORTA.displayName());
            changed.add(aorta);
            Edit e = writeAorta(seg, r, aorta, ow, "Find the aorta", changed);
            System.arraycopy(r.seedLps(), 0, found, 0, 3);
            return String.format(Locale.ROOT, "Aorta found from LPS (%.1f, %.1f, %.1f) mm: %,d voxels (%.1f mL)%s. "
                    + "Correct it with the tools; Undo removes it.", found[0], found[1], found[2], e.voxelCount(),
                    seg.volumeMm3(aorta) / 1000, branchText(r));
        }, () -> {
            refreshLabels(changed.isEmpty() ? -1 : changed.get(0));
            setCursorLps(found);
        });
    }

    /** " and the brachiocephalic trunk, …" for the branches an automatic segmentation found, or "". */
    private static String branchText(AortaSegmentation r) {
        if (r.branchesFound().isEmpty()) {
            return "; no arch branch found";
        }
        List<String> names = new ArrayList<>();
        for (AortaLabel b : r.branchesFound()) {
            names.add(b.displayName());
        }
        return "; arch branches: " + String.join(", ", names);
    }

    /** The value of the label with this name, made (with its default colour) when there is none. */
    private static int labelNamed(Segmentation seg, String name) {
        return seg.label(name).map(LabelInfo::value)
                .orElseGet(() -> seg.addLabel(name, LabelInfo.defaultColour(seg.nextFreeValue())).value());
    }

    /**
     * Writes an automatic aorta segmentation as one edit: its aorta into {@code aortaLabel}, each branch found into the
     * label of its name; the label values written are added to {@code changed}.
     */
    private static Edit writeAorta(Segmentation seg, AortaSegmentation r, int aortaLabel, boolean overwriteOthers, String what,
                                   List<Integer> changed) {
        int[] targets = new int[256];
        targets[AortaLabel.AORTA.value()] = aortaLabel;
        for (AortaLabel b : r.branchesFound()) {
            int v = labelNamed(seg, b.displayName());
            targets[b.value()] = v;
            changed.add(v);
        }
        Edit e = seg.writeLabelMap(r.labels(), targets, overwriteOthers, what);
        if (e.isEmpty() && seg.count(aortaLabel) == 0) {
            throw new IllegalArgumentException(what + " found no voxel.");
        }
        return e;
    }

    /** Keeps only the largest 26-connected island of the selected label. */
    public void keepLargestIsland() {
        labelTool("Keep largest island", (ed, v) -> ed.keepLargestIsland(v, Connectivity.TWENTY_SIX));
    }

    /** Removes the islands of the selected label smaller than the mm³ field. */
    public void removeSmallIslands() {
        Double min = parseOrShow("Remove small islands", () -> positive(minIsland, "minimum island volume"));
        if (min != null) {
            labelTool("Remove islands < " + min + " mm³", (ed, v) -> ed.removeSmallIslands(v, min, Connectivity.TWENTY_SIX));
        }
    }

    /** Fills the enclosed holes of the selected label (3D). */
    public void fillHoles() {
        labelTool("Fill holes", SegmentEditor::fillHoles);
    }

    /** Grows the selected label by the margin field (mm). */
    public void growMargin() {
        Double m = parseOrShow("Grow by margin", () -> positive(margin, "margin"));
        if (m != null) {
            labelTool("Grow by " + m + " mm", (ed, v) -> ed.grow(v, m));
        }
    }

    /** Shrinks the selected label by the margin field (mm). */
    public void shrinkMargin() {
        Double m = parseOrShow("Shrink by margin", () -> positive(margin, "margin"));
        if (m != null) {
            labelTool("Shrink by " + m + " mm", (ed, v) -> ed.shrink(v, m));
        }
    }

    /** Gaussian smoothing of the selected label, σ from the smoothing field (mm). */
    public void smooth() {
        Double s = parseOrShow("Smoothing", () -> positive(smoothing, "smoothing σ"));
        if (s != null) {
            labelTool("Smooth (Gaussian σ " + s + " mm)", (ed, v) -> ed.smoothGaussian(v, s));
        }
    }

    /** Median smoothing of the selected label, radius from the smoothing field (mm). */
    public void smoothMedian() {
        Double s = parseOrShow("Median smoothing", () -> positive(smoothing, "median radius"));
        if (s != null) {
            labelTool("Median (radius " + s + " mm)", (ed, v) -> ed.smoothMedian(v, s));
        }
    }

    /** Cuts the selected label with the plane through the cursor, removing the given side. */
    public void cutAtCursor(CutSide side) {
        double[] p = axial.getCursorLps();
        labelTool("Cut: " + side, (ed, v) -> ed.cutWithPlane(v, p, side.normalLps()));
    }

    /** A custom editing tool (an "effect" in 3D Slicer's terms) run by {@link #runCustomTool}. */
    @FunctionalInterface
    public interface CustomTool {
        /**
         * Changes the label through the editor; runs off the FX thread.
         *
         * @param editor   the editor of the document
         * @param label    the selected label value
         * @param progress progress and cancellation
         * @return the tool's edit
         * @throws Exception any failure; an {@link IllegalArgumentException}'s message is shown to the user
         */
        Edit run(SegmentEditor editor, int label, Progress progress) throws Exception;
    }

    /**
     * Runs a custom tool on the selected label as a cancellable background job, like the built-in tools: the editing
     * controls refuse work meanwhile, a cancelled job's edit is undone when it ends, errors are shown in a dialog, and
     * the views, surfaces and autosave follow the result.
     *
     * @param title what the tool does (status bar and dialogs)
     * @param tool  the work
     * @return whether the job was started (false when busy or no label is selected)
     */
    public boolean runCustomTool(String title, CustomTool tool) {
        LabelInfo l = requireIdleAndLabel(title);
        if (l == null) {
            return false;
        }
        runTool(title + " (" + l.name() + ")", List.of(l.value()), (ed, p) -> tool.run(ed, l.value(), p), null);
        return true;
    }

    private interface LabelWork {
        Edit run(SegmentEditor ed, int label);
    }

    private void labelTool(String title, LabelWork work) {
        LabelInfo l = requireIdleAndLabel(title);
        if (l != null) {
            runTool(title + " (" + l.name() + ")", List.of(l.value()), (ed, p) -> work.run(ed, l.value()), null);
        }
    }

    /** A tool's work: returns an {@link Edit} or a message for the status line. */
    private interface EditWork {
        Object run(SegmentEditor ed, Progress p) throws Exception;
    }

    private void runTool(String title, Collection<Integer> labels, EditWork work, Runnable onSuccess) {
        runTool(title, labels, work, onSuccess, null);
    }

    private void runTool(String title, Collection<Integer> labels, EditWork work, Runnable onSuccess, Runnable onFailure) {
        SegmentEditor ed = editor;
        Segmentation seg = segmentation;
        CaseTask<Object> task = new CaseTask<>(title, p -> {
            long before = seg.modificationCount();
            try {
                Object e;
                try {
                    e = work.run(ed, p);
                } catch (Exception | Error ex) {
                    if (p.isCancelled()) {
                        undoIfChanged(seg, before);
                        throw new Progress.CancelledException();
                    }
                    throw ex;
                }
                if (p.isCancelled()) {
                    undoIfChanged(seg, before);
                    throw new Progress.CancelledException();
                }
                return e;
            } finally {
                Platform.runLater(this::jobEnded);
            }
        });
        startJob(task, e -> {
            if (seg != segmentation) {
                return;
            }
            afterEdit(e, labels);
            if (onSuccess != null) {
                onSuccess.run();
            }
        }, onFailure);
    }

    /** Undoes the job's edit when the document changed since {@code before} (a cancelled job). */
    private static void undoIfChanged(Segmentation seg, long before) {
        if (seg.modificationCount() != before) {
            seg.undo();
        }
    }

    private <T> void startJob(CaseTask<T> task, java.util.function.Consumer<T> onSuccess, Runnable onFailure) {
        busy.set(true);
        currentTask = task;
        status.setText(task.getMessage());
        task.messageProperty().addListener((o, a, m) -> {
            if (currentTask == task && m != null) {
                status.setText(m); // not bound, so that "busy" notices can still be shown
            }
        });
        progressBar.progressProperty().bind(task.progressProperty());
        progressBar.setVisible(true);
        cancelButton.setDisable(false);
        String title = task.getTitle();
        task.stateProperty().addListener((o, old, state) -> {
            switch (state) {
                case SUCCEEDED -> {
                    unbindStatus();
                    onSuccess.accept(task.getValue());
                }
                case FAILED -> {
                    unbindStatus();
                    if (onFailure != null) {
                        onFailure.run();
                    }
                    Throwable ex = task.getException();
                    if (ex instanceof Progress.CancelledException) {
                        status.setText(title + ": cancelled; the segmentation is unchanged.");
                    } else {
                        showError(title, describe(ex));
                    }
                }
                case CANCELLED -> {
                    unbindStatus();
                    status.setText(title + ": cancelling…");
                }
                default -> { }
            }
        });
        worker.submit(task);
    }

    private void jobEnded() {
        boolean cancelled = currentTask != null && currentTask.getState() == Worker.State.CANCELLED;
        String title = currentTask == null ? "" : currentTask.getTitle();
        currentTask = null;
        busy.set(false);
        progressBar.setVisible(false);
        cancelButton.setDisable(true);
        refreshViews();
        views.forEach(OrthoSliceView::refresh);
        updateUndoButtons();
        if (cancelled) {
            status.setText(title + ": cancelled; the segmentation is unchanged.");
        }
    }

    private void unbindStatus() {
        progressBar.progressProperty().unbind();
    }

    private static String describe(Throwable ex) {
        if (ex instanceof IllegalArgumentException || ex instanceof IllegalStateException || ex instanceof IOException) {
            return ex.getMessage() + "\n\nThe segmentation is unchanged.";
        }
        System.err.println("Rehearse segment editor: unexpected error:");
        ex.printStackTrace(System.err);
        return "An unexpected error occurred (" + ex.getClass().getSimpleName()
                + (ex.getMessage() == null ? "" : ": " + ex.getMessage()) + ").\nThe segmentation is unchanged.";
    }

    /** After an edit on the FX thread or a finished job: redraw, undo buttons, surfaces, autosave. */
    private void afterEdit(Object result, Collection<Integer> labels) {
        refreshViews();
        views.forEach(OrthoSliceView::refresh);
        updateUndoButtons();
        status.setText(result instanceof Edit e ? e.description() + ": " + String.format(Locale.ROOT, "%,d",
                e.voxelCount()) + " voxels changed." : String.valueOf(result));
        dirtySurfaces.addAll(labels);
        buildSurfaces();
        autosaveNow();
    }

    /** Cancels the running tool (its edit is undone when it ends) and the surface building. */
    public void cancelRunningTask() {
        if (currentTask != null) {
            currentTask.cancel(false); // no interrupt: the job ends at its next check and its edit is undone
        }
    }

    // ------------------------------------------------------------------------------------------------ undo / redo

    /** Undoes the newest edit (refused while a tool runs or a stroke is open). */
    public void undo() {
        if (busy.get() || stroke != null) {
            status.setText("Busy: wait for the running tool before undoing.");
            return;
        }
        Optional<Edit> e = segmentation.undo();
        e.ifPresentOrElse(x -> {
            afterEdit(x, allLabels());
            status.setText("Undone: " + x.description());
        }, () -> status.setText("Nothing to undo."));
    }

    /** Redoes the newest undone edit. */
    public void redo() {
        if (busy.get() || stroke != null) {
            status.setText("Busy: wait for the running tool before redoing.");
            return;
        }
        Optional<Edit> e = segmentation.redo();
        e.ifPresentOrElse(x -> {
            afterEdit(x, allLabels());
            status.setText("Redone: " + x.description());
        }, () -> status.setText("Nothing to redo."));
    }

    private void updateUndoButtons() {
        UndoStack u = segmentation.undoStack();
        undoButton.setDisable(!u.canUndo());
        redoButton.setDisable(!u.canRedo());
        undoButton.setTooltip(new Tooltip(u.nextUndoDescription().map(d -> "Undo " + d + " (Ctrl+Z)").orElse("Nothing to undo")));
        redoButton.setTooltip(new Tooltip(u.nextRedoDescription().map(d -> "Redo " + d + " (Ctrl+Y)").orElse("Nothing to redo")));
    }

    private static final KeyCombination UNDO = new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination REDO = new KeyCodeCombination(KeyCode.Y, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination REDO2 = new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN,
            KeyCombination.SHIFT_DOWN);

    /** Keys that select a mouse tool (when no text field has the focus). */
    private static final Map<KeyCode, Tool> TOOL_KEYS = Map.of(KeyCode.C, Tool.NAVIGATE, KeyCode.P, Tool.PAINT,
            KeyCode.E, Tool.ERASE, KeyCode.G, Tool.GROW, KeyCode.A, Tool.AORTA);

    private void onKey(KeyEvent e) {
        if (e.getTarget() instanceof TextField) {
            return; // text fields keep their own undo
        }
        if (REDO2.match(e) || REDO.match(e)) {
            redo();
            e.consume();
        } else if (UNDO.match(e)) {
            undo();
            e.consume();
        } else if (!e.isShortcutDown() && !e.isAltDown() && TOOL_KEYS.containsKey(e.getCode())) {
            setTool(TOOL_KEYS.get(e.getCode()));
            e.consume();
        } else if (e.getCode() == KeyCode.ESCAPE && stroke != null) {
            stroke.cancel();
            stroke = null;
            views.forEach(OrthoSliceView::refresh);
            status.setText("Stroke cancelled.");
            e.consume();
        }
    }

    // ------------------------------------------------------------------------------------------------ labels

    private void chooseAddLabel() {
        String suggestion = SUGGESTED_NAMES.stream().filter(n -> segmentation.label(n).isEmpty()).findFirst()
                .orElse("label " + segmentation.nextFreeValue());
        TextInputDialog d = new TextInputDialog(suggestion);
        d.setTitle("Rehearse");
        d.setHeaderText("New label (e.g. " + String.join(", ", SUGGESTED_NAMES) + ")");
        d.setContentText("Name:");
        initOwner(d);
        d.showAndWait().ifPresent(name -> {
            int v = safeNextValue();
            if (v > 0) {
                addLabel(name, LabelInfo.defaultColour(v));
            }
        });
    }

    private int safeNextValue() {
        try {
            return segmentation.nextFreeValue();
        } catch (IllegalStateException e) {
            showError("Add label", e.getMessage());
            return -1;
        }
    }

    /**
     * Adds a label with the lowest free value and selects it.
     *
     * @param name      display name (not blank)
     * @param rgbColour 0xRRGGBB
     * @return the label, or empty when refused (the error is shown)
     */
    public Optional<LabelInfo> addLabel(String name, int rgbColour) {
        if (busy.get()) {
            status.setText("Busy: wait for the running tool.");
            return Optional.empty();
        }
        try {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("A label name must not be blank.");
            }
            if (segmentation.label(name.trim()).isPresent()) {
                throw new IllegalArgumentException("There is already a label named \"" + name.trim() + "\".");
            }
            LabelInfo l = segmentation.addLabel(name.trim(), rgbColour);
            refreshLabels(l.value());
            refreshViews();
            status.setText("Added label " + l.value() + " \"" + l.name() + "\".");
            autosaveNow();
            return Optional.of(l);
        } catch (IllegalArgumentException | IllegalStateException e) {
            showError("Add label", e.getMessage());
            return Optional.empty();
        }
    }

    private void chooseRename() {
        LabelInfo l = selectedLabel();
        if (l == null) {
            return;
        }
        TextInputDialog d = new TextInputDialog(l.name());
        d.setTitle("Rehearse");
        d.setHeaderText("Rename label " + l.value() + " \"" + l.name() + "\"");
        d.setContentText("Name:");
        initOwner(d);
        d.showAndWait().ifPresent(n -> renameLabel(l.value(), n));
    }

    /**
     * Renames a label.
     *
     * @return whether it was renamed (errors are shown)
     */
    public boolean renameLabel(int value, String name) {
        if (busy.get()) {
            status.setText("Busy: wait for the running tool.");
            return false;
        }
        try {
            LabelInfo l = segmentation.requireLabel(value);
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("A label name must not be blank.");
            }
            segmentation.updateLabel(l.withName(name.trim()));
            refreshLabels(value);
            status.setText("Renamed label " + value + " to \"" + name.trim() + "\".");
            redraw3d();
            autosaveNow();
            return true;
        } catch (IllegalArgumentException e) {
            showError("Rename label", e.getMessage());
            return false;
        }
    }

    /** Sets a label's colour (0xRRGGBB) in the slice overlays and the 3D view. */
    public void setLabelColour(int value, int rgbColour) {
        if (busy.get()) {
            status.setText("Busy: wait for the running tool.");
            return;
        }
        try {
            segmentation.updateLabel(segmentation.requireLabel(value).withColour(rgbColour));
            refreshLabels(value);
            refreshViews();
            views.forEach(OrthoSliceView::refresh);
            redraw3d();
            autosaveNow();
        } catch (IllegalArgumentException e) {
            showError("Label colour", e.getMessage());
        }
    }

    private void chooseDelete() {
        LabelInfo l = selectedLabel();
        if (l == null) {
            return;
        }
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "Delete label " + l.value() + " \"" + l.name()
                + "\"? Its voxels become background (Undo brings the voxels back).", ButtonType.OK, ButtonType.CANCEL);
        a.setTitle("Rehearse");
        a.setHeaderText("Delete label");
        initOwner(a);
        a.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> deleteLabel(l.value()));
    }

    /** Deletes a label; its voxels become background as one undoable edit. */
    public void deleteLabel(int value) {
        if (busy.get() || stroke != null) {
            status.setText("Busy: wait for the running tool.");
            return;
        }
        try {
            Edit e = segmentation.removeLabel(value);
            surfaces.remove(value);
            refreshLabels(-1);
            afterEdit(e, List.of());
            redraw3d();
        } catch (IllegalArgumentException e) {
            showError("Delete label", e.getMessage());
        }
    }

    private void chooseImport() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Import NIfTI labels (TotalSegmentator mask, 3D Slicer label map)");
        fc.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("NIfTI", "*.nii", "*.nii.gz"),
                new FileChooser.ExtensionFilter("All files", "*"));
        File f = fc.showOpenDialog(getScene() == null ? null : getScene().getWindow());
        if (f != null) {
            importLabels(f.toPath());
        }
    }

    /**
     * Imports a NIfTI label file on the image's grid in the background: a binary mask (one value, e.g. TotalSegmentator
     * {@code aorta.nii.gz}) becomes one label named after the file; a multi-label file (3D Slicer label map,
     * TotalSegmentator multi-label output) one label per value. A file on another grid is refused with a dialog.
     */
    public void importLabels(Path file) {
        if (busy.get() || stroke != null) {
            status.setText("Busy: wait for the running tool.");
            return;
        }
        Segmentation seg = segmentation;
        boolean ow = overwrite.isSelected();
        runTool("Import " + file.getFileName(), allLabels(), (ed, p) -> {
            LabelMap in = NiftiLabelIo.read(file);
            boolean[] present = new boolean[256];
            for (byte b : in.labels()) {
                present[b & 0xFF] = true;
            }
            int distinct = 0;
            for (int v = 1; v < 256; v++) {
                distinct += present[v] ? 1 : 0;
            }
            if (distinct == 1) {
                String base = file.getFileName().toString().replaceAll("(?i)\\.nii(\\.gz)?$", "");
                String name = base;
                for (int n = 2; seg.label(name).isPresent(); n++) {
                    name = base + " (imported" + (n == 2 ? "" : " " + n) + ")";
                }
                int v = seg.nextFreeValue();
                seg.importMask(file, name, LabelInfo.defaultColour(v), ow);
            } else {
                seg.importLabelFile(file, Map.of(), ow);
            }
            return "Imported " + file.getFileName() + " (" + distinct + " label" + (distinct == 1 ? "" : "s") + ")";
        }, () -> {
            refreshLabels(-1);
            dirtySurfaces.addAll(allLabels());
            buildSurfaces();
        });
    }

    private List<Integer> allLabels() {
        return segmentation.labels().stream().map(LabelInfo::value).collect(Collectors.toList());
    }

    // ------------------------------------------------------------------------------------------------ surfaces

    private void buildSurfaces() {
        if (!show3d.isSelected() || dirtySurfaces.isEmpty() || busy.get()) {
            return;
        }
        if (surfaceTask != null) {
            surfaceTask.cancel(true);
        }
        List<Integer> todo = new ArrayList<>(dirtySurfaces);
        LabelMap copy = segmentation.labelMap().copy();
        Segmentation seg = segmentation;
        CaseTask<Map<Integer, SurfaceMesh>> task = new CaseTask<>("Building 3D surfaces", p -> {
            Map<Integer, SurfaceMesh> out = new HashMap<>();
            for (int n = 0; n < todo.size(); n++) {
                p.checkCancelled();
                int v = todo.get(n);
                try {
                    out.put(v, SurfaceExtractor.extract(copy, v, SurfaceParameters.INTERACTIVE,
                            p.sub((double) n / todo.size(), (n + 1.0) / todo.size())));
                } catch (IllegalArgumentException empty) {
                    out.put(v, null);
                }
            }
            return out;
        });
        surfaceTask = task;
        task.setOnSucceeded(e -> {
            if (surfaceTask != task || seg != segmentation) {
                return;
            }
            surfaceTask = null;
            Map<Integer, SurfaceMesh> m = task.getValue();
            m.forEach((v, mesh) -> {
                if (mesh == null || mesh.triangleCount() == 0) {
                    surfaces.remove(v);
                } else {
                    surfaces.put(v, mesh);
                }
            });
            dirtySurfaces.removeAll(m.keySet());
            redraw3d();
        });
        task.setOnFailed(e -> {
            if (!(task.getException() instanceof Progress.CancelledException)) {
                status.setText("3D surfaces: " + task.getException().getMessage());
            }
        });
        surfaceWorker.submit(task);
    }

    private void redraw3d() {
        surfaceView.clearSurfaces();
        if (!show3d.isSelected()) {
            return;
        }
        for (LabelInfo l : segmentation.labels()) {
            SurfaceMesh m = surfaces.get(l.value());
            if (m != null) {
                surfaceView.addSurface(m, rgb(l.rgbColour()));
            }
        }
        if (!surfacesFramed && surfaceView.surfaceCount() > 0) {
            surfaceView.resetView();
            surfacesFramed = true;
        }
    }

    /** @return whether surfaces are still being built or waiting to be built */
    public boolean surfacesPending() {
        return surfaceTask != null || (show3d.isSelected() && !dirtySurfaces.isEmpty());
    }

    /** Switches the per-label 3D surfaces on or off (off saves time on large images). */
    public void setSurfacesEnabled(boolean on) {
        show3d.setSelected(on);
    }

    // ------------------------------------------------------------------------------------------------ autosave

    // ------------------------------------------------------------------------------------------------ hand-over

    /**
     * Sets what "Use for planning" does: it receives a binary mask (value 1 = the selected label, 0 elsewhere; a new
     * label map on the image grid) of the selected label. With null the button is hidden.
     */
    public void setOnApply(java.util.function.Consumer<LabelMap> action) {
        onApply = action;
        applyButton.setVisible(action != null);
        applyButton.setManaged(action != null);
    }

    /** @return a binary mask (1 = selected label) on the image grid, or null when no label is selected */
    public LabelMap selectedLabelMask() {
        LabelInfo l = selectedLabel();
        if (l == null) {
            return null;
        }
        LabelMap m = new LabelMap(segmentation.geometry());
        byte[] src = segmentation.labelMap().labels(), dst = m.labels();
        byte v = (byte) l.value();
        for (int n = 0; n < src.length; n++) {
            dst[n] = src[n] == v ? (byte) 1 : 0;
        }
        return m;
    }

    /** Hands the selected label to the {@link #setOnApply} action (refused while busy or when the label is empty). */
    public void applyToCase() {
        LabelInfo l = requireIdleAndLabel("Use for planning");
        if (l == null || onApply == null) {
            return;
        }
        if (segmentation.count(l.value()) == 0) {
            showError("Use for planning", "The label \"" + l.name() + "\" is empty: segment it first.");
            return;
        }
        onApply.accept(selectedLabelMask());
        status.setText("\"" + l.name() + "\" handed to the case for planning.");
    }

    // ------------------------------------------------------------------------------------------------ autosave

    /** @return the autosave interval, seconds */
    public double autosaveIntervalSeconds() {
        return autosaveIntervalSeconds;
    }

    /** Sets how often (seconds, &gt; 0) the segmentation is autosaved when it changed. */
    public void setAutosaveIntervalSeconds(double seconds) {
        if (!(seconds > 0)) {
            throw new IllegalArgumentException("autosave interval must be positive, got " + seconds);
        }
        autosaveIntervalSeconds = seconds;
        boolean running = autosaveTimer.getStatus() == javafx.animation.Animation.Status.RUNNING;
        autosaveTimer.stop();
        autosaveTimer.getKeyFrames().setAll(new KeyFrame(Duration.seconds(seconds), e -> autosaveNow()));
        if (running) {
            autosaveTimer.play();
        }
    }

    /**
     * Saves the segmentation in the background when it changed since the last autosave (skipped while a tool runs or
     * a stroke is open; the next change or tick saves).
     *
     * @return the future of the written file (null result when nothing changed), or null when skipped
     */
    public CompletableFuture<Path> autosaveNow() {
        if (autosave == null || busy.get() || stroke != null) {
            return null;
        }
        CompletableFuture<Path> f = autosave.saveInBackground(segmentation);
        lastSave = f;
        f.whenComplete((p, ex) -> Platform.runLater(() -> {
            if (ex != null) {
                autosaveStatus.setText("Autosave failed: " + ex.getMessage());
                System.err.println("Rehearse segment editor: autosave failed: " + ex);
            } else if (p != null) {
                lastAutosave.set(p);
                autosaveStatus.setText("Autosaved " + LocalTime.now(ZoneId.systemDefault()).format(TIME));
            }
        }));
        return f;
    }

    /**
     * @return the future of the newest autosave started by this editor (completed with null when none was needed or
     *         started yet)
     */
    public CompletableFuture<Path> lastSaveFuture() {
        return lastSave;
    }

    /** @return the autosave, or null when there is none */
    public Autosave autosave() {
        return autosave;
    }

    /** @return the JSON file of the newest background autosave of this editor, or null */
    public ReadOnlyObjectProperty<Path> lastAutosaveProperty() {
        return lastAutosave;
    }

    /**
     * Looks for an autosave in the folder and, if there is one on this image's grid, asks in a dialog whether to
     * recover it (Recover) or throw it away (Discard).
     *
     * @return whether the autosave was recovered
     */
    public boolean offerRecovery() {
        if (autosave == null) {
            return false;
        }
        Optional<Autosave.Recovered> found;
        try {
            found = Autosave.findRecoverable(autosave.folder());
        } catch (IOException e) {
            showError("Recover autosave", "The autosave in " + autosave.folder() + " cannot be read: " + e.getMessage());
            return false;
        }
        if (found.isEmpty()) {
            return false;
        }
        Autosave.Recovered r = found.get();
        if (!r.segmentation().geometry().sameGrid(volume.geometry(), Segmentation.GRID_TOLERANCE_MM)) {
            status.setText("An autosave in " + autosave.folder() + " belongs to another image; it was left there.");
            return false;
        }
        ButtonType recover = new ButtonType("Recover", ButtonBar.ButtonData.OK_DONE);
        ButtonType discard = new ButtonType("Discard", ButtonBar.ButtonData.CANCEL_CLOSE);
        String labels = r.segmentation().labels().stream().map(LabelInfo::name).collect(Collectors.joining(", "));
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "A segmentation of this image was autosaved at "
                + r.savedAt().atZone(ZoneId.systemDefault()).toLocalDateTime().withNano(0).toString().replace('T', ' ')
                + " (labels: " + (labels.isEmpty() ? "none" : labels) + ") and not saved since. Recover it?",
                recover, discard);
        a.setTitle("Rehearse");
        a.setHeaderText("Recover unsaved segmentation");
        initOwner(a);
        Optional<ButtonType> b = a.showAndWait();
        if (b.isPresent() && b.get() == recover) {
            recover(r);
            return true;
        }
        try {
            autosave.discard();
            status.setText("Autosave discarded.");
        } catch (IOException e) {
            showError("Discard autosave", e.getMessage());
        }
        return false;
    }

    /**
     * Replaces the edited segmentation with a recovered autosave (empty undo history).
     *
     * @throws IllegalArgumentException when it lies on another grid
     */
    public void recover(Autosave.Recovered r) {
        if (stroke != null) {
            stroke.cancel();
            stroke = null;
        }
        setDocument(r.segmentation());
        status.setText("Recovered the autosave of " + r.savedAt().atZone(ZoneId.systemDefault()).toLocalTime().withNano(0)
                + " (generation " + r.generation() + ").");
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private LabelInfo requireIdleAndLabel(String what) {
        if (busy.get()) {
            status.setText("Busy: " + (currentTask == null ? "a tool" : currentTask.getTitle())
                    + " is still running (Cancel to stop it).");
            return null;
        }
        if (stroke != null) {
            return null;
        }
        LabelInfo l = selectedLabel();
        if (l == null) {
            showError(what, "Select a label first (or add one with Add…).");
        }
        return l;
    }

    private int[] range() {
        int lo = integer(rangeLo, "lower HU bound"), hi = integer(rangeHi, "upper HU bound");
        if (hi < lo) {
            throw new IllegalArgumentException("The HU range " + lo + " to " + hi + " is empty (upper below lower).");
        }
        return new int[] {lo, hi};
    }

    private GrowParameters growParameters() {
        int[] r = range();
        GrowParameters p = GrowParameters.range(r[0], r[1]);
        String t = maxCrossSection.getText().trim();
        if (!t.isEmpty() && !t.equals("0")) {
            p = p.withMaxCrossSection(positive(maxCrossSection, "maximum cross-section"), SliceOrientation.AXIAL);
        }
        if (barrier.getValue() instanceof LabelInfo b) {
            p = p.withBarrier(b.value());
        }
        return p;
    }

    private static int integer(TextField f, String what) {
        String t = f.getText().trim();
        try {
            return Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The " + what + " \"" + t + "\" is not a whole number of HU.");
        }
    }

    private static double positive(TextField f, String what) {
        String t = f.getText().trim();
        double v;
        try {
            v = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The " + what + " \"" + t + "\" is not a number (use '.' as the decimal point).");
        }
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("The " + what + " must be a positive number, got \"" + t + "\".");
        }
        return v;
    }

    private interface Parse<T> {
        T get();
    }

    private <T> T parseOrShow(String what, Parse<T> p) {
        try {
            return p.get();
        } catch (IllegalArgumentException e) {
            showError(what, e.getMessage());
            return null;
        }
    }

    private void updateSeedCount() {
        seedCount.setText(seeds.size() + " seed" + (seeds.size() == 1 ? "" : "s"));
    }

    private void showError(String what, String message) {
        lastError.set(message);
        status.setText(what + ": " + message.lines().findFirst().orElse(""));
        Alert a = new Alert(Alert.AlertType.ERROR, message);
        a.setTitle("Rehearse");
        a.setHeaderText(what + " failed");
        a.getDialogPane().setMinHeight(Region.USE_PREF_SIZE);
        initOwner(a);
        a.show();
    }

    private void initOwner(javafx.scene.control.Dialog<?> d) {
        Window owner = getScene() == null ? null : getScene().getWindow();
        if (owner != null && owner.isShowing()) {
            d.initOwner(owner);
        }
    }

    private static Color rgb(int rgb) {
        return Color.rgb((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF);
    }

    private static int toRgb(Color c) {
        return ((int) Math.round(c.getRed() * 255) << 16) | ((int) Math.round(c.getGreen() * 255) << 8)
                | (int) Math.round(c.getBlue() * 255);
    }

    // ------------------------------------------------------------------------------------------------ access

    /** @return the segmentation being edited (replaced on recovery) */
    public Segmentation segmentation() {
        return segmentation;
    }

    /** @return the image */
    public Volume volume() {
        return volume;
    }

    /** @return the selected label, or null */
    public LabelInfo selectedLabel() {
        return labelList.getSelectionModel().getSelectedItem();
    }

    /** Selects a label by value. */
    public void selectLabel(int value) {
        segmentation.label(value).ifPresent(l -> labelList.getSelectionModel().select(l));
    }

    /** @return the axial, coronal and sagittal views */
    public List<OrthoSliceView> sliceViews() {
        return views;
    }

    /** @return the view of one orientation */
    public OrthoSliceView sliceView(SliceOrientation o) {
        return switch (o) {
            case AXIAL -> axial;
            case CORONAL -> coronal;
            case SAGITTAL -> sagittal;
        };
    }

    /** @return the 3D view of the label surfaces */
    public SurfaceView3D surfaceView() {
        return surfaceView;
    }

    /** @return the active mouse tool */
    public ObjectProperty<Tool> toolProperty() {
        return tool;
    }

    /** Selects the mouse tool. */
    public void setTool(Tool t) {
        toolButtons.get(t).setSelected(true);
    }

    /** @return the seeds of region growing (LPS mm, copies) */
    public List<double[]> seeds() {
        return seeds.stream().map(double[]::clone).toList();
    }

    /** @return true while a tool runs in the background */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    /** @return the message of the last error dialog, or null */
    public ReadOnlyObjectProperty<String> lastErrorProperty() {
        return lastError;
    }

    /** @return the status line */
    public String statusText() {
        return status.getText();
    }

    /** Stops the background threads and the autosave timer (pending autosaves are still written). */
    public void shutdown() {
        autosaveTimer.stop();
        cancelRunningTask();
        if (surfaceTask != null) {
            surfaceTask.cancel(true);
        }
        worker.shutdown();
        surfaceWorker.shutdownNow();
        if (autosave != null) {
            autosave.close();
        }
    }

    /** @return the grid of the image */
    public ImageGeometry geometry() {
        return volume.geometry();
    }
}
