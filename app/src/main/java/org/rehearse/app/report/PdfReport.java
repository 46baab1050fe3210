package org.rehearse.app.report;

import static org.rehearse.app.report.PageFlow.BLACK;
import static org.rehearse.app.report.PageFlow.BLUE;
import static org.rehearse.app.report.PageFlow.BOTTOM;
import static org.rehearse.app.report.PageFlow.GREEN;
import static org.rehearse.app.report.PageFlow.GREY;
import static org.rehearse.app.report.PageFlow.LEFT;
import static org.rehearse.app.report.PageFlow.PALE_RED;
import static org.rehearse.app.report.PageFlow.RED;
import static org.rehearse.app.report.PageFlow.RIGHT;
import static org.rehearse.app.report.PageFlow.RULE;
import static org.rehearse.app.report.PageFlow.WIDTH;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.rehearse.app.casefile.AtomicFiles;
import org.rehearse.simulation.pulsatile.PatientMeasurements;
import org.rehearse.app.report.PageFlow.Cell;
import org.rehearse.app.report.PageFlow.Line;
import org.rehearse.app.report.PageFlow.Row;
import org.rehearse.app.report.ReportInput.CandidateRow;
import org.rehearse.app.report.ReportInput.CaseSummary;
import org.rehearse.simulation.verify.CaseResult;

/**
 * The planning-conference report: an A4 PDF (Apache PDFBox) that is useful on its own, without the workstation.
 *
 * <ol>
 *   <li>Case summary: title, generation time, the series and patient measurements (patient identifiers left out when
 *       the input asks to anonymise), then the outcomes table per candidate with the difference from the baseline
 *       then a bar chart of the gradient per candidate with its 95 % interval and the threshold, drawn as PDF vector
 *       graphics, and the outcomes table per candidate with the difference from the baseline ("Δ", candidate −
 *       baseline, in the column's unit), candidates whose gradient is above the threshold (20 mmHg by default) shaded
 *       and marked.</li>
 *   <li>The side-by-side comparison image and the further charts (PNG files given in the input).</li>
 *   <li>From page 2 at the latest: the model's assumptions and the credibility section, one row per verification
 *       case (case, quantity, reference, value, error, tolerance, pass).</li>
 * </ol>
 * Every page has a footer with the page number. Numbers are printed with three significant digits. Text is drawn in
 * DejaVu Sans when installed (Debian {@code fonts-dejavu-core}), else in Helvetica with unsupported characters
 * replaced ({@link ReportFonts}).
 */
public final class PdfReport {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    /** At most this many outcome columns per table; more outcomes continue in a further table. */
    private static final int OUTCOMES_PER_TABLE = 5;

    private final ReportInput in;
    private final Path fontDir;

    private PdfReport(ReportInput in, Path fontDir) {
        this.in = in;
        this.fontDir = fontDir;
    }

    /**
     * Writes the report with the DejaVu fonts when installed ({@value ReportFonts#DEJAVU_DIR}), through a temporary
     * file and an atomic rename.
     *
     * @param input the content
     * @param pdf   the destination; its folder is created when missing
     * @return the number of pages
     * @throws IOException when an image given in the input cannot be read (the message names it) or the PDF cannot be
     *                     written
     */
    public static int write(ReportInput input, Path pdf) throws IOException {
        return write(input, pdf, Path.of(ReportFonts.DEJAVU_DIR));
    }

    /**
     * As {@link #write(ReportInput, Path)} with the fonts from another folder.
     *
     * @param fontDir the folder with DejaVuSans.ttf and DejaVuSans-Bold.ttf, or null for the standard 14 fonts
     */
    public static int write(ReportInput input, Path pdf, Path fontDir) throws IOException {
        int[] pages = new int[1];
        AtomicFiles.write(pdf, tmp -> {
            try (PDDocument doc = new PdfReport(input, fontDir).build()) {
                pages[0] = doc.getNumberOfPages();
                doc.save(tmp.toFile());
            }
        });
        return pages[0];
    }

    private PDDocument build() throws IOException {
        PDDocument doc = new PDDocument();
        try {
            ReportFonts fonts = ReportFonts.load(doc, fontDir);
            try (PageFlow f = new PageFlow(doc, fonts)) {
                f.newPage();
                title(f);
                summary(f);
                barChart(f);
                outcomes(f);
                pictures(f);
                if (doc.getNumberOfPages() == 1) {
                    f.newPage();
                }
                assumptions(f);
                credibility(f);
            }
            footers(doc, fonts);
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle(in.title());
            info.setCreator(in.generatedBy());
            info.setSubject("Candidate repairs compared for a planning conference");
            return doc;
        } catch (IOException | RuntimeException e) {
            doc.close();
            throw e;
        }
    }

    // ---- page 1 -------------------------------------------------------------------------------------------------

    private void title(PageFlow f) throws IOException {
        f.y -= 20;
        f.text(in.title(), LEFT, f.y, f.fonts.bold(), 18, PageFlow.HEAD);
        f.y -= 6;
        f.paragraph("Generated " + WHEN.format(in.generated()) + " by " + in.generatedBy()
                + (in.anonymize() ? " · patient identifiers removed" : ""), f.fonts.regular(), 8.5f, GREY, 0);
        f.paragraph("Simulated outcomes are estimates of a reduced-order model, made for discussion at the planning "
                + "conference. They are not measurements and do not replace clinical judgement.", f.fonts.regular(), 8.5f, GREY, 0);
    }

    private void summary(PageFlow f) throws IOException {
        CaseSummary s = in.summary();
        Map<String, String> rows = new LinkedHashMap<>();
        if (!in.anonymize()) {
            put(rows, "Patient", s.patientName());
            put(rows, "Patient ID", s.patientId());
            put(rows, "Study date", s.studyDate());
        }
        put(rows, "Series", s.seriesDescription().isBlank() ? "(no description)" : s.seriesDescription());
        if (!in.anonymize()) {
            put(rows, "Series Instance UID", s.seriesInstanceUid());
            put(rows, "DICOM folder", s.dicomFolder());
        }
        rows.putAll(s.facts());
        PatientMeasurements p = s.patient();
        if (p != null) {
            rows.put("Blood pressure", num(p.systolicMmHg()) + "/" + num(p.diastolicMmHg()) + " mmHg (mean "
                    + num(p.meanArterialMmHg()) + " mmHg)");
            rows.put("Cardiac output", num(p.cardiacOutputLMin()) + " L/min");
            rows.put("Heart rate", num(p.heartRateBpm()) + " bpm");
            rows.put("Measured gradient", !p.hasMeasuredGradient() ? "not measured" : num(p.measuredGradientMmHg()) + " mmHg");
        }
        f.heading("Case", 60);
        List<Map.Entry<String, String>> items = new ArrayList<>(rows.entrySet());
        List<Row> table = new ArrayList<>();
        for (int i = 0; i < items.size(); i += 2) {
            List<Cell> cells = new ArrayList<>();
            for (int j = i; j < i + 2; j++) {
                boolean has = j < items.size();
                cells.add(Cell.of(has ? items.get(j).getKey() : "", f.fonts.bold(), 8, BLACK, false));
                cells.add(Cell.of(has ? items.get(j).getValue() : "", f.fonts.regular(), 8, BLACK, false));
            }
            table.add(new Row(cells, null));
        }
        f.table(new float[] {100, WIDTH / 2 - 100, 100, WIDTH / 2 - 100}, null, table);
    }

    private static void put(Map<String, String> m, String k, String v) {
        if (v != null && !v.isBlank()) {
            m.put(k, v);
        }
    }

    private boolean above(CandidateRow c) {
        Double g = c.outcomes().get(in.gradientKey());
        return g != null && g > in.thresholdMmHg();
    }

    private void outcomes(PageFlow f) throws IOException {
        Set<String> keys = new LinkedHashSet<>();
        in.candidates().forEach(c -> keys.addAll(c.outcomes().keySet()));
        List<String> all = new ArrayList<>(keys);
        CandidateRow base = in.baseline();
        f.heading("Outcomes per candidate", 80);
        if (all.isEmpty()) {
            f.paragraph("No outcomes were given.", f.fonts.regular(), 9, GREY, 0);
            return;
        }
        String thr = num(in.thresholdMmHg()) + " mmHg";
        int tables = (all.size() + OUTCOMES_PER_TABLE - 1) / OUTCOMES_PER_TABLE;
        int perTable = (all.size() + tables - 1) / tables;
        for (int from = 0; from < all.size(); from += perTable) {
            List<String> cols = all.subList(from, Math.min(all.size(), from + perTable));
            float nameW = 130, w = (WIDTH - nameW) / cols.size();
            float[] widths = new float[cols.size() + 1];
            widths[0] = nameW;
            List<String> header = new ArrayList<>();
            header.add("Candidate");
            for (int i = 0; i < cols.size(); i++) {
                widths[i + 1] = w;
                header.add(OutcomeLabels.label(cols.get(i)));
            }
            List<Row> rows = new ArrayList<>();
            for (CandidateRow c : in.candidates()) {
                boolean mark = above(c);
                List<Cell> cells = new ArrayList<>();
                List<Line> name = new ArrayList<>();
                name.add(new Line(c.name(), f.fonts.bold(), 8.5f, mark ? RED : BLACK));
                if (mark) {
                    name.add(new Line("▲ above " + thr, f.fonts.bold(), 7, RED));
                }
                if (c == base) {
                    name.add(new Line("baseline", f.fonts.regular(), 6.5f, GREY));
                }
                if (c.description() != null && !c.description().isBlank()) {
                    name.add(new Line(c.description(), f.fonts.regular(), 6.5f, GREY));
                }
                cells.add(new Cell(name, false));
                for (String k : cols) {
                    Double v = c.outcomes().get(k);
                    List<Line> lines = new ArrayList<>();
                    lines.add(new Line(v == null ? "—" : num(v), f.fonts.regular(), 8.5f,
                            mark && k.equals(in.gradientKey()) ? RED : BLACK));
                    if (k.equals(in.gradientKey()) && c.gradientCi95() != null) {
                        lines.add(new Line("95 % CI " + num(c.gradientCi95().low()) + "–" + num(c.gradientCi95().high()),
                                f.fonts.regular(), 6.5f, GREY));
                    }
                    Double b = base == null ? null : base.outcomes().get(k);
                    if (base != null && c != base && v != null && b != null && Double.isFinite(v) && Double.isFinite(b)) {
                        lines.add(new Line("Δ " + signed(v - b), f.fonts.regular(), 6.5f, GREY));
                    }
                    cells.add(new Cell(lines, true));
                }
                rows.add(new Row(cells, mark ? PALE_RED : null));
            }
            f.table(widths, header, rows);
        }
        f.paragraph((base == null ? "" : "Δ: difference from " + base.name() + " (candidate − " + base.name()
                + "), in the column's unit. ") + "Shaded rows marked ▲: " + lowerFirst(OutcomeLabels.label(in.gradientKey()))
                + " above " + thr + "; a peak-to-peak gradient of " + thr + " or more is the usual criterion for "
                + "intervention on a coarctation (2018 AHA/ACC guideline for adults with congenital heart disease). "
                + "A simulated peak instantaneous gradient is higher than a catheter peak-to-peak gradient.",
                f.fonts.regular(), 7, GREY, 0);
    }

    private void barChart(PageFlow f) throws IOException {
        List<CandidateRow> cs = in.candidates();
        float h = 205;
        f.ensure(h + 20);
        f.y -= 10;
        f.text(OutcomeLabels.label(in.gradientKey()) + " per candidate" + (cs.stream().anyMatch(c -> c.gradientCi95() != null)
                ? ", with 95 % interval" : ""), LEFT, f.y - 10, f.fonts.bold(), 10, PageFlow.HEAD);
        float top = f.y - 24, plotTop = top - 12, plotBottom = top - h + 32;
        float x0 = LEFT + 38, x1 = RIGHT - 46;
        double max = in.thresholdMmHg() * 1.15;
        Double measured = in.summary().patient() == null || !in.summary().patient().hasMeasuredGradient() ? null
                : in.summary().patient().measuredGradientMmHg();
        if (measured != null) {
            max = Math.max(max, measured * 1.1);
        }
        for (CandidateRow c : cs) {
            Double v = c.outcomes().get(in.gradientKey());
            if (v != null && Double.isFinite(v)) {
                max = Math.max(max, v * 1.1);
            }
            if (c.gradientCi95() != null) {
                max = Math.max(max, c.gradientCi95().high() * 1.05);
            }
        }
        double step = niceStep(max / 5);
        double yMax = Math.ceil(max / step) * step;
        float scale = (float) ((plotTop - plotBottom) / yMax);
        PDPageContentStream g = f.cs;
        // axes and grid
        for (double t = 0; t <= yMax + 1e-9; t += step) {
            float ty = plotBottom + (float) t * scale;
            f.rule(x0, x1, ty, t == 0 ? BLACK : PageFlow.LIGHT, t == 0 ? 0.8f : 0.5f);
            f.textRight(num(t), x0 - 4, ty - 2.5f, f.fonts.regular(), 7, GREY);
        }
        f.rule(x0, x0, plotBottom, BLACK, 0.8f);
        g.setStrokingColor(0f, 0f, 0f);
        g.moveTo(x0, plotBottom);
        g.lineTo(x0, plotTop);
        g.stroke();
        f.text("mmHg", LEFT, plotTop + 6, f.fonts.regular(), 7, GREY);
        // bars
        float slot = (x1 - x0) / cs.size();
        float barW = Math.min(slot * 0.55f, 56);
        CandidateRow base = in.baseline();
        for (int i = 0; i < cs.size(); i++) {
            CandidateRow c = cs.get(i);
            float cx = x0 + slot * (i + 0.5f);
            Double v = c.outcomes().get(in.gradientKey());
            float labelY;
            if (v != null && Double.isFinite(v)) {
                float bh = Math.max(0, (float) (double) v) * scale;
                f.fill(cx - barW / 2, plotBottom, barW, bh, above(c) ? RED : BLUE);
                labelY = plotBottom + bh;
                if (c.gradientCi95() != null) {
                    float lo = plotBottom + (float) Math.max(0, c.gradientCi95().low()) * scale;
                    float hi = plotBottom + (float) c.gradientCi95().high() * scale;
                    g.setStrokingColor(0f, 0f, 0f);
                    g.setLineWidth(0.9f);
                    g.moveTo(cx, lo);
                    g.lineTo(cx, hi);
                    g.moveTo(cx - 5, lo);
                    g.lineTo(cx + 5, lo);
                    g.moveTo(cx - 5, hi);
                    g.lineTo(cx + 5, hi);
                    g.stroke();
                    labelY = Math.max(labelY, hi);
                }
                f.textCentred(num(v), cx, labelY + 3, f.fonts.bold(), 7.5f, above(c) ? RED : BLACK);
            } else {
                f.textCentred("n/a", cx, plotBottom + 3, f.fonts.regular(), 7.5f, GREY);
            }
            if (measured != null && c == base) {
                float my = plotBottom + (float) (double) measured * scale;
                g.setStrokingColor(0.1f, 0.1f, 0.1f);
                g.setLineWidth(1.2f);
                g.setLineDashPattern(new float[] {1.5f, 1.5f}, 0);
                g.moveTo(cx - slot * 0.45f, my);
                g.lineTo(cx + slot * 0.45f, my);
                g.stroke();
                g.setLineDashPattern(new float[] {}, 0);
                f.text("measured " + num(measured), cx + slot * 0.45f + 2, my - 2.2f, f.fonts.regular(), 6.5f, BLACK);
            }
            List<String> name = f.wrap(c.name(), f.fonts.regular(), 7.5f, slot - 4);
            for (int l = 0; l < Math.min(2, name.size()); l++) {
                String s = l == 1 && name.size() > 2 ? f.fit(name.get(1) + " " + name.get(2), f.fonts.regular(), 7.5f, slot - 4) : name.get(l);
                f.textCentred(s, cx, plotBottom - 11 - 9 * l, f.fonts.regular(), 7.5f, BLACK);
            }
        }
        // threshold
        float ty = plotBottom + (float) in.thresholdMmHg() * scale;
        g.setStrokingColor(RED[0], RED[1], RED[2]);
        g.setLineWidth(1f);
        g.setLineDashPattern(new float[] {5, 3}, 0);
        g.moveTo(x0, ty);
        g.lineTo(x1, ty);
        g.stroke();
        g.setLineDashPattern(new float[] {}, 0);
        f.text(num(in.thresholdMmHg()) + " mmHg", x1 + 3, ty - 2.5f, f.fonts.bold(), 7.5f, RED);
        f.y = top - h;
        f.paragraph("Bars: simulated " + lowerFirst(OutcomeLabels.label(in.gradientKey()))
                + (cs.stream().anyMatch(c -> c.gradientCi95() != null) ? "; whiskers: 95 % interval" : "")
                + "; red: above the " + num(in.thresholdMmHg()) + " mmHg threshold (dashed line)"
                + (measured != null && base != null ? "; dotted: the measured gradient, over " + base.name() : "") + ".",
                f.fonts.regular(), 7, GREY, 0);
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
    }

    /** @return 1, 2, 2.5 or 5 × a power of ten, at least {@code raw} */
    static double niceStep(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * p >= raw) {
                return m * p;
            }
        }
        return 10 * p;
    }

    // ---- pictures -----------------------------------------------------------------------------------------------

    private void pictures(PageFlow f) throws IOException {
        float compH = 330;
        PDImageXObject comparison = in.comparisonImage() == null ? null : load(f, in.comparisonImage());
        f.heading("Side-by-side comparison", comparison == null ? 30 : scaledHeight(comparison, compH) + 30);
        if (comparison == null) {
            f.paragraph("No comparison image was rendered for this report (rendering needs a display).", f.fonts.regular(), 9, GREY, 0);
        } else {
            image(f, comparison, "The candidates side by side: the patient's aorta with each repair applied, "
                    + "outcomes under each view.", compH);
        }
        boolean first = true;
        for (ReportInput.Figure c : in.charts()) {
            PDImageXObject img = load(f, c.png());
            if (first) {
                f.heading("Charts", scaledHeight(img, 300) + 30);
                first = false;
            }
            image(f, img, c.caption(), 300);
        }
    }

    private static PDImageXObject load(PageFlow f, Path png) throws IOException {
        if (!Files.isRegularFile(png)) {
            throw new IOException("report image " + png + " does not exist");
        }
        try {
            return PDImageXObject.createFromFile(png.toString(), f.doc);
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException("report image " + png + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static float scaledHeight(PDImageXObject img, float maxH) {
        return img.getHeight() * Math.min(WIDTH / img.getWidth(), maxH / img.getHeight());
    }

    private static void image(PageFlow f, PDImageXObject img, String caption, float maxH) throws IOException {
        float s = Math.min(WIDTH / img.getWidth(), maxH / img.getHeight());
        float w = img.getWidth() * s, h = img.getHeight() * s;
        f.ensure(h + 24);
        f.y -= h + 4;
        f.cs.drawImage(img, LEFT + (WIDTH - w) / 2, f.y, w, h);
        f.cs.setStrokingColor(RULE[0], RULE[1], RULE[2]);
        f.cs.setLineWidth(0.5f);
        f.cs.addRect(LEFT + (WIDTH - w) / 2, f.y, w, h);
        f.cs.stroke();
        if (!caption.isBlank()) {
            f.paragraph(caption, f.fonts.regular(), 7.5f, GREY, 0);
        }
        f.y -= 6;
    }

    // ---- assumptions and credibility ---------------------------------------------------------------------------

    private void assumptions(PageFlow f) throws IOException {
        f.heading("Model assumptions", 40);
        if (in.assumptions().isBlank()) {
            f.paragraph("No assumptions were given with this report.", f.fonts.regular(), 9, GREY, 0);
            return;
        }
        for (String para : in.assumptions().strip().split("\\n\\s*\\n")) {
            StringBuilder text = new StringBuilder();
            for (String line : para.split("\\n")) {
                String l = line.strip();
                if (l.startsWith("- ") || l.startsWith("• ")) {
                    flush(f, text);
                    bullet(f, l.substring(2));
                } else {
                    text.append(text.length() == 0 ? "" : " ").append(l);
                }
            }
            flush(f, text);
            f.y -= 4;
        }
    }

    private static void flush(PageFlow f, StringBuilder text) throws IOException {
        if (text.length() > 0) {
            f.paragraph(text.toString(), f.fonts.regular(), 8.5f, BLACK, 0);
            text.setLength(0);
        }
    }

    private static void bullet(PageFlow f, String s) throws IOException {
        List<String> lines = f.wrap(s, f.fonts.regular(), 8.5f, WIDTH - 12);
        float lead = 8.5f * 1.35f;
        for (int i = 0; i < lines.size(); i++) {
            f.ensure(lead);
            f.y -= lead;
            if (i == 0) {
                f.text("•", LEFT + 2, f.y + 2.5f, f.fonts.regular(), 8.5f, BLACK);
            }
            f.text(lines.get(i), LEFT + 12, f.y + 2.5f, f.fonts.regular(), 8.5f, BLACK);
        }
    }

    private void credibility(PageFlow f) throws IOException {
        f.heading("Credibility: verification and validation", 60);
        List<CaseResult> v = in.verification();
        if (v.isEmpty()) {
            f.paragraph("No verification results were supplied with this report.", f.fonts.regular(), 9, GREY, 0);
            return;
        }
        long checked = v.stream().filter(r -> !Double.isNaN(r.tolerance())).count();
        long passed = v.stream().filter(r -> !Double.isNaN(r.tolerance()) && r.passed()).count();
        f.paragraph("The model's results on cases with a known answer (analytic solutions, experiments, other solvers): "
                + passed + " of " + checked + (checked == 1 ? " case with a tolerance passes" : " cases with a tolerance pass")
                + (checked < v.size() ? "; " + (v.size() - checked) + (v.size() - checked == 1 ? " case only reports its error"
                : " cases only report their error") : "") + ".", f.fonts.regular(), 8.5f, BLACK, 0);
        f.y -= 3;
        List<Row> rows = new ArrayList<>();
        for (CaseResult r : v) {
            List<Line> name = new ArrayList<>();
            name.add(new Line(r.name(), f.fonts.bold(), 7.5f, BLACK));
            if (!r.source().isBlank()) {
                name.add(new Line(r.source(), f.fonts.regular(), 6, GREY));
            }
            String unit = r.errorUnit().isBlank() ? "" : (r.errorUnit().equals("%") ? " %" : " " + r.errorUnit());
            boolean reportOnly = Double.isNaN(r.tolerance());
            rows.add(new Row(List.of(new Cell(name, false),
                    Cell.of(r.quantity(), f.fonts.regular(), 7.5f, BLACK, false),
                    Cell.of(num(r.reference()), f.fonts.regular(), 7.5f, BLACK, true),
                    Cell.of(num(r.value()), f.fonts.regular(), 7.5f, BLACK, true),
                    Cell.of(num(r.error()) + unit, f.fonts.regular(), 7.5f, BLACK, true),
                    Cell.of(reportOnly ? "—" : "≤ " + num(r.tolerance()) + unit, f.fonts.regular(), 7.5f, BLACK, true),
                    Cell.of(reportOnly ? "report" : r.passed() ? "pass" : "FAIL", f.fonts.bold(), 7.5f,
                            reportOnly ? GREY : r.passed() ? GREEN : RED, true)),
                    !reportOnly && !r.passed() ? PALE_RED : null));
        }
        f.table(new float[] {150, 100, 50, 50, 52, 52, WIDTH - 454}, List.of("Case", "Quantity", "Reference", "Value",
                "Error", "Tolerance", "Pass"), rows);
    }

    // ---- footer and numbers -------------------------------------------------------------------------------------

    private void footers(PDDocument doc, ReportFonts fonts) throws IOException {
        int n = doc.getNumberOfPages();
        for (int i = 0; i < n; i++) {
            PDPage page = doc.getPage(i);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page, PDPageContentStream.AppendMode.APPEND, true, true)) {
                cs.setStrokingColor(RULE[0], RULE[1], RULE[2]);
                cs.setLineWidth(0.5f);
                cs.moveTo(LEFT, BOTTOM - 22);
                cs.lineTo(RIGHT, BOTTOM - 22);
                cs.stroke();
                String left = fonts.safe(in.title() + " · " + WHEN.format(in.generated()) + " · for discussion, not a diagnosis");
                String right = fonts.safe("page " + (i + 1) + " of " + n);
                cs.beginText();
                cs.setFont(fonts.regular(), 7);
                cs.setNonStrokingColor(GREY[0], GREY[1], GREY[2]);
                cs.newLineAtOffset(LEFT, BOTTOM - 32);
                cs.showText(left);
                cs.endText();
                cs.beginText();
                cs.newLineAtOffset(RIGHT - fonts.width(right, fonts.regular(), 7), BOTTOM - 32);
                cs.showText(right);
                cs.endText();
            }
        }
    }

    /**
     * @param v a value
     * @return the value with three significant digits (at most: 38.25 → "38.3", 6.5 → "6.5", 1234 → "1230"),
     *         a typographic minus for negatives, "n/a" when not finite
     */
    static String num(double v) {
        if (!Double.isFinite(v)) {
            return "n/a";
        }
        if (v == 0) {
            return "0";
        }
        String s = BigDecimal.valueOf(v).round(new MathContext(3)).stripTrailingZeros().toPlainString();
        return s.startsWith("-") ? "−" + s.substring(1) : s;
    }

    /** @return {@link #num} with an explicit sign: "+1.2", "−3.4", "0" */
    static String signed(double v) {
        String s = num(v);
        return v > 0 && !s.equals("0") ? "+" + s : s;
    }
}
