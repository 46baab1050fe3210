package org.rehearse.simulation.repair;

import java.util.Map;

/**
 * Stent implantation: a stent of nominal {@code diameterMm} (default: the reference diameter) and {@code lengthMm}
 * (default about 20 mm) centred at {@code positionMm} (default: the throat). The stent does not reach its nominal
 * diameter everywhere: the lumen inside it is {@code expansionPercent} % of nominal (default 95 %, a small residual
 * narrowing from incomplete expansion and recoil). Where the native lumen is wider it is kept. The stent ends are
 * abrupt: transitions of {@value #END_TRANSITION_MM} mm. Samples under the stent are flagged stiff wall for the
 * pulsatile model.
 *
 * <p>Parameters: {@code positionMm}, {@code lengthMm}, {@code diameterMm}, {@code expansionPercent}. Limits: length
 * &gt; 0 and not longer than the vessel, stent inside the vessel, 0 &lt; diameter ≤ 1.2 × reference,
 * 50 ≤ expansion ≤ 100 %.
 */
public final class StentRepair extends AbstractRepair {
    /** Length (mm) of the transition at each stent end. */
    public static final double END_TRANSITION_MM = 1.0;

    /**
     * @param positionMm       arc length (mm) of the stent centre
     * @param lengthMm         stent length (mm)
     * @param diameterMm       nominal stent diameter (mm)
     * @param expansionPercent achieved lumen as a percentage of the nominal diameter
     */
    public StentRepair(double positionMm, double lengthMm, double diameterMm, double expansionPercent) {
        super("stent", params(KEYS, positionMm, lengthMm, diameterMm, expansionPercent));
    }

    private static final String[] KEYS = {"positionMm", "lengthMm", "diameterMm", "expansionPercent"};

    @Override
    protected Repair create(Map<String, Double> p) {
        return new StentRepair(p.get("positionMm"), p.get("lengthMm"), p.get("diameterMm"), p.get("expansionPercent"));
    }

    @Override
    public String description() {
        return String.format("stent %.1f mm × %.1f mm at %.1f mm (%.0f %% expansion)", param("diameterMm"),
                param("lengthMm"), param("positionMm"), param("expansionPercent"));
    }

    @Override
    public void validate(VesselModel vessel) {
        double len = param("lengthMm"), pos = param("positionMm");
        requirePositive("lengthMm", len);
        if (len > vessel.lengthMm()) {
            throw new IllegalArgumentException(String.format("stent: a %.1f mm stent is longer than the vessel (%.1f mm)",
                    len, vessel.lengthMm()));
        }
        requireWithinVessel("stent", pos - len / 2, pos + len / 2, vessel);
        requireDiameter("diameterMm", param("diameterMm"), vessel);
        requireRange("expansionPercent", param("expansionPercent"), 50, 100);
    }

    @Override
    protected VesselModel applyValidated(VesselModel v) {
        double len = param("lengthMm"), pos = param("positionMm");
        double achieved = param("diameterMm") * param("expansionPercent") / 100.0;
        double a = pos - len / 2 + END_TRANSITION_MM, b = pos + len / 2 - END_TRANSITION_MM;
        if (b < a) a = b = pos;
        return widen(v, a, b, END_TRANSITION_MM, achieved, true);
    }
}
