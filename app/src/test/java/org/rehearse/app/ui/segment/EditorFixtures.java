package org.rehearse.app.ui.segment;

import org.rehearse.segmentation.edit.LabelInfo;
import org.rehearse.segmentation.edit.SegmentEditor;
import org.rehearse.segmentation.edit.Segmentation;
import org.rehearse.segmentation.image.ImageGeometry;
import org.rehearse.segmentation.image.Volume;

/**
 * A small synthetic CT angiogram for the editor tests: 48 × 48 × 32 voxels of 0.9 × 0.9 × 1.5 mm, soft tissue at
 * 40 HU, a contrast-filled tube (400 HU, radius 5 voxels) running along k at column 24, row 20, a "vertebra" (900 HU,
 * sphere of radius 5 voxels at (24, 38, 16)), and air (−1000 HU) in columns 0–5.
 */
final class EditorFixtures {
    static final int NX = 48, NY = 48, NZ = 32;
    static final int TUBE_HU = 400, BONE_HU = 900, TISSUE_HU = 40, AIR_HU = -1000;
    static final ImageGeometry GRID = ImageGeometry.axial(NX, NY, NZ, new double[] {0.9, 0.9, 1.5},
            new double[] {-20, -30, 100});

    private EditorFixtures() {
    }

    static boolean inTube(int i, int j) {
        return (i - 24) * (i - 24) + (j - 20) * (j - 20) <= 25;
    }

    static boolean inBone(int i, int j, int k) {
        return (i - 24) * (i - 24) + (j - 38) * (j - 38) + (k - 16) * (k - 16) <= 25;
    }

    static Volume volume() {
        short[] v = new short[NX * NY * NZ];
        for (int k = 0; k < NZ; k++) {
            for (int j = 0; j < NY; j++) {
                for (int i = 0; i < NX; i++) {
                    int hu = i < 6 ? AIR_HU : inTube(i, j) ? TUBE_HU : inBone(i, j, k) ? BONE_HU : TISSUE_HU;
                    v[i + NX * (j + NY * k)] = (short) hu;
                }
            }
        }
        return new Volume(GRID, v, "CT");
    }

    static double[] lps(double i, double j, double k) {
        return GRID.indexToLps(new double[] {i, j, k}, null);
    }

    /** A fresh document as the editor makes it: one label "aorta". */
    static Segmentation fresh() {
        Segmentation s = new Segmentation(GRID);
        s.addLabel(new LabelInfo(1, "aorta", SegmentEditorPane.AORTA_RGB));
        return s;
    }

    /** The heart label added by step 1 of the crash scenario. */
    static final int HEART_RGB = 0x3C78D8;

    /** Label and sphere of crash-scenario step n (1, 2, …): {label, i, j, k, radiusMm, erase}. */
    static double[] step(int n) {
        int label = n % 2 == 1 ? 1 : 2;
        double i = 8 + (n * 7) % 36, j = 6 + (n * 11) % 36, k = 3 + (n * 5) % 26;
        boolean erase = n % 4 == 0;
        return new double[] {label, i, j, k, 2 + n % 3, erase ? 1 : 0};
    }

    /** Replays steps 1…n of the crash scenario on a headless editor. */
    static Segmentation replay(int n) {
        Segmentation s = fresh();
        s.addLabel(new LabelInfo(2, "heart", HEART_RGB));
        SegmentEditor ed = new SegmentEditor(s);
        for (int q = 1; q <= n; q++) {
            double[] st = step(q);
            SegmentEditor.Stroke stroke = ed.beginStroke((int) st[0], st[5] != 0);
            double[] p = lps(st[1], st[2], st[3]);
            stroke.sphereLine(p, p, st[4]);
            stroke.end();
        }
        return s;
    }
}
