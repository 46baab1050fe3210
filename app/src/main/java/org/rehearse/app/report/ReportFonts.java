package org.rehearse.app.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * The report's fonts: DejaVu Sans (regular and bold) embedded as Unicode TrueType fonts when the files exist (Debian
 * package {@code fonts-dejavu-core}, folder {@value #DEJAVU_DIR}), otherwise Helvetica of the PDF standard 14 fonts,
 * which covers only WinAnsi (Latin-1 and a few signs). Text is passed through {@link #safe} before it is drawn, which
 * replaces characters the font has no glyph for by an ASCII spelling (≤ → "<=", − → "-", Δ → "d", …) or "?", so
 * that drawing never fails on an unexpected character.
 */
public final class ReportFonts {
    /** Where Debian's fonts-dejavu-core puts the DejaVu TrueType files. */
    public static final String DEJAVU_DIR = "/usr/share/fonts/truetype/dejavu";

    private static final Map<Integer, String> ASCII = Map.ofEntries(
            Map.entry(0x2264, "<="), Map.entry(0x2265, ">="), Map.entry(0x2212, "-"), Map.entry(0x2013, "-"),
            Map.entry(0x2014, "-"), Map.entry(0x00D7, "x"), Map.entry(0x0394, "d"), Map.entry(0x00B1, "+/-"),
            Map.entry(0x2192, "->"), Map.entry(0x2026, "..."), Map.entry(0x00B2, "2"), Map.entry(0x00B3, "3"),
            Map.entry(0x00B7, "."), Map.entry(0x03BC, "u"), Map.entry(0x00B5, "u"), Map.entry(0x2248, "~"),
            Map.entry(0x2018, "'"), Map.entry(0x2019, "'"), Map.entry(0x201C, "\""), Map.entry(0x201D, "\""),
            Map.entry(0x2022, "*"), Map.entry(0x25B2, "^"), Map.entry(0x2713, "v"), Map.entry(0x2717, "x"),
            Map.entry(0x00A0, " "), Map.entry(0x2009, " "), Map.entry(0x202F, " "));

    private final PDFont regular;
    private final PDFont bold;
    private final boolean unicode;
    private final Map<Integer, String> cache = new HashMap<>();

    private ReportFonts(PDFont regular, PDFont bold, boolean unicode) {
        this.regular = regular;
        this.bold = bold;
        this.unicode = unicode;
    }

    /**
     * Loads the fonts into a document.
     *
     * @param doc         the document they are embedded in (as subsets)
     * @param fontDir     the folder with DejaVuSans.ttf and DejaVuSans-Bold.ttf ({@value #DEJAVU_DIR}), or null to
     *                    use the standard 14 fonts
     * @return the fonts: DejaVu when both files are there and load, else Helvetica
     * @throws IOException when a DejaVu file exists but cannot be read as a font
     */
    public static ReportFonts load(PDDocument doc, Path fontDir) throws IOException {
        if (fontDir != null) {
            Path r = fontDir.resolve("DejaVuSans.ttf"), b = fontDir.resolve("DejaVuSans-Bold.ttf");
            if (Files.isRegularFile(r) && Files.isRegularFile(b)) {
                return new ReportFonts(PDType0Font.load(doc, r.toFile()), PDType0Font.load(doc, b.toFile()), true);
            }
        }
        return new ReportFonts(new PDType1Font(Standard14Fonts.FontName.HELVETICA),
                new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD), false);
    }

    /** @return the regular font */
    public PDFont regular() {
        return regular;
    }

    /** @return the bold font */
    public PDFont bold() {
        return bold;
    }

    /** @return whether the fonts are the embedded Unicode TrueType fonts (false: standard 14 fallback) */
    public boolean unicode() {
        return unicode;
    }

    /**
     * @param text any text; control characters (tabs, line breaks) become spaces
     * @return the text with every character the fonts cannot draw replaced by an ASCII spelling or "?"
     */
    public String safe(String text) {
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> b.append(cache.computeIfAbsent(cp, this::map)));
        return b.toString();
    }

    /**
     * @param text  text as drawn (after {@link #safe})
     * @param font  one of this object's fonts
     * @param sizePt font size in points
     * @return its width in points
     */
    public float width(String text, PDFont font, float sizePt) {
        try {
            return font.getStringWidth(safe(text)) / 1000f * sizePt;
        } catch (IOException e) {
            throw new IllegalStateException("cannot measure text in font " + font.getName() + ": " + e.getMessage(), e);
        }
    }

    private String map(int cp) {
        if (Character.isISOControl(cp)) {
            return " ";
        }
        String s = new String(Character.toChars(cp));
        if (drawable(s)) {
            return s;
        }
        String alt = ASCII.get(cp);
        return alt != null && drawable(alt) ? alt : "?";
    }

    private boolean drawable(String s) {
        try {
            regular.encode(s);
            bold.encode(s);
            return true;
        } catch (IllegalArgumentException | IOException e) {
            return false;
        }
    }
}
