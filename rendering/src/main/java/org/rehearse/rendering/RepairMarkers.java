package org.rehearse.rendering;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The draggable markers of one candidate repair in its 3D view: its position parameters (e.g. {@code startMm},
 * {@code endMm}, {@code positionMm}) as arc lengths along the native centerline, and that centerline.
 *
 * @param centerlineLps the centerline's points in LPS mm, {@code [3n]} (x, y, z per point)
 * @param arcLengthMm   arc length of each point (mm), {@code [n]}, increasing
 * @param positionsMm   parameter name → arc length (mm); copied, order kept
 * @param radiusMm      the lumen radius at each point (mm), {@code [n]}, or null: a marker is a bead slightly wider
 *                      than the lumen, so that it shows around the vessel
 */
public record RepairMarkers(double[] centerlineLps, double[] arcLengthMm, Map<String, Double> positionsMm,
                            double[] radiusMm) {

    /** Markers without lumen radii (small beads on the centerline). */
    public RepairMarkers(double[] centerlineLps, double[] arcLengthMm, Map<String, Double> positionsMm) {
        this(centerlineLps, arcLengthMm, positionsMm, null);
    }

    /** @return a copy with other positions */
    public RepairMarkers withPositions(Map<String, Double> positions) {
        return new RepairMarkers(centerlineLps, arcLengthMm, positions, radiusMm);
    }

    /**
     * @param sMm arc length (mm)
     * @return the bead radius there: the widest lumen radius within 30 mm plus 2 mm (wider than the vessel even where
     *         a repair widened a narrowing), or 3 mm without radii
     */
    public double beadRadiusMm(double sMm) {
        if (radiusMm == null) return 3.0;
        double r = 0;
        for (int i = 0; i < arcLengthMm.length; i++) {
            if (Math.abs(arcLengthMm[i] - sMm) <= 30 && Double.isFinite(radiusMm[i])) r = Math.max(r, radiusMm[i]);
        }
        return (r > 0 ? r : 1.0) + 2.0;
    }

    /** @return the centerline's length (mm) */
    public double lengthMm() { return arcLengthMm[arcLengthMm.length - 1]; }

    /** @param sMm arc length (mm), clamped to the centerline @return its LPS point (mm), linear between points */
    public double[] positionAt(double sMm) {
        double s = Math.max(arcLengthMm[0], Math.min(lengthMm(), sMm));
        int i = 0;
        while (i + 2 < arcLengthMm.length && arcLengthMm[i + 1] < s) i++;
        double f = (s - arcLengthMm[i]) / Math.max(1e-12, arcLengthMm[i + 1] - arcLengthMm[i]);
        return new double[] {centerlineLps[3 * i] + f * (centerlineLps[3 * i + 3] - centerlineLps[3 * i]),
                centerlineLps[3 * i + 1] + f * (centerlineLps[3 * i + 4] - centerlineLps[3 * i + 1]),
                centerlineLps[3 * i + 2] + f * (centerlineLps[3 * i + 5] - centerlineLps[3 * i + 2])};
    }
}
