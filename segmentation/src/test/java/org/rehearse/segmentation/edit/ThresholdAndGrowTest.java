package org.rehearse.segmentation.edit;

import org.rehearse.segmentation.segment.AortaCtaData;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.rehearse.segmentation.image.ImageGeometry;
import org.rehearse.segmentation.image.Volume;

class ThresholdAndGrowTest {
    static final int BLOOD = 300, FAT = -100, AIR = -1000;

    /** A tube of radius 4 mm along k (slices 0…44) that ends in a ball of radius 14 mm centred at slice 50; 1 mm voxels. */
    static Volume tubeIntoBall(ImageGeometry g) {
        short[] v = new short[Math.toIntExact(g.voxelCount())];
        for (int k = 0; k < g.slices(); k++) {
            for (int j = 0; j < g.rows(); j++) {
                for (int i = 0; i < g.columns(); i++) {
                    double di = i - 32, dj = j - 32, dk = k - 50;
                    boolean tube = k <= 44 && di * di + dj * dj <= 16;
                    boolean ball = di * di + dj * dj + dk * dk <= 14 * 14;
                    boolean air = i < 3; // a strip of air at the side
                    v[g.index(i, j, k)] = (short) (air ? AIR : tube || ball ? BLOOD : FAT);
                }
            }
        }
        return new Volume(g, v, "CT");
    }

    static long countBright(Volume vol, int kBelow) {
        ImageGeometry g = vol.geometry();
        long n = 0;
        for (int k = 0; k < Math.min(kBelow, g.slices()); k++) {
            for (int j = 0; j < g.rows(); j++) {
                for (int i = 0; i < g.columns(); i++) {
                    if (vol.get(i, j, k) == BLOOD) n++;
                }
            }
        }
        return n;
    }

    @Test
    void thresholdSelectsExactlyTheRangeAndHonoursTheRegion() {
        ImageGeometry g = EditFixtures.grid(64, 64, 70, 1, 1, 1);
        Volume vol = tubeIntoBall(g);
        Segmentation s = EditFixtures.segmentation(g);
        SegmentEditor ed = new SegmentEditor(s, vol);
        ed.threshold(1, 200, 400, null);
        assertEquals(countBright(vol, 1000), s.count(1));
        // restricted to slices 0…29 the label becomes the bright voxels there; outside the region it is unchanged
        s.undo();
        ed.paintSphere(1, EditFixtures.lps(g, 10, 10, 10), 3); // a fat voxel region labelled by hand
        long painted = s.count(1);
        ed.threshold(1, 200, 400, new IndexBox(0, 0, 0, 63, 63, 29));
        assertEquals(countBright(vol, 30), s.count(1), "painted fat voxels inside the region are cleared");
        ed.threshold(1, 200, 400, new IndexBox(0, 0, 30, 100, 100, 100)); // clipped to the grid
        assertEquals(countBright(vol, 1000), s.count(1));
        assertTrue(painted > 0);
    }

    @Test
    void thresholdRangeThatSelectsNothingOrEverythingIsRejected() {
        ImageGeometry g = EditFixtures.grid(64, 64, 70, 1, 1, 1);
        Segmentation s = EditFixtures.segmentation(g);
        SegmentEditor ed = new SegmentEditor(s, tubeIntoBall(g));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ed.threshold(1, 1000, 2000, null));
        assertTrue(e.getMessage().contains("1000…2000 HU selects no voxel"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ed.threshold(1, -2000, 2000, null));
        assertTrue(e.getMessage().contains("-2000…2000 HU selects every voxel"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ed.threshold(1, -200, 0, new IndexBox(10, 10, 0, 12, 12, 3)));
        assertTrue(e.getMessage().contains("every voxel of region"), e.getMessage());
        assertEquals(0, s.count(1));
        assertThrows(IllegalStateException.class, () -> new SegmentEditor(s).threshold(1, 0, 100, null));
    }

    @Test
    void growingWithoutBoundLeaksIntoTheBallAndTheCrossSectionBoundStopsIt() {
        ImageGeometry g = EditFixtures.grid(64, 64, 70, 1, 1, 1);
        Volume vol = tubeIntoBall(g);
        Segmentation s = EditFixtures.segmentation(g);
        SegmentEditor ed = new SegmentEditor(s, vol);
        ed.growFromSeeds(1, List.of(new int[] {32, 32, 5}), GrowParameters.range(200, 400));
        assertEquals(countBright(vol, 1000), s.count(1), "unbounded growing takes the tube and the ball");
        s.undo();
        assertEquals(0, s.count(1));
        ed.growFromSeeds(1, List.of(new int[] {32, 32, 5}),
                GrowParameters.range(200, 400).withMaxCrossSection(150, SliceOrientation.AXIAL));
        long n = s.count(1);
        assertTrue(n >= countBright(vol, 36), "the tube below the ball is kept: " + n);
        IndexBox b = s.undoStack().canUndo() ? s.undo().orElseThrow().bounds(g.columns(), g.rows()) : null;
        assertTrue(b.kMax() < 50, "no voxel at the ball's equator (slice 50); top slice " + b.kMax());
        assertTrue(n < countBright(vol, 1000) / 3, "the ball is not taken: " + n);
    }

    @Test
    void aPaintedBarrierIsNotCrossed() {
        ImageGeometry g = EditFixtures.grid(64, 64, 70, 1, 1, 1);
        Volume vol = tubeIntoBall(g);
        Segmentation s = EditFixtures.segmentation(g);
        SegmentEditor ed = new SegmentEditor(s, vol);
        ed.paintDisc(2, EditFixtures.lps(g, 32, 32, 20), 6, SliceOrientation.AXIAL);
        byte[] withBarrier = s.labelMap().labels().clone();
        ed.growFromLpsSeeds(1, List.of(EditFixtures.lps(g, 32, 32, 5)), GrowParameters.range(200, 400).withBarrier(2));
        assertEquals(countBright(vol, 20), s.count(1), "region stops below the barrier slice");
        s.undo();
        assertArrayEquals(withBarrier, s.labelMap().labels());
    }

    @Test
    void badSeedsAreRejectedWithClearMessages() {
        ImageGeometry g = EditFixtures.grid(64, 64, 70, 1, 1, 1);
        Segmentation s = EditFixtures.segmentation(g);
        SegmentEditor ed = new SegmentEditor(s, tubeIntoBall(g));
        GrowParameters p = GrowParameters.range(200, 400);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ed.growFromLpsSeeds(1, List.of(new double[] {500, 0, 0}), p));
        assertTrue(e.getMessage().contains("outside the image") && e.getMessage().contains("500.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ed.growFromSeeds(1, List.of(new int[] {1, 30, 30}), p));
        assertTrue(e.getMessage().contains("in air") && e.getMessage().contains("-1000 HU"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ed.growFromSeeds(1, List.of(new int[] {20, 20, 5}), p));
        assertTrue(e.getMessage().contains("-100 HU, outside the growing range 200…400"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ed.growFromSeeds(1, List.of(new int[] {64, 0, 0}), p));
        assertTrue(e.getMessage().contains("(64, 0, 0) lies outside"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ed.growFromSeeds(1, List.of(new int[] {32, 32, 50}),
                p.withMaxCrossSection(100, SliceOrientation.AXIAL)));
        assertTrue(e.getMessage().contains("cross-section") && e.getMessage().contains("above the bound 100"), e.getMessage());
        assertEquals(0, s.count(1));
        assertEquals(0, s.undoStack().undoSize());
    }

    @Test
    void onTheRealCtaTheCrossSectionBoundReducesTheLeakIntoHeartAndSpine() throws Exception {
        Volume ct = AortaCtaData.ct();
        org.rehearse.segmentation.image.LabelMap truth = org.rehearse.segmentation.nifti.NiftiLabelIo.read(AortaCtaData.labelPath("aorta"));
        double[] dice = new double[2];
        long[] count = new long[2];
        for (int run = 0; run < 2; run++) {
            Segmentation s = new Segmentation(ct.geometry());
            s.addLabel(new LabelInfo(1, "aorta", 0xD8654F));
            GrowParameters p = GrowParameters.range(200, 1500);
            if (run == 1) {
                p = p.withMaxCrossSection(1500, SliceOrientation.AXIAL);
            }
            new SegmentEditor(s, ct).growFromLpsSeeds(1, List.of(AortaCtaData.SEED_LPS), p);
            dice[run] = s.labelMap().dice(truth);
            count[run] = s.count(1);
        }
        System.out.printf(java.util.Locale.ROOT, "real CTA region growing 200…1500 HU: unbounded %d voxels Dice %.3f; "
                + "cross-section ≤ 1500 mm² %d voxels Dice %.3f (TotalSegmentator aorta %d voxels)%n",
                count[0], dice[0], count[1], dice[1], truth.countNonZero());
        assertTrue(count[0] > 2 * truth.countNonZero(), "unbounded growing leaks (README: heart and spine)");
        assertTrue(count[1] < count[0] / 3, "the bound stops most of the leak");
        assertTrue(dice[1] > dice[0] + 0.1, "Dice improves: " + dice[0] + " -> " + dice[1]);
    }
}
