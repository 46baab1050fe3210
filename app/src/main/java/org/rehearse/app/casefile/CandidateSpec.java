package org.rehearse.app.casefile;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.rehearse.simulation.geometry.Lesion;
import org.rehearse.simulation.repair.Repair;
import org.rehearse.simulation.repair.RepairFactory;
import org.rehearse.simulation.repair.VesselModel;

/**
 * One candidate repair as a case file or candidates file stores it: a name chosen by the user, a repair kind and
 * parameter values in clinical units, named as the repair names them ({@link Repair#parameters()}, e.g.
 * {@code positionMm}, {@code diameterMm}, {@code expansionPercent}). Parameters left out take the defaults that
 * {@link RepairFactory} derives from the patient's lesion once it is known.
 *
 * <p>JSON form: {@code {"name": "stent 18", "kind": "stent", "parameters": {"diameterMm": 18, "lengthMm": 25}}}.
 *
 * @param name       the candidate's name, unique within a case, not blank (e.g. "stent 18 mm")
 * @param kind       one of {@link RepairKinds#kinds()}
 * @param parameters parameter name → value in the unit its name carries; a subset of the kind's parameters; copied,
 *                   order kept
 */
public record CandidateSpec(String name, String kind, Map<String, Double> parameters) {

    /** Copies the parameters (order kept) and checks that name and kind are given. */
    public CandidateSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters == null ? Map.of() : parameters));
    }

    /**
     * @param name   the candidate's name
     * @param repair the repair, with all its parameters
     * @return the candidate as stored in a case file
     */
    public static CandidateSpec of(String name, Repair repair) {
        return new CandidateSpec(name, repair.name(), repair.parameters());
    }

    /** @return the candidate named after its kind, e.g. "stent", with all the repair's parameters */
    public static CandidateSpec of(Repair repair) {
        return of(repair.name(), repair);
    }

    /**
     * Builds the repair for a patient: the kind's defaults for this lesion ({@link RepairFactory#create}), then every
     * stored parameter in place of its default. The result is not validated; call {@link Repair#validate} (or use
     * {@link CandidatesFile#toRepairs}, which does and names the file and candidate on failure).
     *
     * @throws IllegalArgumentException for an unknown kind or parameter or a non-finite value
     */
    public Repair toRepair(Lesion lesion, VesselModel vessel) {
        Repair r = RepairFactory.create(kind, lesion, vessel);
        for (Map.Entry<String, Double> e : parameters.entrySet()) {
            r = r.withParameter(e.getKey(), e.getValue());
        }
        return r;
    }

    /**
     * Builds the repair from the stored parameters alone, without a patient's vessel.
     *
     * @throws IllegalArgumentException when a parameter of the kind is missing, or as {@link RepairKinds#build}
     */
    public Repair toRepair() {
        return RepairKinds.build(kind, parameters);
    }
}
