package org.rehearse.simulation.repair;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Common parts of the repairs: the parameter map, its validation helpers and the smooth (raised-cosine) shoulders.
 */
public abstract class AbstractRepair implements Repair {
    /** The largest diameter a repair may aim at, as a multiple of the reference diameter. */
    public static final double MAX_DIAMETER_FACTOR = 1.2;

    private final String name;
    private final Map<String, Double> parameters;

    /**
     * @param name       the kind
     * @param parameters parameter values in their stable order; copied
     * @throws IllegalArgumentException when a value is not finite
     */
    protected AbstractRepair(String name, Map<String, Double> parameters) {
        this.name = name;
        LinkedHashMap<String, Double> copy = new LinkedHashMap<>(parameters);
        for (Map.Entry<String, Double> e : copy.entrySet()) {
            if (e.getValue() == null || !Double.isFinite(e.getValue())) {
                throw new IllegalArgumentException(name + ": parameter " + e.getKey() + " must be a finite number, got " + e.getValue());
            }
        }
        this.parameters = Collections.unmodifiableMap(copy);
    }

    /** Builds the same kind of repair with other parameter values (same keys). */
    protected abstract Repair create(Map<String, Double> parameters);

    @Override
    public final String name() { return name; }

    @Override
    public final Map<String, Double> parameters() { return parameters; }

    /**
     * The parameter map of a repair: {@code keys[i]} → {@code values[i]}, in that order.
     *
     * @throws IllegalArgumentException when the counts differ
     */
    protected static Map<String, Double> params(String[] keys, double... values) {
        if (keys.length != values.length) {
            throw new IllegalArgumentException(keys.length + " parameter names for " + values.length + " values");
        }
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < keys.length; i++) {
            m.put(keys[i], values[i]);
        }
        return m;
    }

    /** @return the value of a parameter of this repair */
    protected final double param(String key) {
        Double v = parameters.get(key);
        if (v == null) throw new IllegalStateException(name + " has no parameter " + key);
        return v;
    }

    @Override
    public final Repair withParameter(String key, double value) {
        if (!parameters.containsKey(key)) {
            throw new IllegalArgumentException(name + " has no parameter '" + key + "'; its parameters are " + parameters.keySet());
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + ": parameter " + key + " must be a finite number, got " + value);
        }
        LinkedHashMap<String, Double> copy = new LinkedHashMap<>(parameters);
        copy.put(key, value);
        return create(copy);
    }

    @Override
    public final VesselModel apply(VesselModel vessel) {
        validate(vessel);
        return applyValidated(vessel);
    }

    /** {@link #apply} after validation. */
    protected abstract VesselModel applyValidated(VesselModel vessel);

    @Override
    public String toString() { return description(); }

    // ---- validation helpers -------------------------------------------------------------------------------------

    /** @throws IllegalArgumentException unless value &gt; 0 */
    protected final void requirePositive(String key, double value) {
        if (!(value > 0)) {
            throw new IllegalArgumentException(String.format("%s: %s must be > 0, got %.2f", name, key, value));
        }
    }

    /** @throws IllegalArgumentException unless 0 &lt; diameter ≤ {@link #MAX_DIAMETER_FACTOR} × reference */
    protected final void requireDiameter(String key, double diameterMm, VesselModel vessel) {
        requirePositive(key, diameterMm);
        double max = MAX_DIAMETER_FACTOR * vessel.referenceDiameterMm();
        if (diameterMm > max + 1e-9) {
            throw new IllegalArgumentException(String.format("%s: %s = %.1f mm is above %.1f × the reference diameter "
                    + "(%.1f mm > %.1f mm); over-dilation risks aortic wall injury", name, key, diameterMm,
                    MAX_DIAMETER_FACTOR, diameterMm, max));
        }
    }

    /** @throws IllegalArgumentException unless [a, b] lies within the vessel [0, length] */
    protected final void requireWithinVessel(String what, double aMm, double bMm, VesselModel vessel) {
        if (aMm < -1e-9 || bMm > vessel.lengthMm() + 1e-9) {
            throw new IllegalArgumentException(String.format("%s: the %s [%.1f, %.1f] mm extends beyond the vessel "
                    + "[0, %.1f] mm", name, what, aMm, bMm, vessel.lengthMm()));
        }
    }

    /** @throws IllegalArgumentException unless lo ≤ value ≤ hi */
    protected final void requireRange(String key, double value, double lo, double hi) {
        if (value < lo || value > hi) {
            throw new IllegalArgumentException(String.format("%s: %s must be within [%.1f, %.1f], got %.2f", name, key, lo, hi, value));
        }
    }

    // ---- shape helpers ------------------------------------------------------------------------------------------

    /**
     * Weight 1 on [a, b], falling to 0 over {@code shoulderMm} on either side as a raised cosine
     * ½(1 + cos(π·distance/shoulder)); 0 beyond. With shoulder 0 a plain indicator of [a, b].
     */
    public static double segmentWeight(double s, double a, double b, double shoulderMm) {
        if (s >= a && s <= b) return 1;
        double dist = s < a ? a - s : s - b;
        if (shoulderMm <= 0 || dist >= shoulderMm) return 0;
        return 0.5 * (1 + Math.cos(Math.PI * dist / shoulderMm));
    }

    /**
     * Widens (never narrows) the vessel towards {@code targetMm} on [a, b] with raised-cosine shoulders:
     * d' = d + w(s)·max(0, target − d).
     *
     * @param stiff when true, samples with w ≥ 0.5 are flagged as stiff wall
     */
    protected static VesselModel widen(VesselModel v, double a, double b, double shoulderMm, double targetMm, boolean stiff) {
        double[] s = v.arcLengthMm(), d = v.diameterMm();
        boolean[] w = v.stiffWall();
        for (int i = 0; i < s.length; i++) {
            double wt = segmentWeight(s[i], a, b, shoulderMm);
            if (wt > 0 && targetMm > d[i]) d[i] += wt * (targetMm - d[i]);
            if (stiff && wt >= 0.5) w[i] = true;
        }
        return new VesselModel(s, d, w, v.referenceDiameterMm());
    }
}
