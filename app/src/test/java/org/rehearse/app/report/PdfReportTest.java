package org.rehearse.app.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rehearse.simulation.pulsatile.PatientMeasurements;
import org.rehearse.app.report.ReportInput.CandidateRow;
import org.rehearse.app.report.ReportInput.CaseSummary;
import org.rehearse.app.report.ReportInput.Figure;
import org.rehearse.app.report.ReportInput.Interval;
import org.rehearse.simulation.verify.CaseResult;

/**
 * The planning report from synthetic inputs: page count, its text (loaded back with PDFBox), anonymisation, the font
 * fallback and errors. The pages are also rendered to {@code target/report-pages/page-N.png} for a person to look at.
 */
class PdfReportTest {
    @TempDir
    Path tmp;

    static Map<String, Double> outcomes(double peak, double mean, double v, double wss, double dmin) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("peak_gradient_mmHg", peak);
        m.put("mean_gradient_mmHg", mean);
        m.put("peak_velocity_m_s", v);
        m.put("max_wss_Pa", wss);
        m.put("min_diameter_mm", dmin);
        m.put("systolic_upper_body_mmHg", 118 + peak * 0.6);
        m.put("lv_stroke_work_J", 0.9 + peak / 100);
        return m;
    }

    static Path png(Path file, int w, int h, String label, Color colour) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        int n = 4;
        for (int i = 0; i < n; i++) {
            g.setColor(colour);
            int x = i * w / n + w / (3 * n);
            g.fillRoundRect(x, h / 6, w / (3 * n), 2 * h / 3, 40, 40);
            g.setColor(Color.DARK_GRAY);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, h / 20));
            g.drawString(label + " " + (i + 1), x, h - h / 12);
        }
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
        return file;
    }

    ReportInput input(boolean anonymize, Path comparison) throws IOException {
        List<CandidateRow> rows = List.of(
                new CandidateRow("native", "native (no repair)", outcomes(38.25, 14.1, 3.02, 21.7, 7.1), new Interval(31.0, 46.5)),
                new CandidateRow("resection", "resection 11.0 mm (55.0–66.0 mm), end-to-end anastomosis at 16.0 mm",
                        outcomes(6.12, 1.9, 1.21, 4.4, 15.2), new Interval(4.1, 8.4)),
                new CandidateRow("patch", "patch 50.0–71.0 mm to 16.0 mm", outcomes(9.47, 2.8, 1.38, 5.2, 14.1), null),
                new CandidateRow("stent 18 mm", "stent 18.0 mm × 25.0 mm at 60.0 mm (95 % expansion)",
                        outcomes(12.7, 3.9, 1.6, 6.8, 13.4), new Interval(9.8, 16.1)),
                new CandidateRow("balloon (25 % recoil)", "balloon 16.0 mm × 20.0 mm at 60.0 mm (25 % recoil)",
                        outcomes(23.4, 8.2, 2.2, 12.9, 10.9), new Interval(17.5, 30.2)));
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("Images", "164 slices of 120 × 126, 1.5 mm isotropic");
        facts.put("Narrowest diameter", "7.1 mm at 60 mm along the centerline");
        facts.put("Reference diameter", "16.0 mm (distal), stenosis 56 %");
        CaseSummary summary = new CaseSummary("Doe^Jane", "PID-12345", "2026-03-14", "CTA thorax 1.5 mm",
                "1.2.826.0.1.3680043.2.1125.1", "/data/jane_doe/dicom", facts, new PatientMeasurements(152, 78, 5.1, 74, 32.0));
        List<CaseResult> verification = List.of(
                new CaseResult("steady Poiseuille flow", "pressure drop (Pa)", 125.0, 125.4, 0.32, "%", 1.0,
                        "Hagen–Poiseuille, analytic"),
                new CaseResult("Womersley flow, α = 8", "flow amplitude (mL/s)", 42.0, 41.1, 2.1, "%", 5.0,
                        "Womersley 1955, analytic"),
                new CaseResult("FDA nozzle, Re 500", "pressure drop (Pa)", 310.0, 362.0, 16.8, "%", 15.0,
                        "FDA benchmark nozzle, Hariharan et al. 2011"),
                new CaseResult("coarctation phantom", "peak gradient (mmHg)", 30.0, 27.5, -2.5, "mmHg", Double.NaN,
                        "in-vitro data, report only"));
        String assumptions = """
                Blood is a Newtonian fluid (density 1060 kg/m³, viscosity 3.5 mPa·s).

                The pressure drop across the narrowing follows the Young & Tsai stenosis loss with the Seeley & Young \
                effective length; wall compliance and collateral flow are ignored.
                - 70 % of the cardiac output passes the coarctation (LaDisa et al. 2011).
                - Ejection time from the Weissler regression (413 − 1.7·HR ms).
                - Repairs change only the lumen diameter along the centerline; the centerline itself stays.""";
        Path chart = png(tmp.resolve("chart.png"), 900, 420, "pressure", new Color(200, 90, 60));
        return new ReportInput("Coarctation repair: planning conference", summary, rows, "native",
                ReportInput.DEFAULT_GRADIENT_KEY, ReportInput.DEFAULT_THRESHOLD_MMHG, comparison,
                List.of(new Figure("Pressure over the cardiac cycle, ascending aorta and descending aorta", chart)),
                verification, assumptions, anonymize, "Rehearse 0.1.0", Instant.parse("2026-11-21T19:45:00Z"));
    }

    static String text(Path pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            return new PDFTextStripper().getText(doc).replaceAll("\\s+", " "); // line breaks are layout
        }
    }

    static int pages(Path pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            return doc.getNumberOfPages();
        }
    }

    @Test
    void reportHasTheCandidatesTheThresholdAndIsRenderedForLooking() throws Exception {
        Path comparison = png(tmp.resolve("comparison.png"), 1600, 900, "candidate", new Color(180, 60, 60));
        Path pdf = tmp.resolve("report/report.pdf");
        int n = PdfReport.write(input(false, comparison), pdf);
        assertTrue(n >= 2, "at least two pages, got " + n);
        assertEquals(n, pages(pdf));
        String text = text(pdf);
        for (String name : List.of("native", "resection", "patch", "stent 18 mm", "balloon (25 % recoil)")) {
            assertTrue(text.contains(name), "names candidate " + name);
        }
        assertTrue(text.contains("20 mmHg"), "names the threshold");
        assertTrue(text.contains("above 20 mmHg"), "marks candidates above it");
        assertTrue(text.contains("Doe^Jane") && text.contains("PID-12345"), "identifiers kept when not anonymised");
        assertTrue(text.contains("Peak gradient (mmHg)"));
        assertTrue(text.contains("Δ −32.1"), "resection's difference from native (6.12 − 38.25): " + text);
        assertTrue(text.contains("FDA nozzle, Re 500") && text.contains("FAIL") && text.contains("pass"));
        assertTrue(text.contains("2 of 3 cases with a tolerance pass; 1 case only reports its error"), text);
        assertTrue(text.contains("Model assumptions") && text.contains("Newtonian"));
        assertTrue(text.contains("page 1 of " + n));
        assertFalse(Files.list(pdf.getParent()).anyMatch(p -> p.getFileName().toString().contains("tmp")), "no temporary file left");

        // render every page for a person to look at
        render(pdf, Path.of("target", "report-pages"));
    }

    /** Renders every page to page-N.png in a folder (emptied first) for a person to look at. */
    static void render(Path pdf, Path out) throws IOException {
        Files.createDirectories(out);
        try (java.util.stream.Stream<Path> old = Files.list(out)) {
            for (Path p : old.toList()) {
                Files.delete(p);
            }
        }
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            PDFRenderer r = new PDFRenderer(doc);
            for (int p = 0; p < doc.getNumberOfPages(); p++) {
                BufferedImage img = r.renderImageWithDPI(p, 110);
                assertEquals(Math.round(595.28 / 72 * 110), img.getWidth(), 1, "A4 width at 110 dpi");
                ImageIO.write(img, "png", out.resolve("page-" + (p + 1) + ".png").toFile());
            }
        }
        Files.copy(pdf, out.resolve(pdf.getFileName()));
    }

    @Test
    void anonymisedReportLeavesIdentifiersOut() throws Exception {
        Path pdf = tmp.resolve("anon.pdf");
        PdfReport.write(input(true, null), pdf);
        String text = text(pdf);
        for (String id : List.of("Doe^Jane", "PID-12345", "2026-03-14", "1.2.826.0.1.3680043.2.1125.1", "jane_doe")) {
            assertFalse(text.contains(id), "identifier left out: " + id);
        }
        assertTrue(text.contains("patient identifiers removed"));
        assertTrue(text.contains("CTA thorax 1.5 mm"), "series description kept");
        assertTrue(text.contains("No comparison image"));
        assertTrue(pages(pdf) >= 2);
    }

    @Test
    void standardFontsFallBackForCharactersTheyCannotDraw() throws Exception {
        ReportInput base = input(false, null);
        List<CandidateRow> rows = new java.util.ArrayList<>(base.candidates());
        rows.add(new CandidateRow("漢字 stent ≤ 18 mm", null, outcomes(4, 1, 1, 1, 15), null));
        ReportInput in = new ReportInput(base.title(), base.summary(), rows, "native", base.gradientKey(), 20, null,
                base.charts(), base.verification(), base.assumptions(), false, "Rehearse", base.generated());
        Path pdf = tmp.resolve("fallback.pdf");
        assertTrue(PdfReport.write(in, pdf, null) >= 2);
        String text = text(pdf);
        assertTrue(text.contains("?? stent <= 18 mm"), "unsupported glyphs replaced: " + text);
        assertTrue(text.contains("above 20 mmHg"));
        render(pdf, Path.of("target", "report-pages-standard-fonts"));

        Path unicode = tmp.resolve("unicode.pdf");
        PdfReport.write(in, unicode);
        assertTrue(text(unicode).contains("stent ≤ 18 mm"), "DejaVu draws ≤");
    }

    @Test
    void aMissingImageIsNamed() throws Exception {
        Path missing = tmp.resolve("nothing.png");
        IOException e = assertThrows(IOException.class, () -> PdfReport.write(input(false, missing), tmp.resolve("x.pdf")));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("x.pdf")));
    }

    @Test
    void numbersHaveThreeSignificantDigitsAndLabelsTheirUnit() {
        assertEquals("38.3", PdfReport.num(38.25));
        assertEquals("6.5", PdfReport.num(6.5));
        assertEquals("1230", PdfReport.num(1234.5));
        assertEquals("0.00123", PdfReport.num(0.0012345));
        assertEquals("−32.1", PdfReport.num(-32.13));
        assertEquals("+4", PdfReport.signed(4));
        assertEquals("n/a", PdfReport.num(Double.NaN));
        assertEquals(5.0, PdfReport.niceStep(4.2));
        assertEquals(2.5, PdfReport.niceStep(2.1));
        assertEquals("Peak gradient (mmHg)", OutcomeLabels.label("peak_gradient_mmHg"));
        assertEquals("Peak velocity (m/s)", OutcomeLabels.label("peak_velocity_m_s"));
        assertEquals("Max WSS (Pa)", OutcomeLabels.label("max_wss_Pa"));
        assertEquals("Cardiac output (L/min)", OutcomeLabels.label("cardiac_output_L_min"));
        assertEquals("Something", OutcomeLabels.label("something"));
    }
}
