package org.rehearse.simulation.repair;

import java.util.Map;

/**
 * A candidate repair: a parameterised, re-runnable operation on a {@link VesselModel}.
 *
 * <p>Parameters are named with their clinical unit in the name (e.g. {@code positionMm} = arc length along the
 * centerline from the proximal end, {@code lengthMm}, {@code diameterMm}, {@code recoilPercent}); {@link #parameters()}
 * lists them in a stable order and {@link #withParameter(String, double)} makes an edited copy, so that a user can
 * change a parameter and run the candidate again. Implementations are immutable.
 *
 * <p>Kinds ({@link #name()}): {@code native} (no repair), {@code resection} (resection with end-to-end anastomosis),
 * {@code extended_resection} (extended end-to-end anastomosis), {@code patch} (patch aortoplasty), {@code stent},
 * {@code balloon} (balloon angioplasty), {@code custom} (a custom diameter profile).
 */
public interface Repair {

    /** @return the kind: one of native, resection, extended_resection, patch, stent, balloon, custom */
    String name();

    /** @return a one-line human description with the parameter values, e.g. "stent 18.0 mm × 20.0 mm at 62.0 mm" */
    String description();

    /** @return the parameters (name with unit → value), in a stable order; an unmodifiable map */
    Map<String, Double> parameters();

    /**
     * @return a copy of this repair with one parameter changed
     * @throws IllegalArgumentException when this repair has no such parameter or the value is not finite
     */
    Repair withParameter(String name, double value);

    /**
     * Checks the parameters against the vessel they are to be applied to.
     *
     * @throws IllegalArgumentException with a message naming the parameter, its value and the violated limit (a stent
     *                                  longer than the vessel, a diameter above 1.2 × the reference, a negative length…)
     */
    void validate(VesselModel vessel);

    /**
     * Applies the repair (after {@link #validate}).
     *
     * @param vessel the native vessel
     * @return the repaired vessel (a resection shortens it)
     * @throws IllegalArgumentException as {@link #validate}
     */
    VesselModel apply(VesselModel vessel);

    /**
     * The repaired diameters for display on the native surface: same arc-length samples as {@code vessel}, so that
     * {@link SurfaceRepairDeformer} can map one onto the other. Equal to {@link #apply} except for a resection, whose
     * display keeps the native length and only widens the resected segment to the anastomosis diameter.
     *
     * @throws IllegalArgumentException as {@link #validate}
     */
    default VesselModel applyForDisplay(VesselModel vessel) {
        return apply(vessel);
    }

    /**
     * Where a point of the native vessel lies on the repaired one (used to place pressure probes at the same anatomy
     * in every candidate).
     *
     * @param nativeArcLengthMm arc length on the native vessel (mm from its proximal end)
     * @return arc length on the vessel {@link #apply} returns (mm); the identity except for a resection, which
     *         shortens the vessel
     */
    default double mapArcLengthMm(double nativeArcLengthMm) {
        return nativeArcLengthMm;
    }
}
