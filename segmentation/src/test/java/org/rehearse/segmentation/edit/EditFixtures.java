package org.rehearse.segmentation.edit;

import org.rehearse.segmentation.image.ImageGeometry;
import org.rehearse.segmentation.image.Volume;

/** Test helpers: small synthetic grids and volumes. */
final class EditFixtures {
    private EditFixtures() {
    }

    static final double[] ORIGIN = {-20, -30, 100};

    static ImageGeometry grid(int nx, int ny, int nz, double si, double sj, double sk) {
        return ImageGeometry.axial(nx, ny, nz, new double[] {si, sj, sk}, ORIGIN);
    }

    /** LPS position of voxel centre (i, j, k). */
    static double[] lps(ImageGeometry g, double i, double j, double k) {
        return g.indexToLps(new double[] {i, j, k}, null);
    }

    /** A segmentation with labels 1 "aorta" and 2 "heart". */
    static Segmentation segmentation(ImageGeometry g) {
        Segmentation s = new Segmentation(g);
        s.addLabel(new LabelInfo(1, "aorta", 0xD8654F));
        s.addLabel(new LabelInfo(2, "heart", 0x80AE80));
        return s;
    }

    /** A volume of constant HU. */
    static Volume constant(ImageGeometry g, int hu) {
        short[] v = new short[Math.toIntExact(g.voxelCount())];
        java.util.Arrays.fill(v, (short) hu);
        return new Volume(g, v, "CT");
    }

    /** Brute-force count of voxel centres within radiusMm of centre (LPS distance). */
    static long countWithin(ImageGeometry g, double[] centreLps, double radiusMm) {
        long n = 0;
        double[] p = new double[3];
        for (int k = 0; k < g.slices(); k++) {
            for (int j = 0; j < g.rows(); j++) {
                for (int i = 0; i < g.columns(); i++) {
                    g.indexToLps(new double[] {i, j, k}, p);
                    double dx = p[0] - centreLps[0], dy = p[1] - centreLps[1], dz = p[2] - centreLps[2];
                    if (dx * dx + dy * dy + dz * dz <= radiusMm * radiusMm) {
                        n++;
                    }
                }
            }
        }
        return n;
    }
}
