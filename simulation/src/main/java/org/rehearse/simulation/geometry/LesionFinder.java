package org.rehearse.simulation.geometry;

import java.util.Arrays;
import java.util.Objects;

/**
 * Finds the narrowest section of a vessel from its {@link DiameterProfile} (area-equivalent diameters).
 *
 * <p>Rules:
 * <ul>
 *   <li>End zones are excluded: the throat is searched only at least one provisional reference radius (half the
 *       median diameter of the whole profile) from either end, and outside {@link DiameterProfile#endZone(int)},
 *       because the vessel's end face or the image border cuts the cross-sections there.</li>
 *   <li>The throat is the profile point of smallest diameter, refined by re-measuring cross-sections every
 *       {@value #REFINE_STEP_MM} mm between its two neighbours ({@link DiameterProfile#measureDiameterMm(double)}).</li>
 *   <li>Reference diameter: the median diameter over a window distal to the narrowing, from
 *       {@code max(throat + 1.5·D, end of narrowed segment)} to {@value #WINDOW_LENGTH_MM} mm beyond, where D is the
 *       current reference estimate (three iterations starting from the median of the profile). This follows the
 *       coarctation-index convention of relating the coarctation to the descending aorta distal to it (the
 *       descending aorta at the level of the diaphragm in, e.g., Nielsen et al., "Magnetic resonance imaging
 *       predictors of coarctation severity", Circulation 2005;111:622–628). When fewer than
 *       {@value #MIN_WINDOW_MM} mm of usable profile lie distally, the mirror window proximal to the narrowing is
 *       used; when neither exists, the median of the whole usable profile outside the narrowed segment.</li>
 *   <li>Extent: from the throat outwards in both directions to where the diameter first rises to
 *       {@value #EXTENT_FRACTION} × reference (linear interpolation between samples).</li>
 *   <li>Stenosis: {@code 100·(1 − dmin/reference)} (diameter stenosis).</li>
 * </ul>
 */
public final class LesionFinder {
    /** The narrowed segment is where the diameter is below this fraction of the reference. */
    public static final double EXTENT_FRACTION = 0.9;
    /** Length of the reference window, mm. */
    public static final double WINDOW_LENGTH_MM = 20.0;
    /** Minimum usable window length, mm. */
    public static final double MIN_WINDOW_MM = 5.0;
    /** Step (mm) of the extra cross-sections that locate the throat between two profile points. */
    public static final double REFINE_STEP_MM = 0.1;

    private LesionFinder() {
    }

    /**
     * @param profile the diameter profile of the vessel (s = 0 proximal)
     * @return the narrowest section and its reference
     * @throws IllegalArgumentException when the profile has no usable interior (vessel shorter than about one
     *                                  diameter) or no lumen
     */
    public static Lesion find(DiameterProfile profile) {
        Objects.requireNonNull(profile, "profile");
        double[] s = profile.arcLengthMm();
        double[] d = profile.diameterMm();
        int n = d.length;
        double len = s[n - 1];
        boolean[] usable = new boolean[n];
        int cnt = 0;
        for (int i = 0; i < n; i++) {
            usable[i] = !profile.endZone(i) && d[i] > 0;
            if (usable[i]) cnt++;
        }
        if (cnt == 0) {
            throw new IllegalArgumentException("lesion: the diameter profile has no usable cross-section (vessel of "
                    + String.format("%.1f", len) + " mm is shorter than its diameter or has no lumen)");
        }
        double provisional = medianAll(d, usable);
        double margin = provisional / 2;
        int throat = -1;
        for (int i = 0; i < n; i++) {
            if (usable[i] && s[i] >= margin && s[i] <= len - margin && (throat < 0 || d[i] < d[throat])) throat = i;
        }
        if (throat < 0) {
            throw new IllegalArgumentException("lesion: the vessel (" + String.format("%.1f", len)
                    + " mm) is too short to exclude its end zones of " + String.format("%.1f", margin) + " mm");
        }
        // refinement between the samples: re-measure cross-sections every REFINE_STEP_MM within one sample spacing
        double sT = s[throat], dMin = d[throat];
        double lo = throat > 0 ? s[throat - 1] : s[throat], hi = throat < n - 1 ? s[throat + 1] : s[throat];
        for (double q = lo; q <= hi + 1e-9; q += REFINE_STEP_MM) {
            if (q < margin || q > len - margin) continue;
            double dq = profile.measureDiameterMm(q);
            if (dq > 0 && dq < dMin) {
                dMin = dq;
                sT = q;
            }
        }
        double ref = provisional;
        double[] window = {0, 0};
        boolean distal = true;
        double start = sT, end = sT;
        for (int iter = 0; iter < 3; iter++) {
            double[] ext = extent(s, d, throat, sT, EXTENT_FRACTION * ref);
            start = ext[0];
            end = ext[1];
            double w0 = Math.max(sT + 1.5 * ref, end), w1 = w0 + WINDOW_LENGTH_MM;
            double cover = coverage(s, usable, w0, w1, margin, len);
            if (cover >= MIN_WINDOW_MM) {
                distal = true;
                window = new double[] {w0, w1};
                ref = median(d, usable, s, w0, w1);
            } else {
                double p1 = Math.min(sT - 1.5 * ref, start), p0 = p1 - WINDOW_LENGTH_MM;
                if (coverage(s, usable, p0, p1, margin, len) >= MIN_WINDOW_MM) {
                    distal = false;
                    window = new double[] {p0, p1};
                    ref = median(d, usable, s, p0, p1);
                } else {
                    distal = false;
                    boolean[] outside = usable.clone();
                    for (int i = 0; i < n; i++) if (s[i] >= start && s[i] <= end) outside[i] = false;
                    window = new double[] {0, len};
                    ref = medianAll(d, outside);
                }
            }
        }
        double[] ext = extent(s, d, throat, sT, EXTENT_FRACTION * ref);
        start = Math.min(ext[0], sT);
        end = Math.max(ext[1], sT);
        double[] pos = profile.centerline().positionAt(sT);
        double stenosis = 100 * (1 - dMin / ref);
        return new Lesion(sT, pos, dMin, ref, stenosis, start, end, distal, window);
    }

    /** Arc lengths {start, end} where d first reaches {@code level} going out from the throat. */
    private static double[] extent(double[] s, double[] d, int throat, double sT, double level) {
        int n = d.length;
        double start = s[0], end = s[n - 1];
        for (int i = throat; i > 0; i--) {
            if (d[i - 1] >= level) {
                start = d[i] >= level ? s[i] : s[i] + (s[i - 1] - s[i]) * (level - d[i]) / (d[i - 1] - d[i]);
                break;
            }
        }
        for (int i = throat; i < n - 1; i++) {
            if (d[i + 1] >= level) {
                end = d[i] >= level ? s[i] : s[i] + (s[i + 1] - s[i]) * (level - d[i]) / (d[i + 1] - d[i]);
                break;
            }
        }
        return new double[] {Math.min(start, sT), Math.max(end, sT)};
    }

    private static double coverage(double[] s, boolean[] usable, double a, double b, double margin, double len) {
        int c = 0;
        double step = s.length > 1 ? s[s.length - 1] / (s.length - 1) : 1;
        for (int i = 0; i < s.length; i++) {
            if (usable[i] && s[i] >= a && s[i] <= b && s[i] >= margin && s[i] <= len - margin) c++;
        }
        return c * step;
    }

    private static double median(double[] d, boolean[] use, double[] s, double a, double b) {
        double[] v = new double[d.length];
        int c = 0;
        for (int i = 0; i < d.length; i++) if (use[i] && s[i] >= a && s[i] <= b) v[c++] = d[i];
        return medianOf(v, c);
    }

    private static double medianAll(double[] d, boolean[] use) {
        double[] v = new double[d.length];
        int c = 0;
        for (int i = 0; i < d.length; i++) if (use[i]) v[c++] = d[i];
        return medianOf(v, c);
    }

    private static double medianOf(double[] v, int c) {
        if (c == 0) {
            throw new IllegalArgumentException("lesion: no usable cross-section for the reference diameter");
        }
        double[] w = Arrays.copyOf(v, c);
        Arrays.sort(w);
        return c % 2 == 1 ? w[c / 2] : 0.5 * (w[c / 2 - 1] + w[c / 2]);
    }
}
