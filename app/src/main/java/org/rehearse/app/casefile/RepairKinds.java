package org.rehearse.app.casefile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rehearse.simulation.geometry.Lesion;
import org.rehearse.simulation.repair.Repair;
import org.rehearse.simulation.repair.RepairFactory;
import org.rehearse.simulation.repair.VesselModel;

/**
 * The repair kinds a case or candidates file may name and the parameters each takes, asked of the simulation module
 * itself: the kinds are {@link RepairFactory#KINDS} and a kind's parameters are those of the repair
 * {@link RepairFactory#create} builds for it, so that this list cannot drift from the repairs. To learn the parameter
 * names the factory is run once per kind on a fixed template vessel (a 200 mm tube of 20 mm with a 10 mm throat at
 * 100 mm); the template's values are never used for a patient.
 */
public final class RepairKinds {
    private static final Map<String, Repair> PROTOTYPES = prototypes();

    private RepairKinds() {
    }

    /** @return the known kinds in display order: native, resection, patch, stent, balloon */
    public static List<String> kinds() {
        return RepairFactory.KINDS;
    }

    /** @return whether {@code kind} is a known repair kind */
    public static boolean isKnown(String kind) {
        return PROTOTYPES.containsKey(kind);
    }

    /**
     * @param kind a repair kind
     * @return its parameter names (clinical unit in the name, e.g. {@code lengthMm}) in the repair's stable order
     * @throws IllegalArgumentException for an unknown kind (the message lists the known ones)
     */
    public static List<String> parameterNames(String kind) {
        Repair r = PROTOTYPES.get(kind);
        if (r == null) {
            throw new IllegalArgumentException("unknown repair kind '" + kind + "'; known kinds: " + kinds());
        }
        return new ArrayList<>(r.parameters().keySet());
    }

    /**
     * A repair of this kind with parameters all given, built without a patient's vessel (no defaults are needed).
     *
     * @param kind       a repair kind
     * @param parameters a value for every parameter of the kind (clinical units), no others
     * @return the repair; not yet validated against a vessel ({@link Repair#validate})
     * @throws IllegalArgumentException for an unknown kind, a missing or unknown parameter or a non-finite value
     */
    public static Repair build(String kind, Map<String, Double> parameters) {
        List<String> names = parameterNames(kind);
        for (String n : names) {
            if (!parameters.containsKey(n)) {
                throw new IllegalArgumentException(kind + ": parameter '" + n + "' is missing; " + kind + " needs " + names);
            }
        }
        Repair r = PROTOTYPES.get(kind);
        for (Map.Entry<String, Double> e : parameters.entrySet()) {
            r = r.withParameter(e.getKey(), e.getValue());
        }
        return r;
    }

    private static Map<String, Repair> prototypes() {
        VesselModel tube = new VesselModel(new double[] {0, 95, 100, 105, 200}, new double[] {20, 20, 10, 20, 20},
                new boolean[5], 20);
        Lesion lesion = new Lesion(100, new double[] {0, 0, 0}, 10, 20, 50, 95, 105, true, new double[] {150, 180});
        Map<String, Repair> m = new LinkedHashMap<>();
        for (String kind : RepairFactory.KINDS) {
            m.put(kind, RepairFactory.create(kind, lesion, tube));
        }
        return m;
    }
}
