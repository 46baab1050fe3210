package org.rehearse.app.ui.segment;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;
import java.util.Locale;
import org.rehearse.app.AppPaths;
import org.rehearse.app.workflow.CaseException;
import org.rehearse.app.workflow.SegmentationResult;
import org.rehearse.segmentation.Progress;
import org.rehearse.segmentation.mesh.SurfaceExtractor;
import org.rehearse.segmentation.mesh.SurfaceMesh;
import org.rehearse.segmentation.mesh.SurfaceParameters;
import org.rehearse.segmentation.edit.LabelInfo;
import org.rehearse.segmentation.edit.Segmentation;
import org.rehearse.segmentation.edit.UndoStack;
import org.rehearse.segmentation.image.LabelMap;
import org.rehearse.segmentation.image.Volume;

/**
 * Opens the {@link SegmentEditorPane} in its own window, with an autosave folder of its own per image and the offer
 * to recover an earlier autosave of that image.
 */
public final class SegmentEditorWindow {
    /** Window width and height in pixels. */
    public static final int WIDTH = 1600, HEIGHT = 1000;

    private SegmentEditorWindow() {
    }

    /**
     * The default autosave root: {@code <cache>/autosave} in the folder of {@link AppPaths#sampleCacheDir()}
     * ({@code $REHEARSE_CACHE}, {@code $XDG_CACHE_HOME/rehearse} or {@code ~/.cache/rehearse}).
     */
    public static Path defaultAutosaveRoot() {
        return AppPaths.sampleCacheDir().resolve("autosave");
    }

    /**
     * The autosave folder of one image: {@code root/<key>}, where the key is a CRC-32 of the grid description and of
     * every 997th voxel value, so that different images (even on equal grids) do not share autosaves.
     */
    public static Path autosaveFolder(Path root, Volume volume) {
        CRC32 crc = new CRC32();
        crc.update(volume.geometry().toString().getBytes(StandardCharsets.UTF_8));
        short[] v = volume.values();
        ByteBuffer b = ByteBuffer.allocate(2 * (v.length / 997 + 1));
        for (int n = 0; n < v.length; n += 997) {
            b.putShort(v[n]);
        }
        crc.update(b.array(), 0, b.position());
        return root.resolve(String.format("image-%08x", crc.getValue()));
    }

    /**
     * A segmentation holding a mask (label 1 = aorta) from the automatic pipeline, for editing.
     *
     * @param mask a label map (copied): value 1 becomes the label "aorta", other non-zero values keep their value
     *             and get default names and colours
     */
    public static Segmentation fromMask(LabelMap mask) {
        LabelMap copy = mask.copy();
        boolean[] present = new boolean[256];
        for (byte b : copy.labels()) {
            present[b & 0xFF] = true;
        }
        Segmentation s = new Segmentation(copy, List.of(), new UndoStack());
        s.addLabel(new LabelInfo(1, "aorta", SegmentEditorPane.AORTA_RGB));
        for (int v = 2; v < 256; v++) {
            if (present[v]) {
                s.addLabel(new LabelInfo(v, "label " + v, LabelInfo.defaultColour(v)));
            }
        }
        return s;
    }

    /**
     * The case's segmentation from an edited mask: the mask, its surface ({@link SurfaceExtractor}, default
     * parameters) and a one-line summary; for the workstation's "Use for planning".
     *
     * @param mask binary mask, 1 = aorta
     * @throws CaseException when the mask is empty (no surface)
     * @throws Progress.CancelledException when cancelled
     */
    public static SegmentationResult toResult(LabelMap mask, Progress p) throws CaseException {
        try {
            SurfaceMesh surface = SurfaceExtractor.extract(mask, 1, SurfaceParameters.DEFAULT, p);
            return new SegmentationResult(mask, surface, String.format(Locale.ROOT,
                    "Edited aorta: %.1f mL, surface %d triangles%s", mask.volumeMl(), surface.triangleCount(),
                    surface.isWatertight() ? "" : " (not closed)"));
        } catch (IllegalArgumentException e) {
            throw new CaseException("The edited segmentation cannot be used: " + e.getMessage(), e);
        }
    }

    /**
     * Opens the editor in a new window and, once it is shown, offers to recover an autosave of this image.
     *
     * @param owner        the owner window, or null
     * @param volume       the CT
     * @param initial      the segmentation to start from, or null for an empty one with the label "aorta"
     * @param autosaveRoot the autosave root (a folder per image is made in it), or null for no autosave
     * @return the editor
     * @throws IOException when the autosave folder cannot be created
     */
    public static SegmentEditorPane open(Window owner, Volume volume, Segmentation initial, Path autosaveRoot)
            throws IOException {
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
        }
        SegmentEditorPane pane = new SegmentEditorPane(volume, initial,
                autosaveRoot == null ? null : autosaveFolder(autosaveRoot, volume));
        showIn(stage, pane);
        return pane;
    }

    /** Puts the editor into a stage, shows it and offers recovery after it is shown. */
    public static void showIn(Stage stage, SegmentEditorPane pane) {
        stage.setTitle("Rehearse – segment editor");
        stage.setScene(new Scene(pane, WIDTH, HEIGHT));
        stage.setOnHidden(e -> pane.shutdown());
        stage.show();
        Platform.runLater(pane::offerRecovery);
    }
}
