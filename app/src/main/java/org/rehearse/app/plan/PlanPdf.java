package org.rehearse.app.plan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rehearse.app.AppPaths;
import org.rehearse.app.report.ReportInput;
import org.rehearse.simulation.geometry.Lesion;
import org.rehearse.simulation.pulsatile.PatientMeasurements;
import org.rehearse.simulation.pulsatile.PulsatileOutcome;
import org.rehearse.simulation.pulsatile.UncertaintyAnalysis;
import org.rehearse.simulation.verify.VerificationSuite;

/** Maps a plan's results onto the planning-conference report ({@link ReportInput}, written by the report package). */
final class PlanPdf {
    private PlanPdf() {
    }

    /** The model's assumptions as the report prints them. */
    static final String ASSUMPTIONS = String.join("\n", List.of(
            "Each candidate is simulated with a pulsatile one-dimensional model of the aorta and its arch branches "
                    + "(mass and momentum for area and flow, two-step Lax–Wendroff, CFL time step), calibrated to the "
                    + "patient's cuff pressure, cardiac output and heart rate.",
            "",
            "- The aorta follows the segmentation's centerline in uniform segments of at most 12 mm with the measured mean lumen area.",
            "- The arch branches are placed at the arch apex with adult sizes relative to the descending aorta (not yet segmented).",
            "- The narrowing is a lumped Young–Tsai stenosis element (viscous, expansion and inertial terms; developing-flow "
                    + "friction in long throats); a stent is ten times stiffer than the native wall; a resection shortens the vessel.",
            "- Outlets are three-element Windkessels split by Murray's law; the resistance and the arterial wall compliance are "
                    + "fitted so that the arm pressure matches the cuff within 2 mmHg.",
            "- Uncertainty: Sobol samples of the lesion radius (± half a voxel), cardiac output (± 10 %), viscosity "
                    + "(3.0–4.5 mPa·s) and the fitted values within their fit uncertainty.",
            "- Not modelled: collateral flow, the valve and ventricle (the inflow is prescribed), 3D flow features. "
                    + "Wall shear stress is a 1D estimate at the narrowest section."));

    static ReportInput input(CasePipeline.Loaded loaded, CasePipeline.Simulation sim, List<String> names, PlanReport plan,
                             PatientMeasurements patient, Path comparisonPng, boolean anonymize) {
        Lesion l = sim.lesion();
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("Narrowest diameter", String.format(Locale.ROOT, "%.1f mm at %.0f mm along the centerline", l.minDiameterMm(),
                l.throatArcLengthMm()));
        facts.put("Reference diameter", String.format(Locale.ROOT, "%.1f mm", l.referenceDiameterMm()));
        facts.put("Stenosis", String.format(Locale.ROOT, "%.0f %% (diameter)", l.stenosisPercent()));
        facts.put("Centerline", String.format(Locale.ROOT, "%.0f mm", sim.centerline().lengthMm()));
        PlanReport.Calibration cal = plan.calibration();
        facts.put("Calibration", String.format(Locale.ROOT, "arm %.1f/%.1f mmHg (residual %.2f mmHg)",
                cal.fitted().get("simulated_systolic_mmHg"), cal.fitted().get("simulated_diastolic_mmHg"), cal.residualMmHg()));
        ReportInput.CaseSummary summary = new ReportInput.CaseSummary(null, null, null, loaded.series().description(),
                loaded.series().seriesInstanceUid(), null, facts, patient);
        List<ReportInput.CandidateRow> rows = new ArrayList<>();
        for (int i = 0; i < sim.candidates().size(); i++) {
            CasePipeline.CandidateResult c = sim.candidates().get(i);
            PulsatileOutcome o = c.outcome();
            UncertaintyAnalysis.Result u = c.uncertainty();
            Map<String, Double> out = new LinkedHashMap<>(o.reportFields());
            if (u != null) out.put("p_gradient_above_20mmHg", u.pAboveThreshold());
            rows.add(new ReportInput.CandidateRow(names.get(i), c.repair().description(), out,
                    u == null ? null : new ReportInput.Interval(u.ci95LowMmHg(), u.ci95HighMmHg())));
        }
        var verification = VerificationSuite.run(AppPaths.sharedDataDir()).rows();
        String baseline = names.contains("native") ? "native" : null;
        return new ReportInput("Coarctation repair planning", summary, rows, baseline, "peak_to_peak_gradient_mmHg",
                ReportInput.DEFAULT_THRESHOLD_MMHG, comparisonPng, List.of(), verification, ASSUMPTIONS, anonymize,
                "Rehearse 0.1.0", java.time.Instant.now());
    }
}
