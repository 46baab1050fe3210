package org.rehearse.segmentation.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rehearse.segmentation.Progress;
import org.rehearse.segmentation.image.ImageGeometry;
import org.rehearse.segmentation.image.LabelMap;
import org.rehearse.segmentation.image.Volume;

class RegionGrowerTest {
    private static final ImageGeometry G = ImageGeometry.axial(30, 30, 30, new double[] {1, 1, 1}, new double[] {0, 0, 0});

    /** Two bright balls (radius 6 and 4 voxels), a hollow in the first (radius 2), fat elsewhere. */
    private static Volume balls() {
        short[] v = new short[27000];
        for (int k = 0; k < 30; k++) {
            for (int j = 0; j < 30; j++) {
                for (int i = 0; i < 30; i++) {
                    double a = Math.sqrt(sq(i - 9) + sq(j - 9) + sq(k - 9)), b = Math.sqrt(sq(i - 22) + sq(j - 22) + sq(k - 22));
                    v[G.index(i, j, k)] = (short) ((a <= 6 && a > 2) || b <= 4 ? 300 : -100);
                }
            }
        }
        return new Volume(G, v, "CT");
    }

    private static double sq(double x) {
        return x * x;
    }

    @Test
    void growsOnlyTheSeededBall() {
        Volume ct = balls();
        LabelMap m = new RegionGrower(100, 500, false).grow(ct, new double[] {9, 9, 4}, Progress.NONE);
        long expected = 0;
        for (int n = 0; n < 27000; n++) {
            int i = n % 30, j = (n / 30) % 30, k = n / 900;
            double a = Math.sqrt(sq(i - 9) + sq(j - 9) + sq(k - 9));
            if (a <= 6 && a > 2) {
                expected++;
            }
        }
        assertEquals(expected, m.countNonZero());
        assertEquals(0, m.get(22, 22, 22));
        assertEquals(0, m.get(9, 9, 9), "cavity not filled without hole filling");
    }

    @Test
    void holeFillingClosesTheCavity() {
        LabelMap m = new RegionGrower(100, 500, true).grow(balls(), new double[] {9, 9, 4}, Progress.NONE);
        assertEquals(1, m.get(9, 9, 9));
        assertEquals(0, m.get(0, 0, 0));
    }

    @Test
    void largestComponentIsTheBigBall() {
        LabelMap m = new RegionGrower(100, 500, false).largestComponent(balls(), Progress.NONE);
        assertEquals(1, m.get(9, 9, 4));
        assertEquals(0, m.get(22, 22, 22));
    }

    @Test
    void seedOutsideWindowIsExplained() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RegionGrower(100, 500, false).grow(balls(), new double[] {1, 1, 1}, Progress.NONE));
        assertTrue(e.getMessage().contains("-100 HU") && e.getMessage().contains("[100, 500]"), e.getMessage());
    }

    @Test
    void seedOutsideImageIsExplained() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RegionGrower(100, 500, false).grow(balls(), new double[] {-10, 5, 5}, Progress.NONE));
        assertTrue(e.getMessage().contains("outside") && e.getMessage().contains("L [0.0, 29.0]"), e.getMessage());
    }

    /**
     * The scanline hole filling against the definition, on random masks dense enough to make many cavities and
     * winding background channels: a background voxel stays background exactly when a voxel-by-voxel 6-connected
     * search from the box faces reaches it.
     */
    @Test
    void scanlineHoleFillingMatchesTheDefinitionOnRandomMasks() {
        java.util.Random rnd = new java.util.Random(11);
        for (int trial = 0; trial < 30; trial++) {
            int nx = 3 + rnd.nextInt(14), ny = 3 + rnd.nextInt(14), nz = 3 + rnd.nextInt(14);
            double density = 0.3 + 0.4 * rnd.nextDouble();
            byte[] mask = new byte[nx * ny * nz];
            for (int q = 0; q < mask.length; q++) {
                mask[q] = (byte) (rnd.nextDouble() < density ? 1 : 0);
            }
            byte[] expected = mask.clone();
            boolean[] reached = new boolean[mask.length];
            java.util.ArrayDeque<Integer> queue = new java.util.ArrayDeque<>();
            for (int k = 0; k < nz; k++) {
                for (int j = 0; j < ny; j++) {
                    for (int i = 0; i < nx; i++) {
                        int q = i + nx * (j + ny * k);
                        boolean face = i == 0 || j == 0 || k == 0 || i == nx - 1 || j == ny - 1 || k == nz - 1;
                        if (face && mask[q] == 0) {
                            reached[q] = true;
                            queue.add(q);
                        }
                    }
                }
            }
            while (!queue.isEmpty()) {
                int q = queue.poll(), i = q % nx, j = (q / nx) % ny, k = q / (nx * ny);
                int[][] nb = {{i - 1, j, k}, {i + 1, j, k}, {i, j - 1, k}, {i, j + 1, k}, {i, j, k - 1}, {i, j, k + 1}};
                for (int[] c : nb) {
                    if (c[0] >= 0 && c[1] >= 0 && c[2] >= 0 && c[0] < nx && c[1] < ny && c[2] < nz) {
                        int r = c[0] + nx * (c[1] + ny * c[2]);
                        if (mask[r] == 0 && !reached[r]) {
                            reached[r] = true;
                            queue.add(r);
                        }
                    }
                }
            }
            for (int q = 0; q < mask.length; q++) {
                if (mask[q] == 0 && !reached[q]) {
                    expected[q] = 1;
                }
            }
            RegionGrower.fillHoles(nx, ny, nz, mask);
            assertTrue(java.util.Arrays.equals(expected, mask), "trial " + trial + " (" + nx + "x" + ny + "x" + nz + ")");
        }
    }
}
