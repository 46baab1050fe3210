package org.rehearse.simulation.repair;

import java.util.Arrays;
import java.util.Objects;

import org.rehearse.simulation.geometry.DiameterProfile;
import org.rehearse.simulation.geometry.Lesion;

/**
 * A one-dimensional vessel: lumen diameter as a function of arc length along the centerline, the input of the
 * hemodynamic models and the output of a {@link Repair}.
 *
 * <p>Arrays have one entry per sample, arc lengths strictly increasing from 0 (proximal) in mm; diameters in mm, each
 * finite and &gt; 0; {@code stiffWall[i]} marks a sample whose wall is stiffened by an implant (a stent), for the
 * later pulsatile model. The reference diameter (mm) is the healthy lumen the repairs aim at
 * ({@link Lesion#referenceDiameterMm()}). Between samples the diameter is linear in arc length. Immutable.
 */
public final class VesselModel {
    private final double[] arcLengthMm;
    private final double[] diameterMm;
    private final boolean[] stiffWall;
    private final double referenceDiameterMm;

    /**
     * @throws IllegalArgumentException when the arrays differ in length, hold fewer than 2 samples, arc lengths are not
     *                                  strictly increasing from 0, or a diameter or the reference is not finite and &gt; 0
     */
    public VesselModel(double[] arcLengthMm, double[] diameterMm, boolean[] stiffWall, double referenceDiameterMm) {
        Objects.requireNonNull(arcLengthMm, "arcLengthMm");
        Objects.requireNonNull(diameterMm, "diameterMm");
        Objects.requireNonNull(stiffWall, "stiffWall");
        int n = arcLengthMm.length;
        if (n < 2 || diameterMm.length != n || stiffWall.length != n) {
            throw new IllegalArgumentException("vessel model needs at least 2 samples and equal array lengths, got "
                    + n + " arc lengths, " + diameterMm.length + " diameters, " + stiffWall.length + " wall flags");
        }
        if (Math.abs(arcLengthMm[0]) > 1e-9) {
            throw new IllegalArgumentException("vessel model arc length must start at 0 mm, got " + arcLengthMm[0]);
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(arcLengthMm[i]) || (i > 0 && !(arcLengthMm[i] > arcLengthMm[i - 1]))) {
                throw new IllegalArgumentException("vessel model arc lengths must be finite and strictly increasing; sample "
                        + i + " is " + arcLengthMm[i] + " mm");
            }
            if (!Double.isFinite(diameterMm[i]) || !(diameterMm[i] > 0)) {
                throw new IllegalArgumentException("vessel model diameter at sample " + i + " (s = "
                        + String.format("%.1f", arcLengthMm[i]) + " mm) must be finite and > 0, got " + diameterMm[i]);
            }
        }
        if (!Double.isFinite(referenceDiameterMm) || !(referenceDiameterMm > 0)) {
            throw new IllegalArgumentException("reference diameter must be finite and > 0 mm, got " + referenceDiameterMm);
        }
        this.arcLengthMm = arcLengthMm.clone();
        this.diameterMm = diameterMm.clone();
        this.stiffWall = stiffWall.clone();
        this.referenceDiameterMm = referenceDiameterMm;
    }

    /**
     * The native vessel from a measured profile. In the end zones ({@link DiameterProfile#endZone(int)}), where the
     * cross-sections are cut by the vessel's end face or the image border, and wherever no lumen was found, the
     * diameter of the nearest usable sample is used (constant extrapolation), so that the model's ends are open
     * tubes, not closed ones. The lesion's throat (located between profile points by {@link
     * org.rehearse.simulation.geometry.LesionFinder}) is inserted as a sample of its own, so the model keeps the true
     * minimal diameter.
     *
     * @param profile measured diameters along the centerline
     * @param lesion  the lesion found on that profile (gives the reference diameter)
     * @throws IllegalArgumentException when the profile has no usable sample
     */
    public static VesselModel fromProfile(DiameterProfile profile, Lesion lesion) {
        double[] s = profile.arcLengthMm();
        double[] d = profile.diameterMm();
        int n = d.length;
        boolean[] ok = new boolean[n];
        int first = -1;
        for (int i = 0; i < n; i++) {
            ok[i] = !profile.endZone(i) && d[i] > 0;
            if (ok[i] && first < 0) first = i;
        }
        if (first < 0) {
            throw new IllegalArgumentException("vessel model: the diameter profile has no usable cross-section");
        }
        double last = d[first];
        for (int i = 0; i < n; i++) {
            if (ok[i]) last = d[i];
            else if (i < first) d[i] = d[first];
            else d[i] = last;
        }
        // insert the throat
        double st = lesion.throatArcLengthMm(), dt = lesion.minDiameterMm();
        int at = Arrays.binarySearch(s, st);
        if (at >= 0) {
            d[at] = Math.min(d[at], dt);
        } else if (dt > 0 && st > 0 && st < s[n - 1]) {
            at = -at - 1;
            double[] s2 = new double[n + 1], d2 = new double[n + 1];
            System.arraycopy(s, 0, s2, 0, at);
            System.arraycopy(d, 0, d2, 0, at);
            s2[at] = st;
            d2[at] = dt;
            System.arraycopy(s, at, s2, at + 1, n - at);
            System.arraycopy(d, at, d2, at + 1, n - at);
            s = s2;
            d = d2;
            n++;
        }
        return new VesselModel(s, d, new boolean[n], lesion.referenceDiameterMm());
    }

    /** @return number of samples */
    public int size() { return arcLengthMm.length; }

    /** @return total length in mm */
    public double lengthMm() { return arcLengthMm[arcLengthMm.length - 1]; }

    /** @return the reference (healthy lumen) diameter in mm */
    public double referenceDiameterMm() { return referenceDiameterMm; }

    /** @return a copy of the arc lengths (mm) */
    public double[] arcLengthMm() { return arcLengthMm.clone(); }

    /** @return a copy of the diameters (mm) */
    public double[] diameterMm() { return diameterMm.clone(); }

    /** @return a copy of the stiff-wall flags */
    public boolean[] stiffWall() { return stiffWall.clone(); }

    /** @return arc length (mm) of sample i */
    public double arcLengthMm(int i) { return arcLengthMm[i]; }

    /** @return diameter (mm) of sample i */
    public double diameterMm(int i) { return diameterMm[i]; }

    /** @return true when sample i has a stiffened (stented) wall */
    public boolean stiffWall(int i) { return stiffWall[i]; }

    /** @return the diameter (mm) at arc length {@code sMm}, linear between samples, clamped to the ends */
    public double diameterAtMm(double sMm) {
        int n = arcLengthMm.length;
        if (sMm <= 0) return diameterMm[0];
        if (sMm >= lengthMm()) return diameterMm[n - 1];
        int hi = Arrays.binarySearch(arcLengthMm, sMm);
        if (hi >= 0) return diameterMm[hi];
        hi = -hi - 1;
        int lo = hi - 1;
        double f = (sMm - arcLengthMm[lo]) / (arcLengthMm[hi] - arcLengthMm[lo]);
        return diameterMm[lo] + f * (diameterMm[hi] - diameterMm[lo]);
    }

    /**
     * The narrowest sample at least {@code marginMm} from either end (all samples when the vessel is shorter than two
     * margins).
     *
     * @return its index
     */
    public int narrowestIndex(double marginMm) {
        int best = -1;
        for (int i = 0; i < size(); i++) {
            if (arcLengthMm[i] < marginMm || arcLengthMm[i] > lengthMm() - marginMm) continue;
            if (best < 0 || diameterMm[i] < diameterMm[best]) best = i;
        }
        if (best < 0) {
            best = 0;
            for (int i = 1; i < size(); i++) if (diameterMm[i] < diameterMm[best]) best = i;
        }
        return best;
    }
}
