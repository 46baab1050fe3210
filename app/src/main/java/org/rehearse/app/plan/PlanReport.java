package org.rehearse.app.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The content of {@code plan.json}. Field names are a contract with other tools and carry their units; see the
 * README's "plan.json" section. Coordinates are DICOM patient coordinates (LPS) in millimetres.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"series", "seed_lps_mm", "segmentation", "mesh", "vessel", "calibration", "candidates", "timings_ms",
        "warnings"})
public record PlanReport(
        @JsonProperty("series") Series series,
        @JsonProperty("seed_lps_mm") double[] seedLpsMm,
        @JsonProperty("segmentation") Segmentation segmentation,
        @JsonProperty("mesh") Mesh mesh,
        @JsonProperty("vessel") Vessel vessel,
        @JsonProperty("calibration") Calibration calibration,
        @JsonProperty("candidates") List<Candidate> candidates,
        @JsonProperty("timings_ms") Timings timingsMs,
        @JsonProperty("warnings") List<String> warnings) {

    /**
     * @param spacingMm {column, row, slice} spacing in mm
     */
    @JsonPropertyOrder({"rows", "columns", "slices", "spacing_mm", "modality", "series_instance_uid", "description"})
    public record Series(@JsonProperty("rows") int rows, @JsonProperty("columns") int columns,
                         @JsonProperty("slices") int slices, @JsonProperty("spacing_mm") double[] spacingMm,
                         @JsonProperty("modality") String modality,
                         @JsonProperty("series_instance_uid") String seriesInstanceUid,
                         @JsonProperty("description") String description) { }

    public record Segmentation(@JsonProperty("voxels") long voxels, @JsonProperty("volume_ml") double volumeMl) { }

    @JsonPropertyOrder({"triangles", "watertight", "area_mm2"})
    public record Mesh(@JsonProperty("triangles") int triangles, @JsonProperty("watertight") boolean watertight,
                       @JsonProperty("area_mm2") double areaMm2) { }

    @JsonPropertyOrder({"centerline_length_mm", "min_diameter_mm", "reference_diameter_mm", "stenosis_percent",
            "min_diameter_position_lps_mm"})
    public record Vessel(@JsonProperty("centerline_length_mm") double centerlineLengthMm,
                         @JsonProperty("min_diameter_mm") double minDiameterMm,
                         @JsonProperty("reference_diameter_mm") double referenceDiameterMm,
                         @JsonProperty("stenosis_percent") double stenosisPercent,
                         @JsonProperty("min_diameter_position_lps_mm") double[] minDiameterPositionLpsMm) { }

    /** One candidate repair's outcome; {@code name} is one of native, resection, patch, stent. */
    @JsonPropertyOrder({"name", "description", "peak_to_peak_gradient_mmHg", "mean_gradient_mmHg",
            "peak_instantaneous_gradient_mmHg", "gradient_ci95_mmHg", "p_gradient_above_20mmHg", "gradient_samples",
            "peak_velocity_m_s", "max_wss_Pa", "min_diameter_mm", "branch_flow_percent", "lv_work_per_beat_J"})
    public record Candidate(@JsonProperty("name") String name,
                            @JsonProperty("description") String description,
                            @JsonProperty("peak_to_peak_gradient_mmHg") double peakToPeakGradientMmHg,
                            @JsonProperty("mean_gradient_mmHg") double meanGradientMmHg,
                            @JsonProperty("peak_instantaneous_gradient_mmHg") double peakInstantaneousGradientMmHg,
                            @JsonProperty("gradient_ci95_mmHg") double[] gradientCi95MmHg,
                            @JsonProperty("p_gradient_above_20mmHg") Double pGradientAbove20MmHg,
                            @JsonProperty("gradient_samples") Integer gradientSamples,
                            @JsonProperty("peak_velocity_m_s") double peakVelocityMS,
                            @JsonProperty("max_wss_Pa") double maxWssPa,
                            @JsonProperty("min_diameter_mm") double minDiameterMm,
                            @JsonProperty("branch_flow_percent") java.util.Map<String, Double> branchFlowPercent,
                            @JsonProperty("lv_work_per_beat_J") double lvWorkPerBeatJ) { }
    /**
     * The calibration of the twin.
     *
     * @param target      the measurements (systolic_mmHg, diastolic_mmHg, cardiac_output_L_min, heart_rate_bpm,
     *                    measured_gradient_mmHg when given)
     * @param fitted      the fitted values (total_resistance_mmHg_s_per_mL, peripheral_compliance_mL_per_mmHg,
     *                    wall_stiffness_factor, descending_resistance_factor) and what the model then gives
     *                    (systolic_mmHg, diastolic_mmHg at the arm)
     * @param residualMmHg root-mean-square residual
     * @param evaluations model runs used
     */
    @JsonPropertyOrder({"target", "fitted", "residual_mmHg", "evaluations"})
    public record Calibration(@JsonProperty("target") java.util.Map<String, Double> target,
                              @JsonProperty("fitted") java.util.Map<String, Double> fitted,
                              @JsonProperty("residual_mmHg") double residualMmHg,
                              @JsonProperty("evaluations") int evaluations) { }
    @JsonPropertyOrder({"load", "segment", "mesh", "simulate"})
    public record Timings(@JsonProperty("load") long load, @JsonProperty("segment") long segment,
                          @JsonProperty("mesh") long mesh, @JsonProperty("simulate") long simulate) { }
}
