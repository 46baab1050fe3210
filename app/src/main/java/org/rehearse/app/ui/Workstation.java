package org.rehearse.app.ui;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.concurrent.Worker;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceDialog;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.paint.PhongMaterial;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.rehearse.app.workflow.CaseException;
import org.rehearse.app.workflow.CaseService;
import org.rehearse.app.workflow.CaseState;
import org.rehearse.app.casefile.CandidateSpec;
import java.util.List;
import org.rehearse.simulation.pulsatile.PatientMeasurements;
import org.rehearse.app.workflow.ComparisonResult;
import org.rehearse.app.workflow.LoadedImage;
import org.rehearse.app.workflow.SampleCase;
import org.rehearse.app.workflow.SegmentationResult;
import org.rehearse.app.workflow.SeriesChoice;
import org.rehearse.rendering.ComparisonView;
import org.rehearse.rendering.FxThread;
import org.rehearse.rendering.SliceView;
import org.rehearse.rendering.SurfaceView3D;
import org.rehearse.segmentation.Progress;

/**
 * The workstation window's content and its workflow: menu bar, slice view (left), 3D view (right), side panel with
 * the case information and the seed, a comparison tab, and a status bar with message, progress bar and Cancel.
 *
 * <p>The Comparison tab holds the {@link CandidateEditor} (the candidates the user names and edits; "Simulate
 * candidates" runs them again), the {@link ComparisonView} and the summary. View ▸ Presentation mode (F11, Esc leaves)
 * shows the comparison alone, full screen, with large fonts. File ▸ Open case… / Save case… use case folders
 * ({@link org.rehearse.app.casefile.CaseFolder}); after each comparison the case is autosaved into its case folder
 * (see {@link #setAutosaveRoot}). File ▸ Export comparison PNG… / Export candidates STL… write the comparison image
 * and each candidate's surface.
 *
 * <p>Each step (scan, load, segment + mesh, compare) runs as a {@link CaseTask} on a single background thread, one at
 * a time; the Cancel button cancels it. A step's result replaces the shown case only when it succeeds, so a failed or
 * cancelled step keeps the user's current work. {@link CaseException}s are shown as they are in an error dialog;
 * other exceptions are logged to stderr and summarised in the dialog. All public methods must be called on the JavaFX
 * application thread.
 */
public class Workstation extends BorderPane {
    /** The colour of the aortic surface. */
    public static final Color AORTA_COLOUR = Color.rgb(200, 24, 44);

    private final CaseService service;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "rehearse-task");
        t.setDaemon(true);
        return t;
    });
    private final SliceView sliceView = new SliceView();
    private final SurfaceView3D surfaceView = new SurfaceView3D();
    private final TabPane tabs = new TabPane();
    private final Tab caseTab = new Tab("Case");
    private final Tab comparisonTab = new Tab("Comparison");
    private final TextArea info = new TextArea();
    private final TextField seedField = new TextField();
    private final TextField bpField = new TextField("120/70");
    private final TextField coField = new TextField("5.0");
    private final TextField hrField = new TextField("70");
    private final TextField samplesField = new TextField("100");
    private final Label status = new Label("Ready. File ▸ Open DICOM folder… or File ▸ Open sample case.");
    private final ProgressBar progressBar = new ProgressBar(0);
    private final Button cancelButton = new Button("Cancel");
    private final ObjectProperty<CaseTask<?>> currentTask = new SimpleObjectProperty<>(this, "currentTask");
    private final ObjectProperty<String> lastError = new SimpleObjectProperty<>(this, "lastError");
    private final BooleanBinding busy;
    private final BooleanBinding noImage;
    private final BooleanBinding noSegmentation;
    private final ObjectProperty<LoadedImage> image = new SimpleObjectProperty<>(this, "image");
    private final ObjectProperty<SegmentationResult> segmentation = new SimpleObjectProperty<>(this, "segmentation");
    private final ObjectProperty<ComparisonResult> comparison = new SimpleObjectProperty<>(this, "comparison");
    private ComparisonView comparisonView;
    private final CandidateEditor candidateEditor = new CandidateEditor();
    private final TextArea comparisonSummary = new TextArea();
    private final BorderPane comparisonPane = new BorderPane();
    private final PresentationMode presentation = new PresentationMode(this);
    private double[] seedLps;
    private Path folder;
    private String seriesUid;
    private Path caseFolder;
    private PatientMeasurements lastPatient;
    private Path autosaveRoot;
    private Runnable onExit;

    /** @param service the case steps (the real pipeline, or a test double) */
    public Workstation(CaseService service) {
        surfaceView.setHomeAngles(ComparisonView.LAO_AZIMUTH_DEG, 0);
        this.service = service;
        busy = Bindings.createBooleanBinding(() -> currentTask.get() != null && isActive(currentTask.get()), currentTask);
        noImage = image.isNull();
        noSegmentation = segmentation.isNull();
        setTop(menuBar());
        setCenter(center());
        setBottom(statusBar());
        onExit = () -> Optional.ofNullable(getScene()).map(Scene::getWindow).ifPresent(Window::hide);
        candidateEditor.setFactory(service::newCandidate);
        candidateEditor.setChecker(service::checkCandidate);
        candidateEditor.setOnSimulate(list -> compareCandidates(list));
        comparisonSummary.setEditable(false);
        comparisonSummary.setWrapText(true);
        comparisonSummary.setPrefRowCount(3);
        comparisonPane.setLeft(candidateEditor);
        comparisonPane.setBottom(comparisonSummary);
        addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.F11) {
                setPresentationMode(!isPresentationMode());
                e.consume();
            } else if (e.getCode() == javafx.scene.input.KeyCode.ESCAPE && isPresentationMode()) {
                setPresentationMode(false);
                e.consume();
            }
        });
        sliceView.setOnSeedPicked(lps -> {
            if (busy.get()) {
                status.setText("Busy: wait for the running step or cancel it before picking a new seed.");
                return;
            }
            setSeed(lps);
            segmentFromSeed(lps);
        });
    }

    private static boolean isActive(Worker<?> t) {
        return t.getState() == Worker.State.READY || t.getState() == Worker.State.SCHEDULED
                || t.getState() == Worker.State.RUNNING;
    }

    // ------------------------------------------------------------------------------------------------ layout

    private MenuBar menuBar() {
        MenuItem open = item("Open DICOM folder…", "Shortcut+O", this::chooseFolder);
        MenuItem sample = item("Open sample case", null, this::openSampleCase);
        MenuItem shot = item("Save screenshot…", "Shortcut+S", this::chooseScreenshotFile);
        MenuItem exit = item("Exit", "Shortcut+Q", () -> onExit.run());
        open.disableProperty().bind(busy());
        sample.disableProperty().bind(busy());
        Menu file = new Menu("File", null, open, sample, new SeparatorMenuItem(), shot, new SeparatorMenuItem(), exit);
        file.getItems().addAll(2, CaseMenus.fileItems(this, busy(), noImage, comparison.isNull()));
        MenuItem seg = item("Segment from seed", "Shortcut+G", this::segmentFromSeedField);
        seg.disableProperty().bind(busy().or(noImage));
        MenuItem find = item("Find aorta automatically", "Shortcut+Shift+G", this::findAorta);
        find.disableProperty().bind(busy().or(noImage));
        MenuItem editSeg = item("Segment editor (three planes, tools)…", "Shortcut+E", this::openSegmentEditor);
        editSeg.disableProperty().bind(busy().or(noImage));
        Menu segment = new Menu("Segment", null, seg, find, editSeg);
        MenuItem reset = item("Reset 3D view", "Shortcut+R", this::resetView);
        Menu view = new Menu("View", null, reset, CaseMenus.presentationItem(this, comparison.isNull()));
        MenuItem cmp = item("Compare repairs", "Shortcut+P", this::compareRepairs);
        cmp.disableProperty().bind(busy().or(noSegmentation));
        Menu plan = new Menu("Plan", null, cmp);
        return new MenuBar(file, segment, view, plan);
    }

    private BooleanBinding busy() {
        return busy;
    }

    private static MenuItem item(String text, String accelerator, Runnable action) {
        MenuItem m = new MenuItem(text);
        if (accelerator != null) {
            m.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        m.setOnAction(e -> action.run());
        return m;
    }

    private TabPane center() {
        SplitPane split = new SplitPane(sliceView, surfaceView);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.5);
        BorderPane casePane = new BorderPane(split);
        casePane.setRight(sidePanel());
        caseTab.setContent(casePane);
        caseTab.setClosable(false);
        comparisonTab.setClosable(false);
        comparisonTab.setDisable(true);
        comparisonTab.setContent(new Label("Run Plan ▸ Compare repairs after segmentation."));
        tabs.getTabs().addAll(caseTab, comparisonTab);
        return tabs;
    }

    private VBox sidePanel() {
        Label title = new Label("Case");
        title.setFont(Font.font(null, FontWeight.BOLD, 15));
        info.setEditable(false);
        info.setWrapText(true);
        info.setPrefRowCount(14);
        info.setText("No case loaded.");
        VBox.setVgrow(info, Priority.ALWAYS);
        Label seedLabel = new Label("Seed point (LPS mm)");
        seedField.setPromptText("x, y, z (LPS mm)");
        seedField.setOnAction(e -> segmentFromSeedField());
        Button segButton = new Button("Segment from seed");
        segButton.setMaxWidth(Double.MAX_VALUE);
        segButton.setOnAction(e -> segmentFromSeedField());
        segButton.disableProperty().bind(busy.or(noImage));
        Button cmpButton = new Button("Compare repairs");
        cmpButton.setMaxWidth(Double.MAX_VALUE);
        cmpButton.setOnAction(e -> compareRepairs());
        cmpButton.disableProperty().bind(busy.or(noSegmentation));
        Label hint = new Label("Click in the slice view (no drag) to set the seed there and segment.\n"
                + SliceView.HELP.replace(" · ", "\n"));
        hint.setWrapText(true);
        hint.setStyle("-fx-text-fill: #555555; -fx-font-size: 11px;");
        javafx.scene.layout.GridPane hemo = new javafx.scene.layout.GridPane();
        hemo.setHgap(6);
        hemo.setVgap(4);
        bpField.setId("bpField");
        coField.setId("coField");
        hrField.setId("hrField");
        samplesField.setId("samplesField");
        hemo.addRow(0, new Label("Cuff BP (mmHg)"), bpField);
        hemo.addRow(1, new Label("Cardiac output (L/min)"), coField);
        hemo.addRow(2, new Label("Heart rate (/min)"), hrField);
        hemo.addRow(3, new Label("Uncertainty samples"), samplesField);
        for (TextField f : new TextField[] {bpField, coField, hrField, samplesField}) f.setPrefColumnCount(6);
        javafx.scene.control.TitledPane hemoPane = new javafx.scene.control.TitledPane(
                "Patient: 120/70 mmHg, 5.0 L/min, 70/min", hemo);
        hemoPane.setExpanded(false);
        hemoPane.setAnimated(false);
        for (TextField f : new TextField[] {bpField, coField, hrField}) {
            f.textProperty().addListener((o, a, b) -> hemoPane.setText(String.format("Patient: %s mmHg, %s L/min, %s/min",
                    bpField.getText(), coField.getText(), hrField.getText())));
        }
        VBox box = new VBox(6, title, info, seedLabel, seedField, segButton, hemoPane, cmpButton, hint);
        box.setPadding(new Insets(8));
        box.setPrefWidth(300);
        box.setMinWidth(220);
        return box;
    }

    private HBox statusBar() {
        status.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(status, Priority.ALWAYS);
        progressBar.setPrefWidth(260);
        progressBar.setVisible(false);
        cancelButton.setDisable(true);
        cancelButton.setOnAction(e -> cancelRunningTask());
        HBox bar = new HBox(8, status, progressBar, cancelButton);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 8, 4, 8));
        bar.setStyle("-fx-border-color: #c8c8c8 transparent transparent transparent;");
        return bar;
    }

    // ------------------------------------------------------------------------------------------------ tasks

    /**
     * Runs one step as a task; when one is already running the request is refused with a status message.
     *
     * @return the task, or null when refused
     */
    private <T> CaseTask<T> run(String title, CaseTask.Work<T> work, Consumer<T> onSuccess) {
        if (busy.get()) {
            status.setText("Busy: " + currentTask.get().getTitle() + " is still running (Cancel to stop it).");
            return null;
        }
        CaseTask<T> task = new CaseTask<>(title, work);
        status.textProperty().bind(task.messageProperty());
        progressBar.progressProperty().bind(task.progressProperty());
        progressBar.setVisible(true);
        cancelButton.setDisable(false);
        task.stateProperty().addListener((obs, old, state) -> {
            switch (state) {
                case SUCCEEDED -> {
                    finish(task, title + ": done.");
                    try {
                        onSuccess.accept(task.getValue());
                    } catch (RuntimeException e) {
                        showError(title, e);
                    }
                }
                case FAILED -> {
                    finish(task, title + ": failed.");
                    showError(title, task.getException());
                }
                case CANCELLED -> finish(task, title + ": cancelled. The current case is unchanged.");
                default -> { }
            }
        });
        currentTask.set(task);
        executor.submit(task);
        return task;
    }

    private void finish(CaseTask<?> task, String message) {
        status.textProperty().unbind();
        progressBar.progressProperty().unbind();
        progressBar.setVisible(false);
        cancelButton.setDisable(true);
        status.setText(message);
        if (currentTask.get() == task) {
            currentTask.set(null);
        }
    }

    private void showError(String step, Throwable e) {
        String message;
        if (e instanceof CaseException) {
            message = e.getMessage();
        } else if (e instanceof Progress.CancelledException) {
            status.setText(step + ": cancelled. The current case is unchanged.");
            return;
        } else {
            System.err.println("Rehearse: unexpected error in step \"" + step + "\":");
            e.printStackTrace(System.err);
            message = "An unexpected error occurred (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ").\n"
                    + "Details were written to the error log. The current case is unchanged.";
        }
        showErrorDialog(step + " failed", message);
    }

    private void showErrorDialog(String header, String message) {
        lastError.set(message);
        status.setText(header + ": " + firstLine(message));
        Alert alert = new Alert(Alert.AlertType.ERROR, message);
        alert.setTitle("Rehearse");
        alert.setHeaderText(header);
        alert.getDialogPane().setMinHeight(Region.USE_PREF_SIZE);
        Window owner = getScene() == null ? null : getScene().getWindow();
        if (owner != null && owner.isShowing()) {
            alert.initOwner(owner);
        }
        alert.show();
    }

    private static String firstLine(String s) {
        int n = s.indexOf('\n');
        return n < 0 ? s : s.substring(0, n);
    }

    /** Cancels the running step, if any; the shown case stays as it was. */
    public void cancelRunningTask() {
        CaseTask<?> t = currentTask.get();
        if (t != null) {
            t.cancel(true);
        }
    }

    // ------------------------------------------------------------------------------------------------ workflow

    private void chooseFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open DICOM folder");
        if (folder != null && folder.toFile().isDirectory()) {
            chooser.setInitialDirectory(folder.toFile());
        }
        File dir = chooser.showDialog(getScene() == null ? null : getScene().getWindow());
        if (dir != null) {
            openFolder(dir.toPath());
        }
    }

    /**
     * Scans a folder, lets the user choose a series when there are several (ChoiceDialog), and loads it.
     *
     * @param dir the folder
     */
    public void openFolder(Path dir) {
        openFolder(dir, null);
    }

    /**
     * As {@link #openFolder(Path)}, then runs {@code then} after a successful load (e.g. segment from a given seed).
     *
     * @param then run on the FX thread after the series is shown, or null
     */
    public void openFolder(Path dir, Runnable then) {
        run("Scanning " + dir.getFileName(), p -> service.scanFolder(dir, p), series -> {
            if (series.isEmpty()) {
                showErrorDialog("No images", "No image series found in " + dir + ".");
                return;
            }
            SeriesChoice choice = series.get(0);
            if (series.size() > 1) {
                ChoiceDialog<SeriesChoice> dialog = new ChoiceDialog<>(series.get(0), series);
                dialog.setTitle("Rehearse");
                dialog.setHeaderText(series.size() + " image series in " + dir.getFileName() + ". Which one?");
                dialog.setContentText("Series:");
                Optional<SeriesChoice> picked = dialog.showAndWait();
                if (picked.isEmpty()) {
                    status.setText("Loading cancelled. The current case is unchanged.");
                    return;
                }
                choice = picked.get();
            }
            loadSeries(dir, choice.uid(), then);
        });
    }

    /**
     * Loads a series and shows it (replacing the current case when it succeeds).
     *
     * @param dir       folder of the series
     * @param seriesUid SeriesInstanceUID
     * @param then      run after a successful load (e.g. segment), or null
     */
    public void loadSeries(Path dir, String seriesUid, Runnable then) {
        run("Loading series", p -> service.loadSeries(dir, seriesUid, p), loaded -> {
            folder = dir;
            this.seriesUid = seriesUid;
            caseFolder = null;
            showImage(loaded);
            if (then != null) {
                then.run();
            }
        });
    }

    private void showImage(LoadedImage loaded) {
        comparison.set(null);
        segmentation.set(null);
        image.set(loaded);
        sliceView.setVolume(loaded.volume());
        surfaceView.clearSurfaces();
        surfaceView.resetView();
        comparisonTab.setDisable(true);
        comparisonTab.setContent(new Label("Run Plan ▸ Compare repairs after segmentation."));
        comparisonView = null;
        candidateEditor.setCandidates(List.of());
        tabs.getSelectionModel().select(caseTab);
        seedLps = null;
        seedField.clear();
        if (loaded.suggestedSeedLps() != null) {
            setSeed(loaded.suggestedSeedLps());
        }
        StringBuilder sb = new StringBuilder(loaded.description()).append('\n')
                .append(loaded.volume().geometry()).append('\n');
        if (!loaded.warnings().isEmpty()) {
            sb.append("\nWarnings:\n");
            loaded.warnings().forEach(w -> sb.append("• ").append(w).append('\n'));
        }
        info.setText(sb.toString());
        if (!loaded.warnings().isEmpty()) {
            status.setText("Loaded with " + loaded.warnings().size() + " warning(s); see the case panel.");
        }
    }

    /** Opens the bundled sample case: fetch it, load its series, segment from its seed and show the 3D surface. */
    public void openSampleCase() {
        run("Preparing sample case", service::sampleCase, sample -> {
            if (sample.seriesUid() != null) {
                loadSample(sample, sample.seriesUid());
            } else {
                run("Scanning sample case", p -> service.scanFolder(sample.dicomDir(), p), series -> {
                    if (series.isEmpty()) {
                        showErrorDialog("Sample case", "The sample case folder " + sample.dicomDir() + " holds no image series.");
                    } else {
                        loadSample(sample, series.get(0).uid());
                    }
                });
            }
        });
    }

    private void loadSample(SampleCase sample, String uid) {
        loadSeries(sample.dicomDir(), uid, () -> {
            setSeed(sample.seedLps());
            segmentFromSeed(sample.seedLps());
        });
    }

    /** Sets the seed (LPS mm): text field, slice marker and slice. */
    public void setSeed(double[] lps) {
        seedLps = lps.clone();
        seedField.setText(String.format(Locale.ROOT, "%.1f, %.1f, %.1f", lps[0], lps[1], lps[2]));
        sliceView.setSeedLps(lps);
        sliceView.showSliceOf(lps);
    }

    private void segmentFromSeedField() {
        double[] lps;
        try {
            lps = parseSeed(seedField.getText());
        } catch (IllegalArgumentException e) {
            showErrorDialog("Seed point", e.getMessage());
            return;
        }
        setSeed(lps);
        segmentFromSeed(lps);
    }

    /**
     * Parses "x, y, z" (LPS mm; commas, semicolons or blanks between the numbers; '.' as decimal point).
     *
     * @throws IllegalArgumentException naming the text when it is not three finite numbers
     */
    public static double[] parseSeed(String text) {
        String t = text == null ? "" : text.trim();
        String[] parts = t.isEmpty() ? new String[0] : t.split("[,;\\s]+");
        if (parts.length != 3) {
            throw new IllegalArgumentException("The seed must be three numbers \"x, y, z\" in LPS millimetres; got \"" + t + "\".");
        }
        double[] v = new double[3];
        for (int a = 0; a < 3; a++) {
            try {
                v[a] = Double.parseDouble(parts[a]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("The seed coordinate \"" + parts[a] + "\" is not a number (use '.' as the decimal point).");
            }
            if (!Double.isFinite(v[a])) {
                throw new IllegalArgumentException("The seed coordinate \"" + parts[a] + "\" is not a finite number.");
            }
        }
        return v;
    }

    /** Segments from a seed (LPS mm) and shows the mask and the 3D surface. Needs a loaded image. */
    public void segmentFromSeed(double[] lps) {
        LoadedImage img = image.get();
        if (img == null) {
            showErrorDialog("Segmentation", "Load an image first (File ▸ Open DICOM folder…).");
            return;
        }
        double[] seed = lps.clone();
        run("Segmenting the aorta", p -> service.segment(img.volume(), seed, p), seg -> {
            if (image.get() != img) {
                return; // another image was loaded meanwhile
            }
            showSegmentation(seg);
        });
    }

    /**
     * Finds and segments the aorta without a seed (Segment ▸ Find aorta automatically); the seed field then shows the
     * point it was found from. No aorta found: a message, and the current segmentation is kept.
     */
    public void findAorta() {
        LoadedImage img = image.get();
        if (img == null) {
            showErrorDialog("Segmentation", "Load an image first (File ▸ Open DICOM folder…).");
            return;
        }
        run("Finding the aorta", p -> service.segmentAutomatic(img.volume(), p), found -> {
            if (image.get() != img) {
                return;
            }
            double[] s = found.seedLps();
            seedField.setText(String.format(Locale.ROOT, "%.1f, %.1f, %.1f", s[0], s[1], s[2]));
            sliceView.setSeedLps(s);
            showSegmentation(found.segmentation());
        });
    }

    private void showSegmentation(SegmentationResult seg) {
        {
            comparison.set(null);
            comparisonTab.setDisable(true);
            segmentation.set(seg);
            sliceView.setLabelMap(seg.mask());
            surfaceView.clearSurfaces();
            if (seg.surface() != null && seg.surface().triangleCount() > 0) {
                PhongMaterial m = new PhongMaterial(AORTA_COLOUR);
                m.setSpecularColor(Color.gray(0.4));
                m.setSpecularPower(28);
                surfaceView.addSurface(seg.surface(), m);
            }
            surfaceView.resetView();
            info.appendText("\nSegmentation (seed " + seedField.getText() + " mm):\n" + seg.summary() + "\n");
        }
    }

    /** Opens the segment editor on the loaded image (starting from the current aorta mask, if any) in a window. */
    public void openSegmentEditor() {
        LoadedImage img = image.get();
        if (img == null) {
            showErrorDialog("Segment editor", "Load an image first (File ▸ Open DICOM folder…).");
            return;
        }
        SegmentationResult seg = segmentation.get();
        try {
            var editor = org.rehearse.app.ui.segment.SegmentEditorWindow.open(getScene() == null ? null : getScene().getWindow(),
                    img.volume(), seg == null ? null : org.rehearse.app.ui.segment.SegmentEditorWindow.fromMask(seg.mask()),
                    org.rehearse.app.ui.segment.SegmentEditorWindow.defaultAutosaveRoot());
            if (seedLps != null) {
                editor.setCursorLps(seedLps);
            }
            editor.setOnApply(mask -> run("Building the edited aorta's surface",
                    p -> org.rehearse.app.ui.segment.SegmentEditorWindow.toResult(mask, p), res -> {
                        comparison.set(null);
                        comparisonTab.setDisable(true);
                        segmentation.set(res);
                        sliceView.setLabelMap(res.mask());
                        surfaceView.clearSurfaces();
                        surfaceView.addSurface(res.surface(), AORTA_COLOUR);
                        info.appendText("\n" + res.summary() + "\n");
                    }));
        } catch (IOException | RuntimeException e) {
            showErrorDialog("Segment editor", "Cannot open the segment editor: " + e.getMessage());
        }
    }

    /**
     * Simulates the candidate repairs and shows them in the Comparison tab: the candidates of the candidate list, or
     * the default candidates when the list is empty. Needs a segmentation.
     */
    public void compareRepairs() {
        compareCandidates(candidateEditor.candidates());
    }

    /**
     * Simulates the given candidates (empty: the defaults) as a cancellable task and shows them in the Comparison tab;
     * the candidate list then holds them with all their parameters. When the case has a case folder (saved or opened
     * before), the case is saved there afterwards (autosave).
     *
     * @param candidates the candidates (names unique), at most {@value ComparisonView#MAX_CANDIDATES}
     */
    public void compareCandidates(List<CandidateSpec> candidates) {
        LoadedImage img = image.get();
        SegmentationResult seg = segmentation.get();
        if (img == null || seg == null) {
            showErrorDialog("Compare repairs", "Segment the aorta first (click in the slice view or Segment ▸ Segment from seed).");
            return;
        }
        try {
            String[] bp = bpField.getText().trim().split("\\s*/\\s*");
            if (bp.length != 2) {
                throw new IllegalArgumentException("Blood pressure must be systolic/diastolic in mmHg, e.g. 120/70; got \""
                        + bpField.getText() + "\".");
            }
            PatientMeasurements patient = new PatientMeasurements(number(bp[0], "systolic pressure"),
                    number(bp[1], "diastolic pressure"), number(coField.getText(), "cardiac output"),
                    number(hrField.getText(), "heart rate"), Double.NaN);
            service.setHemodynamics(patient, (int) number(samplesField.getText(), "uncertainty samples"));
            lastPatient = patient;
        } catch (IllegalArgumentException e) {
            showErrorDialog("Patient measurements", e.getMessage());
            return;
        }
        double[] seed = seedLps == null ? null : seedLps.clone();
        List<CandidateSpec> specs = List.copyOf(candidates);
        run("Simulating candidate repairs", p -> service.compareCandidates(img.volume(), seg, seed, specs, p), result -> {
            if (segmentation.get() != seg) {
                return;
            }
            comparison.set(result);
            if (comparisonView == null) {
                comparisonView = new ComparisonView(result.candidates());
            } else {
                var camera = comparisonView.surfaceViews().isEmpty() ? null
                        : comparisonView.surfaceViews().get(0).getCameraState();
                comparisonView.setCandidates(result.candidates());
                if (camera != null && !comparisonView.surfaceViews().isEmpty()) {
                    comparisonView.surfaceViews().get(0).setCameraState(camera);
                }
            }
            for (int i = 0; i < result.candidates().size(); i++) {
                comparisonView.setMarkers(result.candidates().get(i).name(), result.markers(i));
            }
            List<CandidateSpec> shownSpecs = result.specs();
            comparisonView.setOnMarkerMoved((name, parameter, value, released) -> {
                // display names and specs are in the same order
                for (int i = 0; i < result.candidates().size() && i < shownSpecs.size(); i++) {
                    if (!result.candidates().get(i).name().equals(name)) continue;
                    if (candidateEditor.select(shownSpecs.get(i).name())) {
                        candidateEditor.setParameter(parameter, Math.round(value * 10) / 10.0);
                    }
                }
            });
            if (!result.specs().isEmpty()) {
                candidateEditor.setCandidates(result.specs());
                comparisonView.setReferenceName(result.specs().stream().filter(c -> c.kind().equals("native"))
                        .map(CandidateSpec::name).findFirst().orElse(null));
            }
            comparisonSummary.setText(result.summary());
            if (!presentation.isOn()) {
                comparisonPane.setCenter(comparisonView);
            }
            comparisonTab.setContent(comparisonPane);
            comparisonTab.setDisable(false);
            tabs.getSelectionModel().select(comparisonTab);
            Path target = caseFolder != null ? caseFolder
                    : autosaveRoot == null || seriesUid == null ? null
                    : autosaveRoot.resolve(org.rehearse.app.report.MeshExport.fileName(seriesUid));
            if (target != null) {
                saveCaseTo(target, true);
            }
        });
    }

    // ------------------------------------------------------------------------------------------------ case files

    /**
     * Saves the case (series reference, seed, patient, candidates, last results, segmentation) into a case folder, as
     * a task; the folder becomes the case's folder (autosaved after each comparison).
     *
     * @param dir       the case folder
     * @param autosave  true when called after a comparison (only the status line reports it)
     */
    public void saveCaseTo(Path dir, boolean autosave) {
        if (image.get() == null || folder == null || seriesUid == null) {
            showErrorDialog("Save case", "Open a DICOM series first: a case refers to its images.");
            return;
        }
        SegmentationResult seg = segmentation.get();
        ComparisonResult cmp = comparison.get();
        java.util.Map<String, java.util.Map<String, Double>> results = new java.util.LinkedHashMap<>();
        if (cmp != null) {
            cmp.candidates().forEach(c -> results.put(c.name(), c.outcomes()));
        }
        CaseState state = new CaseState(folder, seriesUid, seedLps, lastPatient, candidateEditor.candidates(), results,
                seg == null ? null : seg.mask());
        run(autosave ? "Autosaving the case" : "Saving the case", p -> {
            service.saveCase(dir, state, p);
            return dir;
        }, saved -> {
            caseFolder = saved;
            status.setText((autosave ? "Case autosaved to " : "Case saved to ") + saved);
        });
    }

    /**
     * Opens a case folder as a task: loads its series after checking that it is the same, unchanged series (a missing
     * or changed series is reported in a dialog and nothing is guessed), its segmentation, seed, patient and
     * candidates. Run Plan ▸ Compare repairs afterwards to simulate the candidates.
     *
     * @param dir the case folder
     */
    public void openCase(Path dir) {
        run("Opening case " + dir.getFileName(), p -> service.openCase(dir, null, p), opened -> {
            folder = opened.dicomFolder();
            seriesUid = opened.seriesUid();
            showImage(opened.image());
            caseFolder = opened.caseFolder();
            if (opened.seedLps() != null) {
                setSeed(opened.seedLps());
            }
            if (opened.patient() != null) {
                PatientMeasurements pm = opened.patient();
                bpField.setText(String.format(Locale.ROOT, "%.0f/%.0f", pm.systolicMmHg(), pm.diastolicMmHg()));
                coField.setText(String.format(Locale.ROOT, "%.1f", pm.cardiacOutputLMin()));
                hrField.setText(String.format(Locale.ROOT, "%.0f", pm.heartRateBpm()));
            }
            if (opened.segmentation() != null) {
                showSegmentation(opened.segmentation());
            }
            candidateEditor.setCandidates(opened.candidates());
            status.setText("Case opened from " + opened.caseFolder() + (opened.segmentation() == null ? ""
                    : "; Plan ▸ Compare repairs simulates its " + opened.candidates().size() + " candidate(s)."));
        });
    }

    /** Runs a task for the export menus (see {@link CaseMenus}). */
    <T> void runTask(String title, CaseTask.Work<T> work, Consumer<T> onSuccess) {
        run(title, work, onSuccess);
    }

    /** Shows an error dialog (for {@link CaseMenus}). */
    void error(String header, String message) {
        showErrorDialog(header, message);
    }

    /** Sets the status line (for {@link CaseMenus}). */
    void setStatus(String text) {
        status.setText(text);
    }

    /**
     * Sets where a case that has no case folder yet is autosaved after a comparison: a sub-folder per series
     * (named after its SeriesInstanceUID), which then becomes the case folder. Null (the default) autosaves only cases
     * that were saved or opened before.
     */
    public void setAutosaveRoot(Path root) {
        autosaveRoot = root;
    }

    /** @return the case folder the case was last saved to or opened from, or null */
    public Path caseFolder() {
        return caseFolder;
    }

    /** @return the candidate list of the Comparison tab */
    public CandidateEditor candidateEditor() {
        return candidateEditor;
    }

    /** @return the Comparison tab's content: candidate list (left), comparison (centre), summary (bottom) */
    BorderPane comparisonPane() {
        return comparisonPane;
    }

    /**
     * Enters or leaves the presentation mode for the conference room: full screen, large fonts, the comparison alone
     * (no menus, candidate list or status bar). F11 toggles it; Esc leaves it. Needs a comparison.
     */
    public void setPresentationMode(boolean on) {
        if (on && comparisonView == null) {
            status.setText("Presentation mode shows a comparison: run Plan ▸ Compare repairs first.");
            return;
        }
        presentation.set(on, comparisonView);
    }

    /** @return whether the presentation mode is on */
    public boolean isPresentationMode() {
        return presentation.isOn();
    }

    private static double number(String text, String what) {
        try {
            return Double.parseDouble(text.trim().replace(',', '.'));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The " + what + " must be a number; got \"" + text + "\".");
        }
    }

    /** Frames the 3D view(s) again (anterior view). */
    public void resetView() {
        surfaceView.resetView();
        if (comparisonView != null) {
            comparisonView.resetView();
        }
    }

    private void chooseScreenshotFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save screenshot");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG image", "*.png"));
        chooser.setInitialFileName("rehearse-screenshot.png");
        File f = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (f != null) {
            Path path = f.toPath().toString().toLowerCase(Locale.ROOT).endsWith(".png") ? f.toPath()
                    : Path.of(f.getPath() + ".png");
            try {
                saveScreenshot(path);
                status.setText("Screenshot saved to " + path);
            } catch (IOException e) {
                showErrorDialog("Save screenshot", "Could not write " + path + ": " + e.getMessage());
            }
        }
    }

    /** @return an image of the whole window content (3D views included) */
    public WritableImage snapshot() {
        if (getScene() != null) {
            return getScene().snapshot(null);
        }
        return snapshot(null, null);
    }

    /**
     * Writes {@link #snapshot()} as PNG.
     *
     * @throws IOException when the file cannot be written
     */
    public void saveScreenshot(Path file) throws IOException {
        FxThread.writePng(snapshot(), file);
    }

    // ------------------------------------------------------------------------------------------------ access

    /** Sets what File ▸ Exit does (default: close the window). */
    public void setOnExit(Runnable action) {
        onExit = action;
    }

    /** @return the axial slice view (left) */
    public SliceView sliceView() {
        return sliceView;
    }

    /** @return the 3D view of the segmented surface (right) */
    public SurfaceView3D surfaceView() {
        return surfaceView;
    }

    /** @return the comparison view of the last comparison, or null */
    public ComparisonView comparisonView() {
        return comparisonView;
    }

    /** @return the tabs "Case" and "Comparison" */
    public TabPane tabs() {
        return tabs;
    }

    /** @return the loaded image (null before the first successful load) */
    public ReadOnlyObjectProperty<LoadedImage> imageProperty() {
        return image;
    }

    /** @return the current segmentation, or null */
    public ReadOnlyObjectProperty<SegmentationResult> segmentationProperty() {
        return segmentation;
    }

    /** @return the current comparison, or null */
    public ReadOnlyObjectProperty<ComparisonResult> comparisonProperty() {
        return comparison;
    }

    /** @return the running step, or null when idle */
    public ReadOnlyObjectProperty<CaseTask<?>> currentTaskProperty() {
        return currentTask;
    }

    /** @return the message of the last error dialog, or null */
    public ReadOnlyObjectProperty<String> lastErrorProperty() {
        return lastError;
    }

    /** @return true while a step runs */
    public boolean isBusy() {
        return busy.get();
    }

    /** @return a copy of the seed (LPS mm), or null */
    public double[] seedLps() {
        return seedLps == null ? null : seedLps.clone();
    }

    /** @return the status line text */
    public String statusText() {
        return status.getText();
    }

    /** Stops the background thread (after the running step); call when the window is closed for good. */
    public void shutdown() {
        cancelRunningTask();
        executor.shutdownNow();
    }
}
