package org.rehearse.segmentation.edit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.rehearse.segmentation.image.ImageGeometry;
import org.rehearse.segmentation.image.LabelMap;

class UndoStackTest {

    /** Applies one random tool; returns its edit. */
    private static Edit randomOperation(SegmentEditor ed, ImageGeometry g, Random rnd) {
        int label = 1 + rnd.nextInt(2);
        double[] c = EditFixtures.lps(g, rnd.nextInt(g.columns()), rnd.nextInt(g.rows()), rnd.nextInt(g.slices()));
        switch (rnd.nextInt(7)) {
            case 0: return ed.paintSphere(label, c, 2 + 4 * rnd.nextDouble());
            case 1: return ed.eraseSphere(label, c, 2 + 4 * rnd.nextDouble());
            case 2: return ed.paintDisc(label, c, 3 + 5 * rnd.nextDouble(), SliceOrientation.values()[rnd.nextInt(3)]);
            case 3: return ed.grow(label, 1 + rnd.nextDouble());
            case 4: return ed.smoothGaussian(label, 0.8);
            case 5: return ed.cutWithPlane(label, c, new double[] {rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian()});
            default: return ed.fillHoles(label);
        }
    }

    @Test
    void undoAndRedoRestoreEveryStateByteForByte() {
        ImageGeometry g = EditFixtures.grid(40, 36, 24, 0.9, 0.9, 1.5);
        Segmentation s = EditFixtures.segmentation(g);
        SegmentEditor ed = new SegmentEditor(s);
        Random rnd = new Random(42);
        List<byte[]> states = new ArrayList<>();
        states.add(s.labelMap().labels().clone());
        int steps = 0;
        while (steps < 40) {
            Edit e = randomOperation(ed, g, rnd);
            if (!e.isEmpty()) {
                steps++;
                states.add(s.labelMap().labels().clone());
            }
        }
        assertEquals(40, s.undoStack().undoSize());
        for (int t = states.size() - 2; t >= 0; t--) {
            assertTrue(s.undo().isPresent());
            assertArrayEquals(states.get(t), s.labelMap().labels(), "after undo to state " + t);
        }
        assertFalse(s.undo().isPresent());
        for (int t = 1; t < states.size(); t++) {
            assertTrue(s.redo().isPresent());
            assertArrayEquals(states.get(t), s.labelMap().labels(), "after redo to state " + t);
        }
        assertFalse(s.redo().isPresent());
        // a new edit after undo clears the redo list
        s.undo();
        ed.paintSphere(1, EditFixtures.lps(g, 5, 5, 5), 2);
        assertEquals(0, s.undoStack().redoSize());
    }

    @Test
    void memoryIsBoundedAndTheNewestEditIsAlwaysKept() {
        ImageGeometry g = EditFixtures.grid(60, 60, 60, 0.5, 0.5, 0.5);
        Segmentation probe = EditFixtures.segmentation(g);
        long one = new SegmentEditor(probe).paintSphere(1, EditFixtures.lps(g, 30, 30, 30), 5).memoryBytes();
        assertTrue(one < g.voxelCount() / 20, "a sphere edit is sparse: " + one + " bytes for a " + g.voxelCount() + "-voxel map");

        UndoStack stack = new UndoStack(3 * one + one / 2, 100);
        Segmentation s = new Segmentation(new LabelMap(g), EditFixtures.segmentation(g).labels(), stack);
        SegmentEditor ed = new SegmentEditor(s);
        for (int t = 0; t < 10; t++) {
            ed.paintSphere(1 + t % 2, EditFixtures.lps(g, 30 + (t % 2), 30, 30), 5); // alternating: always a change
            assertTrue(stack.memoryBytes() <= stack.maxBytes(), "bytes held " + stack.memoryBytes());
        }
        assertEquals(3, stack.undoSize(), "only the newest steps that fit the bound are kept");
        UndoStack tiny = new UndoStack(10, 100);
        Segmentation t = new Segmentation(new LabelMap(g), EditFixtures.segmentation(g).labels(), tiny);
        new SegmentEditor(t).paintSphere(1, EditFixtures.lps(g, 30, 30, 30), 5);
        assertEquals(1, tiny.undoSize(), "the newest edit is kept although it exceeds the bound");
        t.undo();
        assertEquals(0, t.count(1));
        UndoStack steps = new UndoStack(1L << 30, 2);
        Segmentation u = new Segmentation(new LabelMap(g), EditFixtures.segmentation(g).labels(), steps);
        for (int k = 0; k < 5; k++) new SegmentEditor(u).paintSphere(1, EditFixtures.lps(g, 10 + 8 * k, 30, 30), 2);
        assertEquals(2, steps.undoSize());
    }

    @Test
    void editBoundsCoverTheChangedVoxels() {
        ImageGeometry g = EditFixtures.grid(30, 30, 30, 1, 1, 1);
        Segmentation s = EditFixtures.segmentation(g);
        Edit e = new SegmentEditor(s).paintSphere(1, EditFixtures.lps(g, 12, 14, 16), 3);
        assertEquals(new IndexBox(9, 11, 13, 15, 17, 19), e.bounds(30, 30));
        int[] n = {0};
        e.forEachChange((idx, oldL, newL) -> {
            assertEquals(0, oldL);
            assertEquals(1, newL);
            n[0]++;
        });
        assertEquals(e.voxelCount(), n[0]);
    }
}
