package org.rehearse.app.plan;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rehearse.segmentation.Progress;
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
        new PlanJob(new PlanJob.Options(data.resolve("dicom"), null, SEED, out, 5.0, 70, false, null), System.out)
                .run(Progress.NONE);
        json = PlanJob.mapper().readTree(out.resolve("plan.json").toFile());
    }

    @Test
    void segmentationAgreesWithTheReferenceLabelVoxelForVoxel() throws Exception {
        LabelMap seg = NiftiLabelIo.read(out.resolve("segmentation.nii.gz"));
        LabelMap ref = NiftiLabelIo.read(data.resolve("labels/aorta.nii.gz"));
        assertTrue(seg.geometry().sameGrid(ref.geometry(), 0.01), "same grid and affine as the reference label");
        double dice = seg.dice(ref);
        System.out.println("Dice against labels/aorta.nii.gz: " + dice);
        assertTrue(dice >= 0.70, "Dice " + dice);
    }

    @Test
    void referenceDiameterIsThatOfTheAorta() {
        double ref = json.get("vessel").get("reference_diameter_mm").asDouble();
        assertTrue(ref >= 25 && ref <= 38, "reference diameter " + ref + " mm (TotalSegmentator measures 31–35 mm)");
    }

    @Test
    void allFourCandidatesAreSimulated() {
        assertTrue(json.get("candidates").size() == 4);
    }
}
