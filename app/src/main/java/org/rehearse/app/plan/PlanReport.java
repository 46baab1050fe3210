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
@JsonPropertyOrder({"series", "seed_lps_mm", "segmentation", "mesh", "vessel", "candidates", "timings_ms", "warnings"})
public record PlanReport(
        @JsonProperty("series") Series series,
        @JsonProperty("seed_lps_mm") double[] seedLpsMm,
        @JsonProperty("segmentation") Segmentation segmentation,
        @JsonProperty("mesh") Mesh mesh,
        @JsonProperty("vessel") Vessel vessel,
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
    @JsonPropertyOrder({"name", "description", "peak_gradient_mmHg", "mean_gradient_mmHg", "peak_velocity_m_s", "max_wss_Pa",
            "min_diameter_mm"})
    public record Candidate(@JsonProperty("name") String name,
                            @JsonProperty("description") String description,
                            @JsonProperty("peak_gradient_mmHg") double peakGradientMmHg,
                            @JsonProperty("mean_gradient_mmHg") double meanGradientMmHg,
                            @JsonProperty("peak_velocity_m_s") double peakVelocityMS,
                            @JsonProperty("max_wss_Pa") double maxWssPa,
                            @JsonProperty("min_diameter_mm") double minDiameterMm) { }

    @JsonPropertyOrder({"load", "segment", "mesh", "simulate"})
    public record Timings(@JsonProperty("load") long load, @JsonProperty("segment") long segment,
                          @JsonProperty("mesh") long mesh, @JsonProperty("simulate") long simulate) { }
}
