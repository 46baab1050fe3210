package org.rehearse.simulation;

import org.rehearse.segmentation.image.ImageGeometry;
import org.rehearse.segmentation.image.LabelMap;

/** Synthetic vessel masks with known geometry, for tests. */
public final class SyntheticVessels {
    private SyntheticVessels() {
    }

    /** Origin of the straight-tube grids (LPS mm). */
    public static final double[] ORIGIN = {-20, -30, -100};
    public static final double TUBE_RADIUS_MM = 9.0;
    public static final double THROAT_RADIUS_MM = 3.15;
    public static final double NARROWING_LENGTH_MM = 8.0;
    /** Tube along +z (index k) from z = ORIGIN_z + 10 to ORIGIN_z + 130 mm; throat at ORIGIN_z + 50 mm. */
    public static final double TUBE_Z0 = 10, TUBE_Z1 = 130, THROAT_Z = 50;

    /** Analytic radius (mm) of the coarctation tube at height z (mm above the grid origin). */
    public static double coarctRadiusMm(double z) {
        double x = z - THROAT_Z;
        if (Math.abs(x) >= NARROWING_LENGTH_MM / 2) return TUBE_RADIUS_MM;
        double w = 0.5 * (1 + Math.cos(2 * Math.PI * x / NARROWING_LENGTH_MM));
        return TUBE_RADIUS_MM - (TUBE_RADIUS_MM - THROAT_RADIUS_MM) * w;
    }

    /**
     * A straight cylinder of 18 mm diameter along the slice axis with a cosine narrowing to 6.3 mm over 8 mm
     * (65 % diameter stenosis), closed at both ends inside the grid. Voxels 0.6 × 0.6 × 1.0 mm, 56 × 56 × 140.
     */
    public static LabelMap coarctTube() {
        ImageGeometry g = ImageGeometry.axial(56, 56, 140, new double[] {0.6, 0.6, 1.0}, ORIGIN);
        LabelMap m = new LabelMap(g);
        double cx = 28 * 0.6, cy = 27 * 0.6 + 0.13;
        for (int k = 0; k < g.slices(); k++) {
            double z = k * 1.0;
            if (z < TUBE_Z0 || z > TUBE_Z1) continue;
            double r = coarctRadiusMm(z);
            for (int j = 0; j < g.rows(); j++) for (int i = 0; i < g.columns(); i++) {
                double dx = i * 0.6 - cx, dy = j * 0.6 - cy;
                if (dx * dx + dy * dy <= r * r) m.set(i, j, k, 1);
            }
        }
        return m;
    }

    /** LPS position of the coarct tube's axis at height z (mm above the grid origin). */
    public static double[] coarctAxisLps(double z) {
        return new double[] {ORIGIN[0] + 28 * 0.6, ORIGIN[1] + 27 * 0.6 + 0.13, ORIGIN[2] + z};
    }

    /**
     * A straight tube of radius {@code radiusMm} along the column axis through the whole grid (cut by the image border
     * at both ends). Voxels 0.8 × 0.8 × 1.5 mm, 100 × 40 × 30.
     */
    public static LabelMap borderTube(double radiusMm) {
        ImageGeometry g = ImageGeometry.axial(100, 40, 30, new double[] {0.8, 0.8, 1.5}, new double[] {0, 0, 0});
        LabelMap m = new LabelMap(g);
        for (int k = 0; k < 30; k++) for (int j = 0; j < 40; j++) for (int i = 0; i < 100; i++) {
            double dy = j * 0.8 - 16.1, dz = k * 1.5 - 21.2;
            if (dy * dy + dz * dz <= radiusMm * radiusMm) m.set(i, j, k, 1);
        }
        return m;
    }

    /** Parameters of the synthetic aortic arch on a 512 × 512 × 300 grid of 0.7 × 0.7 × 1.0 mm, origin (0,0,0). */
    public static final double ARCH_X = 180, ARCH_YC = 170, ARCH_Z0 = 230, ARCH_R = 30, AORTA_R = 10, ROOT_Z = 150,
            BRANCH_R = 4;

    /** Analytic centerline length (mm) of the arch: ascending + half circle + descending to the grid's bottom. */
    public static double archLengthMm() {
        return (ARCH_Z0 - ROOT_Z) + Math.PI * ARCH_R + ARCH_Z0;
    }

    /**
     * A synthetic aortic arch: a vertical ascending aorta (radius 10 mm, anterior: y = 140 mm) from z = 150 mm up to
     * z = 230 mm, a half-torus arch of radius 30 mm in the y–z plane, and a vertical descending aorta (posterior:
     * y = 200 mm) down to the bottom of the grid (cut by the image border). When {@code withBranch}, a head vessel of
     * radius 4 mm rises from the top of the arch to the top of the grid.
     */
    public static LabelMap arch(boolean withBranch) {
        ImageGeometry g = ImageGeometry.axial(512, 512, 300, new double[] {0.7, 0.7, 1.0}, new double[] {0, 0, 0});
        LabelMap m = new LabelMap(g);
        byte[] lab = m.labels();
        double r2 = AORTA_R * AORTA_R;
        int i0 = (int) ((ARCH_X - 12) / 0.7), i1 = (int) ((ARCH_X + 12) / 0.7) + 1;
        int j0 = (int) ((ARCH_YC - ARCH_R - 12) / 0.7), j1 = (int) ((ARCH_YC + ARCH_R + 12) / 0.7) + 1;
        for (int k = 0; k < 300; k++) {
            double z = k;
            for (int j = j0; j <= j1; j++) {
                double y = j * 0.7;
                for (int i = i0; i <= i1; i++) {
                    double x = i * 0.7, dx = x - ARCH_X;
                    boolean in;
                    if (z <= ARCH_Z0) {
                        double da = y - (ARCH_YC - ARCH_R), dd = y - (ARCH_YC + ARCH_R);
                        in = (z >= ROOT_Z && dx * dx + da * da <= r2) || dx * dx + dd * dd <= r2;
                    } else {
                        double rho = Math.sqrt((y - ARCH_YC) * (y - ARCH_YC) + (z - ARCH_Z0) * (z - ARCH_Z0)) - ARCH_R;
                        in = dx * dx + rho * rho <= r2;
                    }
                    if (!in && withBranch && z >= ARCH_Z0 + ARCH_R) {
                        double dy = y - ARCH_YC;
                        in = dx * dx + dy * dy <= BRANCH_R * BRANCH_R;
                    }
                    if (in) lab[i + 512 * (j + 512 * k)] = 1;
                }
            }
        }
        return m;
    }
}
