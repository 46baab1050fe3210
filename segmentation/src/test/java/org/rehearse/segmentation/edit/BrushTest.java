package org.rehearse.segmentation.edit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rehearse.segmentation.image.ImageGeometry;

class BrushTest {

    @Test
    void sphereVolumeMatchesAnalyticOnIsotropicAndAnisotropicGrids() {
        double r = 6.0;
        for (double[] sp : new double[][] {{0.5, 0.5, 0.5}, {0.7, 0.7, 2.0}}) {
            int nx = (int) Math.ceil(16 / sp[0]), nz = (int) Math.ceil(16 / sp[2]);
            ImageGeometry g = EditFixtures.grid(nx, nx, nz, sp[0], sp[1], sp[2]);
            Segmentation s = EditFixtures.segmentation(g);
            SegmentEditor ed = new SegmentEditor(s);
            double[] c = EditFixtures.lps(g, nx / 2 - 0.7, nx / 2 + 0.1, nz / 2 - 0.4);
            Edit e = ed.paintSphere(1, c, r);
            long n = s.count(1);
            assertEquals(n, e.voxelCount());
            assertEquals(EditFixtures.countWithin(g, c, r), n, "voxel count equals brute force for spacing " + sp[2]);
            double analytic = 4.0 / 3.0 * Math.PI * r * r * r;
            double tol = sp[2] > 1 ? 0.05 : 0.02;
            assertEquals(analytic, n * g.voxelVolumeMm3(), tol * analytic, "sphere volume, spacing " + java.util.Arrays.toString(sp));
        }
    }

    @Test
    void discAreaInEachOrientationMatchesAnalytic() {
        ImageGeometry g = EditFixtures.grid(60, 60, 60, 0.4, 0.4, 0.4);
        double r = 8.0;
        for (SliceOrientation o : SliceOrientation.values()) {
            Segmentation s = EditFixtures.segmentation(g);
            SegmentEditor ed = new SegmentEditor(s);
            ed.paintDisc(1, EditFixtures.lps(g, 30.2, 29.7, 30.4), r, o);
            long n = s.count(1);
            double area = n * 0.4 * 0.4;
            assertEquals(Math.PI * r * r, area, 0.02 * Math.PI * r * r, "disc area in " + o);
            // all painted voxels lie in one slice of the orientation
            IndexBox b = s.undoStack().canUndo() ? s.undo().orElseThrow().bounds(g.columns(), g.rows()) : null;
            int a = o.normalAxis();
            int lo = a == 0 ? b.iMin() : a == 1 ? b.jMin() : b.kMin(), hi = a == 0 ? b.iMax() : a == 1 ? b.jMax() : b.kMax();
            assertEquals(lo, hi, "disc is one slice thick in " + o);
            assertEquals(a == 0 ? 30 : a == 1 ? 30 : 30, lo);
            assertEquals(0, s.count(1), "undo removed the disc");
        }
    }

    @Test
    void eraseRemovesOnlyTheLabelAndOverwritePolicyIsHonoured() {
        ImageGeometry g = EditFixtures.grid(30, 30, 30, 1, 1, 1);
        Segmentation s = EditFixtures.segmentation(g);
        SegmentEditor ed = new SegmentEditor(s);
        double[] c = EditFixtures.lps(g, 15, 15, 15);
        ed.paintSphere(2, c, 5);
        long heart = s.count(2);
        ed.setOverwriteOtherLabels(false);
        ed.paintSphere(1, EditFixtures.lps(g, 20, 15, 15), 5);
        assertEquals(heart, s.count(2), "no overwrite: heart untouched");
        long aorta = s.count(1);
        ed.setOverwriteOtherLabels(true);
        ed.paintSphere(1, EditFixtures.lps(g, 20, 15, 15), 5);
        assertTrue(s.count(2) < heart, "overwrite: aorta replaces part of the heart");
        assertEquals(EditFixtures.countWithin(g, EditFixtures.lps(g, 20, 15, 15), 5), s.count(1));
        assertTrue(s.count(1) > aorta);
        long heartAfter = s.count(2);
        ed.eraseSphere(1, c, 20); // covers everything
        assertEquals(0, s.count(1));
        assertEquals(heartAfter, s.count(2), "erasing aorta never touches the heart");
    }

    @Test
    void strokeIsOneUndoStepAndUndoRedoAreByteExact() {
        ImageGeometry g = EditFixtures.grid(50, 50, 30, 0.8, 0.8, 1.5);
        Segmentation s = EditFixtures.segmentation(g);
        SegmentEditor ed = new SegmentEditor(s);
        ed.paintSphere(2, EditFixtures.lps(g, 25, 25, 15), 6);
        byte[] before = s.labelMap().labels().clone();
        SegmentEditor.Stroke st = ed.beginStroke(1, false);
        for (int t = 0; t < 20; t++) {
            st.sphere(EditFixtures.lps(g, 10 + t * 1.5, 20 + 0.5 * t, 12), 3.0);
        }
        Edit e = st.end();
        byte[] after = s.labelMap().labels().clone();
        assertEquals(1, s.undoStack().undoSize() - 1, "paint sphere + stroke = 2 undo steps");
        assertTrue(e.voxelCount() > 0);
        assertThrows(IllegalStateException.class, () -> st.sphere(EditFixtures.lps(g, 1, 1, 1), 1));
        s.undo();
        assertArrayEquals(before, s.labelMap().labels());
        s.redo();
        assertArrayEquals(after, s.labelMap().labels());
        // the sparse record is small: a few bytes per changed voxel
        assertTrue(e.memoryBytes() < 200 + 12L * e.voxelCount(), "edit memory " + e.memoryBytes());
    }

    @Test
    void aDraggedLineOfSpheresIsACapsule() {
        ImageGeometry g = EditFixtures.grid(60, 40, 30, 0.7, 0.7, 1.2);
        Segmentation s = EditFixtures.segmentation(g);
        SegmentEditor ed = new SegmentEditor(s);
        double[] a = EditFixtures.lps(g, 12, 20, 14), b = EditFixtures.lps(g, 47, 23, 16);
        double r = 4;
        SegmentEditor.Stroke st = ed.beginStroke(1, false);
        st.sphereLine(a, b, r);
        Edit e = st.end();
        long capsule = 0;
        double[] p = new double[3], ab = {b[0] - a[0], b[1] - a[1], b[2] - a[2]};
        double ab2 = ab[0] * ab[0] + ab[1] * ab[1] + ab[2] * ab[2];
        for (int k = 0; k < g.slices(); k++) for (int j = 0; j < g.rows(); j++) for (int i = 0; i < g.columns(); i++) {
            g.indexToLps(new double[] {i, j, k}, p);
            double t = Math.max(0, Math.min(1, ((p[0] - a[0]) * ab[0] + (p[1] - a[1]) * ab[1] + (p[2] - a[2]) * ab[2]) / ab2));
            double dx = p[0] - a[0] - t * ab[0], dy = p[1] - a[1] - t * ab[1], dz = p[2] - a[2] - t * ab[2];
            if (dx * dx + dy * dy + dz * dz <= r * r) capsule++;
        }
        assertTrue(s.count(1) <= capsule && s.count(1) > 0.98 * capsule, s.count(1) + " of capsule " + capsule);
        assertEquals(s.count(1), e.voxelCount());
        assertTrue(e.memoryBytes() < 200 + 8L * 4000 + e.voxelCount() / 4, "painting on background: no per-voxel values "
                + e.memoryBytes());
        s.undo();
        assertEquals(0, s.labelMap().countNonZero());
    }

    @Test
    void sphereOnATiltedGridUsesTrueDistances() {
        double[] slice = {0, 0.3, 1}; // gantry tilt of about 17 degrees
        ImageGeometry g = new ImageGeometry(40, 40, 24, new double[] {0.6, 0.6, 1.0}, EditFixtures.ORIGIN,
                new double[] {1, 0, 0}, new double[] {0, 1, 0}, slice);
        Segmentation s = EditFixtures.segmentation(g);
        double[] c = EditFixtures.lps(g, 20.3, 19.6, 12.2);
        new SegmentEditor(s).paintSphere(1, c, 5);
        assertEquals(EditFixtures.countWithin(g, c, 5), s.count(1));
    }

    @Test
    void otherToolsWaitForAnOpenStroke() {
        ImageGeometry g = EditFixtures.grid(20, 20, 20, 1, 1, 1);
        SegmentEditor ed = new SegmentEditor(EditFixtures.segmentation(g));
        SegmentEditor.Stroke st = ed.beginStroke(1, false);
        st.sphere(EditFixtures.lps(g, 10, 10, 10), 3);
        assertThrows(IllegalStateException.class, () -> ed.fillHoles(1));
        assertThrows(IllegalStateException.class, () -> ed.beginStroke(2, false));
        st.end();
        assertTrue(ed.fillHoles(1).isEmpty());
        byte[] before = ed.segmentation().labelMap().labels().clone();
        SegmentEditor.Stroke cancelled = ed.beginStroke(2, false);
        cancelled.sphereLine(EditFixtures.lps(g, 3, 3, 3), EditFixtures.lps(g, 16, 16, 16), 2);
        cancelled.cancel();
        org.junit.jupiter.api.Assertions.assertArrayEquals(before, ed.segmentation().labelMap().labels());
        assertEquals(1, ed.segmentation().undoStack().undoSize(), "only the first stroke is recorded");
    }

    @Test
    void badInputsGiveClearMessages() {
        ImageGeometry g = EditFixtures.grid(10, 10, 10, 1, 1, 1);
        SegmentEditor ed = new SegmentEditor(EditFixtures.segmentation(g));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ed.paintSphere(1, EditFixtures.lps(g, 5, 5, 5), -2));
        assertTrue(e.getMessage().contains("-2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ed.paintSphere(7, EditFixtures.lps(g, 5, 5, 5), 2));
        assertTrue(e.getMessage().contains("label value 7") && e.getMessage().contains("aorta"), e.getMessage());
        // a sphere outside the image changes nothing, and records nothing
        Edit none = ed.paintSphere(1, new double[] {500, 500, 500}, 3);
        assertTrue(none.isEmpty());
    }
}
