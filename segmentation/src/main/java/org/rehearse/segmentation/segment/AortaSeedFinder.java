package org.rehearse.segmentation.segment;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rehearse.segmentation.image.ImageGeometry;
import org.rehearse.segmentation.image.Volume;

/**
 * An automatic guess of a seed point in the descending aorta of a contrast CT, for when the user gives none.
 *
 * <p>Method: in axial slices every ~5 mm over the middle 70 % of the volume, the bright (mean of a 3×3
 * neighbourhood ≥ {@value #BRIGHT_HU} HU) connected regions whose area-equivalent diameter lies in 14–45 mm and that
 * are round (area ≥ {@value #MIN_ROUNDNESS} of the circle through their farthest pixel) are candidates. The
 * descending aorta is the candidate that persists at the same in-plane position (within 8 mm) over the most slices:
 * it is the longest straight, round, bright tube of the chest and abdomen. The seed is the candidate's pixel
 * farthest from its border (a 2D chamfer distance), so it lies deep in the lumen. This follows the common first
 * step of automatic aorta segmentation ("a bright circle followed along the body axis", e.g. Kurugol et al. 2015,
 * Med Phys 42:5467) without its Hough transform.
 */
public final class AortaSeedFinder {
    static final int BRIGHT_HU = 150;
    static final double MIN_ROUNDNESS = 0.45;

    private AortaSeedFinder() {
    }

    /** A round, bright section in one axial slice. */
    private record Blob(int k, double ci, double cj, double diameterMm, double roundness, int seedI, int seedJ) { }

    /**
     * @param ct a CT volume in HU with axial-ish slices
     * @return the seed in LPS mm, or empty when no round bright tube is found (then ask the user for a seed)
     */
    public static Optional<double[]> find(Volume ct) {
        List<double[]> tube = tubeSeeds(ct);
        return tube.isEmpty() ? Optional.empty() : Optional.of(tube.get(0));
    }

    /**
     * The seeds of every axial section of the found tube, the best-scoring section's seed first, the others in
     * ascending slice order.
     *
     * @param ct a CT volume in HU
     * @return seeds in LPS mm, empty when no round bright tube is found
     */
    static List<double[]> tubeSeeds(Volume ct) {
        ImageGeometry g = ct.geometry();
        int nz = g.slices();
        int step = Math.max(1, (int) Math.round(5.0 / g.spacingMm(2)));
        List<Blob> blobs = new ArrayList<>();
        for (int k = (int) (0.15 * nz); k <= (int) (0.85 * nz) && k < nz; k += step) {
            blobs.addAll(roundBrightSections(ct, k));
        }
        Blob best = null;
        double bestScore = 0;
        double tol = 8.0;
        for (Blob b : blobs) {
            int support = 0;
            for (Blob o : blobs) {
                double di = (o.ci - b.ci) * g.spacingMm(0), dj = (o.cj - b.cj) * g.spacingMm(1);
                if (o.k != b.k && di * di + dj * dj < tol * tol) {
                    support++;
                }
            }
            double score = (support + 1) * b.roundness;
            if (score > bestScore) {
                bestScore = score;
                best = b;
            }
        }
        List<double[]> out = new ArrayList<>();
        if (best == null) {
            return out;
        }
        out.add(g.indexToLps(new double[] {best.seedI, best.seedJ, best.k}, null));
        for (Blob o : blobs) {
            double di = (o.ci - best.ci) * g.spacingMm(0), dj = (o.cj - best.cj) * g.spacingMm(1);
            if (o != best && di * di + dj * dj < tol * tol) {
                out.add(g.indexToLps(new double[] {o.seedI, o.seedJ, o.k}, null));
            }
        }
        return out;
    }

    private static List<Blob> roundBrightSections(Volume ct, int k) {
        ImageGeometry g = ct.geometry();
        int nx = g.columns(), ny = g.rows();
        double pixelArea = g.spacingMm(0) * g.spacingMm(1);
        boolean[] bright = new boolean[nx * ny];
        short[] v = ct.values();
        int base = nx * ny * k;
        for (int j = 1; j < ny - 1; j++) {
            for (int i = 1; i < nx - 1; i++) {
                int sum = 0;
                for (int dj = -1; dj <= 1; dj++) {
                    for (int di = -1; di <= 1; di++) {
                        sum += v[base + (i + di) + nx * (j + dj)];
                    }
                }
                bright[i + nx * j] = sum >= 9 * BRIGHT_HU;
            }
        }
        int[] label = new int[nx * ny];
        List<Blob> out = new ArrayList<>();
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        int next = 0;
        for (int start = 0; start < bright.length; start++) {
            if (!bright[start] || label[start] != 0) {
                continue;
            }
            next++;
            List<Integer> pixels = new ArrayList<>();
            label[start] = next;
            queue.add(start);
            while (!queue.isEmpty()) {
                int p = queue.poll();
                pixels.add(p);
                int i = p % nx, j = p / nx;
                int[] nb = {i > 0 ? p - 1 : -1, i < nx - 1 ? p + 1 : -1, j > 0 ? p - nx : -1, j < ny - 1 ? p + nx : -1};
                for (int q : nb) {
                    if (q >= 0 && bright[q] && label[q] == 0) {
                        label[q] = next;
                        queue.add(q);
                    }
                }
            }
            double area = pixels.size() * pixelArea;
            double d = 2 * Math.sqrt(area / Math.PI);
            if (d < 14 || d > 45) {
                continue;
            }
            double ci = 0, cj = 0;
            for (int p : pixels) {
                ci += p % nx;
                cj += p / nx;
            }
            ci /= pixels.size();
            cj /= pixels.size();
            double r2 = 0;
            for (int p : pixels) {
                double di = (p % nx - ci) * g.spacingMm(0), dj = (p / nx - cj) * g.spacingMm(1);
                r2 = Math.max(r2, di * di + dj * dj);
            }
            double roundness = area / (Math.PI * Math.max(r2, 1e-9));
            if (roundness < MIN_ROUNDNESS) {
                continue;
            }
            int deepest = deepestPixel(label, next, pixels, nx, ny);
            out.add(new Blob(k, ci, cj, d, roundness, deepest % nx, deepest / nx));
        }
        return out;
    }

    /** The pixel of the region farthest (city-block) from its border, by repeated peeling. */
    private static int deepestPixel(int[] label, int id, List<Integer> pixels, int nx, int ny) {
        List<Integer> layer = pixels;
        boolean[] removed = new boolean[nx * ny];
        while (true) {
            List<Integer> border = new ArrayList<>();
            List<Integer> inner = new ArrayList<>();
            for (int p : layer) {
                int i = p % nx, j = p / nx;
                boolean edge = i == 0 || j == 0 || i == nx - 1 || j == ny - 1
                        || !inside(label, removed, id, p - 1) || !inside(label, removed, id, p + 1)
                        || !inside(label, removed, id, p - nx) || !inside(label, removed, id, p + nx);
                (edge ? border : inner).add(p);
            }
            if (inner.isEmpty()) {
                return border.get(border.size() / 2);
            }
            for (int p : border) {
                removed[p] = true;
            }
            layer = inner;
        }
    }

    private static boolean inside(int[] label, boolean[] removed, int id, int p) {
        return p >= 0 && p < label.length && label[p] == id && !removed[p];
    }
}
