package org.rehearse.rendering;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import javafx.application.ConditionalFeature;
import javafx.application.Platform;
import javafx.scene.image.Image;
import javafx.scene.paint.Color;

/** Starts JavaFX for rendering tests (they need a display: run under xvfb-run) and reads pixels. */
final class FxTestSupport {
    private FxTestSupport() {
    }

    static void start() {
        FxThread.ensureStarted();
        assertTrue(Platform.isSupported(ConditionalFeature.SCENE3D),
                "JavaFX 3D is not supported here; run with -Dprism.order=es2 -Dprism.forceGPU=true under Xvfb/Mesa");
    }

    static Color pixel(Image img, double x, double y) {
        return img.getPixelReader().getColor((int) x, (int) y);
    }

    /** Fraction of pixels in a rectangle whose colour is reddish (red clearly above green and blue). */
    static double redFraction(Image img, int x0, int y0, int x1, int y1) {
        int red = 0, all = 0;
        for (int y = Math.max(0, y0); y < Math.min((int) img.getHeight(), y1); y++) {
            for (int x = Math.max(0, x0); x < Math.min((int) img.getWidth(), x1); x++) {
                Color c = img.getPixelReader().getColor(x, y);
                if (c.getRed() > 0.25 && c.getRed() > 1.6 * c.getGreen() && c.getRed() > 1.6 * c.getBlue()) {
                    red++;
                }
                all++;
            }
        }
        return all == 0 ? 0 : (double) red / all;
    }

    static Path targetDir() {
        return Path.of(System.getProperty("user.dir"), "target");
    }
}
