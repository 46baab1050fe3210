package org.rehearse.segmentation.edit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rehearse.segmentation.image.ImageGeometry;
import org.rehearse.segmentation.image.LabelMap;

class MorphologyTest {

    private static double dice(Segmentation a, int la, Segmentation b, int lb) {
        byte[] x = a.labelMap().labels(), y = b.labelMap().labels();
        long na = 0, nb = 0, both = 0;
        for (int n = 0; n < x.length; n++) {
            boolean p = x[n] == la, q = y[n] == lb;
            if (p) na++;
            if (q) nb++;
            if (p && q) both++;
        }
        return 2.0 * both / (na + nb);
    }

    @Test
    void islandsAreCountedKeptAndRemovedBySizeAndConnectivity() {
        ImageGeometry g = EditFixtures.grid(60, 40, 30, 1, 1, 1);
        Segmentation s = EditFixtures.segmentation(g);
        SegmentEditor ed = new SegmentEditor(s);
        ed.paintSphere(1, EditFixtures.lps(g, 12, 20, 15), 5);
        ed.paintSphere(1, EditFixtures.lps(g, 30, 20, 15), 3);
        ed.paintSphere(1, EditFixtures.lps(g, 45, 20, 15), 2);
        long big = EditFixtures.countWithin(g, EditFixtures.lps(g, 12, 20, 15), 5);
        long mid = EditFixtures.countWithin(g, EditFixtures.lps(g, 30, 20, 15), 3);
        ed.paintSphere(1, EditFixtures.lps(g, 5, 5, 5), 0.1);   // two voxels touching at a corner only
        ed.paintSphere(1, EditFixtures.lps(g, 6, 6, 6), 0.1);
        assertEquals(4, ed.islandSizes(1, Connectivity.TWENTY_SIX).length);
        int[] six = ed.islandSizes(1, Connectivity.SIX);
        assertEquals(5, six.length);
        assertEquals(big, six[0]);
        assertEquals(1, six[4]);
        byte[] before = s.labelMap().labels().clone();

        ed.removeSmallIslands(1, 4.0 / 3 * Math.PI * Math.pow(2.5, 3), Connectivity.TWENTY_SIX);
        assertEquals(big + mid, s.count(1), "spheres of 5 and 3 mm stay, 2 mm sphere and the corner pair go");
        ed.keepLargestIsland(1, Connectivity.SIX);
        assertEquals(big, s.count(1));
        assertArrayEquals(new int[] {(int) big}, ed.islandSizes(1, Connectivity.SIX));
        s.undo();
        s.undo();
        assertArrayEquals(before, s.labelMap().labels());
        assertThrows(IllegalArgumentException.class, () -> ed.removeSmallIslands(1, -1, Connectivity.SIX));
    }

    @Test
    void fillHolesFillsEnclosedCavitiesIn3dAndPerSlice() {
        ImageGeometry g = EditFixtures.grid(40, 40, 40, 1, 1, 1);
        Segmentation s = EditFixtures.segmentation(g);
        SegmentEditor ed = new SegmentEditor(s);
        double[] c = EditFixtures.lps(g, 20, 20, 20);
        ed.paintSphere(1, c, 8);
        long solid = s.count(1);
        ed.eraseSphere(1, c, 5);
        assertTrue(s.count(1) < solid);
        ed.fillHoles(1);
        assertEquals(solid, s.count(1), "closed cavity filled exactly");

        // an open tube (ring in every slice) has no 3D hole but a hole in every axial slice
        Segmentation t = EditFixtures.segmentation(g);
        SegmentEditor et = new SegmentEditor(t);
        for (int k = 5; k <= 30; k++) {
            et.paintDisc(1, EditFixtures.lps(g, 20, 20, k), 6, SliceOrientation.AXIAL);
            et.eraseDisc(1, EditFixtures.lps(g, 20, 20, k), 3, SliceOrientation.AXIAL);
        }
        long ring = t.count(1);
        assertTrue(et.fillHoles(1).isEmpty(), "open tube: nothing enclosed in 3D");
        assertTrue(et.fillHolesPerSlice(1, SliceOrientation.CORONAL).isEmpty(), "no coronal slice encloses the lumen");
        Edit e = et.fillHolesPerSlice(1, SliceOrientation.AXIAL);
        long lumen = 26 * EditFixtures.countWithin(EditFixtures.grid(40, 40, 1, 1, 1, 1), EditFixtures.lps(g, 20, 20, 0), 3);
        assertEquals(lumen, e.voxelCount());
        assertEquals(ring + lumen, t.count(1));
    }

    @Test
    void growAndShrinkByMarginMatchLargerAndSmallerSpheresOnAnAnisotropicGrid() {
        ImageGeometry g = EditFixtures.grid(50, 50, 25, 0.6, 0.6, 1.2);
        double[] c = EditFixtures.lps(g, 24.6, 25.2, 12.3);
        Segmentation s = EditFixtures.segmentation(g);
        SegmentEditor ed = new SegmentEditor(s);
        ed.paintSphere(1, c, 7);
        byte[] sphere = s.labelMap().labels().clone();
        ed.grow(1, 3);
        assertArrayEquals(bruteForceMargin(g, sphere, 3, true), s.labelMap().labels(), "grow = voxels within 3 mm of the label");
        Segmentation ref = EditFixtures.segmentation(g);
        new SegmentEditor(ref).paintSphere(1, c, 10);
        // digitisation: the outermost voxel centres of the 7 mm sphere lie up to one voxel inside 7 mm
        assertTrue(s.count(1) <= ref.count(1) && s.count(1) > 0.9 * ref.count(1), s.count(1) + " vs " + ref.count(1));
        assertTrue(dice(s, 1, ref, 1) > 0.97, "Dice " + dice(s, 1, ref, 1));
        s.undo();
        assertArrayEquals(sphere, s.labelMap().labels());
        ed.shrink(1, 3);
        assertArrayEquals(bruteForceMargin(g, sphere, 3, false), s.labelMap().labels(), "shrink = label voxels farther than 3 mm from background");
        Segmentation small = EditFixtures.segmentation(g);
        new SegmentEditor(small).paintSphere(1, c, 4);
        assertTrue(dice(s, 1, small, 1) > 0.9, "Dice " + dice(s, 1, small, 1));
        assertThrows(IllegalArgumentException.class, () -> ed.grow(1, 0));
    }

    /** Label 1 grown (or shrunk) by brute force: distance from each voxel centre to every voxel of the other set. */
    private static byte[] bruteForceMargin(ImageGeometry g, byte[] in, double marginMm, boolean grow) {
        int n = in.length;
        double[][] pos = new double[n][];
        for (int k = 0; k < g.slices(); k++) for (int j = 0; j < g.rows(); j++) for (int i = 0; i < g.columns(); i++) {
            pos[g.index(i, j, k)] = g.indexToLps(new double[] {i, j, k}, null);
        }
        java.util.List<Integer> sources = new java.util.ArrayList<>();
        for (int v = 0; v < n; v++) if ((in[v] == 1) == grow) sources.add(v);
        byte[] out = in.clone();
        for (int v = 0; v < n; v++) {
            if ((in[v] == 1) == grow) continue;
            double best = Double.POSITIVE_INFINITY;
            for (int src : sources) {
                double dx = pos[v][0] - pos[src][0], dy = pos[v][1] - pos[src][1], dz = pos[v][2] - pos[src][2];
                best = Math.min(best, dx * dx + dy * dy + dz * dz);
            }
            if (best <= marginMm * marginMm + 1e-9) out[v] = (byte) (grow ? 1 : 0);
        }
        return out;
    }

    @Test
    void shrinkTreatsOutsideTheImageAsBackgroundAndGrowStopsAtTheImageEdge() {
        ImageGeometry g = EditFixtures.grid(10, 10, 10, 1, 1, 1);
        Segmentation s = EditFixtures.segmentation(g);
        SegmentEditor ed = new SegmentEditor(s);
        ed.paintSphere(1, EditFixtures.lps(g, 4.5, 4.5, 4.5), 100); // whole image
        assertEquals(1000, s.count(1));
        ed.shrink(1, 1.0);
        assertEquals(8 * 8 * 8, s.count(1));
        ed.grow(1, 1.0);
        assertEquals(10 * 10 * 10 - 8 * 12 - 8, s.count(1), "6-neighbour dilation of a cube misses the 12 edges and 8 corners");
    }

    @Test
    void smoothingRoundsCornersRemovesSpecksAndKeepsVolume() {
        ImageGeometry g = EditFixtures.grid(40, 40, 40, 1, 1, 1);
        Segmentation s = EditFixtures.segmentation(g);
        LabelMap m = s.labelMap();
        SegmentEditor ed = new SegmentEditor(s);
        SegmentEditor.Stroke st = ed.beginStroke(1, false);
        for (int k = 10; k < 26; k++) {
            for (int j = 10; j < 26; j++) {
                for (int i = 10; i < 26; i++) {
                    st.sphere(EditFixtures.lps(g, i, j, k), 0.1);
                }
            }
        }
        st.sphere(EditFixtures.lps(g, 33, 33, 33), 0.1); // speck
        st.end();
        long cube = 16 * 16 * 16;
        ed.smoothGaussian(1, 1.5);
        assertEquals(0, m.get(33, 33, 33), "speck removed");
        assertEquals(0, m.get(10, 10, 10), "corner rounded");
        assertEquals(1, m.get(17, 17, 17));
        assertEquals(1, m.get(10, 17, 17), "face centre kept");
        assertEquals(cube, s.count(1), 0.1 * cube);
        s.undo();
        ed.smoothMedian(1, 1.0);
        assertEquals(0, m.get(33, 33, 33), "median removes the speck");
        assertEquals(0, m.get(10, 10, 10));
        assertEquals(1, m.get(10, 17, 17), "median keeps flat faces");
        assertEquals(cube - 8 - 12 * 14, s.count(1), "median (3×3×3) removes the 8 corners and the 12 edges of the cube");
        assertThrows(IllegalArgumentException.class, () -> ed.smoothMedian(1, 0.2));
    }

    @Test
    void planeCutRemovesTheSideTheNormalPointsTo() {
        ImageGeometry g = EditFixtures.grid(40, 40, 30, 0.8, 0.8, 1.0);
        double[] c = EditFixtures.lps(g, 20, 20, 15);
        for (double[] normal : new double[][] {{0, 0, 1}, {1, -1, 0.5}}) {
            Segmentation s = EditFixtures.segmentation(g);
            SegmentEditor ed = new SegmentEditor(s);
            ed.paintSphere(1, c, 8);
            double[] point = {c[0] + 1, c[1], c[2] + 0.3};
            byte[] sphere = s.labelMap().labels().clone();
            ed.cutWithPlane(1, point, normal);
            long expected = 0;
            double[] p = new double[3];
            for (int k = 0; k < g.slices(); k++) for (int j = 0; j < g.rows(); j++) for (int i = 0; i < g.columns(); i++) {
                g.indexToLps(new double[] {i, j, k}, p);
                double side = (p[0] - point[0]) * normal[0] + (p[1] - point[1]) * normal[1] + (p[2] - point[2]) * normal[2];
                if (sphere[g.index(i, j, k)] == 1 && side <= 0) expected++;
            }
            assertEquals(expected, s.count(1));
        }
        SegmentEditor ed = new SegmentEditor(EditFixtures.segmentation(g));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ed.cutWithPlane(1, c, new double[] {0, 0, 0}));
        assertTrue(e.getMessage().contains("zero"), e.getMessage());
    }
}
