package org.rehearse.sampledata;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.rehearse.segmentation.Progress;
import org.rehearse.segmentation.dicom.DicomSeriesWriter;
import org.rehearse.segmentation.nifti.NiftiLabelIo;

/**
 * Writes a {@link Phantom} to a folder:
 * <ul>
 *   <li>{@code dicom/IM0001.dcm …}: the CT series ({@link DicomSeriesWriter}; UIDs derived from the spec, so the
 *       same spec gives byte-identical files);</li>
 *   <li>{@code truth.json}: the ground truth, all positions LPS mm: {@code generator_version}, {@code seed_lps_mm}
 *       [x,y,z], {@code min_diameter_mm}, {@code reference_diameter_mm}, {@code stenosis_percent},
 *       {@code throat_position_lps_mm} [x,y,z], {@code spec} {stenosis_fraction, columns, rows, slices,
 *       spacing_mm [3], noise_sigma_hu, blur_sigma_mm, seed}, {@code centerline} [{"lps_mm": [x,y,z],
 *       "radius_mm": r}, …] (the aorta, root to bottom), {@code branches} {name: [same form]};</li>
 *   <li>{@code truth_mask.nii.gz}: the truth lumen mask ({@link NiftiLabelIo}, label 1).</li>
 * </ul>
 */
public final class PhantomWriter {
    /** Name of the DICOM sub-folder. */
    public static final String DICOM_DIR = "dicom";
    /** Name of the truth JSON file. */
    public static final String TRUTH_JSON = "truth.json";
    /** Name of the truth mask file. */
    public static final String TRUTH_MASK = "truth_mask.nii.gz";

    private PhantomWriter() {
    }

    /**
     * @param phantom  the generated phantom
     * @param outDir   destination folder, created when missing; existing files of the same names are replaced
     * @param progress progress (the DICOM series is most of the work) and cancellation
     * @throws IOException when a file cannot be written
     */
    public static void write(Phantom phantom, Path outDir, Progress progress) throws IOException {
        Files.createDirectories(outDir);
        PhantomSpec s = phantom.spec();
        String seed = String.format("rehearse-phantom/v%d/%s/%dx%dx%d/%d/%s/%s", PhantomGenerator.VERSION,
                Double.toString(s.stenosisFraction()), s.columns(), s.rows(), s.slices(), s.seed(),
                Double.toString(s.noiseSigmaHu()), Double.toString(s.blurSigmaMm()));
        DicomSeriesWriter.Metadata meta = new DicomSeriesWriter.Metadata("Phantom^Coarctation", "REHEARSE-PHANTOM",
                "Rehearse coarctation phantom", String.format("CTA phantom, stenosis %.0f %%", 100 * s.stenosisFraction()), seed);
        DicomSeriesWriter.write(phantom.volume(), outDir.resolve(DICOM_DIR), meta, progress.sub(0, 0.85));
        progress.update(0.85, "Writing truth mask");
        NiftiLabelIo.write(phantom.truthLumen(), outDir.resolve(TRUTH_MASK));
        progress.update(0.97, "Writing truth");
        writeTruth(phantom, outDir.resolve(TRUTH_JSON));
        progress.update(1, "Phantom written");
    }

    /**
     * Writes the truth JSON described in the class documentation.
     *
     * @throws IOException when the file cannot be written
     */
    public static void writeTruth(Phantom p, Path file) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("generator_version", PhantomGenerator.VERSION);
        root.put("description", "Rehearse CT angiography phantom of an adolescent aorta with an isthmus coarctation; "
                + "positions in DICOM LPS millimetres");
        triple(root.putArray("seed_lps_mm"), p.seedLpsMm());
        root.put("min_diameter_mm", p.minDiameterMm());
        root.put("reference_diameter_mm", p.referenceDiameterMm());
        root.put("stenosis_percent", p.stenosisPercent());
        triple(root.putArray("throat_position_lps_mm"), p.throatLpsMm());
        PhantomSpec s = p.spec();
        ObjectNode spec = root.putObject("spec");
        spec.put("stenosis_fraction", s.stenosisFraction());
        spec.put("columns", s.columns());
        spec.put("rows", s.rows());
        spec.put("slices", s.slices());
        triple(spec.putArray("spacing_mm"), s.spacingMm());
        spec.put("noise_sigma_hu", s.noiseSigmaHu());
        spec.put("blur_sigma_mm", s.blurSigmaMm());
        spec.put("seed", s.seed());
        polyline(root.putArray("centerline"), p.centerline());
        ObjectNode branches = root.putObject("branches");
        for (Map.Entry<String, List<CenterlinePoint>> e : p.branches().entrySet()) {
            polyline(branches.putArray(e.getKey()), e.getValue());
        }
        mapper.writeValue(file.toFile(), root);
    }

    private static void polyline(ArrayNode arr, List<CenterlinePoint> points) {
        for (CenterlinePoint c : points) {
            ObjectNode o = arr.addObject();
            triple(o.putArray("lps_mm"), c.lpsMm());
            o.put("radius_mm", round(c.radiusMm()));
        }
    }

    private static void triple(ArrayNode arr, double[] v) {
        for (double d : v) {
            arr.add(round(d));
        }
    }

    /** Rounds to 0.1 µm so that the JSON stays readable; far below any voxel size. */
    private static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }
}
