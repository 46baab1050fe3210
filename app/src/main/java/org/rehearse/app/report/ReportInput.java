package org.rehearse.app.report;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.rehearse.simulation.pulsatile.PatientMeasurements;
import org.rehearse.simulation.verify.CaseResult;

/**
 * Everything the planning-conference report ({@link PdfReport}) shows, as plain data that the caller maps its own
 * results to. Nothing here is computed by the report except the differences from the baseline candidate.
 *
 * @param title          the report title, e.g. "Coarctation repair: planning conference"
 * @param summary        the case summary (identifiers are left out of the report when {@code anonymize})
 * @param candidates     one row per candidate, the baseline (usually "native") among them; at least one
 * @param baselineName   the name of the candidate the others are compared with, e.g. "native"; a candidate's name, or
 *                       null for no differences
 * @param gradientKey    the outcome drawn in the bar chart and tested against the threshold, e.g.
 *                       {@code peak_gradient_mmHg}; its value is in mmHg
 * @param thresholdMmHg  the gradient above which a candidate is marked, mmHg (20: see {@link #DEFAULT_THRESHOLD_MMHG})
 * @param comparisonImage a PNG of the candidates side by side (e.g. plan's comparison.png), or null for none
 * @param charts         further PNG charts with captions, rendered elsewhere (may be empty)
 * @param verification   the model's verification and validation cases (may be empty)
 * @param assumptions    the model's assumptions as text; paragraphs separated by blank lines, lines starting with
 *                       "- " are list items
 * @param anonymize      whether to leave patient name, patient ID, study date, Series Instance UID and DICOM folder out
 * @param generatedBy    who made it, e.g. "Rehearse 0.1.0"
 * @param generated      when it was made
 */
public record ReportInput(String title, CaseSummary summary, List<CandidateRow> candidates, String baselineName,
                          String gradientKey, double thresholdMmHg, Path comparisonImage, List<Figure> charts,
                          List<CaseResult> verification, String assumptions, boolean anonymize, String generatedBy,
                          Instant generated) {

    /**
     * The default threshold, mmHg: a peak-to-peak gradient of 20 mmHg or more across a coarctation is the usual
     * criterion for intervention (2018 AHA/ACC guideline for the management of adults with congenital heart disease,
     * Stout et al., Circulation 2019;139:e698–e800; 2020 ESC guidelines for adult congenital heart disease).
     */
    public static final double DEFAULT_THRESHOLD_MMHG = 20.0;

    /** The default gradient outcome key, as {@code PulsatileOutcome.reportFields()} names it. */
    public static final String DEFAULT_GRADIENT_KEY = "peak_gradient_mmHg";

    /**
     * Checks and copies the arguments.
     *
     * @throws IllegalArgumentException when there is no candidate, two candidates share a name, the baseline is not a
     *                                  candidate, or the threshold is not a positive finite number
     * @throws NullPointerException     when title, summary, candidates, gradientKey or generated is null
     */
    public ReportInput {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(gradientKey, "gradientKey");
        Objects.requireNonNull(generated, "generated");
        candidates = List.copyOf(candidates);
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("a report needs at least one candidate");
        }
        if (candidates.stream().map(CandidateRow::name).distinct().count() != candidates.size()) {
            throw new IllegalArgumentException("candidate names must be unique in a report");
        }
        if (baselineName != null && candidates.stream().noneMatch(c -> c.name().equals(baselineName))) {
            throw new IllegalArgumentException("the baseline '" + baselineName + "' is not one of the candidates");
        }
        if (!(thresholdMmHg > 0) || !Double.isFinite(thresholdMmHg)) {
            throw new IllegalArgumentException("the gradient threshold must be a positive number of mmHg, got " + thresholdMmHg);
        }
        charts = charts == null ? List.of() : List.copyOf(charts);
        verification = verification == null ? List.of() : List.copyOf(verification);
        assumptions = assumptions == null ? "" : assumptions;
        generatedBy = generatedBy == null ? "Rehearse" : generatedBy;
    }

    /**
     * A report input with the usual choices: baseline "native" when there is such a candidate, gradient
     * {@value #DEFAULT_GRADIENT_KEY}, threshold {@value #DEFAULT_THRESHOLD_MMHG} mmHg, generated now.
     */
    public static ReportInput of(String title, CaseSummary summary, List<CandidateRow> candidates, Path comparisonImage,
                                 List<Figure> charts, List<CaseResult> verification, String assumptions,
                                 boolean anonymize, String generatedBy) {
        String baseline = candidates.stream().anyMatch(c -> c.name().equals("native")) ? "native" : null;
        return new ReportInput(title, summary, candidates, baseline, DEFAULT_GRADIENT_KEY, DEFAULT_THRESHOLD_MMHG,
                comparisonImage, charts, verification, assumptions, anonymize, generatedBy, Instant.now());
    }

    /** @return the baseline candidate's row, or null when there is none */
    public CandidateRow baseline() {
        return baselineName == null ? null
                : candidates.stream().filter(c -> c.name().equals(baselineName)).findFirst().orElse(null);
    }

    /**
     * The case as the report's first section shows it.
     *
     * @param patientName       patient name as it should be printed, or null (identifier: left out when anonymised)
     * @param patientId         patient ID, or null (identifier)
     * @param studyDate         study date as text, e.g. "2026-03-14", or null (identifier)
     * @param seriesDescription the series description, e.g. "CTA thorax 1.5 mm"; may be empty
     * @param seriesInstanceUid the Series Instance UID, or null (identifier)
     * @param dicomFolder       where the images are, or null (identifier: a path often holds a name)
     * @param facts             further lines, label → value as printed, in order (e.g. "Narrowest diameter" →
     *                          "7.1 mm"); never identifiers; copied
     * @param patient           the patient's measurements, or null
     */
    public record CaseSummary(String patientName, String patientId, String studyDate, String seriesDescription,
                              String seriesInstanceUid, String dicomFolder, Map<String, String> facts,
                              PatientMeasurements patient) {
        /** Copies the facts, order kept. */
        public CaseSummary {
            seriesDescription = seriesDescription == null ? "" : seriesDescription;
            facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts == null ? Map.of() : facts));
        }
    }

    /**
     * One candidate's row.
     *
     * @param name          the candidate's name, unique in the report, e.g. "stent 18 mm"
     * @param description   a one-line description with its parameters, or null
     * @param outcomes      outcome key → value in the unit the key names (e.g. {@code peak_gradient_mmHg},
     *                      {@code peak_velocity_m_s}), in display order; non-finite values print as "n/a"; copied
     * @param gradientCi95  the 95 % interval of the gradient outcome (mmHg), or null when there is none
     */
    public record CandidateRow(String name, String description, Map<String, Double> outcomes, Interval gradientCi95) {
        /** Copies the outcomes, order kept. */
        public CandidateRow {
            Objects.requireNonNull(name, "name");
            outcomes = Collections.unmodifiableMap(new LinkedHashMap<>(outcomes == null ? Map.of() : outcomes));
        }
    }

    /**
     * An interval, e.g. a 95 % uncertainty interval.
     *
     * @param low  lower bound
     * @param high upper bound, ≥ low
     */
    public record Interval(double low, double high) {
        /** @throws IllegalArgumentException unless both are finite and low ≤ high */
        public Interval {
            if (!Double.isFinite(low) || !Double.isFinite(high) || low > high) {
                throw new IllegalArgumentException("an interval needs finite bounds with low ≤ high, got [" + low + ", " + high + "]");
            }
        }
    }

    /**
     * A chart or picture rendered elsewhere.
     *
     * @param caption printed under it
     * @param png     the PNG file
     */
    public record Figure(String caption, Path png) {
        /** @throws NullPointerException when the file is null */
        public Figure {
            Objects.requireNonNull(png, "png");
            caption = caption == null ? "" : caption;
        }
    }
}
