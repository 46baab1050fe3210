package org.rehearse.segmentation.edit;

import java.nio.file.Path;

import org.rehearse.segmentation.image.ImageGeometry;

/**
 * Not a test: the child JVM of {@link AutosaveTest}'s crash test. Edits a segmentation step by step and autosaves
 * after each step, printing "SAVED g" once generation g is on disk, until it is killed.
 * Usage: java -cp ... org.rehearse.segmentation.edit.AutosaveCrashChild folder
 */
public final class AutosaveCrashChild {
    private AutosaveCrashChild() {
    }

    /** The grid of the crash test (large enough that a save takes a noticeable time). */
    static ImageGeometry grid() {
        return EditFixtures.grid(256, 256, 96, 0.7, 0.7, 1.25);
    }

    /** The labels of the crash test. */
    static Segmentation fresh() {
        return EditFixtures.segmentation(grid());
    }

    /** The deterministic edit number {@code step} (1, 2, …). */
    static void step(SegmentEditor ed, int step) {
        ImageGeometry g = ed.segmentation().geometry();
        double i = 20 + (step * 37) % 216, j = 20 + (step * 53) % 216, k = 10 + (step * 17) % 76;
        if (step % 5 == 0) {
            ed.eraseSphere(1, EditFixtures.lps(g, i, j, k), 9);
        } else {
            ed.paintSphere(1 + step % 2, EditFixtures.lps(g, i, j, k), 4 + step % 7);
        }
    }

    /** @param args the autosave folder */
    public static void main(String[] args) throws Exception {
        Segmentation s = fresh();
        SegmentEditor ed = new SegmentEditor(s);
        try (Autosave a = new Autosave(Path.of(args[0]))) {
            for (int step = 1; ; step++) {
                step(ed, step);
                a.save(s);
                System.out.println("SAVED " + step);
                System.out.flush();
            }
        }
    }
}
