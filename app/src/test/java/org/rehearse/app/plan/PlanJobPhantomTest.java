package org.rehearse.app.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rehearse.sampledata.Phantom;
import org.rehearse.sampledata.PhantomGenerator;
import org.rehearse.sampledata.PhantomSpec;
import org.rehearse.sampledata.PhantomWriter;
import org.rehearse.segmentation.Progress;
import org.rehearse.segmentation.image.LabelMap;
import org.rehearse.segmentation.nifti.NiftiLabelIo;

/**
 * The whole job on the default coarctation phantom (512×512×300, stenosis 0.65), as {@code rehearse phantom} then
 * {@code rehearse plan --seed <truth seed>} would run it, checked against the generator's truth.
 */
class PlanJobPhantomTest {
    @TempDir
    static Path dir;
    static Phantom phantom;
    static PlanReport report;
    static JsonNode json;

    @BeforeAll
    static void plan() throws Exception {
        phantom = PhantomGenerator.generate(PhantomSpec.defaults(), Progress.NONE);
        PhantomWriter.write(phantom, dir.resolve("case"), Progress.NONE);
        Path out = dir.resolve("out");
        report = new PlanJob(new PlanJob.Options(dir.resolve("case/dicom"), null, phantom.seedLpsMm(), out, 5.0, 70,
                true, null), System.out).run(Progress.NONE);
        json = PlanJob.mapper().readTree(out.resolve("plan.json").toFile());
    }

    @Test
    void vesselMeasuresMatchTheTruth() {
        JsonNode v = json.get("vessel");
        assertEquals(phantom.stenosisPercent(), v.get("stenosis_percent").asDouble(), 10.0, "stenosis within 10 points");
        assertEquals(phantom.minDiameterMm(), v.get("min_diameter_mm").asDouble(), 0.1 * phantom.minDiameterMm(),
                "min diameter within 10 %");
        double[] throat = phantom.throatLpsMm();
        JsonNode p = v.get("min_diameter_position_lps_mm");
        double d = Math.hypot(Math.hypot(p.get(0).asDouble() - throat[0], p.get(1).asDouble() - throat[1]), p.get(2).asDouble() - throat[2]);
        assertTrue(d < 8, "narrowest section found at the throat (" + d + " mm away)");
    }

    @Test
    void everyRepairLowersTheGradientAndFullRepairsGoBelow10mmHg() {
        Map<String, Double> peak = new HashMap<>();
        for (JsonNode c : json.get("candidates")) {
            peak.put(c.get("name").asText(), c.get("peak_gradient_mmHg").asDouble());
            for (String f : new String[] {"peak_gradient_mmHg", "mean_gradient_mmHg", "peak_velocity_m_s", "max_wss_Pa"}) {
                assertTrue(Double.isFinite(c.get(f).asDouble()) && c.get(f).asDouble() >= 0, f + " of " + c.get("name"));
            }
        }
        assertEquals(4, peak.size());
        assertTrue(peak.get("native") > 20, "native gradient above 20 mmHg: " + peak);
        for (String r : new String[] {"resection", "patch", "stent"}) {
            assertTrue(peak.get(r) < peak.get("native"), r + " below native: " + peak);
        }
        assertTrue(peak.get("stent") < 10, "stent below 10 mmHg: " + peak);
        assertTrue(peak.get("resection") < 10, "resection below 10 mmHg: " + peak);
    }

    @Test
    void segmentationIsOnTheInputGridAndMatchesTheTruthMask() throws Exception {
        LabelMap seg = NiftiLabelIo.read(dir.resolve("out/segmentation.nii.gz"));
        assertTrue(seg.geometry().sameGrid(phantom.volume().geometry(), 0.01), "same voxel grid as the input");
        double dice = seg.dice(phantom.truthLumen());
        assertTrue(dice >= 0.90, "Dice against the phantom truth: " + dice);
        assertEquals(seg.countNonZero(), json.get("segmentation").get("voxels").asLong());
    }

    @Test
    void filesAndFieldsOfTheContractArePresent() throws Exception {
        Path out = dir.resolve("out");
        JsonNode s = json.get("series");
        assertEquals(512, s.get("rows").asInt());
        assertEquals(512, s.get("columns").asInt());
        assertEquals(300, s.get("slices").asInt());
        assertEquals("CT", s.get("modality").asText());
        assertEquals(3, json.get("seed_lps_mm").size());
        assertTrue(json.get("mesh").get("watertight").asBoolean());
        assertTrue(json.get("mesh").get("triangles").asInt() > 1000);
        for (String t : new String[] {"load", "segment", "mesh", "simulate"}) {
            assertTrue(json.get("timings_ms").has(t), t);
        }
        long stl = Files.size(out.resolve("surface.stl"));
        assertEquals(84L + 50L * json.get("mesh").get("triangles").asLong(), stl);
        BufferedImage png = ImageIO.read(out.resolve("comparison.png").toFile());
        assertTrue(png.getWidth() >= 800, "comparison.png rendered");
        assertTrue(distinctColours(png) > 50, "comparison.png is not blank");
    }

    static int distinctColours(BufferedImage img) {
        java.util.Set<Integer> c = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 4) {
            for (int x = 0; x < img.getWidth(); x += 4) {
                c.add(img.getRGB(x, y));
            }
        }
        return c.size();
    }
}
