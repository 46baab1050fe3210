package org.rehearse.simulation.pulsatile;

import org.rehearse.simulation.geometry.Centerline;

import java.util.List;

/**
 * An arch branch as an outlet of the 1D network: where it leaves the aorta and its size.
 *
 * @param name         e.g. "brachiocephalic"
 * @param takeoffMm    arc length of its origin along the aortic centerline (mm from the proximal end)
 * @param diameterMm   its lumen diameter (mm)
 * @param lengthMm     length of the 1D segment that represents it before its Windkessel (mm)
 * @param assumed      true when the branch was not segmented and its place and size are population values
 */
public record ArchBranch(String name, double takeoffMm, double diameterMm, double lengthMm, boolean assumed) {

    /** Validates. @throws IllegalArgumentException on a non-finite or non-positive size */
    public ArchBranch {
        if (!(diameterMm > 0) || !(lengthMm > 0) || !Double.isFinite(takeoffMm + diameterMm + lengthMm)) {
            throw new IllegalArgumentException("arch branch " + name + ": diameter and length must be > 0, got "
                    + diameterMm + " mm, " + lengthMm + " mm at " + takeoffMm + " mm");
        }
    }

    /** Diameter of each arch branch relative to the descending aorta's (brachiocephalic, left common carotid, left subclavian). */
    public static final double[] DIAMETER_FRACTIONS = {0.60, 0.38, 0.45};
    /** Arc-length offsets (mm) of the three origins from the arch apex. */
    public static final double[] OFFSETS_MM = {-15, 0, 12};
    /** Names of the three arch branches, proximal to distal. */
    public static final List<String> NAMES = List.of("brachiocephalic", "left_common_carotid", "left_subclavian");

    /**
     * The three arch branches placed where an adult arch has them when the segmentation does not give them: origins
     * at the arch apex (the most superior centerline point, LPS +z) −15, 0 and +12 mm, diameters 0.60, 0.38 and 0.45 of
     * the reference (descending) diameter (adult values about 12, 7.5 and 9 mm for a 20 mm descending aorta: e.g.
     * Hager et al. 2002, Z Kardiol 91:40 for the aorta, branch sizes from CT atlases), 40 mm long. Marked assumed.
     *
     * @param centerline          the aortic centerline (arc length 0 proximal)
     * @param referenceDiameterMm the reference (descending) diameter (mm)
     * @param limitMm             the branches must lie before this arc length (e.g. the lesion start); the offsets
     *                            are shifted proximally when needed
     * @return three branches, proximal to distal; empty when the centerline has no arch (apex at an end)
     */
    public static List<ArchBranch> assumed(Centerline centerline, double referenceDiameterMm, double limitMm) {
        int apex = 0;
        for (int i = 1; i < centerline.size(); i++) {
            if (centerline.pointLps(i)[2] > centerline.pointLps(apex)[2]) apex = i;
        }
        double s = centerline.arcLengthMm(apex), len = centerline.lengthMm();
        double shift = Math.min(0, limitMm - 5 - (s + OFFSETS_MM[2]));
        s += shift;
        if (s + OFFSETS_MM[0] < 10 || s + OFFSETS_MM[2] > len - 20) return List.of();
        return List.of(
                new ArchBranch(NAMES.get(0), s + OFFSETS_MM[0], DIAMETER_FRACTIONS[0] * referenceDiameterMm, 40, true),
                new ArchBranch(NAMES.get(1), s + OFFSETS_MM[1], DIAMETER_FRACTIONS[1] * referenceDiameterMm, 40, true),
                new ArchBranch(NAMES.get(2), s + OFFSETS_MM[2], DIAMETER_FRACTIONS[2] * referenceDiameterMm, 40, true));
    }

    /**
     * An arch branch from its segmentation.
     *
     * <p>Origin: the centroid of the branch voxels closest to the aortic centerline (within 3 mm of the closest),
     * projected onto the centerline. Diameter: the equivalent diameter 2√(V/(π·10 mm)) of the branch volume V lying
     * 5 to 15 mm from the origin. Length {@value #SEGMENTED_LENGTH_MM} mm.
     *
     * @param name       the branch's name
     * @param mask       the branch's voxels (any non-zero value), on any grid (LPS through its geometry)
     * @param centerline the aortic centerline
     * @return the branch, or empty when it has fewer than 20 voxels or none 5–15 mm from its origin
     */
    public static java.util.Optional<ArchBranch> fromMask(String name, org.rehearse.segmentation.image.LabelMap mask,
                                                         Centerline centerline) {
        var g = mask.geometry();
        byte[] lab = mask.labels();
        int nc = g.columns(), nr = g.rows();
        java.util.List<double[]> pts = new java.util.ArrayList<>();
        double[] ijk = new double[3];
        for (int idx = 0; idx < lab.length; idx++) {
            if (lab[idx] == 0) continue;
            ijk[0] = idx % nc;
            ijk[1] = (idx / nc) % nr;
            ijk[2] = idx / ((long) nc * nr);
            double[] p = g.indexToLps(ijk, null);
            double[] pr = centerline.project(p);
            pts.add(new double[] {p[0], p[1], p[2], pr[1]});
        }
        if (pts.size() < 20) return java.util.Optional.empty();
        double dMin = Double.POSITIVE_INFINITY;
        for (double[] p : pts) dMin = Math.min(dMin, p[3]);
        double cx = 0, cy = 0, cz = 0;
        int n = 0;
        for (double[] p : pts) {
            if (p[3] <= dMin + 3) {
                cx += p[0];
                cy += p[1];
                cz += p[2];
                n++;
            }
        }
        double[] origin = {cx / n, cy / n, cz / n};
        int shell = 0;
        for (double[] p : pts) {
            double d = Math.sqrt((p[0] - origin[0]) * (p[0] - origin[0]) + (p[1] - origin[1]) * (p[1] - origin[1])
                    + (p[2] - origin[2]) * (p[2] - origin[2]));
            if (d >= 5 && d <= 15) shell++;
        }
        if (shell == 0) return java.util.Optional.empty();
        double volume = shell * g.voxelVolumeMm3();
        double diameter = 2 * Math.sqrt(volume / (Math.PI * 10));
        return java.util.Optional.of(new ArchBranch(name, centerline.project(origin)[0], diameter, SEGMENTED_LENGTH_MM, false));
    }

    /** Length of a segmented branch's 1D segment (mm). */
    public static final double SEGMENTED_LENGTH_MM = 40;
}
