package org.rehearse.app.ui.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.rehearse.segmentation.edit.Autosave;
import org.rehearse.segmentation.edit.Segmentation;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Nothing lost: a child JVM opens the segment editor, edits and autosaves; it is killed ({@code destroyForcibly})
 * while it goes on editing; the editor reopened on the same folder offers the autosave in a dialog, the robot clicks
 * "Recover", and the label map and label list are exactly those of an edit step at or after the last one reported
 * saved.
 */
@ExtendWith(ApplicationExtension.class)
class SegmentEditorRecoveryTest {
    static {
        System.setProperty("testfx.robot", "glass");
    }

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(30, TimeUnit.SECONDS);
    }

    @Test
    void killedEditorIsRecoveredExactly(FxRobot robot, @TempDir Path dir) throws Exception {
        Path folder = dir.resolve("autosave");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx512m", "-Dprism.forceGPU=true", "-Dprism.order=es2",
                "-cp", System.getProperty("java.class.path"), SegmentEditorCrashChild.class.getName(), folder.toString())
                .redirectErrorStream(true);
        Process p = pb.start();
        int lastSaved = 0;
        StringBuilder log = new StringBuilder();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                log.append(line).append('\n');
                if (line.startsWith("SAVED ")) {
                    lastSaved = Integer.parseInt(line.substring(6).trim());
                    if (lastSaved >= 6) {
                        p.destroyForcibly(); // killed while it edits and writes the next step
                        break;
                    }
                }
            }
        } finally {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        assertTrue(lastSaved >= 6, "the child should have saved 6 steps; its output:\n" + log);
        assertTrue(Files.isDirectory(folder));

        // reopen: the editor offers the autosave; the user clicks Recover
        SegmentEditorPane pane = fx(() -> {
            SegmentEditorPane e = new SegmentEditorPane(EditorFixtures.volume(), null, folder);
            e.setSurfacesEnabled(false);
            SegmentEditorWindow.showIn(stage, e);
            return e;
        });
        // the dialog's button, once it is shown (the query may also see a not yet visible copy while it opens)
        java.util.function.Predicate<javafx.scene.Node> recover = n -> n instanceof javafx.scene.control.Button
                && "Recover".equals(((javafx.scene.control.Button) n).getText()) && n.isVisible()
                && n.getScene() != null && n.getScene().getWindow() != null && n.getScene().getWindow().isShowing();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup(recover).tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(robot.lookup(recover).<javafx.scene.Node>query());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> pane.segmentation().labels().size() == 2));
        Segmentation got = fx(pane::segmentation);

        int match = -1;
        for (int m = lastSaved; m <= lastSaved + 1; m++) {
            Segmentation want = EditorFixtures.replay(m);
            if (Arrays.equals(want.labelMap().labels(), got.labelMap().labels())) {
                match = m;
                assertEquals(want.labels(), got.labels());
            }
        }
        assertTrue(match >= lastSaved, "the recovered label map must equal the state after step " + lastSaved
                + " (or the step after it); voxels of label 1: " + got.count(1) + ", label 2: " + got.count(2));
        // the views show the recovered map and undo history starts fresh
        assertTrue(fx(() -> pane.sliceViews().get(0).getLabelMap() == got.labelMap()));
        assertEquals(0, (int) fx(() -> got.undoStack().undoSize()));
        Optional<Autosave.Recovered> still = Autosave.findRecoverable(folder);
        assertTrue(still.isPresent(), "recovering keeps the autosave until the next save replaces it");
    }
}
