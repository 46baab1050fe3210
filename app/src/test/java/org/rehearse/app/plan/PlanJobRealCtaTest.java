package org.rehearse.app.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rehearse.segmentation.Progress;
import org.rehearse.simulation.pulsatile.PatientMeasurements;
import org.rehearse.segmentation.image.LabelMap;
import org.rehearse.segmentation.nifti.NiftiLabelIo;

/**
 * {@code rehearse plan} on the real, dissected CTA of {@code ../shared/data/aorta-cta} with the seed in the true
 * lumen of the descending aorta, checked against TotalSegmentator's aorta label (skipped when the data are absent).
 */
class PlanJobRealCtaTest {
    static final double[] SEED = {-2.7, -146.2, 577.7};
    @TempDir
    static Path out;
    static Path data;
    static JsonNode json;

    @BeforeAll
    static void plan() throws Exception {
        data = Path.of(System.getProperty("rehearse.shared.data", "../shared/data"), "aorta-cta");
        assumeTrue(Files.isDirectory(data.resolve("dicom")), "real CTA not present: " + data);
        Path candidates = out.resolve("candidates.json");
        Files.writeString(candidates, "[{\"name\": \"native\", \"kind\": \"native\"},"
                + " {\"name\": \"stent as planned\", \"kind\": \"stent\"},"
                + " {\"name\": \"balloon, 30 % recoil\", \"kind\": \"balloon\", \"parameters\": {\"recoilPercent\": 30}},"
                + " {\"name\": \"resection\", \"kind\": \"resection\"}]");
        new PlanJob(new PlanJob.Options(data.resolve("dicom"), null, SEED, out, PatientMeasurements.defaults(), 16, true,
                null, candidates, out.resolve("report.pdf"), true), System.out).run(Progress.NONE);
        json = PlanJob.mapper().readTree(out.resolve("plan.json").toFile());
    }

    @Test
    void segmentationAgreesWithTheReferenceLabelVoxelForVoxel() throws Exception {
        LabelMap all = NiftiLabelIo.read(out.resolve("segmentation.nii.gz"));
        byte[] aortaOnly = all.labels().clone();
        for (int n = 0; n < aortaOnly.length; n++) aortaOnly[n] = (byte) (aortaOnly[n] == 1 ? 1 : 0);
        LabelMap seg = new LabelMap(all.geometry(), aortaOnly);
        LabelMap ref = NiftiLabelIo.read(data.resolve("labels/aorta.nii.gz"));
        assertTrue(seg.geometry().sameGrid(ref.geometry(), 0.01), "same grid and affine as the reference label");
        double dice = seg.dice(ref);
        System.out.println("Dice against labels/aorta.nii.gz: " + dice);
        assertTrue(dice >= 0.87, "Dice " + dice);
    }

    @Test
    void referenceDiameterIsThatOfTheAorticLumen() {
        // The segmentation follows the contrast-filled lumen: in this dissected aorta it leaves out the parts of
        // the false lumen at 30–100 HU (unopacified or thrombosed), so the reference is below TotalSegmentator's outer
        // aortic diameter (31–35 mm).
        double ref = json.get("vessel").get("reference_diameter_mm").asDouble();
        assertTrue(ref >= 18 && ref <= 38, "reference diameter " + ref + " mm");
    }

    @Test
    void theCandidatesOfTheFileAreSimulatedUnderTheirNames() throws Exception {
        assertEquals(4, json.get("candidates").size());
        assertEquals("balloon, 30 % recoil", json.get("candidates").get(2).get("name").asText());
        assertTrue(json.get("candidates").get(2).get("description").asText().contains("30 % recoil"));
        assertTrue(Files.size(out.resolve("candidates/stent_as_planned.stl")) > 84 + 50 * 1000
                || Files.list(out.resolve("candidates")).count() == 4, "one STL per candidate");
        assertEquals(4, Files.list(out.resolve("candidates")).filter(p -> p.toString().endsWith(".stl")).count());
        try (org.apache.pdfbox.pdmodel.PDDocument pdf = org.apache.pdfbox.Loader.loadPDF(out.resolve("report.pdf").toFile())) {
            assertTrue(pdf.getNumberOfPages() >= 2);
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(pdf);
            assertTrue(text.contains("balloon, 30 % recoil"));
            assertTrue(!text.contains(json.get("series").get("series_instance_uid").asText()), "anonymised");
        }
    }

    @Test
    void withoutCoarctationTheGradientAcrossArchAndDescendingAortaIsSmall() {
        JsonNode nat = json.get("candidates").get(0);
        assertEquals("native", nat.get("name").asText());
        // across the narrowest section found (here the true lumen compressed by the false lumen): no intervention
        double g = nat.get("peak_to_peak_gradient_mmHg").asDouble();
        assertTrue(Math.abs(g) < 10, "native peak-to-peak gradient " + g + " mmHg");
        assertTrue(nat.get("p_gradient_above_20mmHg").asDouble() == 0.0);
        assertTrue(json.get("calibration").get("residual_mmHg").asDouble() < 2.0);
    }

    @Test
    void fromTheAorticInletToTheDescendingOutletThePeakToPeakGradientIsSmall() throws Exception {
        double inlet = Double.NEGATIVE_INFINITY, outlet = Double.NEGATIVE_INFINITY;
        for (String l : Files.readAllLines(out.resolve("waveforms.csv"))) {
            String[] f = l.split(",");
            if (!f[1].equals("native")) continue;
            if (f[2].equals("inlet")) inlet = Math.max(inlet, Double.parseDouble(f[3]));
            if (f[2].equals("descending_aorta")) outlet = Math.max(outlet, Double.parseDouble(f[3]));
        }
        System.out.println("real CTA, native: systolic at the inlet " + inlet + " mmHg, at the descending outlet " + outlet);
        assertTrue(inlet - outlet < 5, "arch + descending aorta peak-to-peak " + (inlet - outlet) + " mmHg");
    }
}
