package org.rehearse.app.ui.segment;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.rehearse.rendering.FxThread;

/**
 * Not a test: the child JVM of {@link SegmentEditorRecoveryTest}. Opens the segment editor window on the synthetic
 * volume with an autosave folder, adds the label "heart", then paints/erases one sphere per step through the editor
 * (as a mouse stroke does), autosaves after each step and prints "SAVED n" once step n is on disk, until it is killed.
 * Usage: java -cp … org.rehearse.app.ui.segment.SegmentEditorCrashChild folder
 */
public final class SegmentEditorCrashChild {
    private SegmentEditorCrashChild() {
    }

    /** @param args the autosave folder */
    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        FxThread.ensureStarted();
        SegmentEditorPane pane = FxThread.call(() -> {
            SegmentEditorPane p = new SegmentEditorPane(EditorFixtures.volume(), null, folder);
            p.setSurfacesEnabled(false);
            p.setAutosaveIntervalSeconds(3600); // only the saves after each step, so that generation n = step n
            Stage stage = new Stage();
            stage.setScene(new Scene(p, 1000, 700));
            stage.show();
            p.addLabel("heart", EditorFixtures.HEART_RGB).orElseThrow();
            return p;
        });
        for (int n = 1; ; n++) {
            double[] st = EditorFixtures.step(n);
            CompletableFuture<java.nio.file.Path> saved = FxThread.call(() -> {
                pane.selectLabel((int) st[0]);
                pane.brushStroke(null, st[4], st[5] != 0, List.of(EditorFixtures.lps(st[1], st[2], st[3])));
                return pane.lastSaveFuture();
            });
            saved.get(60, TimeUnit.SECONDS);
            System.out.println("SAVED " + n);
            System.out.flush();
        }
    }

    static {
        Platform.setImplicitExit(false);
    }
}
