package org.rehearse.simulation.repair;

import java.util.Map;

/**
 * Patch aortoplasty: the segment [startMm, endMm] is enlarged to {@code diameterMm} (default: the reference
 * diameter) by a patch sewn into a longitudinal aortotomy, with raised-cosine shoulders of {@code shoulderMm} on either
 * side. The patch only enlarges (where the native lumen is already wider it is kept). Length unchanged; the wall is not
 * flagged stiff.
 *
 * <p>Parameters: {@code startMm}, {@code endMm}, {@code diameterMm}, {@code shoulderMm}. Limits: 0 ≤ start &lt; end ≤
 * length, 0 &lt; diameter ≤ 1.2 × reference, 0 ≤ shoulder ≤ 50 mm.
 */
public final class PatchRepair extends AbstractRepair {

    /**
     * @param startMm    arc length (mm) where the patch begins
     * @param endMm      arc length (mm) where it ends
     * @param diameterMm target lumen diameter (mm) under the patch
     * @param shoulderMm length (mm) of the smooth transition at each end
     */
    public PatchRepair(double startMm, double endMm, double diameterMm, double shoulderMm) {
        super("patch", params(KEYS, startMm, endMm, diameterMm, shoulderMm));
    }

    private static final String[] KEYS = {"startMm", "endMm", "diameterMm", "shoulderMm"};

    @Override
    protected Repair create(Map<String, Double> p) {
        return new PatchRepair(p.get("startMm"), p.get("endMm"), p.get("diameterMm"), p.get("shoulderMm"));
    }

    @Override
    public String description() {
        return String.format("patch aortoplasty to %.1f mm over %.1f–%.1f mm", param("diameterMm"), param("startMm"), param("endMm"));
    }

    @Override
    public void validate(VesselModel vessel) {
        double a = param("startMm"), b = param("endMm");
        if (!(b > a)) {
            throw new IllegalArgumentException(String.format("patch: the patch length must be positive, got start %.1f mm, "
                    + "end %.1f mm (length %.1f mm)", a, b, b - a));
        }
        requireWithinVessel("patch", a, b, vessel);
        requireDiameter("diameterMm", param("diameterMm"), vessel);
        requireRange("shoulderMm", param("shoulderMm"), 0, 50);
    }

    @Override
    protected VesselModel applyValidated(VesselModel v) {
        return widen(v, param("startMm"), param("endMm"), param("shoulderMm"), param("diameterMm"), false);
    }
}
