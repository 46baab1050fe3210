package org.rehearse.segmentation.dicom;

import org.rehearse.segmentation.Progress;
import org.rehearse.segmentation.image.ImageGeometry;
import org.rehearse.segmentation.image.Volume;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Loads a {@link DicomSeries} of single-frame slices into a {@link Volume}.
 *
 * <p>Slices are ordered by the projection of Image Position (Patient) on the slice normal
 * n = rowDirection × columnDirection (PS3.3 C.7.6.2.1.1), never by Instance Number or file name. All slices must
 * share Rows, Columns, Image Orientation (Patient) and Pixel Spacing. The slice spacing comes from the positions
 * (not Slice Thickness or Spacing Between Slices). A step of {@value #MISSING_SLICE_FACTOR} times the median step
 * or more is taken as a missing slice (an error); other uneven steps are resampled onto a regular grid along the
 * slice axis by linear interpolation between the two neighbouring slices, with a warning. When the positions do not
 * follow the normal (gantry tilt) the volume's slice direction follows the positions, with a warning.
 *
 * <p>Values: stored value · Rescale Slope + Rescale Intercept (PS3.3 C.11.1.1.2), rounded and clamped to the
 * 16-bit range; for CT these are Hounsfield units. Slices are decoded in parallel.
 */
public final class SeriesLoader {
    /** A step this many times the median step or more means a missing slice. */
    public static final double MISSING_SLICE_FACTOR = 1.6;
    /** Steps deviating from the median by more than this fraction of it (or 0.005 mm) count as uneven. */
    public static final double UNEVEN_TOLERANCE = 0.01;
    /** Tilt angles (between the positions' line and the normal) above this many degrees are reported. */
    public static final double TILT_TOLERANCE_DEG = 0.05;

    private final DicomCodec codec;
    private final int threads;

    /** A loader on {@link PixelMedCodec} decoding with 2 threads (or 1 on a single-core machine). */
    public SeriesLoader() {
        this(new PixelMedCodec(), Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())));
    }

    /**
     * @param codec   the codec decoding the pixel data
     * @param threads number of decoding threads, at least 1
     */
    public SeriesLoader(DicomCodec codec, int threads) {
        this.codec = codec;
        this.threads = Math.max(1, threads);
    }

    /**
     * Loads a series.
     *
     * @param series   the series (from {@link DicomFolderScanner})
     * @param progress progress (fraction of slices decoded) and cancellation
     * @return the volume (columns × rows × slices, layout i + columns·(j + rows·k), k along the slice direction
     *         from the lowest position along the normal) and the warnings
     * @throws DicomException naming the file(s) when a file is multi-frame, a slice differs in size, orientation or
     *                        pixel spacing, two slices share a position, a slice is missing, a slice is off the line
     *                        of the others, or a file cannot be decoded
     * @throws Progress.CancelledException when cancelled
     */
    public LoadedSeries load(DicomSeries series, Progress progress) throws DicomException {
        List<String> warnings = new ArrayList<>();
        List<DicomHeader> slices = new ArrayList<>(series.headers());
        for (DicomHeader h : slices) {
            if (h.numberOfFrames() > 1) {
                throw new DicomException(h.file(), DicomException.name(h.file()) + ": multi-frame files (" + h.numberOfFrames()
                        + " frames) are not supported yet; only series of single-frame slices can be loaded");
            }
        }
        slices.sort(Comparator.comparingDouble(DicomHeader::positionAlongNormalMm).thenComparing(h -> h.file().toString()));
        DicomHeader ref = slices.get(0);
        checkConsistent(ref, slices);
        int n = slices.size();
        int columns = ref.columns(), rows = ref.rows();
        double[] ps = ref.pixelSpacingMm();
        double[] normal = ref.normal();
        double[] p0 = ref.imagePositionPatient();

        double[] sliceDir = normal;
        double[] s = new double[n]; // position of each slice along sliceDir, mm, from slice 0
        double spacing;
        boolean resample = false;
        int outSlices = n;
        if (n == 1) {
            spacing = ref.sliceThicknessMm() > 0 ? ref.sliceThicknessMm() : 1.0;
            warnings.add("The series has a single slice (" + DicomException.name(ref.file()) + "); its thickness is taken as "
                    + fmt(spacing) + " mm.");
        } else {
            double[] pl = slices.get(n - 1).imagePositionPatient();
            double[] d = {pl[0] - p0[0], pl[1] - p0[1], pl[2] - p0[2]};
            double len = Math.sqrt(dot(d, d));
            double[] u = {d[0] / len, d[1] / len, d[2] / len};
            double angle = Math.toDegrees(Math.acos(Math.min(1, Math.abs(dot(u, normal)))));
            if (angle > TILT_TOLERANCE_DEG) {
                sliceDir = u;
                warnings.add(String.format(Locale.ROOT, "The slices are tilted by %.2f° (gantry tilt): their positions do not "
                        + "follow the image normal; the volume's slice axis follows the positions, so its voxels are sheared, "
                        + "not rectangular.", angle));
            }
            for (int k = 0; k < n; k++) {
                double[] p = slices.get(k).imagePositionPatient();
                double[] q = {p[0] - p0[0], p[1] - p0[1], p[2] - p0[2]};
                s[k] = dot(q, sliceDir);
                double off = Math.sqrt(Math.max(0, dot(q, q) - s[k] * s[k]));
                if (off > 0.5 * Math.min(ps[0], ps[1]) + 0.01) {
                    throw new DicomException(slices.get(k).file(), DicomException.name(slices.get(k).file()) + ": its Image Position "
                            + "(Patient) " + Arrays.toString(p) + " lies " + fmt(off) + " mm off the line of the other slices "
                            + "(two stacks mixed in one series?)");
                }
            }
            double[] steps = new double[n - 1];
            for (int k = 0; k + 1 < n; k++) {
                steps[k] = s[k + 1] - s[k];
                if (steps[k] < 1e-3) {
                    throw new DicomException(slices.get(k + 1).file(), DicomException.name(slices.get(k).file()) + " and "
                            + DicomException.name(slices.get(k + 1).file()) + " are at the same position "
                            + fmt(slices.get(k).positionAlongNormalMm()) + " mm along the slice normal (two acquisitions in one series?)");
                }
            }
            double[] sorted = steps.clone();
            Arrays.sort(sorted);
            double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                    : 0.5 * (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]);
            double maxDev = 0;
            for (int k = 0; k + 1 < n; k++) {
                if (steps[k] >= MISSING_SLICE_FACTOR * median && n > 2) {
                    DicomHeader a = slices.get(k), b = slices.get(k + 1);
                    throw new DicomException(b.file(), "slice missing between " + DicomException.name(a.file()) + " and "
                            + DicomException.name(b.file()) + ": positions " + fmt(a.positionAlongNormalMm()) + " and "
                            + fmt(b.positionAlongNormalMm()) + " mm along the slice normal are " + fmt(steps[k])
                            + " mm apart, the usual step is " + fmt(median) + " mm");
                }
                maxDev = Math.max(maxDev, Math.abs(steps[k] - median));
            }
            if (maxDev > Math.max(0.005, UNEVEN_TOLERANCE * median)) {
                resample = true;
                outSlices = (int) Math.round(s[n - 1] / median) + 1;
                spacing = s[n - 1] / (outSlices - 1);
                warnings.add("The slice spacing is uneven (steps " + fmt(sorted[0]) + " to " + fmt(sorted[sorted.length - 1])
                        + " mm, median " + fmt(median) + " mm); the " + n + " slices were resampled by linear interpolation onto "
                        + outSlices + " slices " + fmt(spacing) + " mm apart.");
            } else {
                spacing = s[n - 1] / (n - 1);
            }
        }

        // decode in parallel
        int plane = columns * rows;
        short[] values = new short[Math.multiplyExact(plane, outSlices)];
        short[][] decoded = resample ? new short[n][] : null;
        long[] clamped = new long[n];
        final boolean resampling = resample;
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, n), r -> {
            Thread t = new Thread(r, "dicom-decode");
            t.setDaemon(true);
            return t;
        });
        progress.update(0, "Decoding " + n + " slices");
        try {
            CompletionService<Integer> done = new ExecutorCompletionService<>(pool);
            for (int k = 0; k < n; k++) {
                final int kk = k;
                done.submit(() -> {
                    if (progress.isCancelled()) {
                        return kk;
                    }
                    DicomHeader h = slices.get(kk);
                    int[] stored = codec.decodeFrame(h, 0);
                    short[] dst = resampling ? new short[plane] : values;
                    int offset = resampling ? 0 : kk * plane;
                    double slope = h.rescaleSlope(), intercept = h.rescaleIntercept();
                    long c = 0;
                    for (int i = 0; i < plane; i++) {
                        long v = Math.round(stored[i] * slope + intercept);
                        if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
                            v = v < 0 ? Short.MIN_VALUE : Short.MAX_VALUE;
                            c++;
                        }
                        dst[offset + i] = (short) v;
                    }
                    clamped[kk] = c;
                    if (resampling) {
                        decoded[kk] = dst;
                    }
                    return kk;
                });
            }
            for (int k = 0; k < n; k++) {
                progress.checkCancelled();
                try {
                    done.take().get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new Progress.CancelledException();
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    if (c instanceof DicomException de) {
                        throw new DicomException(de.file(), de.getMessage(), de);
                    }
                    if (c instanceof Progress.CancelledException ce) {
                        throw ce;
                    }
                    throw new DicomException(series.headers().get(0).file(), "decoding " + series.label() + " failed: " + c, c);
                }
                if ((k & 7) == 7 || k == n - 1) {
                    progress.update((k + 1.0) / n * (resample ? 0.9 : 1.0), "Decoded " + (k + 1) + " of " + n + " slices");
                }
            }
            progress.checkCancelled();
        } finally {
            pool.shutdownNow();
        }
        long totalClamped = Arrays.stream(clamped).sum();
        if (totalClamped > 0) {
            warnings.add(totalClamped + " voxel values after Rescale Slope/Intercept fell outside −32768…32767 and were clamped.");
        }
        if (resample) {
            int j = 0;
            for (int k = 0; k < outSlices; k++) {
                double t = k * spacing;
                while (j < n - 2 && s[j + 1] < t) {
                    j++;
                }
                double w = Math.max(0, Math.min(1, (t - s[j]) / (s[j + 1] - s[j])));
                short[] a = decoded[j], b = decoded[j + 1];
                int off = k * plane;
                for (int i = 0; i < plane; i++) {
                    values[off + i] = (short) Math.round(a[i] + w * (b[i] - a[i]));
                }
            }
            progress.update(1, "Resampled to " + outSlices + " slices");
        }
        double[] rowDir = ref.rowDirection(), colDir = ref.columnDirection();
        ImageGeometry g = new ImageGeometry(columns, rows, outSlices, new double[] {ps[1], ps[0], spacing}, p0, rowDir, colDir, sliceDir);
        return new LoadedSeries(new Volume(g, values, ref.modality()), warnings);
    }

    private static void checkConsistent(DicomHeader ref, List<DicomHeader> slices) throws DicomException {
        String r = DicomException.name(ref.file());
        double[] o0 = ref.imageOrientationPatient(), ps0 = ref.pixelSpacingMm();
        for (DicomHeader h : slices) {
            String f = DicomException.name(h.file());
            if (h.rows() != ref.rows() || h.columns() != ref.columns()) {
                throw new DicomException(h.file(), f + ": image size " + h.columns() + "×" + h.rows() + " differs from "
                        + ref.columns() + "×" + ref.rows() + " of " + r + " in the same series");
            }
            double[] o = h.imageOrientationPatient();
            for (int i = 0; i < 6; i++) {
                if (Math.abs(o[i] - o0[i]) > 1e-4) {
                    throw new DicomException(h.file(), f + ": Image Orientation (Patient) " + Arrays.toString(o) + " differs from "
                            + Arrays.toString(o0) + " of " + r + " in the same series");
                }
            }
            double[] ps = h.pixelSpacingMm();
            if (Math.abs(ps[0] - ps0[0]) > 1e-4 * ps0[0] || Math.abs(ps[1] - ps0[1]) > 1e-4 * ps0[1]) {
                throw new DicomException(h.file(), f + ": Pixel Spacing " + fmt(ps[0]) + "\\" + fmt(ps[1]) + " mm differs from "
                        + fmt(ps0[0]) + "\\" + fmt(ps0[1]) + " mm of " + r + " in the same series");
            }
        }
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
