package org.rehearse.simulation.repair;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A custom diameter profile: over [startMm, endMm] the lumen is set to the piecewise-linear profile through five
 * control diameters at 0, ¼, ½, ¾ and 1 of the segment ({@code d0Mm} … {@code d4Mm}), blended into the native lumen
 * over {@code shoulderMm} at each end (raised cosine). Unlike a patch it may also narrow, so that a team can try any
 * shape (a planned arch reconstruction, a partial result). Length unchanged; the wall is not flagged stiff.
 *
 * <p>Limits: 0 ≤ start &lt; end ≤ length, each diameter in (0, 1.2 × reference], 0 ≤ shoulder ≤ 50 mm.
 */
public final class CustomProfileRepair extends AbstractRepair {
    /** The control diameters' parameter names. */
    public static final String[] DIAMETERS = {"d0Mm", "d1Mm", "d2Mm", "d3Mm", "d4Mm"};

    /**
     * @param startMm    start of the segment (mm)
     * @param endMm      end of the segment (mm)
     * @param diametersMm the five control diameters (mm), at 0, ¼, ½, ¾ and 1 of the segment
     * @param shoulderMm smooth transition (mm) at each end
     * @throws IllegalArgumentException when there are not five diameters
     */
    public CustomProfileRepair(double startMm, double endMm, double[] diametersMm, double shoulderMm) {
        super("custom", params(startMm, endMm, diametersMm, shoulderMm));
    }

    private static Map<String, Double> params(double a, double b, double[] d, double sh) {
        if (d == null || d.length != DIAMETERS.length) {
            throw new IllegalArgumentException("a custom profile needs " + DIAMETERS.length + " control diameters");
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("startMm", a);
        m.put("endMm", b);
        for (int i = 0; i < d.length; i++) m.put(DIAMETERS[i], d[i]);
        m.put("shoulderMm", sh);
        return m;
    }

    @Override
    protected Repair create(Map<String, Double> p) {
        double[] d = new double[DIAMETERS.length];
        for (int i = 0; i < d.length; i++) d[i] = p.get(DIAMETERS[i]);
        return new CustomProfileRepair(p.get("startMm"), p.get("endMm"), d, p.get("shoulderMm"));
    }

    @Override
    public String description() {
        StringBuilder b = new StringBuilder(String.format("custom profile over %.1f–%.1f mm:", param("startMm"), param("endMm")));
        for (String k : DIAMETERS) b.append(String.format(" %.1f", param(k)));
        return b.append(" mm").toString();
    }

    @Override
    public void validate(VesselModel vessel) {
        double a = param("startMm"), b = param("endMm");
        if (!(b > a)) {
            throw new IllegalArgumentException(String.format("custom profile: the segment must have a positive length, got "
                    + "start %.1f mm, end %.1f mm", a, b));
        }
        requireWithinVessel("custom profile", a, b, vessel);
        for (String k : DIAMETERS) requireDiameter(k, param(k), vessel);
        requireRange("shoulderMm", param("shoulderMm"), 0, 50);
    }

    /** @return the target diameter (mm) at arc length s inside [start, end] */
    double targetAt(double s) {
        double a = param("startMm"), b = param("endMm");
        double x = Math.max(0, Math.min(1, (s - a) / (b - a))) * (DIAMETERS.length - 1);
        int i = Math.min(DIAMETERS.length - 2, (int) Math.floor(x));
        double f = x - i;
        return param(DIAMETERS[i]) + f * (param(DIAMETERS[i + 1]) - param(DIAMETERS[i]));
    }

    @Override
    protected VesselModel applyValidated(VesselModel v) {
        double a = param("startMm"), b = param("endMm"), sh = param("shoulderMm");
        double[] s = v.arcLengthMm(), d = v.diameterMm();
        for (int i = 0; i < s.length; i++) {
            double w = segmentWeight(s[i], a, b, sh);
            if (w > 0) d[i] += w * (targetAt(s[i]) - d[i]);
        }
        return new VesselModel(s, d, v.stiffWall(), v.referenceDiameterMm());
    }
}
