package org.rehearse.app.ui;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCombination;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.rehearse.app.report.MeshExport;
import org.rehearse.rendering.CandidateDisplay;
import org.rehearse.rendering.ComparisonView;
import org.rehearse.rendering.FxThread;
import org.rehearse.segmentation.mesh.SurfaceMesh;

/**
 * The workstation's menu items for case files and exports: File ▸ Open case…, Save case…, Export comparison PNG…,
 * Export candidates STL…, and View ▸ Presentation mode. They choose a file or folder and call the workstation.
 */
final class CaseMenus {
    /** Pixel size of an exported comparison image when the view is not shown. */
    static final int EXPORT_WIDTH = 1920, EXPORT_HEIGHT = 1080;

    private CaseMenus() {
    }

    /** @return the File menu's case and export items (with a separator before them) */
    static List<MenuItem> fileItems(Workstation ws, BooleanBinding busy, ObservableBooleanValue noImage,
                                    ObservableBooleanValue noComparison) {
        MenuItem open = new MenuItem("Open case…");
        open.setOnAction(e -> chooseFolder(ws, "Open case folder").ifPresent(ws::openCase));
        open.disableProperty().bind(busy);
        MenuItem save = new MenuItem("Save case…");
        save.setOnAction(e -> chooseFolder(ws, "Save case into folder").ifPresent(d -> ws.saveCaseTo(d, false)));
        save.disableProperty().bind(busy.or(javafx.beans.binding.Bindings.createBooleanBinding(noImage::get, noImage)));
        MenuItem png = new MenuItem("Export comparison PNG…");
        png.setOnAction(e -> exportPng(ws));
        png.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(noComparison::get, noComparison));
        MenuItem stl = new MenuItem("Export candidates STL…");
        stl.setOnAction(e -> chooseFolder(ws, "Export candidate surfaces (STL) into folder")
                .ifPresent(d -> exportStl(ws, d)));
        stl.disableProperty().bind(busy.or(javafx.beans.binding.Bindings.createBooleanBinding(noComparison::get, noComparison)));
        return List.of(new SeparatorMenuItem(), open, save, new SeparatorMenuItem(), png, stl);
    }

    /** @return View ▸ Presentation mode (F11) */
    static MenuItem presentationItem(Workstation ws, ObservableBooleanValue noComparison) {
        MenuItem m = new MenuItem("Presentation mode");
        m.setAccelerator(KeyCombination.keyCombination("F11"));
        m.setOnAction(e -> ws.setPresentationMode(!ws.isPresentationMode()));
        m.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(noComparison::get, noComparison));
        return m;
    }

    private static java.util.Optional<Path> chooseFolder(Workstation ws, String title) {
        DirectoryChooser c = new DirectoryChooser();
        c.setTitle(title);
        File f = c.showDialog(window(ws));
        return java.util.Optional.ofNullable(f).map(File::toPath);
    }

    private static Window window(Workstation ws) {
        return ws.getScene() == null ? null : ws.getScene().getWindow();
    }

    private static void exportPng(Workstation ws) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export comparison");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG image", "*.png"));
        chooser.setInitialFileName("comparison.png");
        File f = chooser.showSaveDialog(window(ws));
        if (f == null) {
            return;
        }
        Path path = f.getName().toLowerCase(Locale.ROOT).endsWith(".png") ? f.toPath() : Path.of(f.getPath() + ".png");
        try {
            exportComparisonPng(ws, path);
            ws.setStatus("Comparison exported to " + path);
        } catch (IOException e) {
            ws.error("Export comparison", "Could not write " + path + ": " + e.getMessage());
        }
    }

    /**
     * Writes an image of the comparison (3D views, legend, charts, table) as PNG.
     *
     * @throws IOException when the file cannot be written
     * @throws IllegalStateException when there is no comparison
     */
    static void exportComparisonPng(Workstation ws, Path file) throws IOException {
        ComparisonView v = ws.comparisonView();
        if (v == null) {
            throw new IllegalStateException("no comparison to export");
        }
        FxThread.writePng(v.snapshot(EXPORT_WIDTH, EXPORT_HEIGHT), file);
    }

    /** Writes each candidate's surface as STL into a folder (a task; {@link MeshExport}). */
    static void exportStl(Workstation ws, Path dir) {
        ComparisonView v = ws.comparisonView();
        if (v == null) {
            return;
        }
        Map<String, SurfaceMesh> surfaces = new LinkedHashMap<>();
        for (CandidateDisplay c : v.candidates()) {
            if (c.surface() != null) {
                surfaces.put(c.name(), c.surface());
            }
        }
        ws.runTask("Exporting candidate surfaces", p -> {
            try {
                return MeshExport.write(dir, surfaces, false);
            } catch (IOException e) {
                throw new org.rehearse.app.workflow.CaseException("Could not write the surfaces into " + dir + ": "
                        + e.getMessage(), e);
            }
        }, files -> ws.setStatus(files.size() + " candidate surface(s) exported to " + dir));
    }
}
