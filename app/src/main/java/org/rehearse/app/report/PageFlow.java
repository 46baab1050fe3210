package org.rehearse.app.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;

/**
 * A top-to-bottom flow of text, tables and pictures over A4 pages: a cursor {@code y} (PDF points from the page
 * bottom) moves down as content is added and a new page begins when the next piece does not fit. Package-private
 * layout helper of {@link PdfReport}.
 */
final class PageFlow implements AutoCloseable {
    static final PDRectangle SIZE = PDRectangle.A4;
    static final float LEFT = 50, RIGHT = SIZE.getWidth() - 50, TOP = SIZE.getHeight() - 48, BOTTOM = 62;
    static final float WIDTH = RIGHT - LEFT;
    static final float[] BLACK = {0, 0, 0}, GREY = {0.38f, 0.38f, 0.4f}, LIGHT = {0.93f, 0.93f, 0.94f},
            RULE = {0.75f, 0.75f, 0.78f}, RED = {0.78f, 0.13f, 0.12f}, PALE_RED = {1f, 0.89f, 0.88f},
            GREEN = {0.1f, 0.5f, 0.2f}, BLUE = {0.16f, 0.42f, 0.66f}, HEAD = {0.1f, 0.22f, 0.38f};

    final PDDocument doc;
    final ReportFonts fonts;
    PDPageContentStream cs;
    float y;

    PageFlow(PDDocument doc, ReportFonts fonts) {
        this.doc = doc;
        this.fonts = fonts;
    }

    /** Starts a new page with the cursor at the top. */
    void newPage() throws IOException {
        if (cs != null) {
            cs.close();
        }
        PDPage page = new PDPage(SIZE);
        doc.addPage(page);
        cs = new PDPageContentStream(doc, page);
        y = TOP;
    }

    /** Starts a new page unless {@code heightPt} still fits above the bottom margin. */
    void ensure(float heightPt) throws IOException {
        if (cs == null || y - heightPt < BOTTOM) {
            newPage();
        }
    }

    /** @return the height left on this page above the bottom margin */
    float left() {
        return y - BOTTOM;
    }

    /** Draws one line of text with its baseline at (x, baseline). */
    void text(String s, float x, float baseline, PDFont font, float size, float[] rgb) throws IOException {
        cs.beginText();
        cs.setFont(font, size);
        cs.setNonStrokingColor(rgb[0], rgb[1], rgb[2]);
        cs.newLineAtOffset(x, baseline);
        cs.showText(fonts.safe(s));
        cs.endText();
    }

    /** Draws one line of text right-aligned at x. */
    void textRight(String s, float xRight, float baseline, PDFont font, float size, float[] rgb) throws IOException {
        text(s, xRight - fonts.width(s, font, size), baseline, font, size, rgb);
    }

    /** Draws one line of text centred on x. */
    void textCentred(String s, float xCentre, float baseline, PDFont font, float size, float[] rgb) throws IOException {
        text(s, xCentre - fonts.width(s, font, size) / 2, baseline, font, size, rgb);
    }

    /** @return the text broken into lines no wider than {@code width} (words longer than a line are cut) */
    List<String> wrap(String s, PDFont font, float size, float width) {
        List<String> lines = new ArrayList<>();
        for (String para : s.split("\n", -1)) {
            StringBuilder line = new StringBuilder();
            for (String word : para.split(" +")) {
                if (word.isEmpty()) {
                    continue;
                }
                String candidate = line.length() == 0 ? word : line + " " + word;
                if (fonts.width(candidate, font, size) <= width) {
                    line.setLength(0);
                    line.append(candidate);
                    continue;
                }
                if (line.length() > 0) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                while (fonts.width(word, font, size) > width && word.length() > 1) {
                    int n = word.length() - 1;
                    while (n > 1 && fonts.width(word.substring(0, n), font, size) > width) {
                        n--;
                    }
                    lines.add(word.substring(0, n));
                    word = word.substring(n);
                }
                line.append(word);
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /** @return the text shortened with "…" to fit the width */
    String fit(String s, PDFont font, float size, float width) {
        if (fonts.width(s, font, size) <= width) {
            return s;
        }
        String t = s;
        while (t.length() > 1 && fonts.width(t + "…", font, size) > width) {
            t = t.substring(0, t.length() - 1);
        }
        return t + "…";
    }

    /** Adds a wrapped paragraph at the cursor, indented by {@code indent}, and moves the cursor below it. */
    void paragraph(String s, PDFont font, float size, float[] rgb, float indent) throws IOException {
        float lead = size * 1.35f;
        for (String line : wrap(s, font, size, WIDTH - indent)) {
            ensure(lead);
            y -= lead;
            text(line, LEFT + indent, y + size * 0.3f, font, size, rgb);
        }
    }

    /** Adds a section heading, keeping it on the page with at least {@code keepWithNext} points of what follows. */
    void heading(String s, float keepWithNext) throws IOException {
        ensure(30 + keepWithNext);
        if (y < TOP) {
            y -= 10;
        }
        y -= 16;
        text(s, LEFT, y, fonts.bold(), 13, HEAD);
        y -= 5;
        rule(LEFT, RIGHT, y, HEAD, 0.8f);
        y -= 6;
    }

    /** A horizontal line. */
    void rule(float x0, float x1, float atY, float[] rgb, float widthPt) throws IOException {
        cs.setStrokingColor(rgb[0], rgb[1], rgb[2]);
        cs.setLineWidth(widthPt);
        cs.moveTo(x0, atY);
        cs.lineTo(x1, atY);
        cs.stroke();
    }

    /** A filled rectangle. */
    void fill(float x, float yBottom, float w, float h, float[] rgb) throws IOException {
        cs.setNonStrokingColor(rgb[0], rgb[1], rgb[2]);
        cs.addRect(x, yBottom, w, h);
        cs.fill();
    }

    // ---- tables ---------------------------------------------------------------------------------------------------

    /** One line of a table cell. */
    record Line(String text, PDFont font, float size, float[] rgb) { }

    /** A table cell: lines, each wrapped to the column width; right-aligned (numbers) or left-aligned. */
    record Cell(List<Line> lines, boolean right) {
        static Cell of(String text, PDFont font, float size, float[] rgb, boolean right) {
            return new Cell(List.of(new Line(text, font, size, rgb)), right);
        }
    }

    /** A table row with an optional background colour. */
    record Row(List<Cell> cells, float[] background) { }

    private static final float PAD = 3;

    /**
     * Adds a table: a header row (repeated on every page the table continues on) and rows that are never split.
     *
     * @param widths column widths in points (sum ≤ {@link #WIDTH})
     * @param header the header texts, or null for a table without a header row
     * @param rows   the rows
     */
    void table(float[] widths, List<String> header, List<Row> rows) throws IOException {
        Row head = null;
        float headH = 0;
        if (header != null) {
            List<Cell> hc = new ArrayList<>();
            for (int c = 0; c < header.size(); c++) {
                final int col = c;
                boolean right = !rows.isEmpty() && rows.stream().allMatch(r -> r.cells().get(col).right());
                hc.add(Cell.of(header.get(c), fonts.bold(), 7.5f, BLACK, right));
            }
            head = new Row(hc, LIGHT);
            headH = height(head, widths);
        }
        boolean first = true;
        for (Row r : rows) {
            float h = height(r, widths);
            if (first || y - h < BOTTOM) {
                ensure(headH + h);
                if (head != null) {
                    drawRow(head, widths, headH);
                }
                first = false;
            }
            drawRow(r, widths, h);
        }
        y -= 4;
    }

    private List<List<String>> wrapped(Cell cell, float width) {
        List<List<String>> out = new ArrayList<>();
        for (Line l : cell.lines()) {
            out.add(wrap(l.text(), l.font(), l.size(), width - 2 * PAD));
        }
        return out;
    }

    private float height(Row r, float[] widths) {
        float max = 0;
        for (int c = 0; c < r.cells().size(); c++) {
            Cell cell = r.cells().get(c);
            List<List<String>> w = wrapped(cell, widths[c]);
            float h = 0;
            for (int i = 0; i < w.size(); i++) {
                h += w.get(i).size() * cell.lines().get(i).size() * 1.25f;
            }
            max = Math.max(max, h);
        }
        return max + 2 * PAD;
    }

    private void drawRow(Row r, float[] widths, float h) throws IOException {
        float total = 0;
        for (float w : widths) {
            total += w;
        }
        if (r.background() != null) {
            fill(LEFT, y - h, total, h, r.background());
        }
        float x = LEFT;
        for (int c = 0; c < r.cells().size(); c++) {
            Cell cell = r.cells().get(c);
            float cy = y - PAD;
            List<List<String>> w = wrapped(cell, widths[c]);
            for (int i = 0; i < w.size(); i++) {
                Line l = cell.lines().get(i);
                for (String s : w.get(i)) {
                    cy -= l.size() * 1.25f;
                    float base = cy + l.size() * 0.28f;
                    if (cell.right()) {
                        textRight(s, x + widths[c] - PAD, base, l.font(), l.size(), l.rgb());
                    } else {
                        text(s, x + PAD, base, l.font(), l.size(), l.rgb());
                    }
                }
            }
            x += widths[c];
        }
        y -= h;
        rule(LEFT, LEFT + total, y, RULE, 0.4f);
    }

    @Override
    public void close() throws IOException {
        if (cs != null) {
            cs.close();
            cs = null;
        }
    }
}
