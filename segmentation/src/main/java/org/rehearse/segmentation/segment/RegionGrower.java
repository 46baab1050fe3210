package org.rehearse.segmentation.segment;

import org.rehearse.segmentation.Progress;
import org.rehearse.segmentation.image.HoleFilling;
import org.rehearse.segmentation.image.ImageGeometry;
import org.rehearse.segmentation.image.LabelMap;
import org.rehearse.segmentation.image.Volume;

/**
 * Plain seeded region growing: the voxels whose Hounsfield value lies in a window [lower, upper] and that are
 * 6-connected to the seed voxel (face neighbours), optionally with enclosed cavities filled. This is the classic
 * "threshold + connected component" tool (e.g. ITK's ConnectedThresholdImageFilter, VTK's
 * vtkImageThreshold + vtkImageConnectivityFilter); it is exact and fast but leaks into every bright structure that
 * touches the target — see {@link AortaSegmenter} for the vessel-constrained version.
 *
 * <p>Arrays use the {@link Volume} layout {@code i + columns·(j + rows·k)}; results are 0/1 {@link LabelMap}s on
 * the CT's grid. The flood fill uses an explicit int queue (no recursion), O(voxels) time and memory.
 */
public final class RegionGrower {
    private final double lowerHu;
    private final double upperHu;
    private final boolean fillHoles;

    /**
     * @param lowerHu lowest HU included (inclusive)
     * @param upperHu highest HU included (inclusive)
     * @param fillHoles whether background cavities not connected to the image border are added to the result
     * @throws IllegalArgumentException if {@code lowerHu > upperHu}
     */
    public RegionGrower(double lowerHu, double upperHu, boolean fillHoles) {
        if (!(lowerHu <= upperHu)) {
            throw new IllegalArgumentException("HU window is empty: lower " + lowerHu + " HU is above upper " + upperHu + " HU");
        }
        this.lowerHu = lowerHu;
        this.upperHu = upperHu;
        this.fillHoles = fillHoles;
    }

    /**
     * Grows the 6-connected region of in-window voxels that contains the seed.
     *
     * @param ct CT volume in HU
     * @param seedLps seed point, DICOM LPS mm (rounded to the nearest voxel)
     * @param progress progress and cancellation ({@link Progress#NONE} for none)
     * @return 0/1 label map on the CT grid
     * @throws IllegalArgumentException if the seed lies outside the image (message names seed and LPS bounds) or
     *                                  its HU is outside the window (message names HU and window)
     */
    public LabelMap grow(Volume ct, double[] seedLps, Progress progress) {
        int seed = seedVoxel(ct, seedLps);
        int hu = ct.values()[seed];
        if (hu < lowerHu || hu > upperHu) {
            throw new IllegalArgumentException(String.format("seed %s has %d HU, outside the window [%.0f, %.0f] HU: "
                    + "place it inside the contrast-filled lumen", fmt(seedLps), hu, lowerHu, upperHu));
        }
        ImageGeometry g = ct.geometry();
        short[] v = ct.values();
        byte[] in = new byte[v.length];
        for (int n = 0; n < v.length; n++) {
            in[n] = (byte) (v[n] >= lowerHu && v[n] <= upperHu ? 1 : 0);
        }
        progress.update(0.2, "thresholding");
        progress.checkCancelled();
        byte[] out = new byte[v.length];
        flood(g, in, seed, out);
        progress.update(0.7, "connected region");
        if (fillHoles) {
            fillHoles(g, out);
        }
        progress.update(1, "region grown");
        return new LabelMap(g, out);
    }

    /**
     * Keeps the largest 6-connected component of the in-window voxels (no seed needed).
     *
     * @param ct CT volume in HU
     * @param progress progress and cancellation
     * @return 0/1 label map, empty if no voxel is in the window
     */
    public LabelMap largestComponent(Volume ct, Progress progress) {
        ImageGeometry g = ct.geometry();
        short[] v = ct.values();
        byte[] in = new byte[v.length];
        for (int n = 0; n < v.length; n++) {
            in[n] = (byte) (v[n] >= lowerHu && v[n] <= upperHu ? 1 : 0);
        }
        byte[] out = keepLargestComponent(g, in);
        if (fillHoles) {
            fillHoles(g, out);
        }
        progress.update(1, "largest component");
        return new LabelMap(g, out);
    }

    /**
     * Voxel index of a seed given in LPS mm, rounded to the nearest voxel centre.
     *
     * @param ct the volume
     * @param seedLps seed, LPS mm, three finite values
     * @return flat index {@code i + columns·(j + rows·k)}
     * @throws IllegalArgumentException if the seed is malformed or outside the image; the message gives the image's
     *                                  LPS bounding box
     */
    static int seedVoxel(Volume ct, double[] seedLps) {
        if (seedLps == null || seedLps.length != 3 || !Double.isFinite(seedLps[0]) || !Double.isFinite(seedLps[1])
                || !Double.isFinite(seedLps[2])) {
            throw new IllegalArgumentException("seed must be three finite LPS coordinates in mm, got "
                    + (seedLps == null ? "null" : java.util.Arrays.toString(seedLps)));
        }
        ImageGeometry g = ct.geometry();
        double[] ijk = g.lpsToIndex(seedLps, null);
        int i = (int) Math.round(ijk[0]), j = (int) Math.round(ijk[1]), k = (int) Math.round(ijk[2]);
        if (!g.contains(i, j, k)) {
            throw new IllegalArgumentException("seed " + fmt(seedLps) + " lies outside the image, whose voxel centres span "
                    + bounds(g) + " (voxel index " + fmtIdx(ijk) + ", size " + g.columns() + "x" + g.rows() + "x" + g.slices() + ")");
        }
        return g.index(i, j, k);
    }

    /** @return "L [a, b] P [c, d] S [e, f] mm" box of the voxel centres */
    static String bounds(ImageGeometry g) {
        double[] lo = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        double[] hi = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (int c = 0; c < 8; c++) {
            double[] p = g.indexToLps(new double[] {(c & 1) * (g.columns() - 1), ((c >> 1) & 1) * (g.rows() - 1),
                ((c >> 2) & 1) * (g.slices() - 1)}, null);
            for (int a = 0; a < 3; a++) {
                lo[a] = Math.min(lo[a], p[a]);
                hi[a] = Math.max(hi[a], p[a]);
            }
        }
        return String.format("L [%.1f, %.1f] P [%.1f, %.1f] S [%.1f, %.1f] mm", lo[0], hi[0], lo[1], hi[1], lo[2], hi[2]);
    }

    static String fmt(double[] p) {
        return String.format("LPS (%.1f, %.1f, %.1f) mm", p[0], p[1], p[2]);
    }

    private static String fmtIdx(double[] p) {
        return String.format("(%.1f, %.1f, %.1f)", p[0], p[1], p[2]);
    }

    /**
     * 6-connected flood fill of {@code in != 0} from {@code seed} into {@code out} (sets 1).
     *
     * @return number of voxels filled
     */
    static int flood(ImageGeometry g, byte[] in, int seed, byte[] out) {
        return flood(g.columns(), g.rows(), g.slices(), in, seed, out);
    }

    /** As {@link #flood(ImageGeometry, byte[], int, byte[])} on an nx × ny × nz box. */
    static int flood(int nx, int ny, int nz, byte[] in, int seed, byte[] out) {
        int nxy = nx * ny;
        if (in[seed] == 0) {
            return 0;
        }
        int[] queue = new int[1024];
        int head = 0, tail = 0, count = 0;
        out[seed] = 1;
        queue[tail++] = seed;
        while (head < tail) {
            int n = queue[head++];
            count++;
            int i = n % nx, j = (n / nx) % ny, k = n / nxy;
            for (int d = 0; d < 6; d++) {
                int m;
                switch (d) {
                    case 0: if (i == 0) continue; m = n - 1; break;
                    case 1: if (i == nx - 1) continue; m = n + 1; break;
                    case 2: if (j == 0) continue; m = n - nx; break;
                    case 3: if (j == ny - 1) continue; m = n + nx; break;
                    case 4: if (k == 0) continue; m = n - nxy; break;
                    default: if (k == nz - 1) continue; m = n + nxy; break;
                }
                if (in[m] != 0 && out[m] == 0) {
                    out[m] = 1;
                    if (tail == queue.length) {
                        if (head > queue.length / 2) {
                            System.arraycopy(queue, head, queue, 0, tail - head);
                            tail -= head;
                            head = 0;
                        } else {
                            queue = java.util.Arrays.copyOf(queue, queue.length * 2);
                        }
                    }
                    queue[tail++] = m;
                }
            }
        }
        return count;
    }

    /** Fills background cavities of {@code mask} (0/1) that are not 6-connected to the image border, in place. */
    static void fillHoles(ImageGeometry g, byte[] mask) {
        // work inside the mask's bounding box grown by one voxel: a cavity cannot lie outside it
        int nx = g.columns(), ny = g.rows(), nz = g.slices();
        int i0 = nx, j0 = ny, k0 = nz, i1 = -1, j1 = -1, k1 = -1;
        for (int k = 0, n = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++, n++) {
                    if (mask[n] != 0) {
                        if (i < i0) i0 = i;
                        if (i > i1) i1 = i;
                        if (j < j0) j0 = j;
                        if (j > j1) j1 = j;
                        if (k < k0) k0 = k;
                        if (k > k1) k1 = k;
                    }
                }
            }
        }
        if (i1 < 0) {
            return;
        }
        i0 = Math.max(0, i0 - 1);
        j0 = Math.max(0, j0 - 1);
        k0 = Math.max(0, k0 - 1);
        i1 = Math.min(nx - 1, i1 + 1);
        j1 = Math.min(ny - 1, j1 + 1);
        k1 = Math.min(nz - 1, k1 + 1);
        int bx = i1 - i0 + 1, by = j1 - j0 + 1, bz = k1 - k0 + 1;
        byte[] crop = new byte[bx * by * bz];
        for (int k = 0; k < bz; k++) {
            for (int j = 0; j < by; j++) {
                System.arraycopy(mask, g.index(i0, j0 + j, k0 + k), crop, bx * (j + by * k), bx);
            }
        }
        fillHoles(bx, by, bz, crop);
        for (int k = 0; k < bz; k++) {
            for (int j = 0; j < by; j++) {
                System.arraycopy(crop, bx * (j + by * k), mask, g.index(i0, j0 + j, k0 + k), bx);
            }
        }
    }

    /** As {@link #fillHoles(ImageGeometry, byte[])} on an nx × ny × nz box ({@link HoleFilling#fill}). */
    static void fillHoles(int nx, int ny, int nz, byte[] mask) {
        HoleFilling.fill(nx, ny, nz, mask);
    }

    /** @return a new 0/1 mask holding only the largest 6-connected component of {@code mask}; O(voxels) */
    static byte[] keepLargestComponent(ImageGeometry g, byte[] mask) {
        int nx = g.columns(), ny = g.rows(), nz = g.slices(), nxy = nx * ny;
        int[] comp = new int[mask.length];
        int[] queue = new int[mask.length];
        int next = 0, bestId = 0, bestSize = 0;
        for (int s = 0; s < mask.length; s++) {
            if (mask[s] == 0 || comp[s] != 0) {
                continue;
            }
            int id = ++next, head = 0, tail = 0;
            comp[s] = id;
            queue[tail++] = s;
            while (head < tail) {
                int n = queue[head++];
                int i = n % nx, j = (n / nx) % ny, k = n / nxy;
                int[] nb = {i > 0 ? n - 1 : -1, i < nx - 1 ? n + 1 : -1, j > 0 ? n - nx : -1, j < ny - 1 ? n + nx : -1,
                    k > 0 ? n - nxy : -1, k < nz - 1 ? n + nxy : -1};
                for (int m : nb) {
                    if (m >= 0 && mask[m] != 0 && comp[m] == 0) {
                        comp[m] = id;
                        queue[tail++] = m;
                    }
                }
            }
            if (tail > bestSize) {
                bestSize = tail;
                bestId = id;
            }
        }
        byte[] out = new byte[mask.length];
        for (int n = 0; n < mask.length; n++) {
            if (bestId != 0 && comp[n] == bestId) {
                out[n] = 1;
            }
        }
        return out;
    }
}
