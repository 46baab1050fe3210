package org.rehearse.sampledata;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The analytic anatomy of the phantom in LPS millimetres (x = patient's left, y = posterior, z = head; the image
 * spans x, y ∈ [−153.6, 153.6] and z ∈ [−150, 150]). Dimensions are those of an adolescent (about 14 years):
 * ascending aorta 24 mm, arch 20 mm, descending aorta 18 mm, brachiocephalic 11 mm, left common carotid 7 mm,
 * left subclavian 8.5 mm (orders of magnitude from paediatric CT reference values, e.g. Kaiser et al., Pediatric
 * Radiology 2008, normal aortic diameters by body surface area).
 *
 * <p>Vessels are tubes along smooth centerlines (uniform Catmull–Rom splines through control points, resampled to
 * {@link #STEP_MM}) with a radius per point. The implicit lumen is: a point is inside when its distance to the
 * nearest point of the centerline polyline is below the radius interpolated at that nearest point; the cross-section
 * in the plane normal to the centerline is therefore exactly a disc of the stated radius, also in the narrowing.
 *
 * <p>Package-private: the tissue layout constants are used by the tests to sample known places.
 */
final class PhantomAnatomy {
    static final double STEP_MM = 0.5;

    // Hounsfield units of the tissues (typical contrast CT values)
    static final double HU_AIR = -1000, HU_LUNG = -850, HU_FAT = -100, HU_SOFT = 40, HU_BLOOD = 350,
            HU_RIGHT_HEART = 200, HU_CANCELLOUS = 250, HU_CORTICAL = 700, HU_DISC = 80, HU_CSF = 15, HU_ARCH_BONE = 500;

    // body outline: ellipse centred (0, BODY_CY), semi-axes BODY_A (x), BODY_B (y); subcutaneous fat FAT_MM thick
    static final double BODY_CY = 5, BODY_A = 140, BODY_B = 105, SUBCUT_FAT_MM = 7;
    // lungs: ellipsoids at x = ±LUNG_CX
    static final double LUNG_CX = 62, LUNG_CY = 8, LUNG_CZ = 10, LUNG_A = 50, LUNG_B = 66, LUNG_C = 122;
    // mediastinum (fat): elliptic cylinder around the midline above the diaphragm
    static final double MED_A = 30, MED_CY = 2, MED_B = 80, MED_ZMIN = -112, MED_POSTERIOR_Y = 20;
    // heart ellipsoid (myocardium), left-ventricle blood pool, right heart
    static final double[] HEART_C = {12, -30, -72}, HEART_R = {55, 45, 48};
    static final double[] LV_C = {18, -32, -82}, LV_R = {26, 22, 28};
    static final double[] RV_C = {-8, -55, -80}, RV_R = {22, 14, 26};
    /** Soft tissue kept between any vessel lumen and a heart blood pool (closed valve / myocardium), mm. */
    static final double VALVE_WALL_MM = 3;
    /** Vessel wall thickness (soft tissue) around every lumen, mm. */
    static final double VESSEL_WALL_MM = 1.5;
    /** Lung within this distance of a lumen becomes mediastinal fat, mm. */
    static final double PERIVASCULAR_FAT_MM = 5;
    // spine: vertebral bodies (elliptic cylinders) at (0, VB_CY), period VB_PERIOD along z starting at VB_Z0
    static final double VB_CY = 66, VB_A = 17, VB_B = 14, VB_CORTEX_MM = 1.5, VB_PERIOD = 22, VB_HEIGHT = 18, VB_Z0 = -150;
    static final double CANAL_CY = 89, CANAL_R = 7, ARCH_R = 11;
    // trachea above the arch
    static final double TRACHEA_CX = -4, TRACHEA_CY = 14, TRACHEA_R = 8, TRACHEA_ZMIN = 68;

    /** Length of the narrowing: 2 mm plateau plus two 3 mm cosine shoulders = 8 mm. */
    static final double THROAT_PLATEAU_HALF_MM = 1, THROAT_SHOULDER_MM = 3;
    /** The throat lies this far along the aortic centerline beyond the origin of the left subclavian artery. */
    static final double THROAT_AFTER_SUBCLAVIAN_MM = 14;
    /** The reference diameter is taken this far distal to the throat. */
    static final double REFERENCE_AFTER_THROAT_MM = 15;
    /** The seed lies in the descending aorta at this height (LPS z, mm). */
    static final double SEED_Z_MM = -40;

    /** Aorta control points {x, y, z, radius} from the aortic root (above the valve) to below the image. */
    private static final double[][] AORTA = {
        {-1, -24, -46, 13.0},
        {-7, -28, -25, 12.5},
        {-13, -26, 0, 12.0},
        {-14, -19, 25, 12.0},
        {-9, -6, 45, 11.0},
        {2, 9, 55, 10.0},
        {13, 23, 52, 9.5},
        {18, 33, 40, 9.0},
        {19, 38, 20, 9.0},
        {19, 40, 0, 9.0},
        {18, 41, -60, 9.0},
        {16, 42, -120, 8.8},
        {15, 42, -170, 8.6}};

    /** A tube: centerline points and radii, STEP_MM apart. */
    static final class Tube {
        final String name;
        final double[] x, y, z, r;
        final double maxRadius;

        Tube(String name, double[] x, double[] y, double[] z, double[] r) {
            this.name = name;
            this.x = x;
            this.y = y;
            this.z = z;
            this.r = r;
            double m = 0;
            for (double v : r) {
                m = Math.max(m, v);
            }
            maxRadius = m;
        }

        /**
         * Per point: the largest radius within {@code margin + maxRadius} along the tube, plus the margin. A voxel
         * farther than this from a segment cannot have that segment as its nearest one while lying within the
         * margin of the surface (for radii that change slowly along the tube).
         */
        double[] reach(double margin) {
            int window = (int) Math.ceil((maxRadius + margin) / STEP_MM);
            double[] out = new double[x.length];
            for (int n = 0; n < x.length; n++) {
                double m = 0;
                for (int q = Math.max(0, n - window); q <= Math.min(x.length - 1, n + window); q++) {
                    m = Math.max(m, r[q]);
                }
                out[n] = m + margin;
            }
            return out;
        }

        int size() {
            return x.length;
        }

        List<CenterlinePoint> points(double zMin, double zMax) {
            List<CenterlinePoint> out = new ArrayList<>();
            for (int n = 0; n < x.length; n++) {
                if (z[n] >= zMin && z[n] <= zMax) {
                    out.add(new CenterlinePoint(x[n], y[n], z[n], r[n]));
                }
            }
            return out;
        }
    }

    final Tube aorta;
    final Map<String, Tube> branches = new LinkedHashMap<>();
    final int throatIndex, referenceIndex, seedIndex;
    final double referenceRadiusMm, minRadiusMm;

    /**
     * @param stenosisFraction fractional diameter reduction at the throat, 0 … 0.9
     */
    PhantomAnatomy(double stenosisFraction) {
        Tube base = spline("aorta", AORTA);
        int sub = nearest(base, AORTA[6]);
        int bca = nearest(base, AORTA[4]);
        int lcca = nearest(base, AORTA[5]);
        throatIndex = sub + (int) Math.round(THROAT_AFTER_SUBCLAVIAN_MM / STEP_MM);
        referenceIndex = throatIndex + (int) Math.round(REFERENCE_AFTER_THROAT_MM / STEP_MM);
        referenceRadiusMm = base.r[referenceIndex];
        minRadiusMm = (1 - stenosisFraction) * referenceRadiusMm;
        double[] r = base.r.clone();
        for (int n = 0; n < r.length; n++) {
            double u = Math.abs(n - throatIndex) * STEP_MM;
            double w = u <= THROAT_PLATEAU_HALF_MM ? 1
                    : u < THROAT_PLATEAU_HALF_MM + THROAT_SHOULDER_MM
                    ? 0.5 * (1 + Math.cos(Math.PI * (u - THROAT_PLATEAU_HALF_MM) / THROAT_SHOULDER_MM)) : 0;
            r[n] = (1 - w) * r[n] + w * minRadiusMm;
        }
        aorta = new Tube("aorta", base.x, base.y, base.z, r);
        int s = throatIndex;
        while (s < aorta.size() - 1 && aorta.z[s] > SEED_Z_MM) {
            s++;
        }
        seedIndex = s;

        branches.put("brachiocephalic", branch("brachiocephalic", base, bca, new double[][] {
            {-13, -5, 70}, {-20, -4, 100}, {-27, -1, 130}, {-32, 1, 170}}, 5.5, 5.0));
        branches.put("left_common_carotid", branch("left_common_carotid", base, lcca, new double[][] {
            {4, 6, 75}, {7, 4, 105}, {9, 3, 135}, {10, 3, 170}}, 3.5, 3.5));
        branches.put("left_subclavian", branch("left_subclavian", base, sub, new double[][] {
            {20, 22, 70}, {30, 18, 95}, {41, 14, 125}, {48, 12, 170}}, 4.25, 4.0));
    }

    List<Tube> tubes() {
        List<Tube> all = new ArrayList<>();
        all.add(aorta);
        all.addAll(branches.values());
        return all;
    }

    /**
     * Signed distance (mm, negative inside) of a point to the lumen, by brute force over all tubes: distance to the
     * nearest centerline point minus the radius there, minimum over the tubes. Same definition as the generator's
     * splatting; slow, for tests and single points.
     */
    double vesselSdf(double px, double py, double pz) {
        double best = Double.MAX_VALUE;
        for (Tube t : tubes()) {
            double bd2 = Double.MAX_VALUE, br = 0;
            for (int n = 0; n + 1 < t.size(); n++) {
                double dx = t.x[n + 1] - t.x[n], dy = t.y[n + 1] - t.y[n], dz = t.z[n + 1] - t.z[n];
                double len2 = dx * dx + dy * dy + dz * dz;
                double qx = px - t.x[n], qy = py - t.y[n], qz = pz - t.z[n];
                double u = len2 > 0 ? Math.min(1, Math.max(0, (qx * dx + qy * dy + qz * dz) / len2)) : 0;
                double d2 = sq(qx - u * dx) + sq(qy - u * dy) + sq(qz - u * dz);
                if (d2 < bd2) {
                    bd2 = d2;
                    br = t.r[n] + u * (t.r[n + 1] - t.r[n]);
                }
            }
            best = Math.min(best, Math.sqrt(bd2) - br);
        }
        return best;
    }

    private static Tube branch(String name, Tube aorta, int origin, double[][] rest, double r0, double r1) {
        double[][] cp = new double[rest.length + 1][4];
        cp[0] = new double[] {aorta.x[origin], aorta.y[origin], aorta.z[origin], r0};
        for (int n = 0; n < rest.length; n++) {
            cp[n + 1] = new double[] {rest[n][0], rest[n][1], rest[n][2], r0 + (r1 - r0) * (n + 1) / rest.length};
        }
        return spline(name, cp);
    }

    private static int nearest(Tube t, double[] p) {
        int best = 0;
        double bd = Double.MAX_VALUE;
        for (int n = 0; n < t.size(); n++) {
            double d = sq(t.x[n] - p[0]) + sq(t.y[n] - p[1]) + sq(t.z[n] - p[2]);
            if (d < bd) {
                bd = d;
                best = n;
            }
        }
        return best;
    }

    /**
     * Uniform Catmull–Rom spline through the control points (end points repeated), radius linear per span,
     * resampled by arc length every {@link #STEP_MM}.
     */
    static Tube spline(String name, double[][] cp) {
        int spans = cp.length - 1, per = 200;
        int m = spans * per + 1;
        double[][] dense = new double[m][4];
        for (int s = 0; s < spans; s++) {
            double[] p0 = cp[Math.max(0, s - 1)], p1 = cp[s], p2 = cp[s + 1], p3 = cp[Math.min(cp.length - 1, s + 2)];
            for (int q = 0; q < per || (s == spans - 1 && q == per); q++) {
                double t = (double) q / per, t2 = t * t, t3 = t2 * t;
                double[] o = dense[s * per + q];
                for (int c = 0; c < 3; c++) {
                    o[c] = 0.5 * (2 * p1[c] + (-p0[c] + p2[c]) * t + (2 * p0[c] - 5 * p1[c] + 4 * p2[c] - p3[c]) * t2
                            + (-p0[c] + 3 * p1[c] - 3 * p2[c] + p3[c]) * t3);
                }
                o[3] = p1[3] + (p2[3] - p1[3]) * t;
            }
        }
        double[] arc = new double[m];
        for (int n = 1; n < m; n++) {
            arc[n] = arc[n - 1] + Math.sqrt(sq(dense[n][0] - dense[n - 1][0]) + sq(dense[n][1] - dense[n - 1][1])
                    + sq(dense[n][2] - dense[n - 1][2]));
        }
        int count = (int) Math.floor(arc[m - 1] / STEP_MM) + 1;
        double[] x = new double[count], y = new double[count], z = new double[count], r = new double[count];
        int seg = 0;
        for (int n = 0; n < count; n++) {
            double s = n * STEP_MM;
            while (seg < m - 2 && arc[seg + 1] < s) {
                seg++;
            }
            double len = arc[seg + 1] - arc[seg];
            double f = len > 0 ? Math.min(1, Math.max(0, (s - arc[seg]) / len)) : 0;
            x[n] = dense[seg][0] + f * (dense[seg + 1][0] - dense[seg][0]);
            y[n] = dense[seg][1] + f * (dense[seg + 1][1] - dense[seg][1]);
            z[n] = dense[seg][2] + f * (dense[seg + 1][2] - dense[seg][2]);
            r[n] = dense[seg][3] + f * (dense[seg + 1][3] - dense[seg][3]);
        }
        return new Tube(name, x, y, z, r);
    }

    /**
     * The HU of the noise-free, unblurred tissue at an LPS point.
     *
     * @param x         LPS x, mm
     * @param y         LPS y, mm
     * @param z         LPS z, mm
     * @param vesselSdf signed distance to the nearest lumen surface in mm (negative inside), capped at the margin
     */
    static double tissue(double x, double y, double z, double vesselSdf) {
        if (vesselSdf < 0) {
            return HU_BLOOD;
        }
        double by = y - BODY_CY;
        if (sq(x / BODY_A) + sq(by / BODY_B) > 1) {
            return HU_AIR;
        }
        double v = HU_SOFT;
        if (sq(x / (BODY_A - SUBCUT_FAT_MM)) + sq(by / (BODY_B - SUBCUT_FAT_MM)) > 1) {
            v = HU_FAT;
        }
        boolean lung = sq((Math.abs(x) - LUNG_CX) / LUNG_A) + sq((y - LUNG_CY) / LUNG_B) + sq((z - LUNG_CZ) / LUNG_C) <= 1;
        if (lung) {
            v = vesselSdf < PERIVASCULAR_FAT_MM ? HU_FAT : HU_LUNG;
        }
        // mediastinal fat; below the diaphragm only its posterior part remains (retrocrural / para-aortic fat)
        if ((z > MED_ZMIN || y > MED_POSTERIOR_Y) && sq(x / MED_A) + sq((y - MED_CY) / MED_B) <= 1) {
            v = HU_FAT;
        }
        if (inEllipsoid(x, y, z, HEART_C, HEART_R)) {
            v = HU_SOFT;
            if (vesselSdf >= VALVE_WALL_MM) {
                if (inEllipsoid(x, y, z, LV_C, LV_R)) {
                    v = HU_BLOOD;
                } else if (inEllipsoid(x, y, z, RV_C, RV_R)) {
                    v = HU_RIGHT_HEART;
                }
            }
        }
        if (z >= TRACHEA_ZMIN && sq(x - TRACHEA_CX) + sq(y - TRACHEA_CY) <= TRACHEA_R * TRACHEA_R && vesselSdf > 3) {
            v = HU_AIR;
        }
        // spine: vertebral body with cortical rim and end plates, discs, canal and neural arch
        double vy = y - VB_CY;
        if (sq(x / VB_A) + sq(vy / VB_B) <= 1) {
            double zz = z - VB_Z0;
            zz -= Math.floor(zz / VB_PERIOD) * VB_PERIOD;
            if (zz >= VB_HEIGHT) {
                v = HU_DISC;
            } else if (zz < VB_CORTEX_MM || zz > VB_HEIGHT - VB_CORTEX_MM
                    || sq(x / (VB_A - VB_CORTEX_MM)) + sq(vy / (VB_B - VB_CORTEX_MM)) > 1) {
                v = HU_CORTICAL;
            } else {
                v = HU_CANCELLOUS;
            }
        } else {
            double cr2 = sq(x) + sq(y - CANAL_CY);
            if (cr2 <= CANAL_R * CANAL_R) {
                v = HU_CSF;
            } else if (cr2 <= ARCH_R * ARCH_R && y >= VB_CY + VB_B - 2) {
                v = HU_ARCH_BONE;
            } else if (Math.abs(x) <= 3 && y > CANAL_CY && y <= CANAL_CY + 16) {
                v = HU_ARCH_BONE;
            }
        }
        if (vesselSdf < VESSEL_WALL_MM) {
            v = HU_SOFT;
        }
        return v;
    }

    private static boolean inEllipsoid(double x, double y, double z, double[] c, double[] r) {
        return sq((x - c[0]) / r[0]) + sq((y - c[1]) / r[1]) + sq((z - c[2]) / r[2]) <= 1;
    }

    static double sq(double v) {
        return v * v;
    }
}
