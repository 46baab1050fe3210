package org.rehearse.segmentation.edit;

import java.util.Objects;

/**
 * One named label of a {@link Segmentation}: the byte value it has in the label map, a display name and a display
 * colour. The colour is display metadata kept with the label list; the label map itself holds only values.
 *
 * @param value     label value in the label map, 1…255 (0 is background and never a label)
 * @param name      display name, e.g. "aorta"; not blank
 * @param rgbColour display colour as 0xRRGGBB (sRGB, 8 bits per channel), 0…0xFFFFFF
 */
public record LabelInfo(int value, String name, int rgbColour) {
    /** A palette of well-separated colours used when a label is created without a colour (0xRRGGBB). */
    private static final int[] PALETTE = {
        0xD8654F, 0x80AE80, 0xF1D691, 0xB17A65, 0x6FB8D2, 0xDD8265, 0x90EE90, 0xC0687A,
        0xDCF514, 0x4EE2E3, 0xE6B3E6, 0xAA7FFF, 0xFFA500, 0x3C78D8, 0x9F5F9F, 0x5FA05F};

    /**
     * @throws IllegalArgumentException when the value is outside 1…255, the name is blank or the colour is outside
     *                                  0…0xFFFFFF
     */
    public LabelInfo {
        Objects.requireNonNull(name, "label name");
        if (value < 1 || value > 255) {
            throw new IllegalArgumentException("label value must be 1…255 (0 is background), got " + value + " for \"" + name + "\"");
        }
        if (name.isBlank()) {
            throw new IllegalArgumentException("label " + value + " has a blank name");
        }
        if (rgbColour < 0 || rgbColour > 0xFFFFFF) {
            throw new IllegalArgumentException("label colour must be 0xRRGGBB, got 0x" + Integer.toHexString(rgbColour) + " for \"" + name + "\"");
        }
    }

    /** @return a default display colour (0xRRGGBB) for the label value, from a fixed palette that cycles */
    public static int defaultColour(int value) {
        return PALETTE[Math.floorMod(value - 1, PALETTE.length)];
    }

    /** @return the colour as an HTML/CSS hex string "#rrggbb" */
    public String hexColour() {
        return String.format("#%06x", rgbColour);
    }

    /** @return this label with another name (same value and colour) */
    public LabelInfo withName(String newName) {
        return new LabelInfo(value, newName, rgbColour);
    }

    /** @return this label with another colour 0xRRGGBB (same value and name) */
    public LabelInfo withColour(int newRgbColour) {
        return new LabelInfo(value, name, newRgbColour);
    }
}
