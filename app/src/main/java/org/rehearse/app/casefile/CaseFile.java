package org.rehearse.app.casefile;

import org.rehearse.simulation.pulsatile.PatientMeasurements;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The plan of a case, the content of {@code case.json} in a case folder ({@link CaseFolder}): which series, the seed,
 * the patient's measurements, the candidate repairs and their latest results. Immutable; the {@code with…} methods
 * return edited copies.
 *
 * @param formatVersion the case file format version ({@link #FORMAT_VERSION} when written by this code)
 * @param appVersion    the version of Rehearse that wrote it, e.g. "0.1.0"
 * @param series        the DICOM series the case was made from
 * @param seedLpsMm     the segmentation seed, {x, y, z} in DICOM LPS mm; null when none was chosen; copied
 * @param patient       the patient's measurements; null when not entered
 * @param candidates    the candidate repairs, names unique; copied
 * @param results       per candidate name, outcome name → value (outcome names carry their unit, e.g.
 *                      {@code peak_gradient_mmHg}); only names of {@code candidates}; finite values; copied, order kept
 * @param created       when the case was first saved (UTC)
 * @param modified      when it was last saved (UTC), not before {@code created}
 */
public record CaseFile(int formatVersion, String appVersion, SeriesReference series, double[] seedLpsMm,
                       PatientMeasurements patient, List<CandidateSpec> candidates,
                       Map<String, Map<String, Double>> results, Instant created, Instant modified) {

    /** The format version this code writes and the newest it reads. */
    public static final int FORMAT_VERSION = 1;

    /**
     * Checks and copies the arguments.
     *
     * @throws IllegalArgumentException for a seed that is not three finite numbers, duplicate candidate names, results
     *                                  for an unknown candidate or a non-finite result (the message names it), or
     *                                  {@code modified} before {@code created}
     * @throws NullPointerException     when appVersion, series, candidates, results or a timestamp is null
     */
    public CaseFile {
        Objects.requireNonNull(appVersion, "appVersion");
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(modified, "modified");
        if (seedLpsMm != null) {
            if (seedLpsMm.length != 3 || !Double.isFinite(seedLpsMm[0]) || !Double.isFinite(seedLpsMm[1])
                    || !Double.isFinite(seedLpsMm[2])) {
                throw new IllegalArgumentException("the seed must be three finite numbers (LPS mm), got " + Arrays.toString(seedLpsMm));
            }
            seedLpsMm = seedLpsMm.clone();
        }
        candidates = List.copyOf(candidates);
        Set<String> names = new HashSet<>();
        for (CandidateSpec c : candidates) {
            if (!names.add(c.name())) {
                throw new IllegalArgumentException("candidate name '" + c.name() + "' is used twice; names must be unique");
            }
        }
        Map<String, Map<String, Double>> r = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, Double>> e : results.entrySet()) {
            if (!names.contains(e.getKey())) {
                throw new IllegalArgumentException("results for '" + e.getKey() + "', which is not a candidate of the case " + names);
            }
            Map<String, Double> values = new LinkedHashMap<>();
            for (Map.Entry<String, Double> v : e.getValue().entrySet()) {
                if (v.getValue() == null || !Double.isFinite(v.getValue())) {
                    throw new IllegalArgumentException("result '" + v.getKey() + "' of candidate '" + e.getKey()
                            + "' must be a finite number, got " + v.getValue() + " (leave out what was not computed)");
                }
                values.put(v.getKey(), v.getValue());
            }
            r.put(e.getKey(), Collections.unmodifiableMap(values));
        }
        results = Collections.unmodifiableMap(r);
        if (modified.isBefore(created)) {
            throw new IllegalArgumentException("modified " + modified + " is before created " + created);
        }
    }

    /**
     * A new case, created and modified now (to the millisecond), in the current format.
     *
     * @param appVersion the version of Rehearse, e.g. "0.1.0"
     * @param series     the series it is made from
     * @param seedLpsMm  the seed (LPS mm) or null
     * @param patient    the measurements or null
     * @param candidates the candidates
     * @param results    per candidate name, outcome name → value (may be empty)
     */
    public static CaseFile create(String appVersion, SeriesReference series, double[] seedLpsMm, PatientMeasurements patient,
                                  List<CandidateSpec> candidates, Map<String, Map<String, Double>> results) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return new CaseFile(FORMAT_VERSION, appVersion, series, seedLpsMm, patient, candidates, results, now, now);
    }

    /** @return a copy of the seed (LPS mm), or null */
    @Override
    public double[] seedLpsMm() {
        return seedLpsMm == null ? null : seedLpsMm.clone();
    }

    /** @return a copy with other candidates; results of candidates no longer present are dropped */
    public CaseFile withCandidates(List<CandidateSpec> newCandidates) {
        Set<String> keep = new HashSet<>();
        newCandidates.forEach(c -> keep.add(c.name()));
        Map<String, Map<String, Double>> r = new LinkedHashMap<>(results);
        r.keySet().retainAll(keep);
        return new CaseFile(formatVersion, appVersion, series, seedLpsMm, patient, newCandidates, r, created, modified);
    }

    /** @return a copy with other results (per candidate name, outcome name → value) */
    public CaseFile withResults(Map<String, Map<String, Double>> newResults) {
        return new CaseFile(formatVersion, appVersion, series, seedLpsMm, patient, candidates, newResults, created, modified);
    }

    /** @return a copy with another seed (LPS mm, or null) */
    public CaseFile withSeed(double[] newSeedLpsMm) {
        return new CaseFile(formatVersion, appVersion, series, newSeedLpsMm, patient, candidates, results, created, modified);
    }

    /** @return a copy with other measurements (or null) */
    public CaseFile withPatient(PatientMeasurements newPatient) {
        return new CaseFile(formatVersion, appVersion, series, seedLpsMm, newPatient, candidates, results, created, modified);
    }

    /** @return a copy stamped as modified at {@code when} by {@code version} of Rehearse, in the current format */
    public CaseFile touched(Instant when, String version) {
        return new CaseFile(FORMAT_VERSION, version, series, seedLpsMm, patient, candidates, results, created, when);
    }

    /** Equal when every component is equal, the seed compared by value. */
    @Override
    public boolean equals(Object o) {
        return o instanceof CaseFile c && formatVersion == c.formatVersion && appVersion.equals(c.appVersion)
                && series.equals(c.series) && Arrays.equals(seedLpsMm, c.seedLpsMm) && Objects.equals(patient, c.patient)
                && candidates.equals(c.candidates) && results.equals(c.results) && created.equals(c.created)
                && modified.equals(c.modified);
    }

    @Override
    public int hashCode() {
        return Objects.hash(formatVersion, appVersion, series, Arrays.hashCode(seedLpsMm), patient, candidates, results,
                created, modified);
    }

    @Override
    public String toString() {
        return "CaseFile[format " + formatVersion + ", app " + appVersion + ", " + series + ", seed "
                + Arrays.toString(seedLpsMm) + ", " + patient + ", candidates " + candidates + ", results " + results
                + ", created " + created + ", modified " + modified + "]";
    }
}
