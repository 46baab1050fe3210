package org.rehearse.rendering;

import java.util.List;
import java.util.function.BiConsumer;
import javafx.scene.control.ComboBox;

/**
 * A display window (width and centre "level", in Hounsfield units) that maps the HU range
 * [level − window/2, level + window/2] linearly onto black … white (DICOM PS3.3 C.11.2.1.2, VOI LUT linear function).
 *
 * @param name     what it is for, shown in the preset menu
 * @param windowHu window width, HU, &gt; 0
 * @param levelHu  window centre, HU
 */
public record WindowPreset(String name, double windowHu, double levelHu) {
    /**
     * Common CT presets. Soft tissue, lung and bone follow the usual radiology conventions (e.g. Radiopaedia,
     * "Windowing (CT)": soft tissue W 400 / L 40, lung W 1500 / L −600, bone W 1800 / L 400); the CT angiography
     * window (W 600 / L 170) puts contrast-filled lumen (≈ 200–450 HU) in the upper grey range, as vascular
     * workstations do.
     */
    public static final List<WindowPreset> CT_PRESETS = List.of(
            new WindowPreset("CT angiography", 600, 170),
            new WindowPreset("Soft tissue", 400, 40),
            new WindowPreset("Lung", 1500, -600),
            new WindowPreset("Bone", 1800, 400));

    /** @throws IllegalArgumentException when the window is not positive */
    public WindowPreset {
        if (!(windowHu > 0)) {
            throw new IllegalArgumentException("window width must be positive, got " + windowHu + " for preset " + name);
        }
    }

    /**
     * Fills a preset menu with {@link #CT_PRESETS} and applies the chosen one. Call on the JavaFX thread.
     *
     * @param menu          the menu
     * @param setWindowLevel receives (window, level) in HU when a preset is chosen
     */
    public static void install(ComboBox<WindowPreset> menu, BiConsumer<Double, Double> setWindowLevel) {
        menu.getItems().setAll(CT_PRESETS);
        menu.setPromptText("Window preset");
        menu.setOnAction(e -> {
            WindowPreset p = menu.getValue();
            if (p != null) {
                setWindowLevel.accept(p.windowHu(), p.levelHu());
            }
        });
    }

    @Override
    public String toString() {
        return String.format("%s (W %.0f / L %.0f)", name, windowHu, levelHu);
    }
}
