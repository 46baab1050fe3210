package org.rehearse.simulation.repair;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Resection with end-to-end anastomosis: the segment [startMm, endMm] is removed and the two cut ends are joined; the
 * vessel shortens by the resected length. Around the anastomosis the diameter blends to
 * {@code anastomosisDiameterMm} (default: the reference diameter) over {@code shoulderMm} on either side with a raised
 * cosine (the surgeon spatulates/bevels the ends to a full-width anastomosis).
 *
 * <p>Parameters: {@code startMm}, {@code endMm} (arc length from the proximal end), {@code anastomosisDiameterMm},
 * {@code shoulderMm}. Limits: 0 ≤ start &lt; end ≤ length, resected length ≤ {@value #MAX_RESECTION_MM} mm (a
 * modelling limit: longer gaps are bridged by an interposition graft, not an end-to-end anastomosis), at least
 * {@value #MIN_REMAINING_MM} mm of vessel remaining, diameter ≤ 1.2 × reference, shoulder ≥ 0.
 *
 * <p>Display ({@link #applyForDisplay}): the native surface keeps its length; the resected segment is only widened to
 * the anastomosis diameter, like a patch.
 */
public final class ResectionRepair extends AbstractRepair {
    /** Longest resection the model accepts, mm. */
    public static final double MAX_RESECTION_MM = 40.0;
    /** Shortest vessel that must remain after a resection, mm. */
    public static final double MIN_REMAINING_MM = 10.0;

    /**
     * @param startMm               arc length (mm) where the resection begins
     * @param endMm                 arc length (mm) where it ends
     * @param anastomosisDiameterMm lumen diameter (mm) at the anastomosis
     * @param shoulderMm            length (mm) of the blend on either side of the anastomosis
     */
    public ResectionRepair(double startMm, double endMm, double anastomosisDiameterMm, double shoulderMm) {
        super("resection", params(KEYS, startMm, endMm, anastomosisDiameterMm, shoulderMm));
    }

    private static final String[] KEYS = {"startMm", "endMm", "anastomosisDiameterMm", "shoulderMm"};

    @Override
    protected Repair create(Map<String, Double> p) {
        return new ResectionRepair(p.get("startMm"), p.get("endMm"), p.get("anastomosisDiameterMm"), p.get("shoulderMm"));
    }

    /** @return resected length in mm */
    public double resectedLengthMm() { return param("endMm") - param("startMm"); }

    @Override
    public String description() {
        return String.format("resection %.1f mm (%.1f–%.1f mm), end-to-end anastomosis at %.1f mm", resectedLengthMm(),
                param("startMm"), param("endMm"), param("anastomosisDiameterMm"));
    }

    @Override
    public void validate(VesselModel vessel) {
        double a = param("startMm"), b = param("endMm");
        if (!(b > a)) {
            throw new IllegalArgumentException(String.format("resection: the resected length must be positive, got "
                    + "start %.1f mm, end %.1f mm (length %.1f mm)", a, b, b - a));
        }
        requireWithinVessel("resected segment", a, b, vessel);
        if (b - a > MAX_RESECTION_MM) {
            throw new IllegalArgumentException(String.format("resection: %.1f mm is longer than %.0f mm, beyond what an "
                    + "end-to-end anastomosis can bridge in this model", b - a, MAX_RESECTION_MM));
        }
        if (vessel.lengthMm() - (b - a) < MIN_REMAINING_MM) {
            throw new IllegalArgumentException(String.format("resection: removing %.1f mm of a %.1f mm vessel leaves less "
                    + "than %.0f mm", b - a, vessel.lengthMm(), MIN_REMAINING_MM));
        }
        requireDiameter("anastomosisDiameterMm", param("anastomosisDiameterMm"), vessel);
        requireRange("shoulderMm", param("shoulderMm"), 0, 50);
    }

    @Override
    protected VesselModel applyValidated(VesselModel v) {
        double a = param("startMm"), b = param("endMm"), cut = b - a;
        double[] s = v.arcLengthMm(), d = v.diameterMm();
        boolean[] w = v.stiffWall();
        List<double[]> out = new ArrayList<>();
        List<Boolean> stiff = new ArrayList<>();
        for (int i = 0; i < s.length; i++) {
            if (s[i] < a - 1e-6) {
                out.add(new double[] {s[i], d[i]});
                stiff.add(w[i]);
            }
        }
        // the anastomosis: one sample at s = a, its diameter the mean of the two cut ends before blending
        out.add(new double[] {a, 0.5 * (v.diameterAtMm(a) + v.diameterAtMm(b))});
        stiff.add(false);
        for (int i = 0; i < s.length; i++) {
            if (s[i] > b + 1e-6) {
                out.add(new double[] {s[i] - cut, d[i]});
                stiff.add(w[i]);
            }
        }
        int n = out.size();
        double[] ns = new double[n], nd = new double[n];
        boolean[] nw = new boolean[n];
        double target = param("anastomosisDiameterMm"), sh = param("shoulderMm");
        for (int i = 0; i < n; i++) {
            ns[i] = out.get(i)[0];
            double wt = segmentWeight(ns[i], a, a, sh);
            nd[i] = out.get(i)[1] + wt * (target - out.get(i)[1]);
            nw[i] = stiff.get(i);
        }
        ns[0] = 0;
        return new VesselModel(ns, nd, nw, v.referenceDiameterMm());
    }

    /** Points before the resected segment keep their place, points after it move up by its length. */
    @Override
    public double mapArcLengthMm(double nativeArcLengthMm) {
        double a = param("startMm"), b = param("endMm");
        if (nativeArcLengthMm <= a) return nativeArcLengthMm;
        if (nativeArcLengthMm >= b) return nativeArcLengthMm - (b - a);
        return a;
    }

    /** Native length kept; the resected segment widened to the anastomosis diameter with the same shoulders. */
    @Override
    public VesselModel applyForDisplay(VesselModel vessel) {
        validate(vessel);
        return widen(vessel, param("startMm"), param("endMm"), param("shoulderMm"), param("anastomosisDiameterMm"), false);
    }
}
