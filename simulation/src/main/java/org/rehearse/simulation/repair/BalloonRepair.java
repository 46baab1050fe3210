package org.rehearse.simulation.repair;

import java.util.Map;

/**
 * Balloon angioplasty: a balloon of {@code diameterMm} and {@code lengthMm} centred at {@code positionMm} dilates the
 * segment; after deflation the wall recoils elastically, so that the lumen reaches
 * {@code diameterMm·(1 − recoilPercent/100)} (recoil defined, as in the angioplasty literature, as the loss of
 * diameter relative to the inflated balloon). The default recoil ({@value #DEFAULT_RECOIL_PERCENT} %) is a modelling
 * assumption, not a patient measurement. Where the native lumen is wider it is kept; the dilated segment blends into
 * the native vessel over {@value #SHOULDER_MM} mm (the balloon's tapered shoulders).
 *
 * <p>Parameters: {@code positionMm}, {@code lengthMm}, {@code diameterMm}, {@code recoilPercent}. Limits: length &gt;
 * 0, balloon inside the vessel, 0 &lt; diameter ≤ 1.2 × reference, 0 ≤ recoil ≤ 60 %.
 */
public final class BalloonRepair extends AbstractRepair {
    /** Default elastic recoil, percent of the balloon diameter. */
    public static final double DEFAULT_RECOIL_PERCENT = 20.0;
    /** Length (mm) of the blend at each end of the dilated segment. */
    public static final double SHOULDER_MM = 3.0;

    /**
     * @param positionMm    arc length (mm) of the balloon centre
     * @param lengthMm      balloon length (mm)
     * @param diameterMm    inflated balloon diameter (mm)
     * @param recoilPercent elastic recoil after deflation, percent of the balloon diameter
     */
    public BalloonRepair(double positionMm, double lengthMm, double diameterMm, double recoilPercent) {
        super("balloon", params(KEYS, positionMm, lengthMm, diameterMm, recoilPercent));
    }

    private static final String[] KEYS = {"positionMm", "lengthMm", "diameterMm", "recoilPercent"};

    @Override
    protected Repair create(Map<String, Double> p) {
        return new BalloonRepair(p.get("positionMm"), p.get("lengthMm"), p.get("diameterMm"), p.get("recoilPercent"));
    }

    @Override
    public String description() {
        return String.format("balloon %.1f mm × %.1f mm at %.1f mm (%.0f %% recoil)", param("diameterMm"),
                param("lengthMm"), param("positionMm"), param("recoilPercent"));
    }

    @Override
    public void validate(VesselModel vessel) {
        double len = param("lengthMm"), pos = param("positionMm");
        requirePositive("lengthMm", len);
        requireWithinVessel("balloon", pos - len / 2, pos + len / 2, vessel);
        requireDiameter("diameterMm", param("diameterMm"), vessel);
        requireRange("recoilPercent", param("recoilPercent"), 0, 60);
    }

    @Override
    protected VesselModel applyValidated(VesselModel v) {
        double len = param("lengthMm"), pos = param("positionMm");
        double achieved = param("diameterMm") * (1 - param("recoilPercent") / 100.0);
        return widen(v, pos - len / 2, pos + len / 2, SHOULDER_MM, achieved, false);
    }
}
