package org.rehearse.rendering;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.paint.CycleMethod;
import javafx.scene.paint.LinearGradient;
import javafx.scene.paint.Stop;

/**
 * The colour scale of scalar-coloured surfaces and of their legend: dark blue (low) through cyan, green and yellow to
 * red (high), piecewise linear in RGB between five stops. The same ramp is used as a 1D texture on the surfaces
 * ({@link #textureImage()}, addressed by {@link #textureU(double, double, double)}) and as the legend's gradient
 * ({@link #gradient(boolean)}), so that a colour on a surface reads the same value on the legend.
 */
public final class ColourRamp {
    private static final Color[] STOPS = {
        Color.rgb(30, 40, 150), Color.rgb(30, 150, 220), Color.rgb(60, 190, 90), Color.rgb(240, 210, 40),
        Color.rgb(215, 40, 35)
    };
    /** Width of the texture image in pixels (the number of distinct colours on a surface). */
    public static final int TEXTURE_WIDTH = 256;

    private ColourRamp() {
    }

    /**
     * @param t position on the ramp, 0 (low) … 1 (high); clamped; NaN gives grey
     * @return the colour there
     */
    public static Color colour(double t) {
        if (Double.isNaN(t)) {
            return Color.GRAY;
        }
        double x = Math.max(0, Math.min(1, t)) * (STOPS.length - 1);
        int i = Math.min(STOPS.length - 2, (int) Math.floor(x));
        return STOPS[i].interpolate(STOPS[i + 1], x - i);
    }

    /**
     * @return a {@value #TEXTURE_WIDTH} × 4 pixel image of the ramp, low on the left; every row is the same, so only
     *         the u texture coordinate matters
     */
    public static WritableImage textureImage() {
        WritableImage img = new WritableImage(TEXTURE_WIDTH, 4);
        PixelWriter w = img.getPixelWriter();
        for (int x = 0; x < TEXTURE_WIDTH; x++) {
            Color c = colour((x + 0.5) / TEXTURE_WIDTH);
            for (int y = 0; y < 4; y++) {
                w.setColor(x, y, c);
            }
        }
        return img;
    }

    /**
     * The u texture coordinate of a value: the centre of its texel, so that neither linear filtering nor wrapping
     * mixes in the other end of the ramp.
     *
     * @param value the value; NaN maps to the low end
     * @param min   value at the low end of the ramp
     * @param max   value at the high end (when not above {@code min}, every value maps to the middle)
     * @return u in [0.5/width, 1 − 0.5/width]
     */
    public static float textureU(double value, double min, double max) {
        double t = max > min ? (value - min) / (max - min) : 0.5;
        if (Double.isNaN(t)) {
            t = 0;
        }
        t = Math.max(0, Math.min(1, t));
        double half = 0.5 / TEXTURE_WIDTH;
        return (float) (half + t * (1 - 2 * half));
    }

    /**
     * @param vertical true for a gradient from the bottom (low) to the top (high); false for left (low) to right
     * @return the ramp as a proportional linear gradient (for a legend bar)
     */
    public static LinearGradient gradient(boolean vertical) {
        List<Stop> stops = new ArrayList<>();
        for (int i = 0; i < STOPS.length; i++) {
            stops.add(new Stop(i / (double) (STOPS.length - 1), STOPS[i]));
        }
        return vertical ? new LinearGradient(0, 1, 0, 0, true, CycleMethod.NO_CYCLE, stops)
                : new LinearGradient(0, 0, 1, 0, true, CycleMethod.NO_CYCLE, stops);
    }
}
