package org.rehearse.segmentation.segment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.rehearse.segmentation.image.ImageGeometry;
import org.rehearse.segmentation.image.Volume;

/**
 * Finds the three arch branches (brachiocephalic trunk, left common carotid, left subclavian) on top of a segmented
 * aorta and writes them as labels 2–4 ({@link AortaLabel}).
 *
 * <h2>Method</h2>
 * The arch branches leave the superior surface of the arch and run towards the head, nearly along the body axis.
 * Starting {@value #ARCH_DEPTH_MM} mm below the top of the aorta, slice by slice upwards (axial slices, +S in LPS):
 * <ol>
 *   <li>a voxel is a branch candidate when it is not aorta and its HU lies in
 *       [{@value #LOW_FRACTION} × lumen HU, {@value #HIGH_FRACTION} × lumen HU] — arteries are opacified like the
 *       aorta, whereas veins carrying undiluted contrast from the injection arm are much brighter and soft tissue is
 *       much darker, and so are its four in-plane neighbours (which keeps the partial-volume rim of such a vein out);</li>
 *   <li>the slice's seeds are the candidates directly above an aorta voxel (a branch origin on the arch's upper
 *       surface) or directly above a branch voxel of the slice below;</li>
 *   <li>the seeds grow in the slice by at most {@value #LATERAL_VOXELS} voxels (4-neighbourhood) through candidates,
 *       so a branch may drift sideways as it rises but cannot flood a neighbouring vein or the lung apex.</li>
 * </ol>
 * The 6-connected components of the result that rise at least {@value #MIN_LENGTH_MM} mm (at least
 * {@value #MIN_ENDING_LENGTH_MM} mm when they end below the top of the image) and whose mean axial
 * section is no wider than a disc of radius {@value #MAX_RADIUS_MM} mm (which rejects the spine) are branches; the
 * {@value #MAX_BRANCHES} largest are kept and named from the patient's right to left by the L coordinate of their
 * origin: brachiocephalic trunk (rightmost), left common carotid, left subclavian; when fewer than three are found
 * the names are given in that order from the right, so a missing branch is reported as the left subclavian. This is an axial "vessel following" in the spirit of the tracking methods reviewed by Lesage et al.
 * (Medical Image Analysis 13(6), 2009); the right-to-left branch order is the normal (≈ 70–80 % of people) arch.
 *
 * <p>Work is bounded to the slab from the arch down {@value #ARCH_DEPTH_MM} mm to the top of the image.
 */
final class AortaBranchFinder {
    static final double ARCH_DEPTH_MM = 40;
    static final double LOW_FRACTION = 0.5;
    static final double HIGH_FRACTION = 1.6;
    static final int LATERAL_VOXELS = 1;
    static final double MIN_LENGTH_MM = 12;
    /**
     * A component that ends inside the image must rise at least this far: an arch branch runs on towards the neck,
     * whereas a short vertical stub that stops (a vein, the roof of a neighbouring vessel) is no branch.
     */
    static final double MIN_ENDING_LENGTH_MM = 25;
    static final int MAX_BRANCHES = 3;

    /** A component whose mean axial section is wider than a disc of this radius (the spine, a chamber) is no branch. */
    static final double MAX_RADIUS_MM = 9;

    private AortaBranchFinder() {
    }

    /**
     * A branch candidate: in the window, and so are its four in-plane neighbours, which keeps the partial-volume rim
     * of a much brighter vein (undiluted contrast) out.
     */
    private static boolean candidate(short[] v, int n, int nx, double lo, double hi) {
        int x = v[n];
        if (x < lo || x > hi) {
            return false;
        }
        int a = n - 1 >= 0 ? v[n - 1] : x, b = n + 1 < v.length ? v[n + 1] : x, c = n - nx >= 0 ? v[n - nx] : x,
            d = n + nx < v.length ? v[n + nx] : x;
        return a <= hi && b <= hi && c <= hi && d <= hi;
    }

    /**
     * Adds branch labels 2–4 to a label map that holds the aorta as 1.
     *
     * @param ct CT volume in HU
     * @param labels label map values on the CT grid ({@link Volume} layout), aorta = 1; branch voxels are written
     *               in place
     * @param support the aorta mask the branches grow from (non-zero = aorta; same layout; may be larger than the
     *                aorta in {@code labels}, e.g. before a final morphological opening); branches never enter it
     * @param lumenHu typical HU of the opacified aortic lumen (e.g. the median around the seed)
     * @return the number of branches labelled (0–3)
     */
    static int label(Volume ct, byte[] labels, byte[] support, double lumenHu) {
        ImageGeometry g = ct.geometry();
        int nx = g.columns(), ny = g.rows(), nz = g.slices(), nxy = nx * ny;
        short[] v = ct.values();
        int kTop = -1;
        for (int n = labels.length - 1; n >= 0; n--) {
            if (support[n] != 0) {
                kTop = n / nxy;
                break;
            }
        }
        if (kTop < 0) {
            return 0;
        }
        int k0 = Math.max(1, kTop - (int) Math.round(ARCH_DEPTH_MM / g.spacingMm(2)));
        double lo = LOW_FRACTION * lumenHu, hi = HIGH_FRACTION * lumenHu;
        byte[] branch = new byte[labels.length];
        int[] queue = new int[nxy], dist = new int[nxy];
        for (int k = k0; k < nz; k++) {
            int head = 0, tail = 0, base = k * nxy;
            for (int q = 0; q < nxy; q++) {
                int n = base + q;
                if (support[n] != 0 || !candidate(v, n, nx, lo, hi)) {
                    continue;
                }
                int below = n - nxy;
                if (support[below] != 0 || branch[below] != 0) {
                    branch[n] = 1;
                    dist[q] = 0;
                    queue[tail++] = q;
                }
            }
            while (head < tail) {
                int q = queue[head++];
                if (dist[q] >= LATERAL_VOXELS) {
                    continue;
                }
                int i = q % nx, j = q / nx;
                for (int o = 0; o < 4; o++) {
                    int r;
                    if (o == 0 && i > 0) {
                        r = q - 1;
                    } else if (o == 1 && i < nx - 1) {
                        r = q + 1;
                    } else if (o == 2 && j > 0) {
                        r = q - nx;
                    } else if (o == 3 && j < ny - 1) {
                        r = q + nx;
                    } else {
                        continue;
                    }
                    int n = base + r;
                    if (branch[n] == 0 && support[n] == 0 && candidate(v, n, nx, lo, hi)) {
                        branch[n] = 1;
                        dist[r] = dist[q] + 1;
                        queue[tail++] = r;
                    }
                }
            }
        }
        List<Component> comps = components(g, branch, k0);
        int minSlices = (int) Math.ceil(MIN_LENGTH_MM / g.spacingMm(2));
        double maxAreaVoxels = Math.PI * MAX_RADIUS_MM * MAX_RADIUS_MM / (g.spacingMm(0) * g.spacingMm(1));
        int stubSlices = (int) Math.ceil(MIN_ENDING_LENGTH_MM / g.spacingMm(2));
        comps.removeIf(c -> c.kMax - c.kMin + 1 < minSlices || c.voxels.size() > maxAreaVoxels * (c.kMax - c.kMin + 1)
                || c.kMax < nz - 2 && c.kMax - c.kMin + 1 < stubSlices);
        comps.sort(Comparator.comparingInt((Component c) -> c.voxels.size()).reversed());
        if (comps.size() > MAX_BRANCHES) {
            comps = new ArrayList<>(comps.subList(0, MAX_BRANCHES));
        }
        // patient's right is −L in LPS: the rightmost origin has the smallest L coordinate
        comps.sort(Comparator.comparingDouble(c -> g.indexToLps(new double[] {c.originI, c.originJ, c.kMin}, null)[0]));
        AortaLabel[] names = {AortaLabel.BRACHIOCEPHALIC_TRUNK, AortaLabel.LEFT_COMMON_CAROTID, AortaLabel.LEFT_SUBCLAVIAN};
        for (int c = 0; c < comps.size(); c++) {
            byte value = (byte) names[c].value();
            for (int n : comps.get(c).voxels) {
                labels[n] = value;
            }
        }
        return comps.size();
    }

    /** A 6-connected component of branch voxels: its voxels, slice range and the mean in-plane index of its lowest slice. */
    private static final class Component {
        final List<Integer> voxels = new ArrayList<>();
        int kMin = Integer.MAX_VALUE, kMax = -1;
        double originI, originJ;
    }

    private static List<Component> components(ImageGeometry g, byte[] mask, int k0) {
        int nx = g.columns(), ny = g.rows(), nz = g.slices(), nxy = nx * ny;
        int base = k0 * nxy;
        byte[] seen = new byte[mask.length - base]; // the slab from k0 up: index n − base
        List<Component> out = new ArrayList<>();
        int[] queue = new int[4096];
        for (int start = base; start < mask.length; start++) {
            if (mask[start] == 0 || seen[start - base] != 0) {
                continue;
            }
            Component c = new Component();
            int head = 0, tail = 0;
            queue[tail++] = start;
            seen[start - base] = 1;
            while (head < tail) {
                int n = queue[head++];
                c.voxels.add(n);
                int i = n % nx, j = (n / nx) % ny, k = n / nxy;
                c.kMin = Math.min(c.kMin, k);
                c.kMax = Math.max(c.kMax, k);
                int[] nb = {i > 0 ? n - 1 : -1, i < nx - 1 ? n + 1 : -1, j > 0 ? n - nx : -1, j < ny - 1 ? n + nx : -1,
                    k > 0 ? n - nxy : -1, k < nz - 1 ? n + nxy : -1};
                for (int r : nb) {
                    if (r >= base && mask[r] != 0 && seen[r - base] == 0) {
                        seen[r - base] = 1;
                        if (tail == queue.length) {
                            queue = java.util.Arrays.copyOf(queue, 2 * tail);
                        }
                        queue[tail++] = r;
                    }
                }
            }
            int count = 0;
            for (int n : c.voxels) {
                if (n / nxy == c.kMin) {
                    c.originI += n % nx;
                    c.originJ += (n / nx) % ny;
                    count++;
                }
            }
            c.originI /= count;
            c.originJ /= count;
            out.add(c);
        }
        return out;
    }
}
