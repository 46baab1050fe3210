package org.rehearse.app.ui.segment;

import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.stage.Stage;
import org.rehearse.app.AppPaths;
import org.rehearse.app.ui.Workstation;
import org.rehearse.app.workflow.CaseService;
import org.rehearse.app.workflow.DefaultCaseService;
import org.rehearse.app.workflow.LoadedImage;
import org.rehearse.app.workflow.SampleCase;
import org.rehearse.app.workflow.SeriesChoice;
import org.rehearse.segmentation.Progress;

/**
 * The segment editor on its own: loads a DICOM series (or the sample case), opens {@link SegmentEditorPane} and, with
 * a seed, grows the aorta from it at once.
 *
 * <p>Arguments: {@code --dicom=DIR} (first series of the folder; default: the bundled sample case),
 * {@code --seed=x,y,z} (LPS mm; default: the sample case's seed), {@code --autosave=DIR} (autosave root; default
 * {@link SegmentEditorWindow#defaultAutosaveRoot()}).
 */
public final class SegmentEditorApp {
    private SegmentEditorApp() {
    }

    /** Launches the editor; blocks until its window is closed. */
    public static void main(String[] args) {
        Application.launch(FxApp.class, args);
    }

    /** The JavaFX application (the launcher class itself must not extend {@link Application}). */
    public static final class FxApp extends Application {
    @Override
    public void start(Stage stage) {
        List<String> args = getParameters().getRaw();
        String dicom = option(args, "--dicom=");
        String seedText = option(args, "--seed=");
        String autosave = option(args, "--autosave=");
        CaseService service = new DefaultCaseService(AppPaths.sampleCacheDir());
        Thread t = new Thread(() -> {
            try {
                Path dir;
                String uid = null;
                double[] seed = seedText == null ? null : Workstation.parseSeed(seedText);
                if (dicom == null) {
                    SampleCase sc = service.sampleCase(Progress.NONE);
                    dir = sc.dicomDir();
                    uid = sc.seriesUid();
                    if (seed == null) {
                        seed = sc.seedLps();
                    }
                } else {
                    dir = Path.of(dicom);
                }
                if (uid == null) {
                    List<SeriesChoice> series = service.scanFolder(dir, Progress.NONE);
                    if (series.isEmpty()) {
                        throw new IllegalArgumentException("no image series in " + dir);
                    }
                    uid = series.get(0).uid();
                }
                LoadedImage img = service.loadSeries(dir, uid, Progress.NONE);
                double[] s = seed;
                Platform.runLater(() -> {
                    try {
                        SegmentEditorPane pane = new SegmentEditorPane(img.volume(), null, SegmentEditorWindow.autosaveFolder(
                                autosave == null ? SegmentEditorWindow.defaultAutosaveRoot() : Path.of(autosave), img.volume()));
                        SegmentEditorWindow.showIn(stage, pane);
                        stage.setOnHidden(e -> {
                            pane.shutdown();
                            Platform.exit();
                        });
                        if (s != null) {
                            pane.setCursorLps(s);
                            pane.automaticAorta(s);
                        }
                    } catch (Exception e) {
                        fail(e);
                    }
                });
            } catch (Exception e) {
                Platform.runLater(() -> fail(e));
            }
        }, "segment-editor-load");
        t.setDaemon(true);
        t.start();
    }
    }

    private static void fail(Exception e) {
        Alert a = new Alert(Alert.AlertType.ERROR, e.getMessage());
        a.setHeaderText("Cannot open the segment editor");
        a.showAndWait();
        Platform.exit();
    }

    private static String option(List<String> args, String prefix) {
        for (String a : args) {
            if (a.startsWith(prefix)) {
                return a.substring(prefix.length());
            }
        }
        return null;
    }
}
