package org.rehearse.sampledata;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.rehearse.segmentation.Progress;
import org.rehearse.segmentation.image.ImageGeometry;
import org.rehearse.segmentation.image.LabelMap;
import org.rehearse.segmentation.image.Volume;

/**
 * Generates the deterministic CT angiography phantom of an adolescent aorta with a coarctation (a discrete narrowing
 * at the isthmus, just distal to the left subclavian artery).
 *
 * <p>Anatomy (LPS mm, see {@code PhantomAnatomy}): ascending aorta 24 mm rising from the aortic root above the
 * heart, arch 20 mm curving posteriorly and to the left with the brachiocephalic (11 mm), left common carotid (7 mm)
 * and left subclavian (8.5 mm) arteries rising to the top of the image, the narrowing 14 mm along the centerline
 * beyond the left subclavian origin (8 mm long: 2 mm plateau, 3 mm cosine shoulders; minimal diameter =
 * (1 − stenosis fraction) × the descending diameter 15 mm further on, which is the reference), descending aorta 18 mm
 * beside the spine down to the bottom of the image. Tissues: blood 350 HU, myocardium and soft tissue 40, lungs
 * −850, mediastinal and subcutaneous fat −100, air −1000 outside an elliptic body outline, vertebral bodies
 * (cancellous 250, cortical rim and end plates 700, discs 80) behind the descending aorta with about 9 mm of fat
 * between them, a bright left ventricle (350) and a right heart (200) kept at least 3 mm of soft tissue away from
 * every lumen (closed valve), a trachea above the arch.
 *
 * <p>Image formation: the label of each voxel centre is evaluated analytically (truth mask = voxel centres inside the
 * lumen), then blurred with a separable Gaussian of {@link PhantomSpec#blurSigmaMm()} (clamped edges) and Gaussian
 * noise of {@link PhantomSpec#noiseSigmaHu()} is added. Noise uses one {@link SplittableRandom} per slice seeded from the spec
 * seed and the slice index, so the result is identical whatever the number of threads.
 *
 * <p>Speed: vessel distances are splatted per slice only inside the bounding box of each centerline segment; the
 * slices are generated in parallel on the common fork-join pool.
 */
public final class PhantomGenerator {
    /**
     * Version of the generated images; bump whenever a change alters any voxel or truth value, so that cached sample
     * cases ({@link SampleCase}) are regenerated.
     */
    public static final int VERSION = 1;

    /** Distance (mm) beyond the lumen surface up to which the signed distance is computed exactly. */
    private static final float MARGIN_MM = 6f;

    private PhantomGenerator() {
    }

    /**
     * Generates the phantom.
     *
     * @param spec     what to generate
     * @param progress progress and cancellation
     * @return the image and its truth
     * @throws Progress.CancelledException when cancelled
     */
    public static Phantom generate(PhantomSpec spec, Progress progress) {
        PhantomAnatomy anatomy = new PhantomAnatomy(spec.stenosisFraction());
        ImageGeometry g = geometry(spec);
        int nx = g.columns(), ny = g.rows(), nz = g.slices(), plane = nx * ny;
        short[] hu = new short[(int) g.voxelCount()];
        byte[] mask = new byte[hu.length];
        double[] sp = g.spacingMm(), origin = g.originLps();
        List<PhantomAnatomy.Tube> tubes = anatomy.tubes();
        List<double[]> reaches = new ArrayList<>();
        for (PhantomAnatomy.Tube t : tubes) {
            reaches.add(t.reach(MARGIN_MM));
        }

        // pass 1: tissue, truth and in-plane blur, per slice
        double[] kx = kernel(spec.blurSigmaMm() / sp[0]), ky = kernel(spec.blurSigmaMm() / sp[1]),
                kz = kernel(spec.blurSigmaMm() / sp[2]);
        AtomicInteger done = new AtomicInteger();
        int totalSteps = nz * 2;
        progress.update(0, "Generating phantom anatomy");
        IntStream.range(0, nz).parallel().forEach(k -> {
            progress.checkCancelled();
            double z = origin[2] + k * sp[2];
            float[] sdf = new float[plane];
            Arrays.fill(sdf, MARGIN_MM);
            float[] best = new float[plane];
            float[] bestR = new float[plane];
            for (int n = 0; n < tubes.size(); n++) {
                splat(tubes.get(n), reaches.get(n), z, origin, sp, nx, ny, sdf, best, bestR);
            }
            float[] slice = new float[plane];
            for (int j = 0; j < ny; j++) {
                double y = origin[1] + j * sp[1];
                for (int i = 0; i < nx; i++) {
                    int p = i + nx * j;
                    double x = origin[0] + i * sp[0];
                    slice[p] = (float) PhantomAnatomy.tissue(x, y, z, sdf[p]);
                    if (sdf[p] < 0) {
                        mask[k * plane + p] = 1;
                    }
                }
            }
            float[] tmp = new float[plane];
            convolve(slice, tmp, nx, ny, kx, true);
            convolve(tmp, slice, nx, ny, ky, false);
            for (int p = 0; p < plane; p++) {
                hu[k * plane + p] = (short) Math.round(slice[p]);
            }
            tick(progress, done, totalSteps);
        });

        // pass 2: blur along z and add noise, per slice (reading the in-plane blurred slices, writing the result)
        short[] out = kz.length > 1 ? new short[hu.length] : hu;
        double sigma = spec.noiseSigmaHu();
        IntStream.range(0, nz).parallel().forEach(k -> {
            progress.checkCancelled();
            int rad = kz.length / 2;
            int base = k * plane;
            if (rad > 0) {
                float[] acc = new float[plane];
                for (int t = -rad; t <= rad; t++) {
                    int from = plane * Math.min(nz - 1, Math.max(0, k + t));
                    float wt = (float) kz[t + rad];
                    for (int p = 0; p < plane; p++) {
                        acc[p] += wt * hu[from + p];
                    }
                }
                for (int p = 0; p < plane; p++) {
                    out[base + p] = (short) Math.round(acc[p]);
                }
            }
            if (sigma > 0) {
                SplittableRandom random = new SplittableRandom(spec.seed() * 0x9E3779B97F4A7C15L + k);
                for (int p = base, end = base + plane; p < end; p++) {
                    long v = Math.round(out[p] + sigma * random.nextGaussian());
                    out[p] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
                }
            }
            tick(progress, done, totalSteps);
        });

        double zMin = origin[2] - 0.5 * sp[2], zMax = origin[2] + (nz - 0.5) * sp[2];
        Map<String, List<CenterlinePoint>> branches = new LinkedHashMap<>();
        anatomy.branches.forEach((name, t) -> branches.put(name, Collections.unmodifiableList(t.points(zMin, zMax))));
        PhantomAnatomy.Tube a = anatomy.aorta;
        int th = anatomy.throatIndex, sd = anatomy.seedIndex;
        double min = 2 * anatomy.minRadiusMm, ref = 2 * anatomy.referenceRadiusMm;
        progress.update(1, "Phantom generated");
        return new Phantom(spec, new Volume(g, out, "CT"), new LabelMap(g, mask),
                Collections.unmodifiableList(new ArrayList<>(a.points(zMin, zMax))), Collections.unmodifiableMap(branches),
                new double[] {a.x[sd], a.y[sd], a.z[sd]}, min, ref, 100 * (1 - min / ref),
                new double[] {a.x[th], a.y[th], a.z[th]});
    }

    /**
     * The image grid of a spec: axial, identity orientation, centred on x = y = 0, z from −150 mm (feet, slice 0) to
     * +150 mm (head), spacing {@link PhantomSpec#spacingMm()}.
     */
    public static ImageGeometry geometry(PhantomSpec spec) {
        double[] sp = spec.spacingMm();
        double[] fov = PhantomSpec.FIELD_OF_VIEW_MM;
        double[] origin = {-fov[0] / 2 + sp[0] / 2, -fov[1] / 2 + sp[1] / 2, -fov[2] / 2 + sp[2] / 2};
        return ImageGeometry.axial(spec.columns(), spec.rows(), spec.slices(), sp, origin);
    }

    private static void tick(Progress progress, AtomicInteger done, int total) {
        int n = done.incrementAndGet();
        if (n % 8 == 0 || n == total) {
            progress.update((double) n / total, "Generating phantom");
        }
    }

    /**
     * Splats one tube's signed distance into a slice at height z: for every voxel within the tube's maximum radius
     * plus the margin of a segment, keeps the nearest centerline segment point (squared distance in {@code best})
     * and the radius there; then merges distance − radius into {@code sdf} by minimum.
     */
    private static void splat(PhantomAnatomy.Tube t, double[] reaches, double z, double[] origin, double[] sp, int nx,
                              int ny, float[] sdf, float[] best, float[] bestR) {
        int i0 = nx, i1 = -1, j0 = ny, j1 = -1;
        boolean any = false;
        for (int n = 0; n + 1 < t.size(); n++) {
            double za = t.z[n], zb = t.z[n + 1];
            double reachZ = Math.max(reaches[n], reaches[n + 1]);
            double dzMin = Math.max(0, Math.max(Math.min(za, zb) - z, z - Math.max(za, zb)));
            if (dzMin >= reachZ) {
                continue;
            }
            double reach = Math.sqrt(reachZ * reachZ - dzMin * dzMin);
            if (!any) {
                Arrays.fill(best, Float.MAX_VALUE);
                any = true;
            }
            double ax = t.x[n], ay = t.y[n], bx = t.x[n + 1], by = t.y[n + 1];
            double dx = bx - ax, dy = by - ay, dz = zb - za, len2 = dx * dx + dy * dy + dz * dz;
            int bi0 = Math.max(0, (int) Math.floor((Math.min(ax, bx) - reach - origin[0]) / sp[0]));
            int bi1 = Math.min(nx - 1, (int) Math.ceil((Math.max(ax, bx) + reach - origin[0]) / sp[0]));
            int bj0 = Math.max(0, (int) Math.floor((Math.min(ay, by) - reach - origin[1]) / sp[1]));
            int bj1 = Math.min(ny - 1, (int) Math.ceil((Math.max(ay, by) + reach - origin[1]) / sp[1]));
            i0 = Math.min(i0, bi0);
            i1 = Math.max(i1, bi1);
            j0 = Math.min(j0, bj0);
            j1 = Math.max(j1, bj1);
            double ra = t.r[n], rb = t.r[n + 1];
            double pz = z - za;
            for (int j = bj0; j <= bj1; j++) {
                double py = origin[1] + j * sp[1] - ay;
                for (int i = bi0; i <= bi1; i++) {
                    double px = origin[0] + i * sp[0] - ax;
                    double u = len2 > 0 ? (px * dx + py * dy + pz * dz) / len2 : 0;
                    u = u < 0 ? 0 : u > 1 ? 1 : u;
                    double ex = px - u * dx, ey = py - u * dy, ez = pz - u * dz;
                    double d2 = ex * ex + ey * ey + ez * ez;
                    int p = i + nx * j;
                    if (d2 < best[p]) {
                        best[p] = (float) d2;
                        bestR[p] = (float) (ra + u * (rb - ra));
                    }
                }
            }
        }
        if (!any) {
            return;
        }
        for (int j = j0; j <= j1; j++) {
            for (int i = i0; i <= i1; i++) {
                int p = i + nx * j;
                if (best[p] < Float.MAX_VALUE) {
                    float d = (float) Math.sqrt(best[p]) - bestR[p];
                    if (d < sdf[p]) {
                        sdf[p] = d;
                    }
                }
            }
        }
    }

    /** Normalised Gaussian kernel for a sigma in voxels, radius ⌈3σ⌉; {1} when sigma is below 0.05 voxel. */
    private static double[] kernel(double sigmaVox) {
        if (sigmaVox < 0.05) {
            return new double[] {1};
        }
        int rad = (int) Math.ceil(3 * sigmaVox);
        double[] k = new double[2 * rad + 1];
        double sum = 0;
        for (int t = -rad; t <= rad; t++) {
            k[t + rad] = Math.exp(-0.5 * t * t / (sigmaVox * sigmaVox));
            sum += k[t + rad];
        }
        for (int t = 0; t < k.length; t++) {
            k[t] /= sum;
        }
        return k;
    }

    /** 1D convolution of an nx × ny slice along x (alongX) or y, edges clamped. */
    private static void convolve(float[] src, float[] dst, int nx, int ny, double[] k, boolean alongX) {
        int rad = k.length / 2;
        if (rad == 0) {
            System.arraycopy(src, 0, dst, 0, src.length);
            return;
        }
        float[] w = new float[k.length];
        for (int t = 0; t < k.length; t++) {
            w[t] = (float) k[t];
        }
        if (alongX) {
            float[] pad = new float[nx + 2 * rad];
            for (int j = 0; j < ny; j++) {
                int row = nx * j;
                System.arraycopy(src, row, pad, rad, nx);
                Arrays.fill(pad, 0, rad, src[row]);
                Arrays.fill(pad, rad + nx, nx + 2 * rad, src[row + nx - 1]);
                Arrays.fill(dst, row, row + nx, 0f);
                for (int t = 0; t < w.length; t++) {
                    float wt = w[t];
                    for (int i = 0; i < nx; i++) {
                        dst[row + i] += wt * pad[i + t];
                    }
                }
            }
        } else {
            for (int j = 0; j < ny; j++) {
                int row = nx * j;
                Arrays.fill(dst, row, row + nx, 0f);
                for (int t = -rad; t <= rad; t++) {
                    int from = nx * Math.min(ny - 1, Math.max(0, j + t));
                    float wt = w[t + rad];
                    for (int i = 0; i < nx; i++) {
                        dst[row + i] += wt * src[from + i];
                    }
                }
            }
        }
    }
}
