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
import org.rehearse.simulation.pulsatile.PatientMeasurements;
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
        report = new PlanJob(new PlanJob.Options(dir.resolve("case/dicom"), null, phantom.seedLpsMm(), out,
                new PatientMeasurements(120, 70, 5.0, 70, Double.NaN), 24, true, null, null, out.resolve("report.pdf"), false),
                System.out).run(Progress.NONE);
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
    void nativeIsAboveTheThresholdRepairsBelowAndBalloonInBetween() {
        Map<String, JsonNode> byName = new HashMap<>();
        for (JsonNode c : json.get("candidates")) {
            byName.put(c.get("name").asText(), c);
            for (String f : new String[] {"peak_to_peak_gradient_mmHg", "mean_gradient_mmHg",
                    "peak_instantaneous_gradient_mmHg", "p_gradient_above_20mmHg", "peak_velocity_m_s", "max_wss_Pa",
                    "lv_work_per_beat_J"}) {
                assertTrue(c.has(f) && Double.isFinite(c.get(f).asDouble()), f + " of " + c.get("name"));
            }
            JsonNode ci = c.get("gradient_ci95_mmHg");
            assertEquals(2, ci.size());
            assertTrue(ci.get(0).asDouble() <= ci.get(1).asDouble());
            double split = 0;
            for (JsonNode x : c.get("branch_flow_percent")) split += x.asDouble();
            assertEquals(100, split, 1.0, "branch flows add up for " + c.get("name"));
        }
        assertEquals(java.util.Set.of("native", "resection", "patch", "stent", "balloon"), byName.keySet());
        double nat = byName.get("native").get("peak_to_peak_gradient_mmHg").asDouble();
        assertTrue(nat >= 20, "native peak-to-peak gradient at least 20 mmHg: " + nat);
        assertTrue(byName.get("native").get("p_gradient_above_20mmHg").asDouble() >= 0.5);
        for (String r : new String[] {"stent", "resection"}) {
            assertTrue(byName.get(r).get("peak_to_peak_gradient_mmHg").asDouble() < 10, r);
            assertTrue(byName.get(r).get("p_gradient_above_20mmHg").asDouble() <= 0.1, r);
        }
        double balloon = byName.get("balloon").get("peak_to_peak_gradient_mmHg").asDouble();
        assertTrue(balloon < nat && balloon > byName.get("stent").get("peak_to_peak_gradient_mmHg").asDouble(),
                "balloon with recoil between stent and native: " + balloon);
        JsonNode cal = json.get("calibration");
        assertEquals(120, cal.get("target").get("systolic_mmHg").asDouble());
        assertTrue(cal.get("residual_mmHg").asDouble() < 2.0);
        assertEquals(120, cal.get("fitted").get("simulated_systolic_mmHg").asDouble(), 2.0);
        assertEquals(70, cal.get("fitted").get("simulated_diastolic_mmHg").asDouble(), 2.0);
    }

    @Test
    void reportAndCandidateSurfacesAreWritten() throws Exception {
        Path out = dir.resolve("out");
        try (org.apache.pdfbox.pdmodel.PDDocument pdf = org.apache.pdfbox.Loader.loadPDF(out.resolve("report.pdf").toFile())) {
            assertTrue(pdf.getNumberOfPages() >= 2, "pages " + pdf.getNumberOfPages());
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(pdf);
            for (String s : new String[] {"native", "stent", "balloon", "20 mmHg"}) {
                assertTrue(text.contains(s), s + " in the report");
            }
            // the validation rows against the FDA nozzle and openBF need the shared data (absent in a bare clone)
            if (Files.isDirectory(org.rehearse.app.AppPaths.sharedDataDir().resolve("hemodynamics"))) {
                for (String s : new String[] {"FDA nozzle", "openBF"}) {
                    assertTrue(text.contains(s), s + " in the report");
                }
            }
        }
        for (String c : new String[] {"native", "resection", "patch", "stent", "balloon"}) {
            Path stl = out.resolve("candidates/" + c + ".stl");
            assertTrue(Files.size(stl) > 84 + 50 * 1000, stl.toString());
        }
    }

    @Test
    void waveformsAreWrittenPerCandidateAndLocation() throws Exception {
        java.util.List<String> lines = Files.readAllLines(dir.resolve("out/waveforms.csv"));
        assertEquals("time_s,candidate,location,pressure_mmHg,flow_ml_s", lines.get(0));
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.split(",");
            assertEquals(5, f.length, l);
            keys.add(f[1] + "/" + f[2]);
            assertTrue(Double.isFinite(Double.parseDouble(f[3])) && Double.isFinite(Double.parseDouble(f[4])), l);
        }
        for (String c : new String[] {"native", "stent"}) {
            for (String loc : new String[] {"inlet", "proximal", "distal", "descending_aorta", "brachiocephalic"}) {
                assertTrue(keys.contains(c + "/" + loc), c + "/" + loc);
            }
        }
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
    void theThreeArchBranchesAreLabelledEachNearItsOwnTruthCenterline() throws Exception {
        LabelMap seg = NiftiLabelIo.read(dir.resolve("out/segmentation.nii.gz"));
        var g = seg.geometry();
        String[] truthNames = {"brachiocephalic", "left_common_carotid", "left_subclavian"};
        for (int label = 2; label <= 4; label++) {
            double[] sum = new double[3];
            long n = 0;
            byte[] l = seg.labels();
            for (int q = 0; q < l.length; q++) {
                if (l[q] == label) {
                    double[] lps = g.indexToLps(new double[] {q % g.columns(), (q / g.columns()) % g.rows(),
                        q / (g.columns() * g.rows())}, null);
                    for (int a = 0; a < 3; a++) {
                        sum[a] += lps[a];
                    }
                    n++;
                }
            }
            assertTrue(n > 100, "label " + label + " holds " + n + " voxels");
            double[] c = {sum[0] / n, sum[1] / n, sum[2] / n};
            String nearest = null;
            double best = Double.MAX_VALUE;
            for (String name : truthNames) {
                for (var pt : phantom.branches().get(name)) {
                    double d = Math.hypot(Math.hypot(pt.x() - c[0], pt.y() - c[1]), pt.z() - c[2]);
                    if (d < best) {
                        best = d;
                        nearest = name;
                    }
                }
            }
            assertEquals(truthNames[label - 2], nearest, "label " + label + " centroid " + java.util.Arrays.toString(c));
            assertTrue(best < 10, "label " + label + " centroid lies " + best + " mm from its truth centerline");
        }
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
