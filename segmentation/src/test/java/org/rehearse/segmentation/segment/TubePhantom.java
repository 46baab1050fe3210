package org.rehearse.segmentation.segment;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.rehearse.segmentation.image.ImageGeometry;
import org.rehearse.segmentation.image.LabelMap;
import org.rehearse.segmentation.image.Volume;

/**
 * Test-only synthetic CTA: a "candy-cane" tube (a straight limb along +S, a half-circle arch, a descending limb
 * that ends inside the image) of blood at 350 HU in fat at −100 HU, blurred by a separable [1 2 1]/4 kernel and
 * with Gaussian noise of σ 15 HU. The truth label is the union of balls of the tube radius along the centerline.
 */
final class TubePhantom {
    final Volume ct;
    final LabelMap truth;
    final double[] seedLps;

    /**
     * @param n voxels per in-plane axis, {@code slices} along S; spacing in mm; radius of the tube in mm
     */
    TubePhantom(int n, int slices, double[] spacingMm, double radiusMm, long noiseSeed) {
        ImageGeometry g = ImageGeometry.axial(n, n, slices, spacingMm, new double[] {-100, -80, 400});
        double cx = -100 + 0.5 * (n - 1) * spacingMm[0], cy = -80 + 0.5 * (n - 1) * spacingMm[1];
        double z0 = 400, z1 = 400 + (slices - 1) * spacingMm[2];
        double arch = 2.2 * radiusMm;
        double top = z1 - radiusMm - 8 - arch;
        List<double[]> line = new ArrayList<>();
        for (double z = z0 - 5; z <= top; z += 0.5) {
            line.add(new double[] {cx - arch, cy, z});
        }
        for (double t = 0; t <= Math.PI; t += 0.5 / arch) {
            line.add(new double[] {cx - arch * Math.cos(t), cy + 0.3 * arch * Math.sin(t), top + arch * Math.sin(t)});
        }
        double bottom = z0 + 0.35 * (z1 - z0);
        for (double z = top; z >= bottom; z -= 0.5) {
            line.add(new double[] {cx + arch, cy, z});
        }
        byte[] lab = new byte[Math.toIntExact(g.voxelCount())];
        double[] ijk = new double[3], p = new double[3];
        for (double[] c : line) {
            g.lpsToIndex(c, ijk);
            int ri = (int) Math.ceil(radiusMm / spacingMm[0]) + 1, rj = (int) Math.ceil(radiusMm / spacingMm[1]) + 1,
                rk = (int) Math.ceil(radiusMm / spacingMm[2]) + 1;
            for (int k = (int) ijk[2] - rk; k <= (int) ijk[2] + rk; k++) {
                for (int j = (int) ijk[1] - rj; j <= (int) ijk[1] + rj; j++) {
                    for (int i = (int) ijk[0] - ri; i <= (int) ijk[0] + ri; i++) {
                        if (!g.contains(i, j, k)) {
                            continue;
                        }
                        g.indexToLps(new double[] {i, j, k}, p);
                        double dx = p[0] - c[0], dy = p[1] - c[1], dz = p[2] - c[2];
                        if (dx * dx + dy * dy + dz * dz <= radiusMm * radiusMm) {
                            lab[g.index(i, j, k)] = 1;
                        }
                    }
                }
            }
        }
        float[] f = new float[lab.length];
        for (int m = 0; m < f.length; m++) {
            f[m] = lab[m] != 0 ? 350 : -100;
        }
        int[] strides = {1, n, n * n};
        int[] dims = {n, n, slices};
        for (int axis = 0; axis < 3; axis++) {
            float[] o = new float[f.length];
            for (int m = 0; m < f.length; m++) {
                int coord = (m / strides[axis]) % dims[axis];
                float a = coord > 0 ? f[m - strides[axis]] : f[m];
                float b = coord < dims[axis] - 1 ? f[m + strides[axis]] : f[m];
                o[m] = 0.25f * a + 0.5f * f[m] + 0.25f * b;
            }
            f = o;
        }
        Random rnd = new Random(noiseSeed);
        short[] hu = new short[f.length];
        for (int m = 0; m < f.length; m++) {
            hu[m] = (short) Math.round(f[m] + 15 * rnd.nextGaussian());
        }
        ct = new Volume(g, hu, "CT");
        truth = new LabelMap(g, lab);
        seedLps = new double[] {cx - arch + 0.3 * radiusMm, cy, z0 + 0.3 * (top - z0)};
    }
}
